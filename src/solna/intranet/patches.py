"""Fixes for upstream code, applied by ``patches.zcml`` (collective.
monkeypatcher), so that many staff writing at once do not collide: each
write touches what it changes and no object every other write touches too
(measured with ``scripts/benchmark_writes.py``).

1. plone.app.discussion: every comment made the item's whole
``Conversation`` a write. DCWorkflow updates a new comment's role mappings
(``updateRoleMappingsFor``), and AccessControl's ``Permission.setRoles``
then deletes ``__roles__`` from each name the *View* permission protects on
the comment. plone.app.discussion protects the whole ``IComment`` interface
with View, ``__parent__`` included, so it ran ``del
conversation.__roles__``: the attribute is not there, but a persistent
object marks itself changed before it deletes. Two comments on one item at
the same moment then wrote the same object and one of them failed with a
ConflictError (233 of 263 conflicts measured on 200 comments, 58 lost).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from Acquisition import IAcquirer
from BTrees.IIBTree import IIBTree
from BTrees.LLBTree import LLTreeSet
from chameleon.template import BaseTemplate
from DateTime import DateTime
from persistent import Persistent
from plone.app.dexterity.behaviors.metadata import DCFieldProperty
from plone.app.layout.globals.context import ContextState
from plone.base import i18nl10n
from plone.memoize import ram
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.patches import gtbn  # noqa: F401 (9: Plone's first)
from Products.PlonePAS.tools.membership import MembershipTool
from RestrictedPython import compile as restricted_compile
from solna.intranet import _
from solna.intranet import dates
from solna.intranet.dates import typed_naive
from solna.intranet.dates import zope_datetime
from solna.intranet.memory import REQUEST_CACHES
from solna.intranet.tools import kept_on
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter
from zope.globalrequest import getRequest
from zope.schema.interfaces import InvalidURI
from ZPublisher.BaseRequest import RequestContainer
from ZPublisher.HTTPRequest import FileUpload
from ZPublisher.HTTPRequest import HTTPRequest

import datetime
import random
import threading


_random = random.SystemRandom()


#: 2. The replies to each comment (and the thread's top-level comments,
#: "replies to 0") were an ``LLSet``: one object holding every id, written
#: again whole by each new comment (8 bytes a comment: 8 KB at a thousand).
#: An ``LLTreeSet`` has the same methods and writes one small bucket.
#: (``plone.app.discussion.conversation.LLSet`` is replaced by it.)
TREE_SET = LLTreeSet


def conversation_delattr(self, name):
    """Deleting a ``__roles__`` the conversation does not have changes
    nothing, so it must not mark the conversation as changed."""
    if name == "__roles__":
        self._p_activate()
        if name not in self.__dict__:
            raise AttributeError(name)
    Persistent.__delattr__(self, name)


def _postings(self, wid):
    """A word's postings (docid → weight) as an IIBTree: a legacy dict (or
    None, for a new word) becomes one, stored in ``_wordinfo``."""
    postings = self._wordinfo.get(wid)
    if not isinstance(postings, IIBTree):
        postings = IIBTree(postings or {})
        self._wordinfo[wid] = postings
    return postings


def mass_add_wordinfo(self, wid2weight, docid):
    """3. Products.ZCTextIndex: ``BaseIndex._mass_add_wordinfo`` keeps the
    postings of a word in fewer than ten documents as a dict inside
    ``_wordinfo``'s buckets, and stores every word's postings back into the
    bucket after each document. ZODB cannot merge two changes to a bucket
    that holds dicts (they cannot be ordered), so any two documents indexed
    at the same moment collided when they shared a common word, or added a
    rare or new one: 365 of 387 conflicts measured on 1,000 comments. Here
    every word's postings are an IIBTree of their own, which saves itself;
    ``_wordinfo``'s buckets hold only references, which ZODB merges."""
    new_word_count = 0
    for wid, weight in wid2weight.items():
        if wid not in self._wordinfo:
            new_word_count += 1
        _postings(self, wid)[docid] = weight
    self.length.change(new_word_count)


def add_wordinfo(self, wid, f, docid):
    """``BaseIndex._add_wordinfo`` (a document changed), likewise."""
    if wid not in self._wordinfo:
        self.length.change(1)
    _postings(self, wid)[docid] = f


def del_wordinfo(self, wid, docid):
    """``BaseIndex._del_wordinfo`` (a document removed), likewise."""
    postings = _postings(self, wid)
    del postings[docid]
    if not postings:
        del self._wordinfo[wid]
        self.length.change(-1)


def unique_id(self):
    """4. Products.CMFUid: ``UniqueIdGeneratorTool.__call__`` counted ids
    up in one integer on the tool, so every new versioned item (news,
    rules, answers: CMFEditions asks for a history id) wrote the same
    object, and two items created at once collided. A random 62-bit id is
    unique without a shared counter (one in 2**31 chance of a repeat after
    three billion ids)."""
    return _random.getrandbits(62)


def publication_get(self, inst, klass):
    """5. plone.app.dexterity: ``DCFieldProperty`` (the publishing and
    expiry dates of the Dublin Core behaviours) turned a stored date into
    the datetime an edit form shows in the *server's* zone, and a datetime
    a person typed into a date in the server's zone too (UTC in a
    container): 17:21 typed became 18:21 in Stockholm, and REST's dates
    (read as UTC) the same. Here both mean the site's zone (dates.py);
    an explicit offset is kept."""
    if inst is None:
        return self
    value = _original_get(self, inst, klass)
    stored = getattr(inst.context, self._get_name, None)
    if callable(stored):
        stored = stored()
    if isinstance(stored, DateTime) and isinstance(value, datetime.datetime):
        return typed_naive(stored)
    return value


def publication_set(self, inst, value):
    """The setter of ``publication_get``'s property: a datetime is stored
    as the instant it means (see there)."""
    if not isinstance(value, datetime.datetime):
        return _original_set(self, inst, value)
    field = self._field.bind(inst)
    field.validate(value)
    if field.readonly:
        raise ValueError(self._field.__name__, "field is readonly")
    stored = zope_datetime(value)
    if self._set_name:
        getattr(inst.context, self._set_name)(stored)
    elif inst.context.hasProperty(self._get_name):
        inst.context._updateProperty(self._get_name, stored)
    else:
        setattr(inst.context, self._get_name, stored)
    return None


_original_get = DCFieldProperty.__get__
_original_set = DCFieldProperty.__set__


def localized_time(
    time,
    long_format=None,
    time_only=False,
    context=None,
    domain="plonelocales",
    request=None,
    target_language=None,
):
    """6. Plone's ``ulocalized_time`` (bylines, history, folder contents,
    search results) printed a date in the zone it was stored in, the
    server's (UTC in a container), and in ISO form ("2026-11-29 18:11").
    Here it is the site's zone in Swedish (dates.py): "29 nov 2026",
    "29 nov 2026 kl. 18.11", "18.11". An explicit format string is still
    Plone's, in the site's zone."""
    try:
        moment = time if isinstance(time, (DateTime, datetime.datetime)) else None
        moment = moment or (DateTime(time) if time else None)
    except Exception:
        moment = None
    if moment is None or isinstance(long_format, str):
        if isinstance(moment, DateTime):
            time = moment.toZone(dates.zone().key)
        return _original_localized_time(
            time, long_format, time_only, context, domain, request, target_language
        )
    if time_only:
        return dates.display_time(moment, request, target_language)
    if long_format:
        return dates.display(moment, request, target_language)
    return dates.display_date(moment, request, target_language)


_cook_lock = threading.RLock()


def cook_one_at_a_time(self, body, name, builtins):
    """7. Chameleon: CPython 3.11 before 3.11.8 builds ASTs with one global
    state, so two threads compiling at once could fail with "SystemError:
    AST constructor recursion depth mismatch" (python/cpython#106905,
    malthe/chameleon#361): the first requests after a start, opening forms
    at the same moment, answered 500. Templates are compiled one at a time;
    a compiled template is cached, so this costs only the first request of
    each."""
    with _cook_lock:
        return _original_cook(self, body, name, builtins)


def compile_restricted_one_at_a_time(*args, **kwargs):
    """7b. The same race with the other AST builder of every page:
    RestrictedPython, which compiles the ``python:`` expressions of
    templates and of Plone's actions on first use, outside Chameleon (a
    CI run failed once with the same SystemError compiling a widget's
    template while another thread compiled an action's expression). One
    lock for both, reentrant: a template's cooking compiles its
    expressions."""
    with _cook_lock:
        return _original_compile_restricted_mode(*args, **kwargs)


_original_localized_time = i18nl10n.ulocalized_time
_original_cook = BaseTemplate._cook
_original_compile_restricted_mode = restricted_compile._compile_restricted_mode


def member_info(self, memberId=None):
    """8. Products.PlonePAS: ``MembershipTool.getMemberInfo(memberId)``
    (full name, location, ... of a member; None for no one) hunts for the
    member through every user source again, even when she is the member
    signed in, whom the request already found; Plone's member menu asks
    for her own name so on every page (4 % of a news item's CPU, py-spy,
    issue 21). For the signed-in member the info is read from her own user
    (what ``getMemberInfo()`` without an id does); for anyone else as
    before."""
    if memberId and memberId == getSecurityManager().getUser().getId():
        memberId = None
    return _original_member_info(self, memberId)


_original_member_info = MembershipTool.getMemberInfo

#: Where a request keeps the signed-in member (11).
_MEMBER_KEY = "_solna_authenticated_member"


def authenticated_member(self):
    """11. Products.CMFCore: ``MembershipTool.getAuthenticatedMember()``
    wraps the signed-in user in a new member object on every call, looking
    up the role map (an acquired attribute) and the member data tool each
    time; the portlet managers, the expression contexts of actions and our
    viewlets asked it some forty times a page (2.5 % of a news item's CPU,
    py-spy, issue 21). The member is kept on the request for the user
    object it wraps: another user signed in (a new security manager, an
    ``adopt_user``) gets her own. Returns what Plone's returns (a member,
    or the Anonymous User); outside a request as before."""
    request = getRequest()
    user = getSecurityManager().getUser()
    if request is None or user is None:
        return _original_authenticated_member(self)
    kept = kept_on(request, _MEMBER_KEY)
    if kept is None or kept[0] is not user or kept[1] is not aq_base(self):
        kept = (user, aq_base(self), _original_authenticated_member(self))
        setattr(request, _MEMBER_KEY, kept)
    return kept[2]


_original_authenticated_member = MembershipTool.getAuthenticatedMember


def rewrap_in_request_container(obj, context=None):
    """9. Products.CMFPlone (patches/gtbn.py): every ``getToolByName`` (some 140 on
    Mitt intranät) rewraps the tool so it can acquire the REQUEST, walking up the
    tool's parents and stopping at one it has seen (``parent in chain``;
    ``portal_url.getPortalObject`` too). That test compares acquisition wrappers
    with ``==``, which asks the Plone site for ``__eq__`` through its
    ``__getattr__`` (Dexterity, then the skins) and raises an AttributeError each
    time: 9 µs of a call's 15 (py-spy, 5 % of the page's CPU, issue 21). The same
    chain here, each parent known by the identity of the object it wraps. Takes and
    returns what Plone's does: ``obj`` wrapped up to a RequestContainer with the
    request, or ``obj`` when it is no acquirer or there is no request."""
    request = getattr(context, "REQUEST", None) or getRequest()
    if IAcquirer.providedBy(obj) and request is not None:
        chain = []
        seen = set()
        parent = obj
        while parent is not None and not isinstance(parent, RequestContainer):
            base = aq_base(parent)
            if id(base) in seen:
                break
            seen.add(id(base))
            chain.append(base)
            parent = aq_parent(aq_inner(parent))
        obj = RequestContainer(REQUEST=request)
        for base in reversed(chain):
            obj = base.__of__(obj)
    return obj


#: 10. The categories of actions that are the same on every page of the
#: site: the member menu's, the footer's and the top navigation's.
SITE_WIDE_ACTIONS = frozenset({"user", "site_actions", "portal_tabs"})


def _site_roles(request, portal):
    """The current user's roles on the site (a sorted tuple of role names),
    worked out once per request and user: borg.localrole's
    ``getRolesInContext`` asks every group of hers on the site and on Zope's
    root, 0.4 ms a time on a busy process, and the key below asked it for
    each of the three categories on every page (issue 21). Kept with the
    user object it is for: two users of one id (Zope's root ``admin`` and a
    site's) never share it."""
    user = getSecurityManager().getUser()
    key = f"solna.intranet.site_roles:{user.getId()}:{id(aq_base(portal))}"
    memo = IAnnotations(request)
    kept = memo.get(key)
    if kept is None or kept[0] is not aq_base(user):
        kept = memo[key] = (
            aq_base(user),
            tuple(sorted(user.getRolesInContext(portal))),
        )
    return kept[1]


def _site_wide_key(method, context_state, category):
    """What the site-wide actions of ``category`` depend on: the site's and
    the navigation root's address (virtual hosting), the member's roles on
    the site (the actions' permissions and ``checkPermission(…, portal)``
    are asked there; anonymous: ("Anonymous",)), when the category or one
    of its actions was last changed, and the comments' workflow (the
    moderation link's condition)."""
    portal_state = getMultiAdapter(
        (context_state.context, context_state.request), name="plone_portal_state"
    )
    portal = portal_state.portal()
    actions = getToolByName(portal, "portal_actions")
    folder = actions.get(category)
    changed = (
        ()
        if folder is None
        else (folder._p_mtime, *(action._p_mtime for action in folder.objectValues()))
    )
    workflow = getToolByName(portal, "portal_workflow")
    return (
        category,
        portal_state.portal_url(),
        portal_state.navigation_root_url(),
        _site_roles(context_state.request, portal),
        changed,
        tuple(workflow.getChainForPortalType("Discussion Item")),
    )


@ram.cache(_site_wide_key)
def _site_wide_actions(context_state, category):
    infos = getToolByName(context_state.context, "portal_actions").listActionInfos(
        object=aq_inner(context_state.context), categories=(category,)
    )
    return tuple(dict(info) for info in infos)


def context_state_actions(self, category=None, max=-1):
    """10. plone.app.layout: ``plone_context_state``'s ``actions(category)``
    (a list of action dicts: "id", "title", "url", "available", ...)
    evaluates every action's conditions, permissions and address on every
    page: the member menu's (``user``), the footer's (``site_actions``) and
    the top navigation's (``portal_tabs``) 8 % of Mitt intranät (py-spy,
    issue 21). Those three categories are kept in memory per what they
    depend on (``_site_wide_key``), so colleagues with the same roles share
    them; their actions name no item (``object``) in their conditions or
    addresses, and actions added to them must not either. The content
    type's own actions of the category, and every other category, are
    worked out as before."""
    if category not in SITE_WIDE_ACTIONS or max != -1:
        return _original_context_state_actions(self, category, max)
    context = aq_inner(self.context)
    types = getToolByName(context, "portal_types")
    actions = list(types.listActionInfos(object=context, category=category))
    actions.extend(dict(action) for action in _site_wide_actions(self, category))
    return actions


_original_context_state_actions = ContextState.actions


class AddressWithOddCharacters(InvalidURI):
    """zope.schema's URI field has no ``_invalid_exc_type``: an address with
    å, ä, ö or another non-ASCII character (typed over REST) raised
    ``TypeError: 'NoneType' object is not callable``, a 500 (zope.schema
    _field._StrippedNativeStringLine.fromUnicode). This is the error it
    raises instead: a 400 with a Swedish message, as the edit form gives."""

    __doc__ = _(
        "error_address_characters",
        default="A web address cannot contain å, ä, ö, spaces or other such "
        "characters. Copy the address from the browser's address bar.",
    )


#: 12. What Plone's packages keep caches of a request under (besides
#: ``__dunder__`` names, matched by their form) and read with ``getattr(
#: request, name)`` or ``request.get(name)``: Zope answers both from a form
#: field or cookie of that name while the cache is not there yet, so a
#: string stood in for the cache and the page answered 500. Found by
#: reading the installed packages; ``tests/caching/test_request_tools.py``
#: reads them again and fails on a name missing here.
REQUEST_CACHE_NAMES = REQUEST_CACHES | {
    "__zpt_available_charsets",  # Products.PageTemplates
    "_plone_ec_cache",  # Products.CMFPlone's tools: the expression context
    "_oai_cache",  # and the actions' info
    "_ec_cache",  # Products.CMFCore's expression context
    "_summary_fields_cache",  # plone.restapi's summaries (metadata_fields)
    "_userdata_schema",  # plone.app.users: the member's details form
    "_register_schema",  # its registration form
    "_userdata_manager_schema",  # and a manager's form of another's details
    "_logout_path",  # Zope's and PAS's sign-out in the ZMI
    "_hacked_path",  # Products.PageTemplates: a template's source in the ZMI
}


def process_inputs(self, *args, **kwargs):
    """12. Zope: ``HTTPRequest.processInputs()`` (it reads the query string
    and the posted form into ``request.form``, before traversal), then drops
    the form fields and cookies named like a cache a package keeps on the
    request (``drop_request_cache_input``), also when reading the input
    failed (a number that is not one, a broken upload): Plone's error page
    is rendered with this request too.

    Zope's request answers a missing attribute, and ``request.get``, from
    its form fields and cookies, and upstream packages look their caches up
    so: ``?__annotations__=x`` (zope.annotation's ``IAnnotations(request)``)
    answered 500 on every page, ``?_plone_ec_cache=x`` too, ``?_catalog=x``
    (plone.app.uuid) on the site root, ``?_userdata_schema=x`` on the
    member's own details, a cookie of such a name the same (issue 21's
    review; our caches are read with ``tools.kept_on``). Returns None."""
    try:
        _original_process_inputs(self, *args, **kwargs)
    finally:
        drop_request_cache_input(self)


def clone_request(self):
    """12. Zope: ``HTTPRequest.clone()`` (a request for traversing, which
    plone.restapi's relation serializer and ``resolve_url`` make; it reads
    the cookies again, not the form), without cookies named like a cache
    (``process_inputs``). Returns the clone."""
    clone = _original_clone(self)
    drop_request_cache_input(clone)
    return clone


def drop_request_cache_input(request):
    """Drop from ``request``'s form and cookies (and their tainted copies)
    what ``is_request_cache`` names; a dropped upload is closed. Returns
    None."""
    for kept in ("form", "taintedform", "cookies", "taintedcookies"):
        values = getattr(request, kept, None) or {}
        for name in [name for name in values if is_request_cache(name)]:
            value = values.pop(name)
            if kept == "form" and isinstance(value, FileUpload):
                value.close()  # as the request's clear() would have


def is_request_cache(name):
    """Whether ``name`` (a form field's or cookie's name, a str) is one a
    package keeps a cache of the request under: a ``__dunder__`` name, or
    one of ``REQUEST_CACHE_NAMES``. Plone's sign-in (``__ac``,
    ``__ac_name``), copy and paste (``__cp``) and forms' ``_authenticator``
    are input, not caches."""
    dunder = len(name) > 4 and name.startswith("__") and name.endswith("__")
    return dunder or name in REQUEST_CACHE_NAMES


_original_process_inputs = HTTPRequest.processInputs
_original_clone = HTTPRequest.clone
