"""Folder contents (mockup's structure pattern) in Swedish: its table is
DataTables, whose own texts (the column headers' "Activate to sort" for
screen readers, "No data available in table") the pattern takes from its
``datatables_options``; Plone passes none, so they stayed English.

Its dates (Senast ändrad, Publiceringsdatum, …) are the catalog's ISO
strings, which the pattern shows with ``Date.toLocaleString(language,
dateFormat)``: in the zone of the browser, UTC on a server or a phone set
so, while History shows Stockholm's, and in the browser's format ("1 dec.
2026 14:01") where the rest of the site writes "1 dec. 2026 kl. 14.01"
(dates.py). ``dateFormat`` names the site's zone and carries the site's
format (``date_format``: the catalog's month names and templates), which
folder_contents.js writes the dates in."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone.app.content.browser.contents import FolderContentsView
from plone.app.content.utils import json_dumps
from plone.base import PloneMessageFactory as PloneMessage
from plone.base.interfaces import IPloneSiteRoot
from Products.CMFCore.utils import getToolByName
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet.dates import DATETIME
from solna.intranet.dates import MONTHS
from solna.intranet.dates import request_language
from solna.intranet.dates import TIME
from solna.intranet.dates import zone
from solna.intranet.swedish.workflow import state_names
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory


_ = MessageFactory("solna.intranet")


def datatables_language(request):
    """DataTables' ``language`` option, in the request's language: a dict
    of DataTables' option names to translated texts."""

    def t(message):
        return translate(message, context=request)

    return {
        "emptyTable": t(_("datatables_empty", default="Nothing here yet.")),
        "zeroRecords": t(_("datatables_zero", default="Nothing matches.")),
        "loadingRecords": t(_("datatables_loading", default="Loading…")),
        "processing": t(_("datatables_processing", default="Working…")),
        "aria": {
            "orderable": t(_("datatables_orderable", default=": activate to sort")),
            "orderableReverse": t(
                _(
                    "datatables_orderable_reverse",
                    default=": activate to sort in reverse order",
                )
            ),
            "orderableRemove": t(
                _("datatables_orderable_remove", default=": activate to stop sorting")
            ),
        },
    }


def site_format(request):
    """How dates.py's ``display`` writes a date and time in the request's
    language, for a script: the month names (``months``, January first),
    the date-time's template (``datetime``: ${day} ${month} ${year}
    ${time}) and the clock's (``time``: ${hour} ${minute})."""
    language = request_language(request)

    def t(message):
        return translate(message, context=request, target_language=language)

    return {
        "months": [t(month) for month in MONTHS],
        "datetime": t(DATETIME),
        "time": t(TIME),
    }


def date_format(request):
    """The structure pattern's ``dateFormat`` (options of JavaScript's
    ``Intl.DateTimeFormat``): the pattern's own date and time styles (it
    merges its defaults into what it is given, and Intl refuses a style
    beside single fields), hours and minutes, in the site's zone
    (plone.portal_timezone, Europe/Stockholm) whatever the zone of the
    browser; and, under ``solnaFormat`` (which Intl ignores), the site's
    format, which folder_contents.js writes the date in: "1 dec. 2026 kl.
    09.15", as History and every other page."""
    return {
        "dateStyle": "medium",
        "timeStyle": "short",
        "timeZone": zone().key,
        "solnaFormat": site_format(request),
    }


class ContentsView(FolderContentsView):
    """plone.app.content's folder contents, with DataTables' texts."""

    index = ViewPageTemplateFile("templates/folder_contents.pt")

    def type_titles(self):
        """{portal_type: its title in the request's language}, JSON, for the
        links' tooltips (the pattern shows the portal_type)."""
        types = getToolByName(self.context, "portal_types")
        return json_dumps(
            {
                fti.getId(): translate(fti.Title(), context=self.request)
                for fti in types.listTypeInfo()
            }
        )

    def state_titles(self):
        """{review_state id: its name in the request's language}, JSON, for
        the table's state column (the pattern shows the id, "published"):
        the one name of each state (workflow.py), not that of the first
        workflow in portal_workflow ("Privat", "Inväntar granskning" of
        Plone's workflows no type uses)."""
        return json_dumps(state_names(self.request, self.context, every=True))

    def upload_label(self):
        """The label of the upload's hidden file input, in the request's
        language (Dropzone's is "hidden file upload")."""
        return translate(
            PloneMessage("label_hidden_file_upload", default="Files to upload"),
            context=self.request,
        )

    def crumb_titles(self):
        """{path from the site: title} of the folder shown and the folders
        it is in, JSON, for the path bar (the pattern writes their ids)."""
        portal = getToolByName(self.context, "portal_url").getPortalObject()
        base = len(portal.getPhysicalPath())
        titles = {}
        for obj in aq_chain(aq_inner(self.context)):
            if IPloneSiteRoot.providedBy(obj) or not hasattr(obj, "Title"):
                break
            path = "/".join(obj.getPhysicalPath()[base:])
            titles[path] = obj.Title() or obj.getId()
        return json_dumps(titles)

    def delete_intro(self):
        """Above the titles of what Ta bort deletes."""
        return translate(
            _("folder_contents_delete_intro", default="This is deleted:"),
            context=self.request,
        )

    def delete_more(self):
        """For items ticked but not shown (another page or folder)."""
        return translate(
            _("folder_contents_delete_more", default="and ${count} more"),
            context=self.request,
        )

    def __call__(self):
        self.options = json_dumps(self.get_options())
        return self.index()

    def get_options(self):
        options = super().get_options()
        options["datatables_options"] = {"language": datatables_language(self.request)}
        options["dateFormat"] = date_format(self.request)
        # The pattern's own default columns add portal_type, titled "Type":
        # give it the title of the catalog column (plone.po: portal_type).
        options["availableColumns"].setdefault(
            "portal_type",
            translate(PloneMessage("portal_type"), context=self.request),
        )
        return options
