"""A member is authenticated once per page (security/hidden.py): traversal
authenticates her, to hide what she may not view, and the user folder's
own validation after traversal takes that answer instead of asking its
plugins (the login guard, her session, her account) a second time."""

from plone import api
from solna.intranet.login.guard import Guard
from solna.intranet.security import hidden
from tests.fixtures.calls import spied
from tests.fixtures.http import get
from tests.fixtures.staff import PASSWORD

import base64


# (The guard, login/guard.py, is the site's authentication plugin for
# passwords, ahead of the user folder's own.)


def test_her_credentials_are_asked_for_once_per_page(news):
    with spied(Guard, "authenticateCredentials") as asked:
        page = get(news.absolute_url(), "olle.medarbetare")
    assert page.status_code == 200
    assert "Utflykt till Igelbäcken" in page.text
    assert asked.call_count == 1


def _basic(request, login, password):
    request._auth = "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()
    request.other.pop(hidden.KEPT, None)


def test_the_kept_answer_is_given_once_to_the_site_user_folder(workplace):
    portal = api.portal.get()
    request = portal.REQUEST
    _basic(request, "olle.medarbetare", PASSWORD)
    pas = portal.acl_users
    plugins = pas._getOb("plugins")
    user = hidden._user(portal, request)
    assert user.getId() == "olle.medarbetare"
    with spied(Guard, "authenticateCredentials") as asked:
        # The validation after traversal: her, without asking anyone.
        ids = pas._extractUserIds(request, plugins)
        assert ids == [("olle.medarbetare", "olle.medarbetare")]
        found = pas._findUser(plugins, *ids[0], request=request)
        assert found.getId() == "olle.medarbetare"
        assert "Member" in found.getRoles()
        assert found.aq_parent.aq_base is pas.aq_base
        assert asked.call_count == 0
        # Any later call asks the plugins again.
        assert pas._extractUserIds(request, plugins) == ids
        assert asked.call_count == 1


def test_another_user_folder_never_gets_it(workplace):
    """Only the user folder that answered is given its answer: the same
    request at another (a second PAS, as the Zope root's could be) asks
    its own plugins."""
    portal = api.portal.get()
    request = portal.REQUEST
    _basic(request, "olle.medarbetare", PASSWORD)
    assert hidden._user(portal, request) is not None
    pas = portal.acl_users
    other = hidden._kept(pas, request)
    assert other is not None
    # The kept answer names the site's user folder, and no other one.
    other[0] = object()
    with spied(Guard, "authenticateCredentials") as asked:
        ids = pas._extractUserIds(request, pas._getOb("plugins"))
    assert ids == [("olle.medarbetare", "olle.medarbetare")]
    assert asked.call_count == 1


def test_no_credentials_keep_no_one(workplace):
    """Nobody logged in: nothing is found, and the validation after
    traversal finds nothing either. (No wrong password here: the login
    guard would count it in the layer's database, where a later test's
    right password would be a write.)"""
    portal = api.portal.get()
    request = portal.REQUEST
    request._auth = None
    request.other.pop(hidden.KEPT, None)
    assert hidden._user(portal, request) is None
    pas = portal.acl_users
    assert pas._extractUserIds(request, pas._getOb("plugins")) == []
