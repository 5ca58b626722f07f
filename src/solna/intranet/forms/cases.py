"""Ärenden: what staff submit through a form, kept on the form for its
handlers, with a status the submitter follows in Mina ärenden.

Cases live in an annotation of the form (never content: not in the
catalog, not traversable, not in the REST API's content endpoints), keyed by
a random id so that concurrent submissions land in different BTree buckets;
an index by submitter makes Mina ärenden one lookup per form.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from solna.intranet import _
from zope.annotation.interfaces import IAnnotations

import datetime
import uuid


KEY = "solna.intranet.cases"

#: Status ids, in order, with their titles.
STATUSES = {
    "mottagen": _("status_received", default="Received"),
    "under-handlaggning": _("status_in_progress", default="In progress"),
    "klar": _("status_done", default="Done"),
}
RECEIVED, DONE = "mottagen", "klar"


class Case(Persistent):
    def __init__(self, submitter, data):
        self.id = uuid.uuid4().hex
        self.submitter = submitter
        self.created = datetime.datetime.now(datetime.UTC)
        self.data = dict(data)
        self.status = RECEIVED
        self.note = ""
        self.history = PersistentList()

    def set_status(self, status, note, actor):
        if status not in STATUSES:
            raise ValueError(status)
        self.status, self.note = status, note
        self.history.append(
            {
                "status": status,
                "note": note,
                "actor": actor,
                "time": datetime.datetime.now(datetime.UTC),
            }
        )


class CaseStore:
    """The cases of one form."""

    def __init__(self, form):
        self.form = form
        annotations = IAnnotations(form)
        if KEY not in annotations:
            annotations[KEY] = OOBTree({"cases": OOBTree(), "by_submitter": OOBTree()})
        self._data = annotations[KEY]

    @property
    def _cases(self):
        return self._data["cases"]

    def add(self, submitter, data):
        case = Case(submitter, data)
        self._cases[case.id] = case
        mine = self._data["by_submitter"].get(submitter)
        if mine is None:
            mine = self._data["by_submitter"][submitter] = OOTreeSet()
        mine.insert(case.id)
        return case

    def get(self, case_id):
        return self._cases.get(case_id)

    def of(self, submitter):
        ids = self._data["by_submitter"].get(submitter) or ()
        return [self._cases[i] for i in ids if i in self._cases]

    def all(self):
        return sorted(self._cases.values(), key=lambda c: c.created)

    def open(self):
        return [c for c in self.all() if c.status != DONE]

    def delete(self, case):
        del self._cases[case.id]
        mine = self._data["by_submitter"].get(case.submitter)
        if mine is not None and case.id in mine:
            mine.remove(case.id)

    def __len__(self):
        return len(self._cases)


def forms_with_cases():
    """Every form on the site (the catalog knows them; a handful)."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="EasyForm"):
        form = brain._unrestrictedGetObject()
        if KEY in IAnnotations(form):
            yield form


def cases_of(submitter):
    """[(form, case)] of one member, newest first, across all forms."""
    found = [
        (form, case)
        for form in forms_with_cases()
        for case in CaseStore(form).of(submitter)
    ]
    return sorted(found, key=lambda pair: pair[1].created, reverse=True)
