"""The same name typed on another phone keyboard finds the same person:
"Å" as one character (NFC) or as "A" and a combining ring (NFD) is one
text everywhere: the directory (page and REST), what is stored, mentions
in comments."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from tests.fixtures.comments import comment
from tests.fixtures.http import session

import transaction
import unicodedata


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_the_directory_finds_a_name_typed_in_either_form(site):
    with api.env.adopt_roles(["Manager"]):
        person = api.content.create(
            container=site["a"],
            type="solna.Person",
            title="Åsa Öberg",
            first_name="Åsa",
            last_name="Öberg",
            phone="08-746 12 00",
        )
        api.content.transition(person, to_state="published")
    transaction.commit()
    typed = nfd("Åsa Öberg")
    assert typed != "Åsa Öberg"
    portal_url = api.portal.get().absolute_url()
    found = session("olle.medarbetare").get(
        f"{portal_url}/@hitta-kontakt", params={"q": typed}
    )
    assert [i["title"] for i in found.json()["items"]] == ["Åsa Öberg"]
    page = session("olle.medarbetare")
    page.headers["Accept"] = "text/html"
    listed = page.get(f"{portal_url}/@@hitta-kontakt", params={"q": nfd("öberg")})
    assert "Åsa Öberg" in listed.text
    assert 'href="tel:087461200"' in listed.text


def test_what_is_typed_is_stored_in_one_form(site, news):
    comment("olle.medarbetare", news, nfd("Vi ses på Ängby gård"))
    added = session("red.b").post(
        f"{news.absolute_url()}/@comments", json={"text": nfd("Både och, säger jag")}
    )
    assert added.status_code == 204
    transaction.begin()
    texts = sorted(c.text for c in IConversation(news).getComments())
    assert texts == ["Både och, säger jag", "Vi ses på Ängby gård"]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_a_mention_typed_in_either_form_reaches_the_member(site, news):
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username="red.b").setMemberProperties({"fullname": "Åke Ström"})
    transaction.commit()
    comment("olle.medarbetare", news, nfd("Vad säger @Åke Ström om det?"))
    notices = session("red.b").get(f"{api.portal.get().absolute_url()}/@notiser")
    assert [n["kind"] for n in notices.json()["items"]] == ["mention"]
