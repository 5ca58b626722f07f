"""What a guessed address reveals: nothing (issue 14, part 2).

Zope answers an address one may not view differently from one that does
not exist: traversal finds the object and then refuses it (Unauthorized:
a redirect to the login page, or REST's 401), while a missing name is a 404;
and a view that is public everywhere (``@@ok``) answers 200 on any object.
So a person with skyddad identitet, a secret community or a draft could
be told apart from nothing by anyone.

Here the two answers are made one, wherever the request goes (pages, views,
``++api++``, deeper paths):

- Nobody logged in: every address inside the site that is missing or
  hidden is a request to log in (the site is closed: only the login page
  is public). Unauthorized, whichever it was.
- Logged in: a content object on the way that one may not view is a 404,
  rendered exactly as a missing name at the same place (the 404 page's
  context is the last object one may view).

``traverse_name`` wraps ``BaseRequest.traverseName`` (each step of the
way): for a member, content they may not view is a name that is not there,
so the answer is Zope's own 404, at the same place, by the same code.
``traverse`` wraps ``BaseRequest.traverse``: for nobody logged in, a 404
inside the site becomes the request to log in. Both are patched in
configure.zcml with collective.monkeypatcher. ``after_traversal``
(IPubAfterTraversal) covers views that are public on their own
(``@@ok``) on content, for nobody logged in.

To know who is on her way, ``traverse_name`` authenticates her in the
site's user folder before Zope does (after traversal, to validate her for
what she asked for). The user folder's validation then takes that answer
(``extract_user_ids``, ``find_user``, patched into PluggableAuthService)
instead of looking up her account, checking her session and reading her
properties, groups and roles a second time.
"""

from Acquisition import aq_base
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.interfaces import IDexterityContent
from plone.rest.interfaces import IAPIRequest
from plone.rest.traverse import RESTWrapper
from Products.CMFCore.interfaces import IContentish
from Products.PluggableAuthService.PluggableAuthService import PluggableAuthService
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.component.hooks import getSite
from ZPublisher.BaseRequest import BaseRequest


_original_traverse = BaseRequest.traverse
_original_traverse_name = BaseRequest.traverseName
_original_extract_user_ids = PluggableAuthService._extractUserIds
_original_find_user = PluggableAuthService._findUser
#: What Zope says when traversal refuses (zExceptions.Unauthorized).
NOT_AUTHORIZED = "You are not authorized to access this resource."


def _site(request):
    for obj in request.get("PARENTS", ()):
        if IPloneSiteRoot.providedBy(obj):
            return obj
    site = getSite()
    return site if IPloneSiteRoot.providedBy(site) else None


#: request.other: [user folder, [(user id, login)], {(user id, login):
#: user}] as ``_user`` found them during traversal.
KEPT = "_solna_authenticated"


def _user(site, request):
    """The member the request's credentials authenticate in the site's
    user folder, or None (anonymous, or credentials that are no good).

    What the user folder answered is kept on the request for its own
    validation after traversal (``extract_user_ids``, ``find_user``).
    When ``_user`` runs after that validation (``traverse``'s refusal,
    ``after_traversal``, ``empty_login_redirect``) it stays unused."""
    pas = getattr(aq_base(site), "acl_users", None)
    if pas is None or not hasattr(pas, "_extractUserIds"):
        return None
    pas = site.acl_users
    plugins = pas._getOb("plugins")
    user_ids = pas._extractUserIds(request, plugins)
    users = {}
    found = None
    for user_id, login in user_ids:
        user = pas._findUser(plugins, user_id, login, request=request)
        users[user_id, login] = user
        if user is not None:
            found = user.__of__(pas)
            break
    request.other[KEPT] = [aq_base(pas), list(user_ids), users]
    return found


def _kept(pas, request):
    other = getattr(request, "other", None)
    kept = other.get(KEPT) if isinstance(other, dict) else None
    return kept if kept is not None and kept[0] is aq_base(pas) else None


def extract_user_ids(self, request, plugins):
    """PluggableAuthService._extractUserIds: [(user id, login)] that the
    request's credentials authenticate.

    When ``_user`` authenticated this request during traversal (a member
    on her way to content), the next call of the same user folder for the
    same request (in practice its ``validate`` after traversal) gets that
    answer instead of asking the plugins a second time: her account looked
    up by login (the login guard keeps a checked password per request, but
    not that), her session ticket or device checked (~3 % of a news item's
    time with ``find_user``, issue 21). Once only: a later call, or
    another user folder (the Zope root's), asks the plugins as PAS does."""
    kept = _kept(self, request)
    if kept is not None and kept[1] is not None:
        user_ids, kept[1] = kept[1], None
        return list(user_ids)
    return _original_extract_user_ids(self, request, plugins)


def find_user(self, plugins, user_id, name=None, request=None):
    """PluggableAuthService._findUser: the user ``user_id`` with her
    properties, groups and roles. The one ``_user`` found for this request
    in traversal, under the same id and login, is given once (wrapped in
    this user folder, as PAS does) instead of being looked up again; the
    emergency user, another id or login, a call without the request, or a
    second call are PAS's own."""
    kept = _kept(self, request)
    if (
        kept is not None
        and (user_id, name) in kept[2]
        and user_id != self._emergency_user.getUserName()
    ):
        user = kept[2].pop((user_id, name))
        if user is not None:
            return aq_base(user).__of__(self)
    return _original_find_user(self, plugins, user_id, name, request)


def _unwrapped(obj):
    """plone.rest puts content in a RESTWrapper on ``++api++`` paths."""
    return obj.context if isinstance(obj, RESTWrapper) else obj


def _content(obj):
    obj = _unwrapped(obj)
    return (
        IDexterityContent.providedBy(obj) or IContentish.providedBy(obj)
    ) and not IPloneSiteRoot.providedBy(obj)


def traverse_name(self, ob, name):
    """BaseRequest.traverseName: a content object the member may not view
    is not there (KeyError, which traversal answers as for a missing
    name: the same 404, at the same place). Anonymous requests are left
    to ``traverse``."""
    found = _original_traverse_name(self, ob, name)
    if _content(found):
        user = _member(self)
        if user is not None and not user.has_permission("View", _unwrapped(found)):
            raise KeyError(name)
    return found


def _member(request):
    """The request's member, looked up once per request."""
    if "_solna_member" not in request.other:
        site = _site(request)
        request.other["_solna_member"] = (
            _user(site, request) if site is not None else None
        )
    return request.other["_solna_member"]


def _log_in_at_site(request, site):
    """The login answer for nobody logged in, drawn at the site itself: the
    error page Zope renders with it must not show where it was (the
    hidden object's type, title or address)."""
    depth = len(site.getPhysicalPath())
    request["PARENTS"] = [
        obj
        for obj in request.get("PARENTS", ())
        if getattr(aq_base(_unwrapped(obj)), "getPhysicalPath", None) is not None
        and len(_unwrapped(obj).getPhysicalPath()) <= depth
    ]
    request.other.pop("PUBLISHED", None)
    return Unauthorized(NOT_AUTHORIZED)


def _zope_admin(request, site):
    """Does the request log in to Zope's own user folder (the admin who
    created the site)? That account is no one's to hide things from."""
    credentials = request._authUserPW()
    root = getattr(site, "getPhysicalRoot", lambda: None)()
    users = getattr(root, "acl_users", None)
    if not credentials or users is None or not hasattr(users, "authenticate"):
        return False
    return users.authenticate(credentials[0], credentials[1], request) is not None


def traverse(self, path, response=None, validated_hook=None):
    """BaseRequest.traverse: for nobody logged in, a missing address in
    the site is a request to log in, as a hidden one is; both drawn at the
    site."""
    try:
        return _original_traverse(self, path, response, validated_hook)
    except (NotFound, Unauthorized):
        site = _site(self)
        if site is not None and _member(self) is None and not _zope_admin(self, site):
            raise _log_in_at_site(self, site) from None
        raise


def after_traversal(event):
    """A view that anyone may call (``@@ok``, a resource) on an object the
    caller may not view: the answer for an address that is not there.
    (traverse_name stops members earlier; this is for nobody logged in.)"""
    request = event.request
    parents = request.get("PARENTS", ())
    if not any(_content(obj) for obj in parents):
        return
    user = request.get("AUTHENTICATED_USER")
    if user is not None and user.getUserName() != "Anonymous User":
        return
    site = _site(request)
    if site is not None and _member(request) is None:
        raise _log_in_at_site(request, site)


def empty_login_redirect(event):
    """IPubBeforeAbort: the answer that sends nobody-logged-in to the login
    page carries no body. Zope renders its error page into it, at the
    object that refused (a hidden person's type, title and address, in
    ``<base>``); a browser never shows it. (REST's JSON 401 is the same
    for hidden and missing, and stays.)"""
    refusal = event.exc_info[1] if event.exc_info else None
    request = event.request
    if not isinstance(refusal, Unauthorized) or IAPIRequest.providedBy(request):
        return
    if _site(request) is not None and _member(request) is None:
        # (setBody ignores an empty body.)
        request.response.body = b""
        request.response.setHeader("Content-Length", "0")
