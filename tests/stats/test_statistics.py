"""Statistik: what staff search for and how many distinct staff opened an
item, by förvaltning, counted at the publisher into the SQLite store (never
the ZODB, never who), shown to Webbredaktörer and Kommunikatörer and to a
unit's Chef for the unit, and closed by the nightly job."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet.stats import reach
from solna.intranet.stats import sketch
from solna.intranet.stats import store
from tests.fixtures.http import browser
from tests.fixtures.http import page
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.news import set_profile
from urllib.parse import parse_qs
from urllib.parse import urlparse

import datetime
import hashlib
import pytest
import requests
import transaction


#: A fixed item key for the tests, under which the six viewers fall in six
#: registers (with a random key two of six share one about once in 70 runs,
#: and the sketch would say 5).
KEY = b"solna-stats-test-key-0123456789!"
BOU = ("olle.medarbetare", "red.a", "chef.a", "red.b", "chef.b")
OMSORG = ("handlaggare",)


@pytest.fixture
def stats(site, tmp_path, monkeypatch):
    """The workplace with a second förvaltning (Omsorg), the members'
    units, a fresh statistics file and a news item published an hour ago;
    returns the places and the item."""
    monkeypatch.setenv("SOLNA_STATS_DB", str(tmp_path / "solna-stats.sqlite"))
    monkeypatch.setattr(reach, "new_key", lambda: KEY)
    reach.reset_cache()
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        omsorg = api.content.create(
            container=portal,
            type="solna.Unit",
            id="omsorg",
            title="Omsorg",
            kind="forvaltning",
        )
        api.content.transition(omsorg, to_state="published")
        hemtjanst = api.content.create(
            container=omsorg, type="solna.Unit", id="hemtjanst", title="Hemtjänst"
        )
        api.content.transition(hemtjanst, to_state="published")
        item = api.content.create(
            container=site["a"],
            type="News Item",
            id="utflykt",
            title="Utflykt till Igelbäcken",
        )
        api.content.transition(item, to_state="published")
        answer = api.content.create(
            container=site["hr"], type="solna.Answer", title="Hur söker jag semester?"
        )
        api.content.transition(answer, to_state="published")
    for login in BOU:
        set_profile(login, api.content.get_uuid(site["a"]), "")
    set_profile("red.b", api.content.get_uuid(site["b"]), "")
    set_profile("chef.b", api.content.get_uuid(site["b"]), "")
    set_profile("handlaggare", api.content.get_uuid(hemtjanst), "")
    transaction.commit()
    return {"places": site, "item": item, "omsorg": omsorg}


def raw_db(path):
    """Every byte of the statistics database (and its WAL)."""
    data = b""
    for suffix in ("", "-wal"):
        try:
            with open(f"{path}{suffix}", "rb") as f:
                data += f.read()
        except FileNotFoundError:
            pass
    return data


def last_transaction():
    return api.portal.get()._p_jar.db().lastTransaction()


def test_reach_is_counted_per_forvaltning_without_who_and_without_the_zodb(stats):
    item = stats["item"]
    url = item.absolute_url()
    # The precondition of exact small counts (see KEY).
    assert len({sketch.register(KEY, u)[0] for u in BOU + OMSORG}) == 6
    # (The layer's first request writes what Plone sets up lazily.)
    assert browser("webbred").get(api.portal.get().absolute_url()).ok
    transaction.begin()
    before = last_transaction()
    for login in BOU:
        assert browser(login).get(url).status_code == 200
    for login in OMSORG:  # the app reads through REST
        assert rest(login).get(url).status_code == 200
    # Repeat visits (the page again, the app's REST GET) count once.
    assert browser("olle.medarbetare").get(f"{url}/view").status_code == 200
    assert rest("olle.medarbetare").get(url).status_code == 200
    # Not counted: nobody logged in, Zope's administrator (the root user
    # folder's), an edit form (which locks the item: a write of its own, so
    # after the ZODB's check).
    assert requests.get(url, timeout=30).status_code in (200, 401, 302)
    owner = requests.get(url, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=30)
    assert owner.status_code == 200
    transaction.begin()
    assert last_transaction() == before  # no page view wrote to the ZODB
    assert browser("red.a").get(f"{url}/edit").status_code == 200

    path = store.path()
    data = raw_db(path)
    for login in BOU + OMSORG:
        assert login.encode() not in data
        assert hashlib.sha256(login.encode()).hexdigest().encode() not in data
        assert hashlib.sha256(login.encode()).digest() not in data

    answer = rest("kommunikator").get(f"{api.portal.get().absolute_url()}/@statistik")
    assert answer.status_code == 200
    (counted,) = [i for i in answer.json()["items"] if i["@id"] == url]
    seven = counted["reach"]["7"]
    assert seven["total"] == 6
    # BoU 5, Omsorg 1: Omsorg's is hidden, and BoU's too (6 - 5 = 1).
    assert {row["title"]: row["viewers"] for row in seven["forvaltningar"]} == {
        "Barn och utbildning": None,
        "Omsorg": None,
    }

    # The page says it in Swedish, for a Kommunikatör.
    html = page("kommunikator", f"{api.portal.get().absolute_url()}/@@statistik")
    assert "Statistik" in html.findtext(".//title")
    (card,) = [
        c for c in html.cssselect(".solna-stats-item") if url in c.xpath(".//a/@href")
    ]
    rows = {
        text(r.cssselect("th")[0]): [text(td) for td in r.cssselect("td")]
        for r in card.cssselect("tbody tr")
    }
    assert rows == {
        "Barn och utbildning": ["färre än 5", "färre än 5"],
        "Omsorg": ["färre än 5", "färre än 5"],
        "Totalt": ["6", "6"],
    }

    # The nightly job, 31 days on, freezes the counts and deletes the key.
    webbred = rest("webbred")
    site_url = api.portal.get().absolute_url()
    dry = webbred.get(f"{site_url}/@statistik-jobb").json()
    assert dry["dry_run"] is True
    assert dry["items"] == []
    later = (datetime.date.today() + datetime.timedelta(days=32)).isoformat()
    done = webbred.post(f"{site_url}/@statistik-jobb", params={"date": later})
    assert done.status_code == 200, done.text
    assert {(c["item"], c["window"], c["total"]) for c in done.json()["items"]} == {
        (item.UID(), 7, 6),
        (item.UID(), 30, 6),
    }
    with store.connect() as db:
        assert db.execute("SELECT count(*) FROM reach_keys").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM registers").fetchone() == (0,)
    frozen = rest("kommunikator").get(f"{site_url}/@statistik").json()
    (counted,) = [i for i in frozen["items"] if i["@id"] == url]
    assert counted["reach"]["30"]["total"] == 6


def test_zero_result_searches_link_to_writing_the_answer(stats):
    for _n in range(3):
        store.record_search("Friskvårdsbidrag", 0)
    store.record_search("semester", 12)
    site_url = api.portal.get().absolute_url()
    html = page("webbred", f"{site_url}/@@statistik")
    (row,) = html.cssselect(".solna-stats-zero li")
    assert "friskvårdsbidrag" in text(row)
    assert "3 gånger" in text(row)
    (link,) = row.cssselect("a")
    assert text(link) == "Skriv svaret"
    address = urlparse(link.get("href"))
    assert address.path.endswith("/hr/++add++solna.Answer")
    assert parse_qs(address.query) == {"titel": ["Friskvårdsbidrag"]}
    form = page("webbred", link.get("href"))
    (title,) = form.cssselect("#form-widgets-IBasic-title")
    assert title.get("value") == "Friskvårdsbidrag"
    top = [text(li) for li in html.cssselect(".solna-stats-top li")]
    assert top == ["friskvårdsbidrag (3)", "semester (1)"]

    searches = rest("kommunikator").get(f"{site_url}/@statistik").json()["searches"]
    assert searches["zero_results"][0]["text"] == "friskvårdsbidrag"
    assert searches["zero_results"][0]["searches"] == 3
    assert searches["days"][0]["searches"] == 4
    assert searches["days"][0]["zero"] == 3


def test_junk_searches_are_counted_but_not_listed(stats):
    """A row of keys, punctuation, a word pasted 70 times found nothing, but
    nobody can write an answer titled so: counted in the day's figures, not
    listed among the searches without results (they would push the real
    gaps off it). A real question typed once is "1 gång", its quote
    dropped from the answer's title."""
    store.record_search("x" * 5000, 0)
    store.record_search('"""((', 0)
    store.record_search(" ".join(["ledighet"] * 70), 0)
    store.record_search('"ob-tillägg helg', 0)
    site_url = api.portal.get().absolute_url()
    html = page("webbred", f"{site_url}/@@statistik")
    rows = {
        text(li.cssselect("strong")[0]): li
        for li in html.cssselect(".solna-stats-zero li")
    }
    assert list(rows) == ['"ob-tillägg helg']
    top = [text(li) for li in html.cssselect(".solna-stats-top li")]
    assert top == ['"ob-tillägg helg (1)']
    searches = rest("kommunikator").get(f"{site_url}/@statistik").json()["searches"]
    assert searches["zero_total"] == 4
    row = rows['"ob-tillägg helg']
    assert "1 gång" in text(row)
    assert "gånger" not in text(row)
    (link,) = row.cssselect("a")
    query = parse_qs(urlparse(link.get("href")).query)
    assert query == {"titel": ["Ob-tillägg helg"]}


def test_who_may_see_statistics(stats):
    site_url = api.portal.get().absolute_url()
    unit_a = stats["places"]["a"].absolute_url()
    unit_b = stats["places"]["b"].absolute_url()

    def status(login, url):
        return browser(login).get(url, allow_redirects=False).status_code

    assert status("olle.medarbetare", f"{site_url}/@@statistik") == 404
    assert status("olle.medarbetare", f"{unit_a}/@@statistik") == 404
    assert rest("olle.medarbetare").get(f"{site_url}/@statistik").status_code == 404
    assert status("kommunikator", f"{site_url}/@@statistik") == 200
    assert status("webbred", f"{unit_b}/@@statistik") == 200
    # The Chef of Solgläntan: her unit's page only, Räckvidd without searches.
    assert status("chef.a", f"{site_url}/@@statistik") == 404
    assert status("chef.a", f"{unit_b}/@@statistik") == 404
    html = page("chef.a", f"{unit_a}/@@statistik")
    assert "Statistik: Solgläntan" in html.findtext(".//title")
    assert not html.cssselect("#sokningar")
    assert [a.get("href") for a in html.cssselect(".solna-stats-item h3 a")] == [
        stats["item"].absolute_url()
    ]
    data = rest("chef.a").get(f"{unit_a}/@statistik").json()
    assert data["searches"] is None
    assert rest("chef.a").get(f"{unit_b}/@statistik").status_code == 404
    # The job is the job user's (a Webbredaktör).
    assert rest("kommunikator").post(f"{site_url}/@statistik-jobb").status_code in (
        401,
        403,
    )
