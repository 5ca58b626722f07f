"""The answers to a crisis are kept 30 days after it ended or expired
(crisis/answers.py KEEP_DAYS), then the nightly retention job
(solna-purge-cases, @rensa-arenden) removes them; answers to crises still
active, or ended more recently, stay."""

from DateTime import DateTime
from Missing import MV
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet.crisis import answers
from solna.intranet.crisis.followup import catalog_ended
from solna.intranet.crisis.followup import krislage
from solna.intranet.crisis.state import end
from solna.intranet.dates import iso

import datetime
import requests
import transaction


def days_ago(days):
    return datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days)


def crisis(portal, id):
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=portal,
            type="News Item",
            id=id,
            title=id,
            audience_all=True,
            priority="kris",
        )
        api.content.transition(item, to_state="published")
    return item


def answered(item, *logins):
    for login in logins:
        answers.record(item.UID(), login, "seen", now=days_ago(40))
    return item.UID()


def test_purge_removes_only_answers_past_the_rule(functional_portal):
    portal = functional_portal
    old = crisis(portal, "ended-31-days-ago")
    end(old, "kris.ledare", now=days_ago(31))
    recent = crisis(portal, "ended-10-days-ago")
    end(recent, "kris.ledare", now=days_ago(10))
    expired = crisis(portal, "expired-35-days-ago")
    expired.setExpirationDate(DateTime() - 35)
    running = crisis(portal, "still-active")
    lately = crisis(portal, "expired-5-days-ago")
    lately.setExpirationDate(DateTime() - 5)
    lately.reindexObject()
    expired.reindexObject()
    # Krisläge lists the active crisis, then those ended or expired in the
    # last 30 days, newest first (as the catalog has them: no item woken).
    with api.env.adopt_roles(["Manager"]):
        listed = krislage(portal.REQUEST)
    assert [(c["title"], c["active"], bool(c["ended"])) for c in listed] == [
        ("still-active", True, False),
        ("expired-5-days-ago", False, False),
        ("ended-10-days-ago", False, True),
    ]
    assert listed[2]["ended"] == iso(recent.crisis_ended)
    # The end time comes from the catalog (its crisis_ended column).
    (brain,) = api.content.find(UID=recent.UID())
    assert brain.crisis_ended == recent.crisis_ended
    # A crisis ended before the column existed: the upgrade fills it in.
    table = api.portal.get_tool("portal_catalog")._catalog
    row = list(table.data[brain.getRID()])
    row[table.schema["crisis_ended"]] = MV
    table.data[brain.getRID()] = tuple(row)
    assert catalog_ended(portal) == 1
    (brain,) = api.content.find(UID=recent.UID())
    assert brain.crisis_ended == recent.crisis_ended
    assert listed[1]["finished"]
    gone = crisis(portal, "deleted")
    uids = {
        "old": answered(old, "anna", "bo"),
        "recent": answered(recent, "anna"),
        "expired": answered(expired, "anna", "bo", "cecilia"),
        "running": answered(running, "anna"),
    }
    answered(gone, "anna")
    # An item deleted without its answers going with it (they normally do:
    # crisis/configure.zcml) is cleaned up too.
    gone_uid = gone.UID()
    with api.env.adopt_roles(["Manager"]):
        portal._delObject("deleted", suppress_events=True)
    assert answers.answers(gone_uid)
    transaction.commit()

    job = requests.Session()
    job.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    job.headers["Accept"] = "application/json"
    url = f"{portal.absolute_url()}/@rensa-arenden"
    dry = job.get(url).json()
    assert (dry["crises"], dry["crisis_answers"]) == (3, 6)
    transaction.begin()
    assert answers.answers(uids["old"])  # a dry run changes nothing

    done = job.post(url).json()
    assert (done["crises"], done["crisis_answers"]) == (3, 6)
    transaction.begin()
    assert not answers.answers(uids["old"])
    assert not answers.answers(uids["expired"])
    assert not answers.answers(gone_uid)
    assert set(answers.answers(uids["recent"])) == {"anna"}
    assert set(answers.answers(uids["running"])) == {"anna"}
    again = job.post(url).json()
    assert (again["crises"], again["crisis_answers"]) == (0, 0)
