"""Uppföljning for Krisledning: the page ``@@uppfoljning`` on a crisis, the
list ``@@krislage`` on the site and the link to both on the crisis item
(followup.zcml; the data is followup.py's)."""

from html import escape
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet.crisis.followup import counts
from solna.intranet.crisis.followup import krislage
from solna.intranet.crisis.followup import LABELS
from solna.intranet.crisis.state import is_crisis
from solna.intranet.crisis.state import may_raise
from zExceptions import NotFound
from zope.i18n import translate


NO_PHONE = _("crisis_followup_no_phone", default="No phone number in the directory.")
ALL = _("crisis_followup_all", default="All in the audience")


class FollowupView(BrowserView):
    """@@uppfoljning on a crisis (permission Publish crisis information):
    the counts per unit and who needs help, as of this request. A news item
    that is no crisis has no follow-up: 404."""

    statuses = ("help", "safe", "seen", "none")

    def __call__(self):
        if not is_crisis(self.context):
            raise NotFound(self, "uppfoljning", self.request)
        self.data = counts(self.context, self.request)
        return self.index()

    # The help list and the table's rows are written here, not by the
    # template: 150 people and 50 units cost a template some 8,000
    # expressions (0.3 s); these loops cost a few milliseconds.

    def help_items(self):
        """The <li> of each person who needs help: name, unit, when, and
        labelled tel: links."""
        no_phone = escape(translate(NO_PHONE, context=self.request))
        items = []
        for person in self.data["help"]:
            unit = f", {escape(person['unit'])}" if person["unit"] else ""
            when = (
                f' · <time datetime="{escape(person["answered"])}">'
                f"{escape(person['answered_display'])}</time>"
                if person["answered"]
                else ""
            )
            calls = (
                "".join(
                    '<a class="btn btn-outline-danger btn-sm me-2 mt-1 solna-call" '
                    f'href="{escape(phone["tel"])}" '
                    f'aria-label="{escape(phone["label"])}"'
                    f">{escape(phone['number'])}</a>"
                    for phone in person["phones"]
                )
                or f'<span class="small text-muted">{no_phone}</span>'
            )
            items.append(
                f'<li class="list-group-item"><strong class="solna-help-name">'
                f"{escape(person['fullname'])}</strong>{unit}{when}<br>{calls}</li>"
            )
        return "\n".join(items)

    def _cells(self, counts, bold):
        css = "text-end fw-bold" if bold else "text-end"
        return "".join(
            f'<td class="{css}" data-status="{status}">{counts[status]}</td>'
            for status in (*self.statuses, "total")
        )

    def rows(self):
        """<tbody> per förvaltning (its row, then its units'), and <tfoot>
        with the totals."""
        parts = []
        for group in self.data["groups"]:
            parts.append(
                f'<tbody><tr class="table-light solna-followup-group" '
                f'data-uid="{escape(str(group["UID"]))}">'
                f'<th scope="row">{escape(group["title"])}</th>'
                f"{self._cells(group['counts'], True)}</tr>"
            )
            parts.extend(
                '<tr class="solna-followup-unit" '
                f'data-uid="{escape(str(unit["UID"]))}">'
                f'<th class="fw-normal ps-3" scope="row">{escape(unit["title"])}</th>'
                f"{self._cells(unit['counts'], False)}</tr>"
                for unit in group["units"]
            )
            parts.append("</tbody>")
        everyone = escape(translate(ALL, context=self.request))
        parts.append(
            f'<tfoot><tr class="solna-followup-totals"><th scope="row">{everyone}'
            f"</th>{self._cells(self.data['totals'], True)}</tr></tfoot>"
        )
        return "\n".join(parts)

    def label(self, status):
        return translate(LABELS[status], context=self.request)

    def rest_url(self):
        return f"{self.context.absolute_url()}/@kris-uppfoljning"


class KrislageView(BrowserView):
    """@@krislage on the site: the crises Krisledning follows."""

    def __call__(self):
        self.crises = krislage(self.request)
        return self.index()


class FollowupLinks(ViewletBase):
    """On a crisis, for those who may follow it up: Uppföljning and
    Krisläge."""

    index = ViewPageTemplateFile("followup_templates/links.pt")

    def available(self):
        if isinstance(self.view, FollowupView):  # it links there itself
            return False
        return is_crisis(self.context) and may_raise(self.context)

    def render(self):
        return self.index() if self.available() else ""
