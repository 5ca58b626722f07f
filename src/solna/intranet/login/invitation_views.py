"""The pages of invitations (login/invitations.py):

- ``@@bjud-in`` (HR and managers): invite one person; the pending
  invitations with *Skicka igen*, *Visa QR-kod* (HR: any invitation; a
  manager: those they made) and *Återkalla*; a QR code for a person
  standing next to you (``Cache-Control: no-store``);
- ``@@bjud-in-fil`` (HR): invite everyone in a CSV file, all or nothing;
- ``@@bjud-in-ruta``: the section *Bjud in medarbetare* on Chefens sida
  (empty for who may not invite);
- ``@@inbjudan/<token>`` (public): the invitee's page, where she chooses a
  login name (and perhaps a password) and is signed in.

Every change is a POST with plone.protect's token (the invitee's page, for
nobody logged in, with ``createToken()`` checked by ``CheckAuthenticator``).
"""

from plone import api
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet.dates import display_time
from solna.intranet.interfaces import IToolPage
from solna.intranet.login import csvimport
from solna.intranet.login import invitations
from solna.intranet.login.invitations import no_store
from solna.intranet.login.invitations import professions
from solna.intranet.login.signin import sign_in
from zExceptions import Forbidden
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import time


SENT = _("invitation_sent", default="The invitation has been sent to ${email}.")
SENT_MANY = _("invitation_sent_many", default="Invitations sent: ${count}.")
RESENT = _(
    "invitation_resent",
    default="The invitation has been sent again to ${email}, with a new link.",
)
REVOKED = _(
    "invitation_revoked_done",
    default="The invitation to ${email} has been withdrawn.",
)
GONE = _(
    "invitation_gone",
    default="That invitation is no longer waiting (used or withdrawn).",
)
CORRECT = _("invitation_correct_errors", default="Correct what is marked.")
STALE_FORM = _(
    "invitation_stale_form",
    default="The page had been open too long. Reload it and try again.",
)
WELCOME = _(
    "invitation_welcome_done",
    default="Welcome! Your account is ready and you are signed in.",
)
NO_FILE = _("invitation_csv_no_file", default="Choose a file to upload.")


class InviterPage(BrowserView):
    """What the inviter's pages share: who may, and the posted action."""

    def check_inviter(self):
        if not invitations.may_invite():
            raise Unauthorized("Only HR and managers invite staff.")

    def posted(self):
        if self.request.method != "POST":
            return False
        CheckAuthenticator(self.request)
        return True

    def message(self, text, mapping=None, type="info"):
        api.portal.show_message(
            Message(text, mapping=mapping) if mapping else text,
            self.request,
            type=type,
        )

    def back(self, name="@@bjud-in"):
        return self.request.response.redirect(f"{self.context.absolute_url()}/{name}")


@implementer(IToolPage)
class InviteView(InviterPage):
    """@@bjud-in: invite one person; the pending invitations."""

    qr = None
    qr_template = ViewPageTemplateFile("templates/invite_qr.pt")

    def __call__(self):
        self.check_inviter()
        no_store(self.request)
        self.errors, self.values = {}, {}
        self.units = invitations.invitable_units()
        if self.posted():
            answer = self.act(self.request.form)
            if answer is not None:
                return answer
        return self.index()

    def act(self, form):
        """Handle the posted button; returns what to answer, or None to show
        the page (with errors or the QR code)."""
        if "invite" in form or "invite_qr" in form:
            return self.invite(form)
        for action in ("resend", "revoke", "qr"):
            if action in form:
                record = invitations.get_visible(form.get(action))
                if record is None:
                    self.message(GONE, type="warning")
                    return self.back()
                return getattr(self, f"do_{action}")(record)
        return None

    def invite(self, form):
        allowed = {u["UID"] for u in self.units}
        self.values, self.errors = invitations.check(form, allowed)
        if self.errors:
            self.message(CORRECT, type="error")
            return None
        record = invitations.invite(self.values, self.request)
        if "invite_qr" in form:
            return self.do_qr(record)
        self.message(SENT, {"email": record["email"]})
        return self.back()

    def do_resend(self, record):
        invitations.resend(record, self.request)
        self.message(RESENT, {"email": record["email"]})
        return self.back()

    def do_revoke(self, record):
        invitations.revoke(record)
        self.message(REVOKED, {"email": record["email"]})
        return self.back()

    def do_qr(self, record):
        if not invitations.may_show_qr(record):
            self.message(invitations.QR_NOT_YOURS, type="warning")
            return self.back()
        url, expires = invitations.new_qr(record, self.request)
        self.qr = {
            "record": invitations.serialize(record, self.request),
            "url": url,
            "image": invitations.qr_svg(url),
            "expires": expires,
            "expires_display": invitations.display(expires, self.request),
            "time_display": display_time(expires, self.request),
            "minutes": invitations.QR_MINUTES,
        }
        return self.qr_template()

    # For the template

    def value(self, name):
        return self.values.get(name, "") or self.request.form.get(name, "") or ""

    def error(self, name):
        message = self.errors.get(name)
        return translate(message, context=self.request) if message else ""

    def professions(self):
        return professions(self.request)

    def pending(self):
        """The pending invitations, each with ``may_show_qr`` (the button
        *Visa QR-kod* only where the member may show one)."""
        now = time.time()
        return [
            {
                **invitations.serialize(record, self.request, now),
                "may_show_qr": invitations.may_show_qr(record),
            }
            for record in invitations.visible(now)
        ]

    def may_import(self):
        return invitations.may_invite_anywhere()

    def valid_days(self):
        return invitations.VALID_DAYS


@implementer(IToolPage)
class InviteFileView(InviterPage):
    """@@bjud-in-fil: HR invites everyone in a CSV file, or nobody."""

    refused = None  # the message for a file that cannot be read
    refusals = ()  # one line per wrong row

    def __call__(self):
        if not invitations.may_invite_anywhere():
            raise Unauthorized("Only HR imports invitations.")
        if self.posted():
            upload = self.request.form.get("file")
            data = upload.read() if hasattr(upload, "read") else b""
            if not data and not getattr(upload, "filename", ""):
                self.refused = translate(NO_FILE, context=self.request)
                return self.index()
            try:
                records, refusals = csvimport.import_file(data, self.request)
            except csvimport.FileRefused as error:
                self.refused = translate(error.message, context=self.request)
                return self.index()
            if refusals:
                self.refusals = [
                    translate(r["message"], context=self.request) for r in refusals
                ]
                return self.index()
            self.message(SENT_MANY, {"count": len(records)})
            return self.back()
        return self.index()

    def professions(self):
        return professions(self.request)


class InviteBox(BrowserView):
    """@@bjud-in-ruta: the section on Chefens sida (empty for who may not
    invite)."""

    def __call__(self):
        if not invitations.may_invite():
            return ""
        self.count = len(invitations.visible())
        self.may_import = invitations.may_invite_anywhere()
        return self.index()


@implementer(IPublishTraverse, IToolPage)
class InvitationView(BrowserView):
    """@@inbjudan/<token>: the invitee's page (public). GET shows her
    invitation and the form; POST sets the account up and signs her in.
    A link that cannot be used gets a Swedish message and its HTTP status
    (404, 409, 410, 429); nothing changes."""

    token = None
    problem = None
    errors = None

    def publishTraverse(self, request, name):
        if self.token is not None:
            raise NotFound(self, name, request)
        self.token = name
        return self

    def __call__(self):
        no_store(self.request)
        self.request.response.setHeader("Referrer-Policy", "no-referrer")
        self.request.response.setHeader("X-Robots-Tag", "noindex")
        self.errors = {}
        post = self.request.method == "POST"
        if post:
            try:
                CheckAuthenticator(self.request)
            except Forbidden:
                return self.refuse(STALE_FORM, 403)
            alsoProvides(self.request, IDisableCSRFProtection)
        try:
            if post:
                return self.set_up()
            self.kind, self.record = invitations.usable(
                self.token, self.request, attempt=False
            )
        except invitations.Problem as problem:
            problem.answer(self.request)
            return self.refuse(problem.message, problem.status)
        self.info = invitations.describe(self.record, self.request)
        return self.index()

    def set_up(self):
        form = self.request.form
        login = form.get("login", "")
        password = form.get("password", "")
        try:
            userid = invitations.accept(
                self.token,
                login if isinstance(login, str) else "",
                password if isinstance(password, str) else "",
                self.request,
            )
        except invitations.SetupRefused as refused:
            self.errors = {
                field: translate(message, context=self.request)
                for field, message in refused.errors.items()
            }
            self.kind, self.record = invitations.usable(
                self.token, self.request, attempt=False
            )
            self.info = invitations.describe(self.record, self.request)
            self.request.response.setStatus(400)
            return self.index()
        sign_in(self.request, userid)
        api.portal.show_message(WELCOME, self.request)
        return self.request.response.redirect(api.portal.get().absolute_url())

    def refuse(self, message, status):
        """Show ``message`` instead of the form, with HTTP ``status``."""
        self.problem = translate(message, context=self.request)
        self.request.response.setStatus(status)
        return self.index()

    # For the template

    def authenticator(self):
        return createToken()

    def typed_login(self):
        typed = self.request.form.get("login")
        return typed if isinstance(typed, str) and typed else self.info["login"]

    def signed_in_as(self):
        if api.user.is_anonymous():
            return ""
        user = api.user.get_current()
        return user.getProperty("fullname", "") or user.getId()

    def action(self):
        return f"{api.portal.get().absolute_url()}/@@inbjudan/{self.token}"

    def portal_url(self):
        return api.portal.get().absolute_url()
