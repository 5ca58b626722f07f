"""Plone's member menu in the header names the member signed in, read from
her own user, not hunted for again through every user source (patches.py 8);
anyone else's info is looked up as before."""

from lxml import html
from plone import api
from Products.CMFCore.MembershipTool import MembershipTool
from tests.fixtures.http import get

import transaction


def test_the_member_menu_names_her_without_hunting_for_her(
    organisation_site, monkeypatch
):
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username="olle.medarbetare").setMemberProperties(
            {"fullname": "Olle Medarbetare"}
        )
    transaction.commit()
    hunted = []
    original = MembershipTool._huntUser

    def counted(self, member_id, context):
        hunted.append(member_id)
        return original(self, member_id, context)

    monkeypatch.setattr(MembershipTool, "_huntUser", counted)
    page = html.fromstring(get(f"{organisation_site}/@@hitta-kontakt").text)
    (menu,) = page.xpath('//*[@id="portal-membertools-wrapper"]')
    assert "Olle Medarbetare" in menu.text_content()
    assert "olle.medarbetare" not in hunted


def test_anyone_elses_info_is_looked_up(organisation_site):
    membership = api.portal.get_tool("portal_membership")
    with api.env.adopt_user(username="olle.medarbetare"):
        assert membership.getMemberInfo("karin.hr")["username"] == "karin.hr"
        assert membership.getMemberInfo("olle.medarbetare")["username"] == (
            "olle.medarbetare"
        )
        assert membership.getMemberInfo("ingen.alls") is None
