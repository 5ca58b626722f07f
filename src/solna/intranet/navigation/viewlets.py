"""The bottom bar on phones: the member's five tasks, one thumb away.

Hem (Mitt intranät), Nyheter, Hitta kontakt, Blanketter and Mer — a
``<details>`` menu (works without JavaScript; navigation.js closes it on Esc
and on a tap outside) with Frågor och svar, Mina ärenden, Nätverk, Notiser,
Mina favoriter, Organisation, Min profil and Logga ut. The section the page
belongs to is marked with ``aria-current="page"`` (WCAG 2.4.8 Location) and
visibly. Only for members, never on the login pages. Shown below 992 px
(_navigation.scss); wider screens get the same tasks in the top navigation
(portal_tabs)."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from functools import cache
from pathlib import Path
from plone import api
from plone.app.layout.viewlets.common import GlobalSectionsViewlet
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _

import hashlib
import plone.staticresources
import re


ICONS = Path(plone.staticresources.__file__).parent / "static" / "icons-bootstrap"
STATIC = Path(__file__).parent / "static"

#: The bar: (id, title, Bootstrap icon, path from the site).
TABS = (
    ("hem", _("nav_home", default="Home"), "house-door", ""),
    ("nyheter", _("nav_news", default="News"), "newspaper", "@@nyheter"),
    ("hitta-kontakt", _("Find a contact"), "person-lines-fill", "@@hitta-kontakt"),
    ("blanketter", _("Forms"), "file-earmark-text", "blanketter"),
)

#: Mer: (id, title, path from the site).
MORE = (
    ("sok", _("Search"), "@@search"),
    ("fragor-och-svar", _("Questions and answers"), "@@fragor-och-svar"),
    ("mina-arenden", _("My cases"), "@@mina-arenden"),
    ("natverk", _("Communities"), "natverk"),
    ("notiser", _("Notices"), "@@notiser"),
    (
        "favoriter",
        _("nav_favourites", default="My favourites"),
        "#solna-favorites-title",
    ),
    ("organisation", _("Organisation"), "@@organisation"),
    ("profil", _("nav_profile", default="My profile"), "@@personal-information"),
    ("logga-ut", _("nav_logout", default="Log out"), "logout"),
)

#: The first step of a page's path (after the site) → its section.
SECTIONS = {
    "": "hem",
    "mitt-intranat": "hem",
    "valj-enhet": "hem",
    "nyheter": "nyheter",
    "hitta-kontakt": "hitta-kontakt",
    "blanketter": "blanketter",
    "search": "sok",
    "fragor-och-svar": "fragor-och-svar",
    "mina-arenden": "mina-arenden",
    "natverk": "natverk",
    "notiser": "notiser",
    "organisation": "organisation",
    "personal-information": "profil",
    "personal-preferences": "profil",
}

#: Pages where the bar is never shown (signing in, out, password).
NO_BAR = re.compile(
    r"(^|/)(@@)?(login|login_form|logout|logged_out|require_login|"
    r"mail_password_form|passwordreset|engangskod|inbjudan|nytt-losenord)(/|$)"
)


@cache
def icon(name):
    """Bootstrap icon ``name`` as inline SVG, hidden from screen readers
    (the visible label names the link)."""
    svg = (ICONS / f"{name}.svg").read_text()
    return svg.replace(
        "<svg ", '<svg aria-hidden="true" focusable="false" class="solna-tab-icon" ', 1
    )


@cache
def script_version():
    """A hash of navigation.js: its URL changes with its content."""
    return hashlib.sha256((STATIC / "navigation.js").read_bytes()).hexdigest()[:12]


def section_of(context, request):
    """The id of the bar's section the page belongs to (a key of TABS or
    MORE), or None: by the first step of the address after the site, then
    by the kind of item (a news item is Nyheter, a person Hitta kontakt, a
    form Blanketter, a unit and what is in it Organisation)."""
    portal_url = api.portal.get().absolute_url()
    url = request.get("ACTUAL_URL") or request.get("URL") or ""
    path = url[len(portal_url) :].strip("/") if url.startswith(portal_url) else ""
    first = path.split("/", 1)[0].removeprefix("@@")
    if first in ("index_html", "view"):
        first = ""
    if first in SECTIONS:
        return SECTIONS[first]
    portal_type = getattr(context, "portal_type", "")
    if portal_type == "News Item":
        return "nyheter"
    if portal_type == "solna.Person":
        return "hitta-kontakt"
    if portal_type in ("solna.Rule", "solna.Answer"):
        return "fragor-och-svar"
    if portal_type == "EasyForm":
        return "blanketter"
    # A unit's page and what lies in a unit (its pages, its people's
    # folder): the org tree lives under Organisation (WCAG 2.4.8 Location).
    # The parents are in memory already (acquisition): no query.
    for parent in aq_chain(aq_inner(context)):
        if getattr(parent, "portal_type", "") == "solna.Unit":
            return "organisation"
    return None


class TabBar(ViewletBase):
    """The bottom bar (see the module)."""

    index = ViewPageTemplateFile("templates/tabbar.pt")

    def available(self):
        if api.user.is_anonymous() or self.request.get("ajax_load"):
            return False
        url = self.request.get("ACTUAL_URL") or self.request.get("URL") or ""
        return not NO_BAR.search(url)

    def update(self):
        super().update()
        self.current = section_of(self.context, self.request)
        portal_url = api.portal.get().absolute_url()

        def url(path):
            if path.startswith("#"):
                return f"{portal_url}/{path}"
            return f"{portal_url}/{path}" if path else portal_url

        self.tabs = [
            {
                "id": id,
                "title": title,
                "icon": icon(name),
                "url": url(path),
                "current": id == self.current,
            }
            for id, title, name, path in TABS
        ]
        self.more = [
            {"id": id, "title": title, "url": url(path), "current": id == self.current}
            for id, title, path in MORE
        ]
        self.more_current = any(item["current"] for item in self.more)
        self.more_icon = icon("three-dots")
        self.script = (
            f"{portal_url}/++plone++solna.navigation/navigation.js?v={script_version()}"
        )

    def render(self):
        return self.index() if self.available() else ""


#: The top navigation's tabs (portal_tabs in actions.xml) → their section.
TAB_SECTIONS = {"index_html": "hem"}


class GlobalSections(GlobalSectionsViewlet):
    """Plone's top navigation, with the current task marked as the bottom
    bar marks it: ``aria-current="page"`` and the class ``is-current``
    (WCAG 2.4.8 Location)."""

    _item_markup_template = (
        '<li class="{id}{has_sub_class} nav-item">'
        '<a href="{url}" class="state-{review_state} nav-link{current_class}"'
        "{aria_haspopup}{aria_current}>{title}</a>{opener}"
        "{sub}"
        "</li>"
    )

    def customize_tab(self, entry, tab):
        if not hasattr(self, "_section"):
            self._section = section_of(self.context, self.request)
        current = TAB_SECTIONS.get(tab["id"], tab["id"]) == self._section
        entry["current_class"] = " is-current" if current else ""
        entry["aria_current"] = ' aria-current="page"' if current else ""

    def customize_entry(self, entry, brain):
        entry["current_class"] = ""
        entry["aria_current"] = ""
