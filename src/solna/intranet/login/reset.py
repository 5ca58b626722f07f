"""A new password by e-mail, in Swedish, with the rules of the one-time codes
(issue 16): a link valid 15 minutes, usable once, stored only as a hash,
and the same answer whether the account exists or not.

**The flow.** ``@@mail_password_form`` and ``@@login-help`` ("Behöver du
hjälp?") ask for a login name or an e-mail address on the account (any
case; ``accounts.find_userid``: the work address or a confirmed private
one) and post it to ``@@mail_password`` (REST: ``POST @nytt-losenord``).
Every request gets the same page ("if there is such an account, a link is
on its way"); for a member, ``request_reset`` stores a link and mails it
(``mail.send_to``, after the commit) to the address typed, or else to the
work address (or, lacking one, the private address). The link,
``passwordreset/<key>``, shows a Swedish form for the new password
(``PasswordResetView``; REST: ``POST @nytt-losenord/<key>``). Once it is
saved: every open link of that member is void, the guessing lock of the
login ends (``limits.unlock``), the member's other devices and apps are
signed out (``devices.sign_out_others``) and, as Plone does when
``plone.autologin_after_password_reset`` is on, this phone is signed in.
A used, replaced, unknown or malformed link gets a Swedish page
("Länken fungerar inte längre"), an expired one its own; neither changes
anything.

**Why Plone's tool is replaced.** ``portal_password_reset``
(Products.CMFPlone.PasswordResetTool) keeps its keys in clear, valid 7
days, and leaves a member's other links valid after a reset; its mail says
"0 timmar" for anything under a day. ``ResetTool`` subclasses it (same id,
same API, so Plone's other routes keep working: the users control panel,
plone.restapi's ``@users/<id>/reset-password``, the welcome mail of a new
account) and keeps only an HMAC-SHA256 of each key (keyed by the site's
``_system`` keyring; every secret of the ring is tried, so a weekly
rotation voids nothing), valid ``MINUTES`` (15) minutes whatever the ZMI
says, all of a member's links void after one is used. ``install`` swaps
it in (open links of the old tool are dropped), ``uninstall`` puts Plone's
back. Re-importing Plone's ``toolset`` step would put Plone's back too:
run the upgrade step again then.

**Limits.** At most ``MAX_OPEN`` (3) open links per member: asking more
often within 15 minutes sends nothing (the answer stays the same), so the
form cannot be used to flood someone's mailbox. ``ResetTool.requestReset``
itself keeps the rule, so every caller is limited: our form and
``@nytt-losenord``, Plone's users control panel and plone.restapi's
``@users/<id>/reset-password`` (RegistrationTool.mailPassword; past the
limit, or for a Manager, its mail template answers 404 and nothing is
sent). Plone's ``portal_registration/mailPassword`` and
``registeredNotify`` are not published to the web at all (published.py):
anyone could call them, without a limit, and an unknown login answered
500.

**No reset by e-mail for a Manager.** An account with the Manager role
(a Zope or Plone administrator) gets no link, on any route: the answer
is the one an unknown account gets. A Site Administrator may change any
member's e-mail address in ``@@user-information``; were a link sent
there, they could take a Manager's account over and make themselves a
Manager. A Manager who forgot the password gets a new one from another
Manager, or through the Zope root (``admin``).

**The same time for everyone.** Asking for a link (``@@mail_password``,
``POST @nytt-losenord``) lasts at least ``PAD_SECONDS`` (0.3 s) from the
start of the handler, after the commit (published.py ``pad``): a known
account costs look-ups, a permission check and a database write that an
unknown one does not, and an observer timing the answer must not learn
who has an account (OWASP Authentication Cheat Sheet, "Authentication
Responses"). The unknown account does the same scan of the open links.

Sources: OWASP Forgot Password Cheat Sheet (same answer, single use,
short-lived, hashed tokens, invalidate sessions after a reset); NIST SP
800-63B 5.1.1.2.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from BTrees.OOBTree import OOBTree
from plone import api
from plone.base.utils import safe_text
from plone.keyring.interfaces import IKeyManager
from plone.protect.authenticator import _getKeyring
from plone.protect.authenticator import _getUserName
from plone.protect.authenticator import _verify_request
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.CMFPlone.browser.login.password_reset import PasswordResetToolView
from Products.CMFPlone.PasswordResetTool import ExpiredRequestError
from Products.CMFPlone.PasswordResetTool import InvalidRequestError
from Products.CMFPlone.PasswordResetTool import PasswordResetTool
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet import logger
from solna.intranet import mail
from solna.intranet.login import accounts
from solna.intranet.login import devices
from solna.intranet.login import limits
from solna.intranet.login import published
from solna.intranet.login import signin
from solna.intranet.members import member
from solna.intranet.rest import json_object
from urllib.parse import urlencode
from zExceptions import NotFound
from ZODB.POSException import ConflictError
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import datetime
import hashlib
import hmac
import secrets
import time


#: How long a link for a new password is valid.
MINUTES = 15
#: Open links per member at most (more requests send nothing).
MAX_OPEN = 3
#: A request for a link lasts at least this long (seconds, from the start of
#: its handler), so a known account is not told from an unknown one by time.
PAD_SECONDS = 0.3
#: Expired links are kept this long (to say "expired" rather than "unknown").
KEEP_EXPIRED_DAYS = 1
TOOL_ID = "portal_password_reset"

SUBJECT = _("reset_mail_subject", default="Choose a new password for the intranet")
BODY = _(
    "reset_mail_body",
    default="Hello ${name},\n\nSomeone, hopefully you, asked for a new "
    "password to the intranet for the account ${login}. Open this link to "
    "choose a new password:\n\n${url}\n\nThe link is valid for ${minutes} "
    "minutes and works once. When you have chosen a new password, your "
    "other signed-in devices are signed out.\n\nIf you did not ask for "
    "this, ignore this e-mail: your password has not been changed.",
)
SENT = _(
    "reset_sent_text",
    default="If there is an account with that login name or e-mail "
    "address, a link to choose a new password is on its way to its e-mail "
    "address. The link is valid for ${minutes} minutes and works once.",
)
STALE_FORM = _(
    "reset_stale_form",
    default="The page had been open too long. Please try again.",
)
NO_LOGIN = _("reset_no_login", default="Write your login name or e-mail address.")
REQUEST_HELP = _(
    "reset_request_help",
    default="Write your login name or an e-mail address on your account. "
    "We e-mail you a link to choose a new password; it is valid for "
    "${minutes} minutes.",
)
NO_NEW_PASSWORD = _("reset_no_new_password", default="Write the new password.")
NO_PASSWORD = _("reset_no_password", default="Write the new password twice.")
MISMATCH = _("reset_mismatch", default="The two passwords are not the same.")
TOO_SHORT = _(
    "reset_too_short",
    default="The password is too short: use at least ${min_chars} characters.",
)
INVALID = _(
    "reset_invalid_text",
    default="The link has been used already, a newer link replaced it, or "
    "it was not copied whole. Ask for a new link: each one works once and "
    "for ${minutes} minutes.",
)
EXPIRED = _(
    "reset_expired_text",
    default="Links for a new password are valid for ${minutes} minutes. "
    "Ask for a new link.",
)
DONE = _(
    "reset_done",
    default="Your password is changed. Your other devices are signed out.",
)


def form_token():
    """plone.protect's form token for the caller, made with the current
    secret of its ring (plone.protect's ``createToken`` picks one at random):
    the same for everyone not logged in, so that the pages here are the
    same, byte for byte, whatever was typed. ``CheckAuthenticator`` accepts
    it (it tries every secret of the ring)."""
    user = _getUserName()
    secret = _getKeyring(user).current
    return hmac.new(secret.encode(), user.encode(), hashlib.sha1).hexdigest()


def minutes(message):
    """``message`` with ``${minutes}`` filled in."""
    return Message(message, mapping={"minutes": MINUTES})


def _now():
    """Now as Plone's tool keeps it: a naive UTC datetime."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


# --- The tool ----------------------------------------------------------------


class ResetTool(PasswordResetTool):
    """Plone's password reset tool with hashed, 15-minute, once-only keys
    (see the module's description). ``_requests``: OOBTree HMAC hex digest
    of a key → (user id, expiry as a naive UTC datetime)."""

    meta_type = "Solna Password Reset Tool"
    security = ClassSecurityInfo()

    _user_check = False
    _timedelta = MINUTES / (24 * 60)

    @security.public
    def checkUser(self):
        """The link alone is enough: no login name to type (a phone would
        capitalise it)."""
        return False

    def setExpirationTimeout(self, timedelta):
        """The lifetime is the rule (MINUTES), not a setting."""

    @security.public
    def getExpirationTimeout(self):
        """The lifetime in days, as Plone's tool gives it."""
        return MINUTES / (24 * 60)

    @security.private
    def expirationDate(self):
        return _now() + datetime.timedelta(minutes=MINUTES)

    @security.private
    def uniqueString(self, userid):
        """256 random bits, URL-safe (43 characters)."""
        return secrets.token_urlsafe(32)

    def _digests(self, key):
        """HMAC-SHA256 hex digests of ``key`` with each secret of the
        ``_system`` ring, the current one first ([] for no key)."""
        if not isinstance(key, str) or not 20 <= len(key) <= 200:
            return []
        ring = getUtility(IKeyManager)["_system"]
        return [
            hmac.new(s.encode(), key.encode(), hashlib.sha256).hexdigest()
            for s in ring
            if s
        ]

    def _lookup(self, key):
        """(digest, (userid, expiry)) of a stored key, or (None, None)."""
        for digest in self._digests(key):
            record = self._requests.get(digest)
            if record is not None:
                return digest, record
        return None, None

    @security.private
    def open_links(self, userid):
        """How many unexpired links ``userid`` has."""
        now = _now()
        return sum(
            1
            for who, expiry in self._requests.values()
            if who == userid and expiry > now
        )

    def requestReset(self, userid):
        """Store a new key for ``userid``: returns {"randomstring": the key
        (for the mail only), "expires", "userid"}, or None (nothing stored)
        for an unknown member, a Manager (no reset by e-mail) or a member
        with MAX_OPEN open links. Every caller is limited so: Plone's
        RegistrationTool.mailPassword then fails in its mail template
        (``MailTemplateView``: 404) and sends nothing. Prunes expired
        keys."""
        if not self.getValidUser(userid) or accounts.is_manager(userid):
            return None
        if self.open_links(userid) >= MAX_OPEN:
            return None
        if not isinstance(self._requests, OOBTree):
            self._requests = OOBTree(self._requests)
        key = self.uniqueString(userid)
        expiry = self.expirationDate()
        self.clearExpired(KEEP_EXPIRED_DAYS)
        self._requests[self._digests(key)[0]] = (userid, expiry)
        return {"randomstring": key, "expires": expiry, "userid": userid}

    @security.public
    def verifyKey(self, key):
        """Raise InvalidRequestError (unknown, used, void) or
        ExpiredRequestError; else return the key's user id."""
        _digest, record = self._lookup(key)
        if record is None:
            raise InvalidRequestError
        userid, expiry = record
        if self.expired(expiry):
            raise ExpiredRequestError
        if not self.getValidUser(userid):
            raise InvalidRequestError("No such user")
        return userid

    @security.public
    def resetPassword(self, userid, randomstring, password):
        """Set ``password`` for the member of the key ``randomstring``
        (``userid``, when given, must name that member). Then every open
        key of the member is void, their guessing lock ends and their other
        devices are signed out (``after_reset``). The password's quality is
        the caller's to check. Raises InvalidRequestError or
        ExpiredRequestError, changing nothing."""
        _digest, record = self._lookup(randomstring)
        if record is None:
            raise InvalidRequestError
        stored, expiry = record
        if userid and userid != stored and accounts.find_userid(userid) != stored:
            raise InvalidRequestError
        if self.expired(expiry):
            raise ExpiredRequestError
        found = self.getValidUser(stored)
        if not found:
            raise InvalidRequestError
        api.portal.get_tool("acl_users").userSetPassword(stored, password)
        found.setMemberProperties({"must_change_password": 0})
        self.forget(stored)
        after_reset(stored)

    @security.private
    def forget(self, userid):
        """Void every key of ``userid``."""
        for digest, (who, _expiry) in list(self._requests.items()):
            if who == userid:
                del self._requests[digest]

    @security.private
    def clearExpired(self, days=0):
        limit = _now() - datetime.timedelta(days=days)
        for digest, (_who, expiry) in list(self._requests.items()):
            if expiry <= limit:
                del self._requests[digest]


InitializeClass(ResetTool)


def after_reset(userid):
    """What follows a new password set through a link: the login's
    guessing lock ends (the link proved the mailbox) and the member's other
    devices and apps are signed out."""
    request = getRequest()
    login = accounts.login_for_userid(userid) or userid
    limits.unlock(request, login)
    if request is not None:
        devices.sign_out_others(userid, request)
    else:
        devices.sign_out(userid)


def _tool():
    return api.portal.get_tool(TOOL_ID)


def install(site):
    """Put ResetTool in place of Plone's tool (idempotent)."""
    old = getattr(site, TOOL_ID, None)
    if isinstance(old, ResetTool):
        return
    new = ResetTool()
    new._setId(TOOL_ID)
    if old is not None:
        site._delObject(TOOL_ID, suppress_events=True)
    site._setObject(TOOL_ID, new, suppress_events=True)
    logger.info("Password reset links: hashed, %d minutes, once", MINUTES)


def uninstall(site):
    """Put Plone's own tool back (open links are void)."""
    old = getattr(site, TOOL_ID, None)
    if not isinstance(old, ResetTool):
        return
    new = PasswordResetTool()
    new._setId(TOOL_ID)
    site._delObject(TOOL_ID, suppress_events=True)
    site._setObject(TOOL_ID, new, suppress_events=True)


# --- Asking for a link ---------------------------------------------------------


def mail_body(userid, url):
    """The mail's body (an i18n message) for a link to ``url``."""
    found = member(userid)
    name = (found.getProperty("fullname", "") if found else "") or ""
    login = accounts.login_for_userid(userid) or userid
    return Message(
        BODY,
        mapping={
            "name": name or login,
            "login": login,
            "url": url,
            "minutes": MINUTES,
        },
    )


def reset_url(key):
    return f"{api.portal.get().absolute_url()}/passwordreset/{key}"


def _may_set_password(userid):
    """Plone's rule (RegistrationTool.mailPassword): the member may set
    their own password."""
    user = api.portal.get_tool("acl_users").getUserById(userid)
    if user is None:
        return False
    with api.env.adopt_user(user=user):
        return api.user.has_permission("Set own password", obj=api.portal.get())


def request_reset(text, request):
    """Mail a link for a new password to the member ``text`` (a login name
    or an e-mail address, any case) names, after the commit. Returns None
    whatever happened: nothing tells the caller whether an account exists.
    Nothing is sent for an unknown text, a member without an address, a
    Manager, or one who has MAX_OPEN open links. The request lasts at
    least PAD_SECONDS from here (published.pad): the same time for all."""
    published.pad_until(request, time.monotonic() + PAD_SECONDS)
    tool = _tool()
    userid = accounts.find_userid(text or "", request)
    # The scan of the open links costs the same for an unknown account.
    if isinstance(tool, ResetTool):
        tool.open_links(userid)
    if userid is None or member(userid) is None or not _may_set_password(userid):
        return None
    if accounts.is_manager(userid):
        return None
    typed = accounts.canonical(text)
    if "@" in typed and userid in accounts.owners(typed):
        address = typed
    else:
        address = member(userid).getProperty("email", "") or accounts.private_address(
            userid
        )
    if not address:
        return None
    reset = tool.requestReset(userid)  # None past MAX_OPEN
    if reset is None:
        return None
    mail.send_to(
        [address],
        SUBJECT,
        mail_body(userid, reset_url(reset["randomstring"])),
        asked=True,  # she asked for it just now: not held (Tysta timmar)
    )
    return None


# --- Pages ----------------------------------------------------------------------


class RequestForm(BrowserView):
    """``@@mail_password_form`` ("Glömt lösenord"): the field for a
    login name or an e-mail address, posted to ``@@mail_password``."""

    index = ViewPageTemplateFile("templates/reset_request.pt")
    #: The help page's headings ("Behöver du hjälp?", "Byt ditt lösenord").
    help_page = False
    message = None

    def token(self):
        return form_token()

    def typed(self):
        value = self.request.form.get("userid", "")
        return safe_text(value) if isinstance(value, str | bytes) else ""

    def portal_url(self):
        return api.portal.get().absolute_url()

    def request_text(self):
        return minutes(REQUEST_HELP)

    def __call__(self):
        return self.index()


class LoginHelpView(RequestForm):
    """``@@login-help`` ("Behöver du hjälp?"): Plone's page has a form for
    the password and one that mails a forgotten login name; the first
    surfaced mail errors for existing accounts only, the second logged
    addresses and re-raised them. Here: the same field as
    ``@@mail_password_form`` (a login name or an e-mail address, and the
    mail names the login) and the way to a one-time code."""

    help_page = True


class MailPasswordView(RequestForm):
    """``@@mail_password``: POST with the token → ``request_reset`` and the
    page that says a link is on its way, the same for every login and
    address (the earlier override in security/users.py answered alike;
    this one also accepts addresses and any case), and in the same time
    (a POST lasts at least PAD_SECONDS). A GET, or a form whose token is
    stale, shows the form again."""

    sent = ViewPageTemplateFile("templates/reset_sent.pt")

    def __call__(self):
        if self.request.method != "POST":
            return self.index()
        published.pad_until(self.request, time.monotonic() + PAD_SECONDS)
        if not _verify_request(self.request):
            self.message = STALE_FORM
            return self.index()
        text = self.typed().strip()
        if not text:
            self.message = NO_LOGIN
            return self.index()
        try:
            request_reset(text, self.request)
        except ConflictError:
            raise
        except Exception as error:  # never tell a member from no one
            logger.warning("A password reset link failed: %r", type(error))
        return self.sent()

    def sent_text(self):
        return minutes(SENT)


# --- The link --------------------------------------------------------------------


def password_problem(password, again, request):
    """Why the new password cannot be used (a message), or None."""
    if not password or not again:
        return NO_PASSWORD
    if password != again:
        return MISMATCH
    problem = api.portal.get_tool("portal_registration").testPasswordValidity(password)
    if problem:
        pas = api.portal.get_tool("acl_users")
        least = max([getattr(p, "min_chars", 0) for p in pas.objectValues()] + [0])
        if len(password) < least:
            return Message(TOO_SHORT, mapping={"min_chars": least})
        return translate(problem, context=request)
    return None


@implementer(IPublishTraverse)
class PasswordResetView(BrowserView):
    """``passwordreset/<key>``: the form for a new password (two fields,
    ``autocomplete="new-password"``, plone.protect's token), or a Swedish
    page for a link that does not work."""

    form = ViewPageTemplateFile("templates/reset_form.pt")
    invalid = ViewPageTemplateFile("templates/reset_invalid.pt")
    finish = ViewPageTemplateFile("templates/reset_finish.pt")

    key = None
    error = None
    expired = False
    userid = None

    def publishTraverse(self, request, name):
        self.key = name if self.key is None else "\0"
        return self

    def login(self):
        return accounts.login_for_userid(self.userid) or self.userid

    def token(self):
        return form_token()

    def action(self):
        return reset_url(self.key)

    def portal_url(self):
        return api.portal.get().absolute_url()

    def login_url(self):
        return f"{self.portal_url()}/login?" + urlencode({"__ac_name": self.login()})

    def invalid_text(self):
        return minutes(EXPIRED if self.expired else INVALID)

    def __call__(self):
        if self.key is None:
            key = self.request.form.get("key")
            self.key = key if isinstance(key, str) else ""
        tool = _tool()
        try:
            self.userid = tool.verifyKey(self.key)
        except ExpiredRequestError:
            self.expired = True
            return self.invalid()
        except InvalidRequestError:
            return self.invalid()
        if self.userid is None:  # Plone's own tool: no user id
            self.userid = tool._requests[self.key][0]
        if self.request.method != "POST":
            return self.form()
        if not _verify_request(self.request):
            self.error = STALE_FORM
            return self.form()
        password = self.request.form.get("password")
        again = self.request.form.get("password_again")
        password = password if isinstance(password, str) else ""
        again = again if isinstance(again, str) else ""
        self.error = password_problem(password, again, self.request)
        if self.error:
            return self.form()
        try:
            tool.resetPassword(self.userid, self.key, password)
        except ExpiredRequestError:
            self.expired = True
            return self.invalid()
        except InvalidRequestError:
            return self.invalid()
        if api.portal.get_registry_record(
            "plone.autologin_after_password_reset", default=False
        ):
            signin.sign_in(self.request, self.userid)
            IStatusMessage(self.request).add(
                translate(DONE, context=self.request), "info"
            )
            return self.request.response.redirect(self.portal_url())
        return self.finish()

    def done_text(self):
        return DONE


class MailTemplateView(PasswordResetToolView):
    """``mail_password_template``: the mail Plone's own routes send
    (RegistrationTool.mailPassword: the users control panel, plone.restapi's
    ``@users/<id>/reset-password``), in Swedish, with the right lifetime.
    Like Plone's template it returns the message with its headers, which
    the tool hands to the MailHost (which encodes them). Without a link
    (``ResetTool.requestReset`` gave none: a Manager, or MAX_OPEN open
    links) it raises NotFound, so nothing is sent."""

    def __call__(self, member=None, reset=None, **kwargs):
        if member is None or not reset:
            raise NotFound(self.__name__)
        body = mail_body(member.getId(), reset_url(reset["randomstring"]))
        return "\n".join(
            (
                f"From: {self.encoded_mail_sender()}",
                f"To: {member.getProperty('email', '')}",
                f"Subject: {translate(SUBJECT, context=self.request)}",
                "Content-Type: text/plain",
                "Precedence: bulk",
                "",
                translate(body, context=self.request),
                "",
            )
        )


# --- REST: @nytt-losenord -------------------------------------------------------


def _rest_error(request, message):
    request.response.setStatus(400)
    return {
        "error": {"type": "BadRequest", "message": translate(message, context=request)}
    }


@implementer(IPublishTraverse)
class ResetPost(Service):
    """``POST @nytt-losenord`` {"login": str}: ask for a link (202, the same
    answer for every login). ``POST @nytt-losenord/<key>`` {"password":
    str}: set the new password (200 {"message"}); asking lasts at least
    PAD_SECONDS whoever is asked for; 400 with a Swedish
    message for a link that does not work or a password that cannot be
    used."""

    key = None

    def publishTraverse(self, request, name):
        self.key = name if self.key is None else "\0"
        return self

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        if self.key is None:
            published.pad_until(self.request, time.monotonic() + PAD_SECONDS)
            login = body.get("login")
            if not isinstance(login, str) or not login.strip():
                return _rest_error(self.request, NO_LOGIN)
            try:
                request_reset(login.strip(), self.request)
            except ConflictError:
                raise
            except Exception as error:
                logger.warning("A password reset link failed: %r", type(error))
            self.request.response.setStatus(202)
            return {"message": translate(minutes(SENT), context=self.request)}
        password = body.get("password")
        password = password if isinstance(password, str) else ""
        if not password:
            return _rest_error(self.request, NO_NEW_PASSWORD)
        tool = _tool()
        try:
            userid = tool.verifyKey(self.key)
        except ExpiredRequestError:
            return _rest_error(self.request, minutes(EXPIRED))
        except InvalidRequestError:
            return _rest_error(self.request, minutes(INVALID))
        if userid is None:  # Plone's own tool: no user id
            userid = tool._requests[self.key][0]
        problem = password_problem(password, password, self.request)
        if problem:
            return _rest_error(self.request, problem)
        try:
            tool.resetPassword(userid, self.key, password)
        except ExpiredRequestError:
            return _rest_error(self.request, minutes(EXPIRED))
        except InvalidRequestError:
            return _rest_error(self.request, minutes(INVALID))
        return {"message": translate(DONE, context=self.request)}
