"""GDPR retention: delete the cases each form no longer may keep."""

from solna.intranet import logger
from solna.intranet.forms.behaviors import DEFAULT_DAYS
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.cases import forms_with_cases

import datetime


def purge_expired(now=None, dry_run=False):
    """Delete (or, with ``dry_run``, count) every case older than its form's
    retention period. Returns {form path: count}; logs only counts."""
    now = now or datetime.datetime.now(datetime.UTC)
    counts = {}
    for form in forms_with_cases():
        days = getattr(form, "retention_days", None) or DEFAULT_DAYS
        limit = now - datetime.timedelta(days=days)
        store = CaseStore(form)
        expired = [case for case in store.all() if case.created < limit]
        if not dry_run:
            for case in expired:
                store.delete(case)
        if expired:
            path = "/".join(form.getPhysicalPath())
            counts[path] = len(expired)
            logger.info(
                "Retention: %s %d cases older than %d days in %s",
                "would delete" if dry_run else "deleted",
                len(expired),
                days,
                path,
            )
    return counts
