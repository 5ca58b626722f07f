"""The member menu's, the footer's and the top navigation's actions are
kept in memory per what they depend on (patches.py 10, issue 21): each
member still gets the menu of her own roles, and a changed action shows."""

from plone import api
from tests.fixtures.calls import spied
from tests.fixtures.http import page
from tests.fixtures.http import portal_url

import transaction


STATISTICS = '//a[contains(@href, "@@statistik")]'  # the member menu's Statistik


def test_each_member_gets_the_menu_of_her_roles(site):
    url = portal_url()
    for _ in range(2):  # staff after the Webbredaktör, and again
        assert page("webbred", url).xpath(STATISTICS)
        assert not page("olle.medarbetare", url).xpath(STATISTICS)


def test_a_changed_action_shows_at_once(site):
    url = portal_url()
    sitemap = '//li[contains(@class, "solna-footer-sitemap")]/a'
    assert page("olle.medarbetare", url).xpath(sitemap)
    action = api.portal.get_tool("portal_actions").site_actions.sitemap
    action.visible = False
    transaction.commit()
    try:
        assert not page("olle.medarbetare", url).xpath(sitemap)
    finally:
        action.visible = True
        transaction.commit()
    assert page("olle.medarbetare", url).xpath(sitemap)


def test_the_second_page_works_out_no_site_wide_action(portal, http_request):
    from Products.CMFPlone.ActionsTool import ActionsTool
    from zope.component import getMultiAdapter

    def actions():
        state = getMultiAdapter((portal, http_request), name="plone_context_state")
        return [a["id"] for a in state.actions("site_actions")]

    first = actions()
    with spied(ActionsTool, "listActionInfos") as worked_out:
        assert actions() == first
    assert worked_out.call_count == 0
    assert "sitemap" in first


def test_a_page_asks_for_the_members_roles_on_the_site_once(portal, http_request):
    """The key of the three categories' memory needs the member's roles on
    the site; borg.localrole works them out through all her groups, so a
    page asks once, not once per category."""
    from Products.PlonePAS.plugins.ufactory import PloneUser
    from zope.component import getMultiAdapter

    state = getMultiAdapter((portal, http_request), name="plone_context_state")
    with spied(PloneUser, "getRolesInContext") as asked:
        menus = [state.actions(category) for category in ("user", "site_actions")]
        menus.append(state.actions("portal_tabs"))
    on_the_site = [call for call in asked.call_args_list if call.args[1] == portal]
    assert len(on_the_site) == 1
    assert all(menus[:2])
