"""The crisis banner on every page, and the member's answer to a crisis.

- ``mine(request)``: the active crises meant for the current member, with
  her answer (one catalog query per request, kept for the request);
- ``BannerViewlet``: "Kris: <titel>" first in ``<body>`` (the theme's
  main_template puts it there, after the skip link) for every crisis she has
  not answered as it asks, with its buttons: red, short, no close button;
- ``AnswerViewlet``: near the top of the crisis item, her current answer
  ("Du svarade Jag är i säkerhet kl. 15.04") and the buttons;
- ``AnswerView`` (``@@kris-svar``): the buttons' POST; back to the page she
  was on (same site only) with a Swedish status message;
- ``answer(item, userid, kind)``: what the POST and REST ``@kris-svar`` do.
  "Jag behöver hjälp" tells her manager at once (help.py).
"""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet import dates
from solna.intranet.crisis import answers
from solna.intranet.crisis.behaviors import ICrisis
from solna.intranet.crisis.help import alert_manager
from solna.intranet.crisis.help import keep_told
from solna.intranet.crisis.help import told_recently
from solna.intranet.crisis.state import active_for
from solna.intranet.crisis.state import is_active
from solna.intranet.crisis.state import is_crisis
from solna.intranet.news.audience import tokens_of
from solna.intranet.news.readers import Member
from solna.intranet.tools import tool
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate
from zope.i18nmessageid import Message

import datetime


CACHE = "solna.intranet.crisis.mine"
#: The buttons' labels (the member's words, PRODUCT.md).
LABELS = {
    answers.SEEN: _("crisis_button_seen", default="I have seen this"),
    answers.SAFE: _("crisis_button_safe", default="I am safe"),
    answers.HELP: _("crisis_button_help", default="I need help"),
}
THANKS = {
    answers.SEEN: _(
        "crisis_thanks_seen",
        default="Thank you: you have marked that you have seen the crisis information.",
    ),
    answers.SAFE: _(
        "crisis_thanks_safe", default="Thank you: you answered that you are safe."
    ),
    answers.HELP: _(
        "crisis_thanks_help",
        default="Your answer is sent: your manager has been told that you need help.",
    ),
}
THANKS_HELP_NO_MANAGER = _(
    "crisis_thanks_help_no_manager",
    default="Your answer is saved and Krisledning sees it, but no manager "
    "was found to tell. In danger, call 112.",
)
NOT_ACTIVE = _(
    "crisis_refused_not_active",
    default="This is not an active crisis: no answer is needed.",
)
NOT_FOR_YOU = _(
    "crisis_refused_not_for_you",
    default="This crisis information is not meant for you, so there is "
    "nothing to answer.",
)
NOT_ASKED = _(
    "crisis_refused_not_asked",
    default="This crisis does not ask whether you are safe: answer Jag har sett detta.",
)
BAD_ANSWER = _(
    "crisis_refused_bad_answer",
    default='Answer with "answer": "seen", "safe" or "help".',
)


def asks_safety(item):
    """Does the crisis ask Jag är i säkerhet / Jag behöver hjälp?"""
    behaviour = ICrisis(item, None)
    return bool(behaviour is not None and behaviour.crisis_asks_safety)


def when(moment, request):
    """When she answered, as she reads it: "kl. 15.04" today, else "29 nov
    2026 kl. 15.04"."""
    local = dates.local(moment)
    today = dates.local(datetime.datetime.now(datetime.UTC)).date()
    if local.date() == today:
        return translate(
            Message(
                _("crisis_at_time", default="at ${time}"),
                mapping={"time": dates.display_time(moment, request)},
            ),
            context=request,
        )
    return dates.display(moment, request)


def answered_text(found, request):
    """ "Du svarade Jag är i säkerhet kl. 15.04." for a record, or ""."""
    if not found:
        return ""
    kind = found.get("answer") or answers.SEEN
    moment = found.get("answered") or found.get("seen")
    return translate(
        Message(
            _("crisis_you_answered", default="You answered ${answer} ${when}."),
            mapping={
                "answer": translate(LABELS[kind], context=request),
                "when": when(moment, request),
            },
        ),
        context=request,
    )


def summary(brain, userid, request):
    """One active crisis as the banner, the item and REST see it."""
    item = brain._unrestrictedGetObject()
    asks = asks_safety(item)
    found = answers.of(brain.UID, userid)
    return {
        "@id": brain.getURL(),
        "UID": brain.UID,
        "title": brain.Title,
        "description": brain.Description or "",
        "effective": dates.iso(brain.effective),
        "effective_display": dates.display(brain.effective, request),
        "asks_safety": asks,
        "status": answers.status(found),
        "answered": dates.iso(
            (found or {}).get("answered") or (found or {}).get("seen")
        ),
        "answered_display": answered_text(found, request),
        "done": answers.done(found, asks),
    }


def mine(request):
    """The active crises meant for the current member, newest first (see
    ``summary``); [] for Anonymous. Kept for the request: the banner, the
    item and @mitt-intranat ask once."""
    membership = tool("portal_membership")
    if membership.isAnonymousUser():
        return []
    userid = membership.getAuthenticatedMember().getId()
    cache = IAnnotations(request)
    key = f"{CACHE}:{userid}"
    if key not in cache:
        cache[key] = [summary(b, userid, request) for b in active_for(userid)]
    return cache[key]


def forget(request):
    """Her answer changed in this request: ask again."""
    cache = IAnnotations(request)
    for key in [k for k in cache if k.startswith(f"{CACHE}:")]:
        del cache[key]


def refusal(item, userid, kind):
    """Why ``userid`` may not answer ``kind`` to ``item`` (an i18n message),
    or None."""
    if kind not in LABELS:
        return BAD_ANSWER
    if not is_crisis(item) or not is_active(item):
        return NOT_ACTIVE
    if not Member(userid).is_meant_for(tokens_of(item)):
        return NOT_FOR_YOU
    if kind in answers.ANSWERS and not asks_safety(item):
        return NOT_ASKED
    return None


def answer(item, userid, kind):
    """Record her answer (``kind``: seen, safe, help) to the crisis
    ``item``: (record, None), or (None, refusal) and nothing stored. "Jag
    behöver hjälp" (when she did not already need help) mails and notifies
    her manager at once, unless he was told about her and this crisis in
    the last 15 minutes (help.TELL_AGAIN_AFTER: help, safe, help again
    tells him once); the record then has ``manager`` (user id or None)."""
    refused = refusal(item, userid, kind)
    if refused is not None:
        return None, refused
    uid = api.content.get_uuid(item)
    now = datetime.datetime.now(datetime.UTC)
    before = answers.of(uid, userid) or {}
    found = dict(answers.record(uid, userid, kind))
    told = told_recently(before, now)
    if kind == answers.HELP and before.get("answer") != answers.HELP and not told:
        found["manager"] = alert_manager(item, userid)
        if found["manager"] is not None:
            told = now
    keep_told(uid, userid, told)
    return found, None


def same_site(url):
    """``url`` when it is on this site, else None."""
    if not url:
        return None
    portal_url = api.portal.get_tool("portal_url")
    return url if portal_url.isURLInPortal(url) else None


class AnswerView(BrowserView):
    """@@kris-svar: the buttons' POST (answer=seen|safe|help); back to
    ``came_from`` when it is on this site, else to the item."""

    def __call__(self):
        back = (
            same_site(self.request.form.get("came_from")) or self.context.absolute_url()
        )
        if self.request.method != "POST":
            return self.request.response.redirect(self.context.absolute_url())
        CheckAuthenticator(self.request)
        if api.user.is_anonymous():
            return self.request.response.redirect(self.context.absolute_url())
        kind = self.request.form.get("answer", "")
        found, refused = answer(self.context, api.user.get_current().getId(), kind)
        if refused is not None:
            api.portal.show_message(refused, self.request, type="error")
        elif kind == answers.HELP and found.get("manager", True) is None:
            api.portal.show_message(
                THANKS_HELP_NO_MANAGER, self.request, type="warning"
            )
        else:
            api.portal.show_message(THANKS[kind], self.request)
        return self.request.response.redirect(back)


class Buttons:
    """What the banner's and the item's forms need."""

    def buttons(self, crisis):
        kinds = [answers.SEEN]
        if crisis["asks_safety"]:
            kinds += [answers.SAFE, answers.HELP]
        return [{"value": k, "label": LABELS[k]} for k in kinds]

    def came_from(self):
        url = self.request.get("ACTUAL_URL", "")
        query = self.request.get("QUERY_STRING", "")
        return f"{url}?{query}" if query else url

    def token(self):
        from plone.protect.authenticator import createToken

        return createToken()


class BannerViewlet(Buttons, ViewletBase):
    """The banner: each active crisis meant for her that she has not
    answered as it asks, newest first."""

    index = ViewPageTemplateFile("templates/banner.pt")

    def update(self):
        super().update()
        self.crises = [c for c in mine(self.request) if not c["done"]]

    def render(self):
        return self.index() if self.crises else ""


class AnswerViewlet(Buttons, ViewletBase):
    """On the crisis item, for those it is meant for while it is active:
    her answer so far and the buttons."""

    index = ViewPageTemplateFile("templates/answer.pt")

    def update(self):
        super().update()
        uid = api.content.get_uuid(self.context)
        self.crisis = next((c for c in mine(self.request) if c["UID"] == uid), None)

    def render(self):
        return self.index() if self.crisis else ""
