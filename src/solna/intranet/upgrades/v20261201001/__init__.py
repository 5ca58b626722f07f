"""20261130005 → 20261201001: the text indexes filled again (issue 20).

The Swedish analysis changed what it stores (search/analysis.py): Snowball's
derivational suffixes -lig, -ig and -els are kept ("ledighet" is "ledig",
no longer "led" as "ledare"), a word's -t or -n is read as the article only
when Snowball took no other suffix ("barnskotare" is not "barnsko"), and a
word with å, ä or ö is also stored as the stem of the word without them
("vardbitrade"). The indexes are emptied and filled again, so no old stem
finds a document.

Published items without a publishing date and no field for one (rules
and answers, published over REST or by the demo) get the date of their
first publication from their workflow history (workflow/published.py), so
the search's date facet finds them.

Plone's groups get their Swedish titles also in the group manager, which
lists of groups read (a content rule's group condition showed "Site
Administrators"; swedish/setup.py, issue 18), and the person workflow's
transitions protect and unprotect names ("Skydda identiteten", "Häv
skyddet") where transitions are listed, not "[protect]" (workflow).
"""

from DateTime import DateTime
from plone import api
from plone.app.dexterity.behaviors.metadata import IPublication
from solna.intranet.search.setup import TEXT_INDEXES
from solna.intranet.swedish.setup import install as install_swedish
from solna.intranet.upgrades import import_steps
from solna.intranet.workflow.published import first_published
from solna.intranet.workflow.published import PERSON


def upgrade(context):
    import_steps("workflow")
    install_swedish(api.portal.get())
    catalog = api.portal.get_tool("portal_catalog")
    undated = catalog.unrestrictedSearchResults(
        review_state="published",
        portal_type=[t for t in catalog.uniqueValuesFor("portal_type") if t != PERSON],
        effective={"query": DateTime("1971/01/01"), "range": "max"},
    )
    for brain in undated:
        obj = brain._unrestrictedGetObject()
        if IPublication(obj, None) is not None:
            continue  # its editor's to date
        when = first_published(obj)
        if when is not None and getattr(obj, "effective_date", None) is None:
            obj.setEffectiveDate(when)
            obj.reindexObject(idxs=["effective", "effectiveRange"])
    ids = [name for name in TEXT_INDEXES if name in catalog._catalog.indexes]
    for name in ids:
        catalog._catalog.getIndex(name).clear()
    catalog.manage_reindexIndex(ids=ids)
