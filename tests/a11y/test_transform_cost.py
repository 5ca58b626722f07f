"""The accessibility and Swedish transforms search a page's tree only for
what its text mentions (issue 21: the two were a fifth of Mitt intranät's
CPU), and a page comes out the same as when every fix searches."""

from lxml import html
from repoze.xmliter.utils import getHTMLSerializer
from solna.intranet.accessibility_fixes.transform import AccessibilityTransform
from solna.intranet.swedish.transform import SwedishTransform
from tests.fixtures.calls import spied

import pytest


#: Like Mitt intranät: navigation, headings, links, a search field with a
#: name, images, no form to correct, no table, no file.
PLAIN = """<!DOCTYPE html><html lang="sv"><head><title>Solna intranät</title>
</head><body><a class="solna-skiplink" href="#content">Till innehållet</a>
<nav id="portal-globalnav-wrapper"><ul><li><a href="/nyheter">Nyheter</a></li></ul>
</nav><main id="main-container"><div id="content"><h1>Mitt intranät</h1>
<input type="search" name="SearchableText" aria-label="Sök">
<ul><li><a href="/nyheter/ny">Ny lönerevision</a><img src="/a.png" alt="Lön"></li>
</ul></div></main></body></html>"""

#: What the fixes of both transforms look for, on one page.
BUSY = """<!DOCTYPE html><html lang="sv"><head><title>Solna intranät</title>
<meta name="generator" content="Plone"></head><body>
<main id="main-container"><article id="content"><h1>Förslag och idéer</h1>
<div class="portalMessage alert alert-danger" role="alert">Något behöver rättas</div>
<div class="field error mb-3" id="formfield-form-widgets-rubrik">
 <label class="form-label" for="form-widgets-rubrik">Rubrik</label>
 <input id="form-widgets-rubrik" name="form.widgets.rubrik" class="form-control">
 <div class="invalid-feedback">Du måste fylla i det här fältet.</div></div>
<form method="post"><label for="why">Varför</label><input id="why" name="why"
 required><div class="invalid-feedback">Skriv varför.</div></form>
<label for="form-widgets-bilaga">Bilaga</label>
<input type="file" id="form-widgets-bilaga-input" accept="image/*">
<div class="form-text">Tillåtna filtyper: image/*.</div>
<select id="form-widgets-text_text_format"
 class="pat-textareamimetypeselector"><option value="text/html">text/html</option>
</select>
<table><thead><tr><th>Namn</th><th>Kan redigera</th></tr></thead>
<tbody><tr><td>Olle</td><td><input type="checkbox"></td></tr></tbody></table>
<input type="checkbox" name="delete:list" value="olle" title="Remove user Olle">
<input type="radio" name="workflow_action" value="published" title="published">
<span class="required" title="Required"></span><a title="''" href="/g">Grupp</a>
<a title="News Item" href="/nyheter/ny">Ny</a>
<svg class="plone-icon"><title>Error</title></svg>
<a href="/blanketter/logga/@@download/file"></a>
<button name="form.button.MoveConditionUp">↑</button>
<ul class="pagination"><li>1</li></ul>
<ul><li id="contentview-history"><a href="/h"><span class="toolbar-label"><time
 datetime="2026-12-01"></time></span></a></li></ul>
<table id="history-list"><tr class="historyRecord table-secondary"><td><p
 class="text-muted"><span>Change Note</span> Skickas tillbaka</p></td></tr></table>
<div lang="en"><div class="linkModal"><a href="#">Internal</a></div></div>
</article></main>
<aside><div class="portlet card portletNavigationTree">
<div class="card-header">Solgläntan</div><nav class="card-body"><ul></ul></nav></div>
<h3>Användare och grupper</h3><nav class="row"><ul></ul></nav></aside>
</body></html>"""

#: The fixes that search for what most pages do not have.
ACCESSIBILITY_FIXES = (
    "handmade_errors",
    "file_inputs",
    "download_links",
    "history_label",
    "checkbox_tables",
    "portlet_navs",
)
SWEDISH_FIXES = (
    "editor_language",
    "user_checkboxes",
    "no_change_title",
    "move_buttons",
    "empty_titles",
    "required_titles",
    "link_widget_language",
    "accepted_types",
    "text_formats",
    "history_comments",
    "validation",
)


def transformed(request, page, parsed=False):
    """The page through both transforms, as the transform chain hands it
    on: as the templates' text, or (``parsed``) as a tree already, when
    the transforms have no text to ask and every fix searches."""
    request.response.setHeader("Content-Type", "text/html; charset=utf-8")
    result = getHTMLSerializer([page], encoding="utf-8") if parsed else [page]
    result = AccessibilityTransform(None, request).transformIterable(result, "utf-8")
    result = SwedishTransform(None, request).transformIterable(result, "utf-8")
    return str(result)


@pytest.fixture
def calls():
    """The fixes above, each counting its calls (and still fixing)."""
    patches = {
        name: spied(cls, name)
        for cls, names in (
            (AccessibilityTransform, ACCESSIBILITY_FIXES),
            (SwedishTransform, SWEDISH_FIXES),
        )
        for name in names
    }
    mocks = {name: patch.start() for name, patch in patches.items()}
    yield lambda: {name: m.call_count for name, m in mocks.items()}
    for patch in patches.values():
        patch.stop()


def called(mocks):
    return sorted(name for name, count in mocks.items() if count)


def test_a_plain_page_is_not_searched_for_forms_tables_or_files(
    portal, http_request, calls
):
    page = transformed(http_request, PLAIN)
    assert called(calls()) == []
    # What it does need is still done.
    assert "<title>Mitt intranät — Solna intranät</title>" in page
    assert 'tabindex="-1"' in page


def test_a_page_with_all_of_it_is_searched_for_all_of_it(portal, http_request, calls):
    transformed(http_request, BUSY)
    assert set(ACCESSIBILITY_FIXES + SWEDISH_FIXES) - set(called(calls())) == set()


@pytest.mark.parametrize("page", [PLAIN, BUSY], ids=["plain", "busy"])
def test_a_page_comes_out_as_when_every_fix_searches(portal, http_request, page):
    assert transformed(http_request, page) == transformed(
        http_request, page, parsed=True
    )


def test_a_portlets_navigation_is_named_by_its_heading(portal, http_request):
    """The nav inside a portlet gets the portlet's heading as its name;
    the nav elsewhere in the column does not (it has its own heading)."""
    page = html.fromstring(transformed(http_request, BUSY))
    portlet_nav, other_nav = page.xpath("//aside//nav")
    heading = page.xpath("//aside//*[contains(@class, 'card-header')]")[0]
    assert heading.get("id")
    assert portlet_nav.get("aria-labelledby") == heading.get("id")
    assert other_nav.get("aria-labelledby") != heading.get("id")
