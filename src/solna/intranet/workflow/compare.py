"""History's compare page (Jämför, ``@@history``) and its stylesheet.

Products.CMFEditions serves ``compare.css`` (the styles of "Jämför", its
legend and the inline and code diffs) from a browser view that returns the
text without a Content-Type, so Zope answers ``text/plain``; with our
``X-Content-Type-Options: nosniff`` (security/headers.py) the browser
refuses it as a stylesheet and the compare page's legend covered its text
(issue 18's third trial).

Its page named the revisions "0 (1 dec. 2026)": CMFEditions' version number,
which History does not show, and a date without the time. Here each is
named as History names it: "1 dec. 2026 kl. 14.49, Red A: Andra" (the time
in Stockholm's zone, who saved it, its change note), the item as it is now
"Nuvarande". And its inline script, which our Content-Security-Policy
blocks (a console error on every visit, and "som kod" never showed), is
static/editing/compare.js.

Its differences named fields by their technical names and showed raw values
("Prioritet: None → Crisis", "1969/12/31 00:00:00 UTC", True/False): they
are now as an editor reads them (diffs.py).
"""

from pathlib import Path
from plone import api
from plone.dexterity.interfaces import IDexterityContent
from Products.CMFCore.utils import getToolByName
from Products.CMFEditions.browser.diff import DiffView
from Products.CMFEditions.browser.views import CompareCSS as EditionsCompareCSS
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet.workflow.diffs import Difference
from solna.intranet.workflow.diffs import differences
from solna.intranet.workflow.diffs import Reader
from solna.intranet.workflow.history import revision_names
from zope.i18n import translate

import hashlib


SCRIPT = Path(__file__).parents[1] / "static" / "editing" / "compare.js"
#: The script's version in its URL (a new release is a new URL).
SCRIPT_VERSION = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:12]


class CompareCSS(EditionsCompareCSS):
    """@@compare.css: CMFEditions' stylesheet, answered as ``text/css``."""

    def __call__(self):
        self.request.response.setHeader("Content-Type", "text/css; charset=utf-8")
        return super().__call__()


class Compare(DiffView):
    """@@history: CMFEditions' comparison of two revisions, named as
    History names them, with no inline script."""

    index = ViewPageTemplateFile("templates/compare.pt")
    script_version = SCRIPT_VERSION

    def __call__(self):
        """CMFEditions' DiffView.__call__, its differences from diffs.py."""
        metadata = self.repo_tool.getHistoryMetadata(self.context)
        self.history = []
        # The newest first.
        for i in range(metadata.getLength(countPurged=False) - 1, -1, -1):
            version = metadata.retrieve(i, countPurged=False)["metadata"].copy()
            version["version_id"] = metadata.getVersionId(i, countPurged=False)
            self.history.append(version)
        one, two = self.pair()
        self.request.form["one"], self.request.form["two"] = one, two
        old, new = self.getVersion(two), self.getVersion(one)
        names = {"id1": self.versionTitle(two), "id2": self.versionTitle(one)}
        tool = getToolByName(self.context, "portal_diff")
        self.changeset = tool.createChangeSet(old, new, **names)
        if IDexterityContent.providedBy(self.context):
            self.changes = differences(self.context, old, new, self.request, **names)
        else:
            self.changes = [
                Difference(change, None, old, new, Reader(self.context, self.request))
                for change in self.changeset.getDiffs()
                if not change.same
            ]
        return self.index()

    def pair(self):
        """(one, two): the revisions compared, as version ids or "current";
        ``two`` (*Första revisionen*) always the older. Without a choice,
        the revision before the newest against the item now (the page
        compared "Nuvarande" with itself); a choice in the other order
        (History's links, a list changed by hand) is turned round."""
        stored = [str(v["version_id"]) for v in self.history]
        one = str(self.request.get("one") or "current")
        two = str(self.request.get("two") or "")
        if not two:
            two = stored[1] if len(stored) > 1 else (stored[0] if stored else "current")
        age = {"current": len(stored)}
        age.update({vid: len(stored) - 1 - n for n, vid in enumerate(stored)})
        if age.get(two, -1) > age.get(one, -1):
            one, two = two, one
        return one, two

    @property
    def text_changes(self):
        """Does a text differ (then "Visa skillnaderna" offers "som kod")?"""
        return any(change.text for change in self.changes)

    @property
    def portal_url(self):
        return api.portal.get().absolute_url()

    def _t(self, message):
        return translate(message, context=self.request)

    @property
    def current_label(self):
        return self._t(_("compare_current", default="Current"))

    @property
    def first_label(self):
        return self._t(_("compare_first_revision", default="First revision"))

    @property
    def second_label(self):
        return self._t(_("compare_second_revision", default="Second revision"))

    def chosen(self, name):
        """The revision chosen in the selector ``name`` ("one" or "two"),
        as a str: a version id or "current"."""
        return str(self.request.get(name, "current"))

    def label(self, version):
        """A revision of ``self.history`` as History names it: "1 dec. 2026
        kl. 14.49, Red A: Andra" (without the note when it has none)."""
        names = revision_names(version["sys_metadata"], self.request)
        if names["comment"]:
            return self._t(
                _(
                    "compare_revision_with_note",
                    default="${time}, ${author}: ${comment}",
                    mapping=names,
                )
            )
        return self._t(
            _("compare_revision", default="${time}, ${author}", mapping=names)
        )

    def versionTitle(self, version):
        """The name of a revision above the code diff's columns (CMFEditions
        said "version 0"): as in the selector."""
        if str(version) == "current":
            return self.current_label
        for entry in getattr(self, "history", ()):
            if str(entry["version_id"]) == str(version):
                return self.label(entry)
        return str(version)
