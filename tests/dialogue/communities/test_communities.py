"""Nätverk: open, closed and secret communities. An open one is read by all
staff and joined at once; a closed one is seen by all and read by members,
joined on a moderator's approval; a secret one never shows to non-members:
not its page, its topics, search, listings or the REST API."""

from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import session as rest
from tests.fixtures.staff import create_staff

import pytest
import transaction


@pytest.fixture
def network(functional_portal):
    create_staff({"mod": (), "medlem": (), "olle": (), "eva": ()})
    folder = functional_portal["natverk"]
    found = {}
    with api.env.adopt_roles(["Manager"]):
        for id, title, state in (
            ("forskollarare", "Förskollärare i Solna", "open"),
            ("chefsnatverket", "Chefsnätverket", "closed"),
            ("krisgruppen", "Krisgruppen Hemlig", "secret"),
        ):
            community = api.content.create(
                container=folder,
                type="solna.Community",
                id=id,
                title=title,
                members=["medlem"],
                moderators=["mod"],
            )
            if state == "closed":
                api.content.transition(community, transition="close")
            if state == "secret":
                api.content.transition(community, transition="make_secret")
            topic = api.content.create(
                container=community,
                type="solna.Topic",
                id="amne",
                title=f"Ämne Markör{id}",
                text="Hur gör ni?",
            )
            found[state] = (community, topic)
    transaction.commit()
    return functional_portal.absolute_url(), found


def search(login, portal_url, text):
    answer = rest(login).get(
        f"{portal_url}/++api++/@search", params={"SearchableText": text}
    )
    return [item["@id"] for item in answer.json()["items"]]


def readable(login, url):
    answer = browser(login).get(url, allow_redirects=False)
    return answer.status_code == 200


def test_open_community_is_read_by_all_and_joined_at_once(network):
    portal_url, found = network
    community, topic = found["open"]
    assert readable("olle", topic.absolute_url())
    assert search("olle", portal_url, "Markörforskollarare")
    status = rest("olle").get(f"{community.absolute_url()}/++api++/@natverk")
    assert status.json()["my_status"] == "none"
    # Not a member: may read, may not start a topic.
    new = {"@type": "solna.Topic", "title": "Utomhuspedagogik", "text": "Tips?"}
    refused = rest("olle").post(f"{portal_url}/++api++/natverk/forskollarare", json=new)
    assert refused.status_code in (401, 403)
    joined = rest("olle").post(
        f"{community.absolute_url()}/++api++/@natverk", json={"action": "join"}
    )
    assert joined.json()["my_status"] == "member"
    created = rest("olle").post(f"{portal_url}/++api++/natverk/forskollarare", json=new)
    assert created.status_code == 201, created.text


def test_closed_community_is_seen_but_read_by_members_only(network):
    portal_url, found = network
    community, topic = found["closed"]
    # Olle sees that it exists, not what is said in it.
    assert readable("olle", community.absolute_url())
    assert not readable("olle", topic.absolute_url())
    assert not search("olle", portal_url, "Markörchefsnatverket")
    assert readable("medlem", topic.absolute_url())
    assert search("medlem", portal_url, "Markörchefsnatverket")
    asked = rest("olle").post(
        f"{community.absolute_url()}/++api++/@natverk", json={"action": "join"}
    )
    assert asked.json()["my_status"] == "requested"
    assert not readable("olle", topic.absolute_url())
    # Only a moderator sees and approves requests.
    assert (
        "requests"
        not in rest("medlem").get(f"{community.absolute_url()}/++api++/@natverk").json()
    )
    refused = rest("medlem").post(
        f"{community.absolute_url()}/++api++/@natverk",
        json={"action": "add", "userid": "eva"},
    )
    assert refused.status_code == 403
    assert "nätverket" in refused.json()["error"]["message"]
    requests_ = rest("mod").get(f"{community.absolute_url()}/++api++/@natverk").json()
    assert [r["userid"] for r in requests_["requests"]] == ["olle"]
    rest("mod").post(
        f"{community.absolute_url()}/++api++/@natverk",
        json={"action": "add", "userid": "olle"},
    )
    assert readable("olle", topic.absolute_url())
    assert search("olle", portal_url, "Markörchefsnatverket")


def test_secret_community_never_shows_to_non_members(network):
    portal_url, found = network
    community, topic = found["secret"]
    for url in (
        community.absolute_url(),
        topic.absolute_url(),
        f"{community.absolute_url()}/++api++",
        f"{community.absolute_url()}/++api++/@natverk",
        f"{topic.absolute_url()}/++api++",
    ):
        answer = browser("olle").get(url, allow_redirects=False)
        assert answer.status_code in (302, 401, 403, 404), url
        assert "Krisgruppen" not in answer.text
    for text in ("Krisgruppen", "Markörkrisgruppen"):
        assert not search("olle", portal_url, text)
    listing = rest("olle").get(f"{portal_url}/++api++/natverk").json()
    titles = [item["title"] for item in listing["items"]]
    assert "Chefsnätverket" in titles
    assert "Krisgruppen Hemlig" not in titles
    page_html = browser("olle").get(f"{portal_url}/natverk").text
    assert "Krisgruppen" not in page_html
    # Nobody can ask to join; members and moderators see it all.
    assert readable("medlem", topic.absolute_url())
    assert search("medlem", portal_url, "Krisgruppen")
    rest("mod").post(
        f"{community.absolute_url()}/++api++/@natverk",
        json={"action": "add", "userid": "olle"},
    )
    assert readable("olle", topic.absolute_url())


def test_a_moderator_makes_an_open_community_secret(network):
    portal_url, found = network
    _community, topic = found["open"]
    assert readable("olle", topic.absolute_url())
    changed = rest("mod").post(
        f"{portal_url}/++api++/natverk/forskollarare/@workflow/make_secret", json={}
    )
    assert changed.status_code == 200, changed.text
    assert not readable("olle", topic.absolute_url())
    assert not search("olle", portal_url, "Markörforskollarare")
    assert readable("medlem", topic.absolute_url())


def test_the_community_page_offers_what_each_may_do(network):
    _portal_url, found = network
    open_, _topic = found["open"]
    closed, _topic = found["closed"]
    assert "Gå med" in browser("olle").get(open_.absolute_url()).text
    closed_page = browser("olle").get(closed.absolute_url()).text
    assert "Be om att gå med" in closed_page
    assert "Ämne Markörchefsnatverket" not in closed_page
    rest("olle").post(
        f"{closed.absolute_url()}/++api++/@natverk", json={"action": "join"}
    )
    assert (
        "Du har bett om att få gå med"
        in browser("olle").get(closed.absolute_url()).text
    )
    moderator = browser("mod").get(closed.absolute_url()).text
    assert "Förfrågningar om att gå med" in moderator
    assert "Ämne Markörchefsnatverket" in moderator
    assert "Starta en diskussion" in moderator


def test_a_shared_link_must_be_a_web_address(network):
    portal_url, _found = network
    new = {
        "@type": "solna.Topic",
        "title": "Läs detta",
        "text": "Bra artikel",
        "link": "javascript:alert(1)",
    }
    refused = rest("medlem").post(
        f"{portal_url}/++api++/natverk/forskollarare", json=new
    )
    assert refused.status_code == 400
    assert "https://" in refused.text
    new["link"] = "https://www.skolverket.se/forskola"
    assert (
        rest("medlem")
        .post(f"{portal_url}/++api++/natverk/forskollarare", json=new)
        .status_code
        == 201
    )


def test_a_topic_attachment_follows_the_attachment_rules(network):
    import base64

    portal_url, _found = network
    new = {
        "@type": "solna.Topic",
        "title": "Program",
        "text": "Se bilagan",
        "attachment": {
            "data": base64.b64encode(b"MZ...").decode(),
            "encoding": "base64",
            "filename": "program.exe",
            "content-type": "application/octet-stream",
        },
    }
    refused = rest("medlem").post(
        f"{portal_url}/++api++/natverk/forskollarare", json=new
    )
    assert refused.status_code == 400
    assert "tas inte emot" in refused.text
    # Renamed, it is still a program (its first bytes).
    new["attachment"]["filename"] = "program.pdf"
    refused = rest("medlem").post(
        f"{portal_url}/++api++/natverk/forskollarare", json=new
    )
    assert refused.status_code == 400
    assert "filen är ett program" in refused.json()["message"]
    # A document is taken.
    new["attachment"]["data"] = base64.b64encode(b"%PDF-1.4\n%%EOF\n").decode()
    new["attachment"]["content-type"] = "application/pdf"
    assert (
        rest("medlem")
        .post(f"{portal_url}/++api++/natverk/forskollarare", json=new)
        .status_code
        == 201
    )


def test_members_edited_on_the_community_read_at_once(network):
    portal_url, found = network
    _community, topic = found["closed"]
    assert not readable("eva", topic.absolute_url())
    patched = rest("mod").patch(
        f"{portal_url}/++api++/natverk/chefsnatverket",
        json={"members": ["medlem", "eva"]},
    )
    assert patched.status_code == 204, patched.text
    assert readable("eva", topic.absolute_url())
    assert search("eva", portal_url, "Markörchefsnatverket")


def test_natverk_names_no_author_staff_do_not_know(network):
    """Nätverk's listing wrote "av admin — Senast ändrad …" under a
    community the Zope administrator made (issue 18, fourth trial): the
    date stays, the administrator goes; a member who made one is named."""
    from lxml import html
    from plone.app.testing import SITE_OWNER_NAME

    portal_url, _found = network
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.content.create(
            container=api.portal.get()["natverk"],
            type="solna.Community",
            id="admins",
            title="Administratörens nätverk",
        )
    transaction.commit()
    page = html.fromstring(browser("olle").get(f"{portal_url}/natverk").text)
    (article,) = page.xpath(
        "//article[.//a[normalize-space()='Administratörens nätverk']][not(.//article)]"
    )
    shown = " ".join(article.text_content().split())
    assert shown.startswith("Administratörens nätverk Senast ändrad"), shown
    assert "admin" not in shown.replace("Administratörens", ""), shown
    assert "—" not in shown, shown
