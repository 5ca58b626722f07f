"""The answers to a crisis are kept 30 days after it ended or expired
(crisis/answers.py KEEP_DAYS), then the nightly retention job
(solna-purge-cases, @rensa-arenden) removes them; answers to crises still
active, or ended more recently, stay."""

from DateTime import DateTime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet.crisis import answers
from solna.intranet.crisis.state import end

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
