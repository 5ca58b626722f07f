"""Next/previous links read a folder's order only when they are shown
(navigation/nextprevious.py): a news item's page in Nyheter, with its
20,000 siblings, no longer lists every id in the folder to learn that the
links are off; a folder with them on still links its neighbours."""

from lxml import html
from plone import api
from plone.folder.default import DefaultOrdering
from tests.fixtures.http import get
from tests.fixtures.staff import create_staff

import pytest
import transaction


@pytest.fixture
def folder_of_pages(functional_portal):
    """A folder "Rutiner" with three published news items (kept out of the
    navigation tree, as in Nyheter); committed."""
    create_staff({"olle.medarbetare": ()})
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="rutiner", title="Rutiner"
        )
        api.content.transition(folder, "publish")
        for title in ("Öppning", "Dagen", "Stängning"):
            page = api.content.create(container=folder, type="News Item", title=title)
            api.content.transition(page, "publish")
    transaction.commit()
    return folder


@pytest.fixture
def orders_listed(monkeypatch):
    """How many times a folder's ids were listed in order."""
    calls = []
    original = DefaultOrdering.idsInOrder

    def counted(self):
        calls.append(self.context.getId())
        return original(self)

    monkeypatch.setattr(DefaultOrdering, "idsInOrder", counted)
    return calls


def links(url):
    page = html.fromstring(get(url).text)
    return [
        " ".join(a.text_content().split())
        for a in page.xpath('//nav[contains(@class, "pagination")]//a')
    ]


def test_an_items_page_does_not_list_its_folder_when_the_links_are_off(
    folder_of_pages, orders_listed
):
    url = folder_of_pages["dagen"].absolute_url()
    assert "Dagen" in get(url).text
    assert links(url) == []
    assert "rutiner" not in orders_listed


def test_a_folder_with_the_links_on_still_links_both_neighbours(
    folder_of_pages, orders_listed
):
    with api.env.adopt_roles(["Manager"]):
        folder_of_pages.nextPreviousEnabled = True
    transaction.commit()
    shown = links(folder_of_pages["dagen"].absolute_url())
    assert any("Öppning" in text for text in shown), shown
    assert any("Stängning" in text for text in shown), shown
    assert "rutiner" in orders_listed
