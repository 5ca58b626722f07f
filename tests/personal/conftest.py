"""Mitt intranät over HTTP: the workplace of the workflow tests (Solgläntan
(A) and Ekbacken (B) in Barn och utbildning, HR), members with a unit and a
profession, news meant for different people, a real SMTP server.

==================  ============  ==============  =========================
login               unit          profession      also
==================  ============  ==============  =========================
olle.medarbetare    Solgläntan    förskollärare
red.a               Solgläntan    barnskötare     Redaktör of A
chef.a              Solgläntan    chef            manager of A
red.b               Ekbacken      barnskötare     Redaktör of B
chef.b              Ekbacken      chef            manager of B
webbred             (none)        (none)          Webbredaktör
==================  ============  ==============  =========================
"""

from DateTime import DateTime
from lxml import html
from plone import api
from tests.dialogue.conftest import browser
from tests.dialogue.conftest import token  # noqa: F401 - for the tests here
from tests.workflow.conftest import session as rest  # noqa: F401 - ditto
from tests.workflow.conftest import site  # noqa: F401 - fixture
from tests.workflow.conftest import smtp  # noqa: F401 - fixture

import datetime
import pytest
import transaction


PROFILES = {
    "olle.medarbetare": ("a", "forskollarare"),
    "red.a": ("a", "barnskotare"),
    "chef.a": ("a", "chef"),
    "red.b": ("b", "barnskotare"),
    "chef.b": ("b", "chef"),
}

#: id: (audience fields, other fields); units as keys of the workplace.
NEWS = {
    "alla": ({"audience_all": True}, {}),
    "for-solglantan": ({"audience_units": ["a"]}, {}),
    "for-ekbacken": ({"audience_units": ["b"]}, {}),
    "for-forskollarare": ({"audience_professions": ["forskollarare"]}, {}),
    "for-barnskotare-i-bou": (
        {"audience_units": ["bou"], "audience_professions": ["barnskotare"]},
        {},
    ),
    "for-hr": ({"audience_units": ["hr"]}, {}),
    "kris": ({"audience_all": True}, {"priority": "kris"}),
    "las-solglantan": (
        {"audience_units": ["a"]},
        {"must_read": True, "must_read_deadline": "in 1 day"},
    ),
}


def set_profile(login, unit_uid, profession):
    api.user.get(userid=login).setMemberProperties(
        {"unit": unit_uid, "profession": profession}
    )


def publish_news(places, news_id, audience, fields, hours_ago=1):
    """A published news item in the news folder, effective ``hours_ago``."""
    units = {**places, "bou": places["a"].__parent__}
    audience = dict(audience)
    if "audience_units" in audience:
        audience["audience_units"] = [
            api.content.get_uuid(units[key]) for key in audience["audience_units"]
        ]
    audience.setdefault("audience_all", False)
    fields = dict(fields)
    if fields.get("must_read_deadline") == "in 1 day":
        fields["must_read_deadline"] = datetime.date.today() + datetime.timedelta(1)
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=places["news"],
            type="News Item",
            id=news_id,
            title=news_id.replace("-", " ").capitalize(),
            effective=DateTime() - hours_ago / 24,
            **audience,
            **fields,
        )
        api.content.transition(item, to_state="published")
        item.reindexObject()
    return item


@pytest.fixture
def workplace_news(site):  # noqa: F811
    """The members' profiles and the news of NEWS (the first newest);
    committed. Returns {"places": ..., "news": {id: item}}."""
    for login, (unit, profession) in PROFILES.items():
        set_profile(login, api.content.get_uuid(site[unit]), profession)
    news = {
        news_id: publish_news(site, news_id, audience, fields, hours_ago=1 + n)
        for n, (news_id, (audience, fields)) in enumerate(NEWS.items())
    }
    transaction.commit()
    return {"places": site, "news": news}


def page(login, url):
    response = browser(login).get(url)
    assert response.status_code == 200, response.status_code
    return html.fromstring(response.text)


def text(element):
    return " ".join(element.text_content().split())
