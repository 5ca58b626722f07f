"""Ärenden: what staff submit through a form, kept on the form for its
handlers, with a status the submitter follows in Mina ärenden.

Cases live in an annotation of the form (never content: not in the
catalog, not traversable, not in the REST API's content endpoints), keyed by
a random id so that concurrent submissions land in different BTree buckets;
an index by submitter makes Mina ärenden one lookup per form.

A second click or a resent POST brings the same answers again: the store
keeps a fingerprint (submitter + answers) of each case and takes identical
answers within ``DUPLICATE_WINDOW`` as the same submission. Two such requests
at the same moment write the same fingerprint key, which ZODB refuses to
merge (a ConflictError); Zope retries the second, which then finds the first.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from plone.namedfile.interfaces import INamed
from solna.intranet import _
from zope.annotation.interfaces import IAnnotations

import datetime
import hashlib
import uuid


KEY = "solna.intranet.cases"

#: Status ids, in order, with their titles.
STATUSES = {
    "mottagen": _("status_received", default="Received"),
    "under-handlaggning": _("status_in_progress", default="In progress"),
    "klar": _("status_done", default="Done"),
}
RECEIVED, DONE = "mottagen", "klar"
#: Identical answers from the same member within this time are one submission.
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)


def fingerprint(submitter, data):
    """The same for the same member and answers (a file by name and size)."""

    def canonical(value):
        if INamed.providedBy(value):
            return ("file", value.filename, value.getSize())
        if isinstance(value, (list, tuple, set, frozenset)):
            return sorted(repr(canonical(v)) for v in value)
        return repr(value)

    text = repr((submitter, sorted((k, canonical(v)) for k, v in data.items())))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Case(Persistent):
    def __init__(self, submitter, data):
        self.id = uuid.uuid4().hex
        self.submitter = submitter
        self.created = datetime.datetime.now(datetime.UTC)
        self.data = dict(data)
        self.fingerprint = fingerprint(submitter, data)
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
        # Reading a form's cases never writes: the store is made on the first
        # submission.
        self._data = IAnnotations(form).get(KEY) or {
            "cases": {},
            "by_submitter": {},
            "fingerprints": {},
        }

    def _writable(self):
        annotations = IAnnotations(self.form)
        if KEY not in annotations:
            annotations[KEY] = OOBTree(
                {
                    "cases": OOBTree(),
                    "by_submitter": OOBTree(),
                    "fingerprints": OOBTree(),
                }
            )
        self._data = annotations[KEY]
        return self._data

    @property
    def _cases(self):
        return self._data["cases"]

    def submit(self, submitter, data, now=None):
        """Store a submission; returns (case, True), or (the case already
        stored, False) when this is the same submission again."""
        now = now or datetime.datetime.now(datetime.UTC)
        known = self._data.get("fingerprints", {}).get(fingerprint(submitter, data))
        case = self._cases.get(known) if known else None
        if case is not None and now - case.created < DUPLICATE_WINDOW:
            return case, False
        return self.add(submitter, data), True

    def add(self, submitter, data):
        store = self._writable()
        case = Case(submitter, data)
        store["cases"][case.id] = case
        if "fingerprints" not in store:  # a store made before they existed
            store["fingerprints"] = OOBTree()
        store["fingerprints"][case.fingerprint] = case.id
        mine = store["by_submitter"].get(submitter)
        if mine is None:
            mine = store["by_submitter"][submitter] = OOTreeSet()
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
        """Delete a case; its attachments go with it (their blobs are
        removed from the storage when the database is next packed)."""
        del self._cases[case.id]
        fingerprints = self._data.get("fingerprints", {})
        key = getattr(case, "fingerprint", None)
        if key and fingerprints.get(key) == case.id:
            del fingerprints[key]
        mine = self._data["by_submitter"].get(case.submitter)
        if mine is not None and case.id in mine:
            mine.remove(case.id)

    def __len__(self):
        return len(self._cases)


def in_field_order(field, values):
    """Several answers to one question (a multiple-choice field keeps a
    set, which has no order) in the order the question offers them; values
    the field does not offer (any more) last, alphabetically."""
    vocabulary = getattr(getattr(field, "value_type", None), "vocabulary", None)
    order = {}
    for position, term in enumerate(vocabulary or ()):
        order.setdefault(term.value, position)
    return sorted(values, key=lambda v: (order.get(v, len(order)), str(v)))


def joined(values):
    """Several answers as one unambiguous text: "Lön; Semester". An answer
    holding ";" or a quote, or starting or ending with a space, is quoted
    ("Lön; pension" becomes "\"Lön; pension\""), so two different sets of
    answers never read the same."""

    def quoted(value):
        text = str(value)
        if ";" in text or '"' in text or text != text.strip():
            return '"' + text.replace('"', '""') + '"'
        return text

    return "; ".join(quoted(v) for v in values)


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
