"""The upgrade-step mechanism: the profile's version and its steps agree."""

from pathlib import Path
from Products.GenericSetup.upgrade import listUpgradeSteps
from solna.intranet import PACKAGE_NAME

import re


PROFILE = f"{PACKAGE_NAME}:default"
METADATA = (
    Path(__file__).parents[2] / "src/solna/intranet/profiles/default/metadata.xml"
)
#: The profile's first version: no step leads to it.
INITIAL_VERSION = "20261129001"


def metadata_version():
    return re.search(r"<version>(\d+)</version>", METADATA.read_text()).group(1)


def test_version_is_a_date_and_a_counter():
    assert re.fullmatch(r"20\d{6}\d{3}", metadata_version())


def test_last_upgrade_step_leads_to_the_metadata_version(setup_tool):
    steps = listUpgradeSteps(setup_tool, PROFILE, "0")
    destinations = [
        step[-1]["dest"] if isinstance(step, list) else step["dest"] for step in steps
    ]
    if destinations:
        last = max(destinations, key=lambda dest: tuple(map(int, dest)))
        assert ".".join(last) == metadata_version()
    else:
        assert metadata_version() == INITIAL_VERSION


def test_no_upgrade_pending_after_install(setup_tool):
    assert setup_tool.listUpgrades(PROFILE) == []
    assert setup_tool.getLastVersionForProfile(PROFILE) == (metadata_version(),)


def test_every_step_runs_on_a_site_at_the_first_version(setup_tool):
    """A site installed at the first version upgrades to the current one."""
    setup_tool.setLastVersionForProfile(PROFILE, INITIAL_VERSION)
    assert setup_tool.listUpgrades(PROFILE)
    setup_tool.upgradeProfile(PROFILE)
    assert setup_tool.getLastVersionForProfile(PROFILE) == (metadata_version(),)
    assert setup_tool.listUpgrades(PROFILE) == []


def test_step_20261129004_keeps_published_rules_in_force(portal, setup_tool):
    """Before 20261129004 rules were in the publication workflow: a site set
    back to that keeps its published rules published, now under the HR rule
    workflow, and gets the groups and iterate."""
    from plone import api
    from plone.base.utils import get_installer

    wf_tool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        hr = api.content.create(
            container=portal, type="solna.Unit", id="hr", title="HR", kind="avdelning"
        )
        wf_tool.setChainForPortalTypes(["solna.Rule"], ["solna_intranet_workflow"])
        rule = api.content.create(
            container=hr, type="solna.Rule", title="Semester", category="ledighet"
        )
        api.content.transition(rule, to_state="published")
        # The site as it was: no rule workflow, no groups.
        wf_tool.setChainForPortalTypes(["solna.Rule"], ["(Default)"])
        api.group.delete(groupname="hr-granskare")
    setup_tool.setLastVersionForProfile(PROFILE, "20261129003")

    setup_tool.upgradeProfile(PROFILE)

    assert wf_tool.getChainForPortalType("solna.Rule") == ("solna_rule_workflow",)
    assert api.content.get_state(rule) == "published"
    assert wf_tool.getInfoFor(rule, "review_state") == "published"
    assert api.group.get(groupname="hr-granskare") is not None
    assert get_installer(portal).is_product_installed("plone.app.iterate")
    assert setup_tool.listUpgrades(PROFILE) == []


def test_step_20261129014_makes_mitt_intranat_the_start_page(portal, setup_tool):
    """A site from before Mitt intranät: Plone's start page, no manager
    index, news published by a script without a publishing date."""
    from DateTime import DateTime
    from plone import api
    from tests.fixtures.workplace import appoint_manager

    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(container=portal, type="solna.Unit", title="Ekbacken")
        appoint_manager(unit, "maja.berg")
        news = api.content.create(container=portal, type="News Item", title="Nyhet")
        api.content.transition(news, to_state="published")
    news.effective_date = None
    news.reindexObject()
    catalog.delIndex("unit_manager")
    portal.setLayout("listing_view")
    setup_tool.setLastVersionForProfile(PROFILE, "20261129013")

    setup_tool.upgradeProfile(PROFILE)

    assert portal.getLayout() == "mitt-intranat"
    assert [b.getObject() for b in catalog(unit_manager="maja.berg")] == [unit]
    assert news.effective_date is not None
    assert news.effective_date >= DateTime() - 1
    (brain,) = catalog(UID=news.UID())
    assert brain.audience == ["all"]


def test_step_20261129015_keeps_what_was_there(portal, setup_tool):
    """A site from before issue 13: notices stored per member, a community
    with its members in a list, a thread's replies in one LLSet, a unit's
    order list, news stored without an audience, a text index with dicts."""
    from BTrees.LLBTree import LLSet
    from BTrees.OOBTree import OOBTree
    from plone import api
    from plone.app.discussion.interfaces import IConversation
    from solna.intranet.dialogue.communities.membership import communities_of
    from solna.intranet.dialogue.notices import notices
    from zope.annotation.interfaces import IAnnotations
    from zope.component import createObject

    import datetime

    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(container=portal, type="solna.Unit", title="Enhet")
        news = api.content.create(container=unit, type="News Item", title="Nyhet")
        api.content.transition(news, to_state="published")
        community = api.content.create(
            container=portal["natverk"], type="solna.Community", title="Nätverk"
        )
    for name in ("audience_all", "audience_units"):
        news.__dict__.pop(name, None)  # written before the field had a default
    comment = createObject("plone.Comment")
    comment.text = "Hej"
    comment.author_username = "olle"
    conversation = IConversation(news)
    conversation.addComment(comment)
    conversation._children[0] = LLSet(conversation._children[0])
    community.__dict__["members"] = ["olle", "anna"]
    community.__dict__["join_requests"] = ("eva",)
    IAnnotations(unit)["plone.folder.ordered.order"] = ["nyhet"]
    old = OOBTree()
    old["olle"] = OOBTree(
        {
            "k": {
                "kind": "reply",
                "title": "Nyhet",
                "url": "http://nohost/x",
                "text": "",
                "time": datetime.datetime.now(datetime.UTC),
                "read": True,
                "mailed": True,
            }
        }
    )
    IAnnotations(portal)["solna.intranet.notices"] = old
    setup_tool.setLastVersionForProfile(PROFILE, "20261129014")

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.listUpgrades(PROFILE) == []
    assert news.audience_all is True  # the old default, kept
    assert sorted(community.members) == ["anna", "olle"]
    assert community.join_requests == ("eva",)
    assert community.UID() in communities_of("olle")
    assert "LLSet" not in {type(v).__name__ for v in conversation._children.values()}
    assert "plone.folder.ordered.order" not in IAnnotations(unit)
    assert "solna.intranet.notices" not in IAnnotations(portal)
    assert notices.seen("olle") > 0  # what olle had read stays read
    (brain,) = catalog(portal_type="Discussion Item")
    assert brain.notice_time is not None


def test_step_20261129016_starts_the_rights_log(portal, setup_tool):
    """A site from before issue 14: units and people without a snapshot of
    their grant fields, Plone's users vocabulary, no new permissions."""
    from plone import api
    from solna.intranet.security import grants
    from zope.annotation.interfaces import IAnnotations
    from zope.component import getSiteManager
    from zope.schema.interfaces import IVocabularyFactory

    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(
            container=portal, type="solna.Unit", title="Enhet", editors=["red.a"]
        )
    del IAnnotations(unit)[grants.SNAPSHOT]
    registry = getSiteManager(portal)
    registry.unregisterUtility(
        provided=IVocabularyFactory, name="plone.app.vocabularies.Users"
    )
    portal.manage_permission("solna.intranet: View grants log", (), acquire=False)
    setup_tool.setLastVersionForProfile(PROFILE, "20261129015")
    setup_tool.upgradeProfile(PROFILE, "20261129016")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261129016",)
    assert IAnnotations(unit)[grants.SNAPSHOT]["editors"] == ("red.a",)
    assert (
        type(
            registry.getUtility(IVocabularyFactory, "plone.app.vocabularies.Users")
        ).__module__
        == "solna.intranet.security.users"
    )
    assert "HR Editor" in [
        r["name"]
        for r in portal.rolesOfPermission("solna.intranet: View grants log")
        if r["selected"]
    ]


def test_step_20261129017_makes_logins_forgive_case(portal, setup_tool):
    """A site from before issue 16: logins as typed, case and all. The step
    lowercases them (user ids stay) and the user folder lowercases what is
    typed; two logins that differ only in case stop it, changing nothing."""
    from plone import api

    import pytest

    pas = portal.acl_users
    pas.login_transform = ""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(username="Anna.Lindqvist", email="anna@solna.example")
    assert pas.getUserById("Anna.Lindqvist").getUserName() == "Anna.Lindqvist"
    setup_tool.setLastVersionForProfile(PROFILE, "20261129016")
    setup_tool.upgradeProfile(PROFILE, "20261129017")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261129017",)
    assert pas.login_transform == "lower"
    user = pas.getUserById("Anna.Lindqvist")
    assert user.getUserName() == "anna.lindqvist"
    assert pas.getUser("ANNA.Lindqvist ").getId() == "Anna.Lindqvist"

    pas.login_transform = ""
    pas.source_users.addUser("Carl", "Carl", "secret")
    pas.source_users.addUser("carl", "carl", "secret")
    setup_tool.setLastVersionForProfile(PROFILE, "20261129016")
    with pytest.raises(ValueError, match="not unique"):
        setup_tool.upgradeProfile(PROFILE, "20261129017")
    assert pas.getUserById("Carl").getUserName() == "Carl"


def test_step_20261129018_installs_the_sign_in_routes(portal, setup_tool):
    """A site from before the rest of issue 16: Plone's own session plugin,
    password reset tool and JWTs, no guard, no single sign-on plugin, no
    link to the devices. The step installs them all."""
    from Acquisition import aq_base
    from plone import api
    from plone.session.plugins.session import SessionPlugin
    from Products.CMFPlone.PasswordResetTool import PasswordResetTool
    from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
    from solna.intranet.login.devices import DeviceSessionPlugin
    from solna.intranet.login.guard import PLUGIN_ID as GUARD
    from solna.intranet.login.reset import ResetTool
    from solna.intranet.login.setup import uninstall
    from solna.intranet.login.sso import PLUGIN_ID as OIDC

    pas = portal.acl_users
    uninstall(portal)
    portal.portal_actions.user.manage_delObjects(["devices"])
    assert type(aq_base(pas.session)) is SessionPlugin
    assert type(aq_base(portal.portal_password_reset)) is PasswordResetTool
    assert GUARD not in pas.objectIds()
    assert OIDC not in pas.objectIds()

    setup_tool.setLastVersionForProfile(PROFILE, "20261129017")
    setup_tool.upgradeProfile(PROFILE, "20261129018")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261129018",)
    assert isinstance(pas.session, DeviceSessionPlugin)
    assert isinstance(api.portal.get_tool("portal_password_reset"), ResetTool)
    assert pas.jwt_auth.store_tokens
    assert GUARD in pas.plugins.listPluginIds(IAuthenticationPlugin)
    assert OIDC in pas.objectIds()
    assert "devices" in portal.portal_actions.user.objectIds()
    # Run again (an operator re-runs the step): nothing breaks or doubles.
    setup_tool.setLastVersionForProfile(PROFILE, "20261129017")
    setup_tool.upgradeProfile(PROFILE, "20261129018")
    assert pas.plugins.listPluginIds(IAuthenticationPlugin).count(GUARD) == 1


def test_step_20261130001_makes_the_intranet_an_app(portal, setup_tool):
    """A site from before issue 17: no push permission for the job, no
    "Aviseringar", no Tillgänglig offline on Sida nor its index, no VAPID
    key, no keyring for the service worker's member tags. The step brings
    them all, and marks a page that exists as findable by the index."""
    from plone import api
    from plone.keyring.interfaces import IKeyManager
    from solna.intranet.app.member import RING
    from solna.intranet.app.setup import uninstall as uninstall_app
    from solna.intranet.push import vapid
    from solna.intranet.push.setup import uninstall as uninstall_push
    from zope.component import getUtility

    permission = "solna.intranet: Send push notifications"
    catalog = portal.portal_catalog
    uninstall_push(portal)
    uninstall_app(portal)
    catalog.delIndex("available_offline")
    portal.portal_actions.user.manage_delObjects(["push-notifications"])
    portal.manage_permission(permission, roles=[], acquire=False)
    assert "solna.offline" not in portal.portal_types.Document.behaviors
    assert RING not in getUtility(IKeyManager)
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=portal, type="Document", id="telefonlista", title="Telefonlista"
        )

    setup_tool.setLastVersionForProfile(PROFILE, "20261129018")
    setup_tool.upgradeProfile(PROFILE, "20261130001")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261130001",)
    assert "solna.offline" in portal.portal_types.Document.behaviors
    assert "solna.offline" in portal.portal_types["solna.Rule"].behaviors
    assert "push-notifications" in portal.portal_actions.user.objectIds()
    granted = [r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]]
    assert "Push Sender" in granted
    assert "Site Administrator" not in granted
    assert RING in getUtility(IKeyManager)
    assert len(vapid.public_key()) == 87  # 65 bytes, base64url without padding
    page.available_offline = True
    page.reindexObject(idxs=["available_offline"])
    assert [b.getId for b in catalog(available_offline=True)] == ["telefonlista"]
    # Run again (an operator re-runs the step): the key stays the same.
    key = vapid.public_key()
    setup_tool.setLastVersionForProfile(PROFILE, "20261129018")
    setup_tool.upgradeProfile(PROFILE, "20261130001")
    assert vapid.public_key() == key


def test_step_20261130002_gives_the_intranet_solnas_face(portal, setup_tool):
    """A site from before issue 18: Barceloneta, the förvaltningar as tabs,
    Plone's footer portlets ("Powered by Plone"), no statement, mockup for
    everyone. The step brings the Solna theme, the task tabs, the footer
    without Plone's portlets, the Tillgänglighetsredogörelse (the site
    action leads there) and mockup only where someone edits."""
    from plone import api
    from plone.app.portlets.portlets.classic import Assignment as ClassicAssignment
    from plone.app.theming.utils import applyTheme
    from plone.app.theming.utils import getTheme
    from plone.base.interfaces import IBundleRegistry
    from plone.portlets.interfaces import IPortletAssignmentMapping
    from plone.portlets.interfaces import IPortletManager
    from plone.registry.interfaces import IRegistry
    from solna.intranet.accessibility.statement import STATEMENT_ID as statement
    from zope.component import getMultiAdapter
    from zope.component import getUtility

    applyTheme(getTheme("barceloneta"))
    api.portal.set_registry_record("plone.generate_tabs", True)
    manager = getUtility(IPortletManager, name="plone.footerportlets", context=portal)
    footer = getMultiAdapter((portal, manager), IPortletAssignmentMapping)
    footer["colophon"] = ClassicAssignment(template="colophon", macro="portlet")
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=portal[statement])
    bundles = getUtility(IRegistry).collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles", check=False
    )
    bundles["plone"].expression = ""

    setup_tool.setLastVersionForProfile(PROFILE, "20261130001")
    setup_tool.upgradeProfile(PROFILE, "20261130002")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261130002",)
    assert (
        api.portal.get_registry_record(
            "plone.app.theming.interfaces.IThemeSettings.currentTheme"
        )
        == "solna"
    )
    assert api.portal.get_registry_record("plone.generate_tabs") is False
    assert "colophon" not in footer
    assert statement in portal.objectIds()
    assert api.content.get_state(portal[statement]) == "published"
    action = portal.portal_actions.site_actions.accessibility
    assert action.url_expr.endswith(statement) or statement in action.url_expr
    assert "is_toolbar_visible" in bundles["plone"].expression


def test_step_20261130003_brings_crisis_mode(portal, setup_tool):
    """A site from before issue 19: no Krisledning, no Krisinformation, no
    index of open crises, news without the crisis behaviour, no Tysta
    timmar in the personal menu. The step brings them, and a crisis news
    item already there is found as open."""
    from DateTime import DateTime
    from plone import api
    from solna.intranet.crisis import outreach
    from solna.intranet.crisis.state import active
    from solna.intranet.crisis.state import ended
    from solna.intranet.crisis.state import PUBLISH_CRISIS

    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        crisis = api.content.create(
            container=portal, type="News Item", id="kris", title="Vattenläcka"
        )
        crisis.priority = "kris"
        api.content.transition(crisis, "publish")
        # Kris news from long ago: before issue 19 it left the top after
        # three days; it must not become a crisis under way.
        old = api.content.create(
            container=portal, type="News Item", id="gammal", title="Storm"
        )
        old.priority = "kris"
        old.setEffectiveDate(DateTime() - 40)
        api.content.transition(old, "publish")
        old.reindexObject()
        api.group.delete(groupname="krisledning")
        api.content.delete(obj=portal["krisinformation"])
    catalog.delIndex("crisis_open")
    portal.manage_permission(PUBLISH_CRISIS, ["Manager"], acquire=False)
    fti = portal.portal_types["News Item"]
    fti.behaviors = tuple(b for b in fti.behaviors if b != "solna.crisis")
    portal.portal_actions.user.manage_delObjects(["quiet-hours"])

    setup_tool.setLastVersionForProfile(PROFILE, "20261130002")
    setup_tool.upgradeProfile(PROFILE, "20261130003")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261130003",)
    assert api.group.get(groupname="krisledning") is not None
    folder = portal["krisinformation"]
    assert "Contributor" in folder.get_local_roles_for_userid("krisledning")
    assert "solna.crisis" in portal.portal_types["News Item"].behaviors
    roles = {
        r["name"] for r in portal.rolesOfPermission(PUBLISH_CRISIS) if r["selected"]
    }
    assert {"Crisis Leader", "Site Administrator"} <= roles
    assert "quiet-hours" in portal.portal_actions.user.objectIds()
    assert [b.getId for b in active()] == ["kris"]
    assert ended(portal["gammal"]) is not None
    # Neither is mailed when next edited.
    assert outreach.record_of(portal["kris"]) is not None


def test_step_20261130004_brings_swedish_search(portal, setup_tool):
    """A site from before issue 20: the text indexes on Plone's lexicon, no
    synonym list. The step moves them onto the Swedish lexicon and fills
    them, so what was there is found by its inflections at once."""
    from plone import api
    from plone.registry.interfaces import IRegistry
    from solna.intranet.search.setup import LEXICON
    from solna.intranet.search.setup import uninstall
    from solna.intranet.search.synonyms import RECORD
    from zope.component import getUtility

    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=portal, type="Document", id="fsk", title="Förskolorna"
        )
    uninstall()
    registry = getUtility(IRegistry)
    del registry.records[RECORD]
    catalog = api.portal.get_tool("portal_catalog")
    assert LEXICON not in catalog.objectIds()
    assert not catalog.unrestrictedSearchResults(SearchableText="förskola")

    setup_tool.setLastVersionForProfile(PROFILE, "20261130003")
    setup_tool.upgradeProfile(PROFILE, "20261130004")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261130004",)
    assert catalog._catalog.getIndex("SearchableText").lexicon_id == LEXICON
    assert [
        b.getId for b in catalog.unrestrictedSearchResults(SearchableText="förskola")
    ] == ["fsk"]
    assert "vab, vård av barn, vård av sjukt barn" in registry[RECORD]


def test_step_20261130005_keeps_the_technical_panels_for_it(portal, setup_tool):
    """A site from before: Webbredaktörer (Site Administrator) had Tema,
    TinyMCE, Språk, HTML-filtrering and Relationer, and Site Setup listed
    Resursregister and Användarfält for them; RSS-flöden was titled
    "Syndication" (Plone's domain, which leaves it English). After the step
    the panels are Manager's only and RSS-flöden has our title, in Site
    Setup and on a folder's RSS settings (which stay shown if they were)."""
    from plone import api

    controlpanel = api.portal.get_tool("portal_controlpanel")
    permissions = (
        "Plone Site Setup: Themes",
        "Plone Site Setup: TinyMCE",
        "Plone Site Setup: Language",
        "Plone Site Setup: Filtering",
        "Inspect Relations",
    )
    for permission in permissions:
        portal.manage_permission(
            permission, ["Manager", "Site Administrator"], acquire=True
        )

    def configlet(action_id):
        (action,) = [a for a in controlpanel.listActions() if a.getId() == action_id]
        return action

    configlet("resourceregistries").permissions = ("Plone Site Setup: Site",)
    configlet("MemberFields").permissions = ("Plone Site Setup: Users and Groups",)
    configlet("syndication").title = "Syndication"
    action = api.portal.get_tool("portal_actions").object.syndication
    action._updateProperty("title", "Syndication")
    action._updateProperty("i18n_domain", "plone")
    action._updateProperty("visible", True)

    setup_tool.setLastVersionForProfile(PROFILE, "20261130004")
    setup_tool.upgradeProfile(PROFILE, "20261130005")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261130005",)
    for permission in permissions:
        roles = {
            r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]
        }
        assert roles == {"Manager"}, permission
    for action_id in ("resourceregistries", "MemberFields"):
        assert configlet(action_id).permissions == ("Manage portal",), action_id
    assert configlet("resourceregistries").title == "Resource Registries"
    assert configlet("resourceregistries").title.domain == "plone"
    assert configlet("MemberFields").title.domain == "plone"
    syndication = configlet("syndication")
    assert (syndication.title, syndication.title.domain) == (
        "RSS feeds",
        "solna.intranet",
    )
    assert syndication.permissions == ("Plone Site Setup: Site",)
    assert action.getProperty("title") == "RSS feed settings"
    assert action.getProperty("i18n_domain") == "solna.intranet"
    assert action.getProperty("visible")


def test_step_20261201001_fills_the_text_indexes_with_the_new_stems(portal, setup_tool):
    """A site indexed before: "Föräldraledighet" held the stem "led" (as
    "ledare") and "Barnskötare" none a phone without ö types. After the step
    the words of the old analysis find nothing and the new ones find the
    pages."""
    from plone import api
    from Products.CMFCore.indexing import processQueue
    from types import SimpleNamespace

    with api.env.adopt_roles(["Manager"]):
        leave = api.content.create(
            container=portal, type="Document", id="fl", title="Föräldraledighet"
        )
        hr = api.content.create(
            container=portal, type="solna.Unit", id="hr", title="HR", kind="avdelning"
        )
        rule = api.content.create(
            container=hr, type="solna.Rule", title="Sjuklön", category="ledighet"
        )
        api.content.transition(rule, to_state="published")
        api.content.create(
            container=portal, type="Document", id="bs", title="Barnskötare"
        )
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()
    rid = catalog.getrid("/".join(leave.getPhysicalPath()))
    # What the index held before: the old stem, as the words of a Fritidsledare.
    index = catalog._catalog.getIndex("SearchableText")
    index.index_object(rid, SimpleNamespace(SearchableText="fritidsledare"))

    def found(text):
        ids = {b.getId for b in catalog(SearchableText=text)}
        return sorted(ids & {"fl", "bs"})

    assert found("ledare") == ["fl"]
    # Published before publishing set a date (REST, plone.api): undated.
    rule.effective_date = None
    rule.reindexObject(idxs=["effective", "effectiveRange"])
    # Plone's group title where lists of groups read it.
    groups = portal.acl_users.source_groups
    groups.updateGroup("Site Administrators", title="Site Administrators")

    setup_tool.setLastVersionForProfile(PROFILE, "20261130005")
    setup_tool.upgradeProfile(PROFILE, "20261201001")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201001",)
    assert found("ledare") == []
    assert found("ledighet") == ["fl"]
    assert found("barnskotare") == ["bs"]
    assert rule.effective_date is not None
    assert rule.effective_date.year() > 2000
    assert groups.getGroupInfo("Site Administrators")["title"] == (
        "Webbplatsadministratörer"
    )


def test_step_20261201002_titles_tinymces_image_sizes(portal, setup_tool):
    """A site from before: TinyMCE's image dialog offered "Large", "Medium",
    "Small"; a size IT renamed keeps its name."""
    from plone import api

    record = "plone.picture_variants"
    variants = api.portal.get_registry_record(record)
    variants["large"]["title"] = "Large"
    variants["medium"]["title"] = "Medium"
    variants["small"]["title"] = "Pytteliten"
    api.portal.set_registry_record(record, variants)

    setup_tool.setLastVersionForProfile(PROFILE, "20261201001")
    setup_tool.upgradeProfile(PROFILE, "20261201002")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201002",)
    titles = {k: v["title"] for k, v in api.portal.get_registry_record(record).items()}
    assert titles == {"large": "Stor", "medium": "Mellan", "small": "Pytteliten"}


def test_step_20261201003_adds_sjukskriven_to_an_unchanged_group(portal, setup_tool):
    """A site from before: "sjukskrivning" did not find the answer "Får jag
    lön när jag är sjukskriven?". A group a Webbredaktör wrote stays."""
    from plone import api
    from solna.intranet.search.synonyms import RECORD

    with api.env.adopt_roles(["Manager"]):
        answer = api.content.create(
            container=portal,
            type="Document",
            id="sjuk",
            title="Får jag lön när jag är sjukskriven?",
        )
        api.content.transition(answer, to_state="published")
    api.portal.set_registry_record(
        RECORD, ["sjukskrivning, sjukfrånvaro, sjukledighet", "vab, vård av barn"]
    )
    catalog = api.portal.get_tool("portal_catalog")

    def found(text):
        return "sjuk" in {b.getId for b in catalog(SearchableText=text)}

    assert not found("sjukskrivning")
    setup_tool.setLastVersionForProfile(PROFILE, "20261201002")
    setup_tool.upgradeProfile(PROFILE, "20261201003")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201003",)
    assert api.portal.get_registry_record(RECORD) == [
        "sjukskrivning, sjukskriven, sjukfrånvaro, sjukledighet",
        "vab, vård av barn",
    ]
    assert found("sjukskrivning")
    assert found("sjukfrånvaro")


def test_step_20261201004_draws_the_page_without_diazo(portal, setup_tool):
    """A site from before had the theme's Diazo rules in the registry;
    after the step the theme has none (its CSS stays)."""
    from plone import api

    record = "plone.app.theming.interfaces.IThemeSettings.rules"
    api.portal.set_registry_record(record, "/++theme++solna/rules.xml")
    setup_tool.setLastVersionForProfile(PROFILE, "20261201003")
    setup_tool.upgradeProfile(PROFILE, "20261201004")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201004",)
    assert api.portal.get_registry_record(record) == ""
    assert (
        api.portal.get_registry_record(
            "plone.app.theming.interfaces.IThemeSettings.currentTheme"
        )
        == "solna"
    )


def test_step_20261201006_titles_plones_reviewers_without_plone(portal, setup_tool):
    """A site from before titled Plone's Reviewers "Granskare (Plone)"."""
    from plone import api

    api.group.get(groupname="Reviewers").setGroupProperties(
        {"title": "Granskare (Plone)"}
    )
    setup_tool.setLastVersionForProfile(PROFILE, "20261201005")
    setup_tool.upgradeProfile(PROFILE, "20261201006")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201006",)
    title = api.group.get(groupname="Reviewers").getProperty("title")
    assert title == "Granskare (inbyggd grupp)"


def test_step_20261201007_gives_our_types_their_icons(portal, setup_tool):
    """A site from before drew a unit with Plone's blank file icon."""
    from plone.registry.interfaces import IRegistry
    from zope.component import getMultiAdapter
    from zope.component import getUtility

    registry = getUtility(IRegistry)
    for name in ("solna-unit", "solna-person"):
        del registry.records[f"plone.icon.contenttype/{name}"]
    setup_tool.setLastVersionForProfile(PROFILE, "20261201006")
    setup_tool.upgradeProfile(PROFILE, "20261201007")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201007",)
    icons = getMultiAdapter((portal, portal.REQUEST), name="iconresolver")
    assert "bi-building" in icons.tag("contenttype/solna-unit")
    assert "bi-person-vcard" in icons.tag("contenttype/solna-person")


def test_step_20261201008_puts_link_and_image_early_in_tinymces_toolbar(
    portal, setup_tool
):
    """A site from before had Plone's toolbar (link and image last, off a
    phone's screen); a toolbar IT changed is kept."""
    from plone import api
    from plone.base.interfaces.controlpanel import ITinyMCESchema
    from solna.intranet.swedish.setup import TOOLBAR

    api.portal.set_registry_record("plone.toolbar", ITinyMCESchema["toolbar"].default)
    setup_tool.setLastVersionForProfile(PROFILE, "20261201007")
    setup_tool.upgradeProfile(PROFILE, "20261201008")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201008",)
    assert api.portal.get_registry_record("plone.toolbar") == TOOLBAR
    api.portal.set_registry_record("plone.toolbar", "undo redo | bold")
    setup_tool.setLastVersionForProfile(PROFILE, "20261201007")
    setup_tool.upgradeProfile(PROFILE, "20261201008")
    assert api.portal.get_registry_record("plone.toolbar") == "undo redo | bold"


def test_step_20261201009_brings_http_caching(portal, setup_tool):
    """A site from before had no plone.app.caching: the step installs it and
    our settings only (the rest of the registry stays as IT left it)."""
    from plone import api
    from plone.base.utils import get_installer

    installer = get_installer(portal)
    installer.uninstall_product("plone.app.caching")
    assert not installer.is_product_installed("plone.app.caching")
    api.portal.set_registry_record("plone.site_title", "Intranätet")
    setup_tool.setLastVersionForProfile(PROFILE, "20261201008")
    setup_tool.upgradeProfile(PROFILE, "20261201009")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201009",)
    assert installer.is_product_installed("plone.app.caching")
    assert api.portal.get_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled"
    )
    mapping = api.portal.get_registry_record(
        "plone.caching.interfaces.ICacheSettings.operationMapping"
    )
    assert mapping["plone.content.itemView"] == "plone.app.caching.weakCaching"
    assert "plone.resource" not in mapping
    assert "solna.database" in api.portal.get_registry_record(
        "plone.app.caching.weakCaching.plone.content.folderView.etags"
    )
    assert api.portal.get_registry_record("plone.site_title") == "Intranätet"


def test_step_20261201012_lets_items_already_in_review_notify_reviewers(
    portal, setup_tool
):
    """An item sent for review before Notiser knew "Väntar på granskning"
    recorded no reviewers: the step records them (a Granskare), never the
    sender herself, and keeps the item's other notice tokens."""
    from plone import api
    from solna.intranet.dialogue.notices.notices import TO
    from tests.fixtures.staff import create_as
    from tests.fixtures.staff import create_staff

    create_staff({"lina.red": (), "erik.granskare": ("granskare",)})
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="lina.red", roles=["Contributor", "Editor"])
    page = create_as("lina.red", portal, "Document", "Höstens föräldramöten")
    with api.env.adopt_user(username="lina.red"):
        api.content.transition(page, transition="submit", comment="Titta på datumen")
    assert api.content.get_state(page) == "pending"
    setattr(page, TO, ("sentback:lina.red",))  # as before the notice came
    page.reindexObject(idxs=["notice_to"])
    setup_tool.setLastVersionForProfile(PROFILE, "20261201009")
    setup_tool.upgradeProfile(PROFILE, "20261201012")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201012",)
    tokens = getattr(page, TO)
    assert "review:erik.granskare" in tokens
    assert "review:lina.red" not in tokens
    assert "sentback:lina.red" in tokens
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(notice_to="review:erik.granskare")
    assert [b.getPath() for b in found] == ["/".join(page.getPhysicalPath())]


def test_step_20261201013_checks_the_accident_date_of_the_shipped_form(
    portal, setup_tool
):
    """A site's Tillbud och arbetsskada from before the check refuses a
    future accident date after the step; editors' own validators stay."""
    from collective.easyform.api import get_schema
    from collective.easyform.interfaces import IFieldExtender
    from solna.intranet.forms.shipped import FOLDER_ID

    form = portal[FOLDER_ID]["tillbud-och-arbetsskada"]
    form.fields_model = form.fields_model.replace(
        'easyform:validators="isNotInFuture"', ""
    )
    assert "isNotInFuture" not in form.fields_model
    setup_tool.setLastVersionForProfile(PROFILE, "20261201012")
    setup_tool.upgradeProfile(PROFILE, "20261201013")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201013",)
    field = get_schema(form)["datum"]
    assert list(IFieldExtender(field).validators) == ["isNotInFuture"]
    # Run again: nothing changes.
    model = form.fields_model
    setup_tool.setLastVersionForProfile(PROFILE, "20261201012")
    setup_tool.upgradeProfile(PROFILE, "20261201013")
    assert form.fields_model == model


def test_step_20261201015_hides_plones_social_media_tags(portal, setup_tool):
    """A site from before draws Plone's social media tags: after the step
    neither viewlet is drawn, and the other viewlets of their managers
    stay as they were."""
    from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
    from zope.component import getUtility

    storage = getUtility(IViewletSettingsStorage)
    skin = portal.getCurrentSkinName()
    before = {
        manager: tuple(
            name
            for name in storage.getHidden(manager, skin)
            if "socialtags" not in name
        )
        for manager in ("plone.htmlhead", "plone.abovecontenttitle")
    }
    for manager, hidden in before.items():
        storage.setHidden(manager, skin, hidden)
    setup_tool.setLastVersionForProfile(PROFILE, "20261201014")
    setup_tool.upgradeProfile(PROFILE, "20261201015")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201015",)
    assert storage.getHidden("plone.htmlhead", skin) == (
        *before["plone.htmlhead"],
        "plone.htmlhead.socialtags",
    )
    assert storage.getHidden("plone.abovecontenttitle", skin) == (
        *before["plone.abovecontenttitle"],
        "plone.socialtags",
    )


def test_step_20261201016_asks_a_forms_interfaces_for_its_cases_tab(portal, setup_tool):
    """A site from before has the Ärenden tab's condition read the item's
    portal_type: after the step it asks the item's interfaces, and the tab
    is still a form's only."""
    from plone import api

    action = api.portal.get_tool("portal_actions")["object"]["cases"]
    action._setPropValue("available_expr", "python:object.portal_type == 'EasyForm'")
    setup_tool.setLastVersionForProfile(PROFILE, "20261201015")
    setup_tool.upgradeProfile(PROFILE, "20261201016")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("20261201016",)
    assert "portal_type" not in action.getProperty("available_expr")
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(container=portal, type="EasyForm", id="blankett")
        page = api.content.create(container=portal, type="Document", id="sida")
        tool = api.portal.get_tool("portal_actions")

        def tabs(obj):
            return [
                a["id"] for a in tool.listActionInfos(object=obj, categories=["object"])
            ]

        assert "cases" in tabs(form)
        assert "cases" not in tabs(page)
