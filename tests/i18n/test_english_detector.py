"""The English detector the page walks use (tests/fixtures/english.py)."""

from tests.fixtures.english import english_in
from tests.fixtures.english import untranslated
from tests.fixtures.english import why_english

import pytest


@pytest.mark.parametrize(
    "english",
    [
        "Close",
        "Powered by Plone",
        "Filter the results",
        "Error:",
        "Summary",
        "Log in",
        "Required input is missing.",
        "You're logged in as Anna",
        # Plone's Swedish "translates" it as itself.
        "Syndication",
    ],
)
def test_it_finds_english(english):
    assert english_in([english]) == [english]


@pytest.mark.parametrize(
    "swedish",
    [
        "Sara Ek, förskollärare på Solgläntan",
        "Status: Publicerad",
        "Ring 070-123 45 67",
        "Anna Lindqvist",
        "Logga in",
        "Stäng",
        "Filter",
        "Information om barn i förskolan",
        "Data och IT-avdelningen",
        "Skriv till anna.lindqvist@solna.se eller https://www.solna.se/help",
        "Start",
        "Version 3",
        "Metadata",
    ],
)
def test_it_leaves_swedish_alone(swedish):
    assert english_in([swedish]) == []


def test_each_english_text_once_in_order():
    assert english_in(["Hem", "Close", "Nyheter", "Close", "Search"]) == [
        "Close",
        "Search",
    ]


def test_untranslated_messages_come_from_the_catalogs():
    """A message no Swedish catalog translates is English; its reason names
    the domain and msgid to translate."""
    lacking = untranslated()
    assert lacking
    text, (domain, _msgid) = next(iter(lacking.items()))
    assert english_in([text]) == [text]
    assert domain in why_english(text)


def test_an_unfilled_placeholder_is_found():
    """Plone's Swedish "${creator} om ${content}" for comment titles named
    a variable the code does not fill: pages showed "${creator} om …"."""
    from tests.fixtures.english import english_in

    assert english_in(["${creator} om Nytt intranät"]) == [
        "${creator} om Nytt intranät"
    ]
    assert english_in(["Anna Lindqvist om Nytt intranät"]) == []
