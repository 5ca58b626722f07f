"""The search page (@@search) over HTTP as staff see it: results with
Hitta kontakt cards, facets as links, "Menade du …?", nothing for whoever may
not see it (the site of tests/fixtures/organisation.py)."""

from lxml import html
from tests.fixtures.http import get
from tests.fixtures.http import text

import re
import requests


def page(url, **params):
    answer = get(url, params=params)
    assert answer.status_code == 200, answer.status_code
    return html.fromstring(answer.text)


def result_links(tree):
    return [
        a.get("href") for a in tree.cssselect("#search-results .solna-search-title")
    ]


def test_search_page_results_facets_and_cards(organisation_site):
    site = organisation_site
    tree = page(f"{site}/@@search", SearchableText="semester")
    assert "Sökresultat för ”semester”" in text(tree.find(".//title"))
    links = result_links(tree)
    answer = f"{site}/forvaltning/hur-manga-semesterdagar-har-jag"
    rule = f"{site}/forvaltning/semester"
    assert answer in links
    assert rule in links
    # The rule titled "Semester" first, then the answer (answers before
    # rules when the title is not what was typed).
    assert links.index(rule) < links.index(answer)
    (count,) = tree.cssselect("#search-count[role=status]")
    assert re.fullmatch(r"\d+ träffar", text(count)), text(count)
    # The type facet is a link: the rules only.
    (rules,) = [
        a
        for a in tree.cssselect("#search-facets a[data-facet=type]")
        if a.get("data-value") == "solna.Rule"
    ]
    assert "Regel (1)" in text(rules)
    filtered = html.fromstring(get(rules.get("href")).text)
    assert result_links(filtered) == [rule]
    (chosen,) = filtered.cssselect(".solna-search-chip")
    assert "Typ: Regel" in text(chosen)
    # Its category: Ledighet.
    categories = [text(a) for a in filtered.cssselect("a[data-facet=category]")]
    assert categories == ["Semester och ledighet (1)"]

    # People as Hitta kontakt cards, phone numbers to tap.
    tree = page(f"{site}/@@search", SearchableText="lediga platser")
    (card,) = tree.cssselect("#search-results .solna-search-person")
    assert "Maja Berg" in text(card)
    assert "Förskolechef" in text(card)
    tels = [a.get("href") for a in card.cssselect("a[href^='tel:']")]
    assert tels == ["tel:087461230", "tel:0701234567"]
    # A protected person is not found by staff.
    tree = page(f"{site}/@@search", SearchableText="Sofia Dold")
    assert not tree.cssselect("#search-results")
    assert "Inga träffar" in text(tree.cssselect("#search-count")[0])


def test_did_you_mean_and_nothing_for_anonymous(organisation_site):
    site = organisation_site
    tree = page(f"{site}/@@search", SearchableText="semestr")
    (corrected,) = tree.cssselect("#search-corrected")
    assert "Visar resultat för semester." in text(corrected)
    assert "Sök i stället efter semestr" in text(corrected)
    assert f"{site}/forvaltning/semester" in result_links(tree)
    exact = html.fromstring(get(corrected.cssselect("a")[0].get("href")).text)
    assert not result_links(exact)
    (suggestion,) = exact.cssselect("#search-suggestion")
    assert text(suggestion) == "Menade du semester?"
    # Anonymous: the login, no results.
    answer = requests.get(
        f"{site}/@@search", params={"SearchableText": "semester"}, timeout=30
    )
    assert "Hur många semesterdagar" not in answer.text
    assert "search-results" not in answer.text


def test_searches_people_make_are_counted_not_suggestions(
    organisation_site, monkeypatch, tmp_path
):
    """The page's first page without filters and @sok count a search (for
    Statistik: the text and whether it found anything); paging, filters
    and the suggestions do not."""
    import sqlite3

    site = organisation_site
    monkeypatch.setenv("SOLNA_STATS_DB", str(tmp_path / "stats.sqlite"))
    page(f"{site}/@@search", SearchableText="Semester")
    page(f"{site}/@@search", SearchableText="semester", type="solna.Rule")
    page(f"{site}/@@search", SearchableText="semester", b_start="20")
    page(f"{site}/@@search", SearchableText="glassbil")
    json = {"Accept": "application/json"}
    assert get(f"{site}/++api++/@sok", params={"q": "semester"}, headers=json).ok
    assert get(f"{site}/++api++/@sok-forslag", params={"q": "sem"}, headers=json).ok
    with sqlite3.connect(tmp_path / "stats.sqlite") as db:
        rows = dict(
            (
                (text, (searches, zero))
                for text, searches, zero in db.execute(
                    "SELECT text, searches, zero FROM searches"
                )
            )
        )
    assert rows == {"semester": (2, 0), "glassbil": (1, 1)}


def test_search_is_one_tap_from_every_page_without_javascript(organisation_site):
    """On a phone the header's search box is in the ☰ menu: a search link
    sits beside it and in Mer, plain links that need no script; the search
    page's field then has the focus. Not on the login page."""
    site = organisation_site
    tree = page(f"{site}/@@nyheter")
    (button,) = tree.cssselect("#portal-logo-wrapper a#solna-header-search")
    assert button.get("href") == f"{site}/@@search"
    assert text(button) == "Sök"
    more = [a.get("href") for a in tree.cssselect(".solna-more-menu a")]
    assert more[0] == f"{site}/@@search"
    field = page(button.get("href")).get_element_by_id("solna-search-field")
    assert field.get("autofocus") == "autofocus"
    # With results, the keyboard stays down until the field is tapped.
    results = page(f"{site}/@@search", SearchableText="semester")
    assert results.get_element_by_id("solna-search-field").get("autofocus") is None
    login = html.fromstring(requests.get(f"{site}/login", timeout=30).text)
    assert not login.cssselect("#solna-header-search")
