"""Avsluta krisläge: Krisledning ends a crisis (state.end records when and
by whom; the item leaves the active crises, so the banner, Mitt intranät's
top and the reminders stop).

- ``@@avsluta-krislage`` on the item: a confirmation page (GET), then POST
  with the CSRF token ends it; only for those who may raise a crisis;
- ``CrisisStatus``: the viewlet on the item, for everyone who views it:
  "Krisläget avslutades <datum kl. tid> av <namn>" once ended, else (for
  those who may end it) the button to the confirmation page;
- REST ``GET``/``POST @avsluta-krislage`` on the item: the status; POST ends
  it (403 for others, 400 if the item is no crisis).
"""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet.crisis.state import end
from solna.intranet.crisis.state import ended
from solna.intranet.crisis.state import is_active
from solna.intranet.crisis.state import is_crisis
from solna.intranet.crisis.state import may_raise
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import fullname
from solna.intranet.rest import error
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer


NAME = "avsluta-krislage"
NOT_A_CRISIS = _(
    "crisis_end_not_a_crisis",
    default="This news item is not crisis information: there is no crisis to end.",
)
NOT_ALLOWED = _(
    "crisis_end_not_allowed",
    default="Only Krisledning can end a crisis.",
)
ENDED_NOW = _("crisis_ended_now", default="The crisis is ended.")


def status(item, request):
    """What REST and the page say about the crisis ``item``: {"crisis",
    "active", "ended": ISO 8601 or None, "ended_display", "ended_by": user
    id or None, "ended_by_name", "may_end"}."""
    stopped = ended(item)
    when, by = stopped if stopped else (None, None)
    crisis = is_crisis(item)
    return {
        "crisis": crisis,
        "active": is_active(item),
        "ended": iso(when) if when else None,
        "ended_display": display(when, request) if when else "",
        "ended_by": by or None,
        "ended_by_name": fullname(by) if by else "",
        "may_end": bool(crisis and stopped is None and may_raise(item)),
    }


def ended_line(item, request):
    """ "Krisläget avslutades 30 nov 2026 kl. 14.05 av Erik Sandberg", or ""."""
    found = status(item, request)
    if not found["ended"]:
        return ""
    return translate(
        _(
            "crisis_ended_line",
            default="The crisis was ended ${when} by ${name}.",
            mapping={"when": found["ended_display"], "name": found["ended_by_name"]},
        ),
        context=request,
    )


class CrisisStatus(ViewletBase):
    """``solna.crisis.status`` above the item's body: when and by whom the
    crisis was ended (everyone), or Avsluta krisläge (those who may)."""

    index = ViewPageTemplateFile("templates/crisis_status.pt")
    line = ""
    may_end = False

    def update(self):
        super().update()
        if not is_crisis(self.context):
            return
        self.line = ended_line(self.context, self.request)
        self.may_end = not self.line and may_raise(self.context)

    def render(self):
        if not (self.line or self.may_end):
            return ""
        return self.index()


@implementer(IToolPage)
class EndForm(BrowserView):
    """@@avsluta-krislage: confirm, then end the crisis (POST, CSRF). The
    page's permission is PUBLISH_CRISIS (configure: raising.zcml)."""

    index = ViewPageTemplateFile("templates/end_crisis.pt")

    def __call__(self):
        item = self.context
        form = self.request.form
        if self.request.method == "POST" and "form.buttons.cancel" in form:
            return self.request.response.redirect(item.absolute_url())
        if not is_crisis(item):
            api.portal.show_message(NOT_A_CRISIS, request=self.request, type="error")
            return self.request.response.redirect(item.absolute_url())
        if self.request.method == "POST" and "form.buttons.end" in form:
            CheckAuthenticator(self.request)
            end(item, api.user.get_current().getId())
            api.portal.show_message(ENDED_NOW, request=self.request)
            return self.request.response.redirect(item.absolute_url())
        self.line = ended_line(item, self.request)
        return self.index()


class StatusGet(Service):
    """GET @avsluta-krislage on a news item: the crisis' status."""

    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@{NAME}",
            **status(self.context, self.request),
        }


class EndPost(StatusGet):
    """POST @avsluta-krislage: end the crisis (Krisledning only)."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        if not may_raise(self.context):
            self.request.response.setStatus(403)
            return {
                "error": {
                    "type": "Forbidden",
                    "message": translate(NOT_ALLOWED, context=self.request),
                }
            }
        if not is_crisis(self.context):
            return error(self.request, NOT_A_CRISIS)
        end(self.context, api.user.get_current().getId())
        return super().reply()
