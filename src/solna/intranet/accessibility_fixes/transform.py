"""One transform of every HTML page after the theme (plone.transformchain),
fixing in the page's tree what Plone's and the add-ons' templates leave out.

- WCAG 2.4.2 (Page Titled): a page whose ``<title>`` does not say what it is
  (the site's name only, or a form that does not name itself) gets its
  heading (or the view's label) in front: "Hitta kontakt — Solna intranät";
  a page not found is "Sidan hittades inte".
- WCAG 2.4.1 (Bypass Blocks): the skip link (viewlets.py) is the first
  thing in the page, before the toolbar; ``<main>`` can take the focus it
  sends there.
- WCAG 3.3.1 (Error Identification) and 1.3.1: a z3c.form or easyform field
  with an error has ``aria-invalid`` and ``aria-describedby`` pointing to its
  message; the form's error summary lists the fields, linked. Our own
  hand-made forms (Chefens sida's news, Skicka tillbaka, removing a
  comment, Din enhet och ditt yrke, invitations…) get the same: a field's
  Bootstrap message (``invalid-feedback``) is tied to the field before it.
  A page with a field in error, or a form's answer (a POST) with an error
  alert (a refused log-in or code), is titled "Fel: …".
- WCAG 1.3.1 / 4.1.2 (Name, Role, Value): inputs Plone draws without a
  label get one: file inputs (their label points at the widget, not at
  the input), the rich text field's "Textformat" select, the sharing
  table's role checkboxes; a label beside its field that names no id of
  the page (Hantera portletar's "Lägg till portlet" and blocking lists,
  Webbadresser's fields "for" their names, Innehållsinställningar's new
  workflow; the check-in's message, its help between them) is tied to it,
  and Innehållsinställningar's content type list
  (no label at all) is named; a file widget's empty link to its file
  (Webbplatsen's favicon) shows the file's name.

Each fix first asks whether the page's text, as the templates wrote it,
mentions what the fix looks for (``mentions``: "formfield-" before
the z3c.form errors, "<table" before the checkbox tables…), and skips its
search of the tree when it does not: a search of the whole tree costs
30–700 µs, and Mitt intranät needs none of most (issue 21: the two
transforms were a fifth of the page's CPU). The Swedish transform
(swedish/transform.py) asks the same text, kept on the request.

It is the first transform to parse the page (the theme has no Diazo rules),
so it also says how the page is written back: in UTF-8, as Diazo's XSLT
did. repoze.xmliter's HTML serializer writes ASCII otherwise, every "ä" a
``&#228;`` (bigger pages, and texts no longer as they were typed).
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from lxml import html
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.interfaces import IDexterityContent
from plone.transformchain.interfaces import ITransform
from repoze.xmliter.serializer import XMLSerializer
from repoze.xmliter.utils import getHTMLSerializer
from solna.intranet.interfaces import ISolnaIntranetLayer
from urllib.parse import unquote
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory
from zope.interface import implementer
from zope.interface import Interface
from zope.publisher.interfaces.browser import IBrowserView

import contextlib
import logging
import re


logger = logging.getLogger(__name__)
_ = MessageFactory("solna.intranet")
SEPARATOR = " — "
FIELD_ERROR = (
    "//div[starts-with(@id, 'formfield-')]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' error ')]"
)
CONTROLS = (
    ".//*[self::input or self::select or self::textarea]"
    "[not(@type='hidden') and not(@type='submit') and not(@type='button')]"
)

#: A message at a field of a form drawn by hand (Bootstrap's
#: ``invalid-feedback``), not one of z3c.form's fields (``errors`` handles
#: those from their ``formfield-`` box).
HANDMADE_MESSAGE = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' invalid-feedback ')]"
    "[normalize-space()]"
    "[not(ancestor::div[starts-with(@id, 'formfield-')])]"
    "[not(ancestor-or-self::*[@hidden]) and not(ancestor::template)]"
)
#: The field a hand-made message is about: the nearest field before it, or
#: the field marked invalid in its box.
MESSAGE_CONTROL = (
    "preceding-sibling::*[self::input or self::select or self::textarea]"
    "[not(@type='hidden')][1]"
)
BOX_CONTROL = (
    "../descendant::*[self::input or self::select or self::textarea]"
    "[not(@type='hidden')]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' is-invalid ')][1]"
)
#: A field of the page in error (once ``errors`` has marked them).
INVALID = "//*[self::input or self::select or self::textarea][@aria-invalid='true']"
#: An error alert of the page's content (a status message of type error,
#: a form's own alert): a form sent back with it is titled "Fel: …".
ERROR_ALERT = (
    "//*[@id='content' or @id='global_statusmessage' or self::main]"
    "//*[@role='alert']"
    "[contains(concat(' ', normalize-space(@class), ' '), ' alert-danger ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' statusmessage-error ')]"
)

#: The help text Plone's older templates put between a label and its field
#: (plone.app.iterate's check-in: "Upplysning vid incheckning", its help,
#: then the message's text area).
HELP_CLASSES = frozenset({"formHelp", "form-text", "help"})

#: Fields without a name of their own (not in a label, no ARIA name).
UNNAMED = (
    "//*[self::input or self::select or self::textarea]"
    "[not(@type='hidden') and not(@type='submit') and not(@type='button')"
    " and not(@type='image') and not(@type='reset')]"
    "[not(@aria-label) and not(@aria-labelledby) and not(@title)]"
    "[not(ancestor::label)]"
)


#: Where the page's text is kept on the request for the transforms after
#: this one (``page_text``).
PAGE_TEXT = "solna.intranet.page_text"


def page_text(request):
    """The page as the templates wrote it (str), kept by the accessibility
    transform, or None when it had none (the page came parsed already, or
    was no list of strings): then every fix must search."""
    try:
        return IAnnotations(request).get(PAGE_TEXT)
    except TypeError:
        return None


class PageText(str):
    """The page's text (``page_text``), remembering what ``mentions``
    found in it (``found``: {needle: bool}): the two transforms ask about
    the same needles ("formfield-", "<nav"…), each a search of the whole
    page."""

    def __new__(cls, text):
        self = super().__new__(cls, text)
        self.found = {}
        return self


def mentions(text, *needles):
    """Whether ``text`` (``page_text``) contains one of ``needles``, or may
    (no text). A fix searches the tree only when its page mentions what it
    looks for: a class, a tag's start, an attribute's value."""
    if text is None:
        return True
    found = getattr(text, "found", None)
    if found is None:
        return any(needle in text for needle in needles)
    for needle in needles:
        hit = found.get(needle)
        if hit is None:
            hit = found[needle] = needle in text
        if hit:
            return True
    return False


#: Plone's views whose heading is the item's title: what the page is.
VIEW_TITLES = {
    "folder_contents": _("title_folder_contents", default="Contents"),
    "historyview": _("title_history", default="History"),
    # History's Jämför (workflow/compare.py), its heading the item's title.
    "history": _("title_compare_revisions", default="Compare revisions"),
}


def utf8_tostring(tree, encoding=None, **options):
    """lxml.html.tostring writing UTF-8 bytes when no encoding is asked
    for (repoze.xmliter's XMLSerializer asks for none when the response
    is written); str for ``encoding=str``."""
    return html.tostring(tree, encoding=encoding or "utf-8", **options)


def text_of(element):
    """The text an element shows (not its icons' SVG titles, scripts or
    styles), spaces folded, none before a punctuation mark that followed an
    element ("Vill du arkivera <q>Utflykt</q>?" is "…Utflykt?")."""
    texts = element.xpath(
        ".//text()[not(ancestor::*[local-name()='svg' or local-name()='script'"
        " or local-name()='style'])]"
    )
    return _BEFORE_PUNCTUATION.sub(r"\1", " ".join(" ".join(texts).split()))


_BEFORE_PUNCTUATION = re.compile(r" ([?!.,:;])")


@implementer(ITransform)
@adapter(Interface, ISolnaIntranetLayer)
class AccessibilityTransform:
    """See the module's docstring. Runs before plone.protect (9000), on
    the tree they share (this transform parses the page: the theme has no
    Diazo rules, so plone.app.theming's transform, 8850, does not)."""

    order = 8900

    def __init__(self, published, request):
        self.published = published
        self.request = request
        self.text = None

    def mentions(self, *needles):
        """See ``mentions``: about this page."""
        return mentions(self.text, *needles)

    def transformBytes(self, result, encoding):
        return self.transformIterable([result.decode(encoding, "ignore")], encoding)

    def transformUnicode(self, result, encoding):
        return self.transformIterable([result], encoding)

    def transformString(self, result, encoding):
        return self.transformIterable([result], encoding)

    def transformIterable(self, result, encoding):
        content_type = self.request.response.getHeader("Content-Type") or ""
        if not content_type.startswith("text/html"):
            return None
        if not isinstance(result, XMLSerializer):
            if isinstance(result, list):
                self.text = PageText(
                    "".join(
                        r if isinstance(r, str) else r.decode(encoding, "ignore")
                        for r in result
                    )
                )
                if not self.text.strip():
                    return None
            try:
                result = getHTMLSerializer(
                    result, pretty_print=False, encoding=encoding
                )
            except (AttributeError, TypeError, ValueError):
                return None
            if result.serializer is html.tostring:
                result.serializer = utf8_tostring
        tree = result.tree
        with contextlib.suppress(TypeError):  # a request without annotations
            IAnnotations(self.request)[PAGE_TEXT] = self.text
        try:
            self.fix(tree)
        except Exception:  # never break a page for its accessibility fixes
            logger.exception("accessibility fixes failed on %s", self.request.URL)
        return result

    def fix(self, tree):
        self.title(tree)
        # The skip link first in the page, before the toolbar too.
        bodies = tree.xpath("/html/body")
        links = tree.xpath("//a[@class='solna-skiplink']")
        for link in links[:1] if self.mentions("solna-skiplink") else ():
            if bodies and link.getparent() is not bodies[0]:
                link.tail = None
                bodies[0].insert(0, link)
        for main in (
            tree.xpath("//main[not(@tabindex)]") if self.mentions("<main") else ()
        ):
            main.set("tabindex", "-1")
        self.errors(tree)
        if self.has_errors(tree):
            # A form sent back with errors says so first (WCAG 3.3.1, G199).
            prefix = translate(
                _("title_error_prefix", default="Error"), context=self.request
            )
            for element in tree.xpath("/html/head/title"):
                if not (element.text or "").startswith(f"{prefix}:"):
                    element.text = f"{prefix}: {element.text or ''}"
        self.labels(tree)

    def has_errors(self, tree):
        """Whether the page shows a form sent back with errors: a field in
        error (any form's, once ``errors`` has marked it), or the answer
        to a sent form (a POST) with an error alert in its content (a
        refused log-in or code, a status message of type error). Not a
        page merely showing an error message it was redirected to."""
        if self.mentions("formfield-") and tree.xpath(FIELD_ERROR):
            return True
        if self.mentions("aria-invalid", "formfield-", "invalid-feedback") and (
            tree.xpath(INVALID)
        ):
            return True
        method = getattr(self.request, "method", "GET") or "GET"
        return method.upper() == "POST" and bool(tree.xpath(ERROR_ALERT))

    # WCAG 2.4.2
    def title(self, tree):
        titles = tree.xpath("/html/head/title")
        if not titles:
            return
        element = titles[0]
        current = " ".join((element.text or "").split())
        name = self.page_name(tree)
        # A page of tabs (personal information, preferences): the tab shown;
        # not on the author page, whose tab is "Visa" (the person's name is
        # what that page is: "Anna Lindqvist — Solna intranät").
        tabs = (
            []
            if self.view_name() == "author" or not self.mentions("nav-tabs")
            else tree.xpath(
                "//*[@id='content']//*[contains(@class, 'nav-tabs')]"
                "//a[contains(concat(' ', @class, ' '), ' active ')]"
            )
        )
        tab = text_of(tabs[0]) if tabs else ""
        if tab and name and tab not in name and tab not in current:
            name = f"{tab}: {name}"
        # A page of an item that does not name it (the form editor's fields
        # and a question's settings): the item between the page and the
        # site; a first part the page's name already says ("rubrik" of
        # "Redigera fältet ”rubrik”") once.
        parts = current.split(SEPARATOR) if current else []
        if name and len(parts) > 1 and parts[0] != name and parts[0] in name:
            parts = parts[1:]
        # The item once: a comment's edit form is titled by the comment,
        # "Anna Lindqvist om <item>", which names it already.
        item = self.item_title()
        named = any(part == item or part.endswith(f" {item}") for part in parts)
        if item and not named and item not in (name or ""):
            parts.insert(1 if name and parts and parts[0] == name else 0, item)
        current = SEPARATOR.join(parts)
        if name and name not in current:
            current = f"{name}{SEPARATOR}{current}" if current else name
        if current != " ".join((element.text or "").split()):
            element.text = current

    def history_label(self, tree):
        """The toolbar's History names itself "Historik": Plone labels it
        with the item's last change only, a ``<time>`` mockup fills in the
        browser (empty without script, a bare date and time with it), so
        the link did not say what it opens (WCAG 2.4.4)."""
        labels = tree.xpath(
            "//li[@id='contentview-history']//span[@class='toolbar-label']"
            "[time and not(normalize-space(text()))]"
        )
        for label in labels:
            for child in list(label):
                label.remove(child)
            label.text = translate(VIEW_TITLES["historyview"], context=self.request)

    def view_name(self):
        """The name of the published view (``author``), or None."""
        if IBrowserView.providedBy(self.published):
            return getattr(self.published, "__name__", None)
        return None

    def item_title(self):
        """The title of the content item the published view is about (the
        nearest one up from its context: the e-form of the form editor's
        schema and field pages), or None."""
        context = getattr(self.published, "context", None)
        for obj in aq_chain(aq_inner(context)) if context is not None else ():
            if IDexterityContent.providedBy(obj):
                if IPloneSiteRoot.providedBy(obj):
                    return None
                title = obj.Title()
                return " ".join(title.split()) if isinstance(title, str) else None
        return None

    def page_name(self, tree):
        """What the page is: the view's label or the page's heading."""
        if self.request.response.getStatus() == 404:
            return translate(
                _("title_not_found", default="Page not found"), context=self.request
            )
        label = None
        if IBrowserView.providedBy(self.published):
            label = VIEW_TITLES.get(getattr(self.published, "__name__", None))
            label = label or getattr(self.published, "label", None)
        if label and isinstance(label, str):
            return " ".join(translate(label, context=self.request).split())
        # (The h1s in <main>, #content or #content-core, in the page's
        # order: from the h1s, not from every element.)
        for heading in tree.xpath(
            "//h1[ancestor::main or ancestor::*[@id='content' or @id='content-core']]"
        ):
            text = text_of(heading).rstrip(":").strip()
            if text:
                return text
        return None

    # WCAG 3.3.1, 1.3.1
    def errors(self, tree):
        fields = tree.xpath(FIELD_ERROR) if self.mentions("formfield-") else []
        if not fields and not self.mentions("invalid-feedback"):
            return
        # The summary in the page's order, z3c.form's fields and hand-made
        # ones alike.
        order = {element: n for n, element in enumerate(tree.iter())}
        summary = self.handmade_errors(tree, order)
        for field in fields:
            widget_id = field.get("id")[len("formfield-") :]
            messages = field.xpath(".//*[contains(@class, 'invalid-feedback')]")
            message_id = f"{widget_id}-error"
            for n, message in enumerate(messages):
                message.set("id", message_id if n == 0 else f"{message_id}-{n}")
            ids = " ".join(m.get("id") for m in messages)
            controls = field.xpath(CONTROLS)
            for control in controls:
                control.set("aria-invalid", "true")
                if ids:
                    described = control.get("aria-describedby", "")
                    control.set("aria-describedby", f"{described} {ids}".strip())
                classes = control.get("class", "")
                if "is-invalid" not in classes.split():
                    control.set("class", f"{classes} is-invalid".strip())
            labels = field.xpath(".//label[contains(@class, 'form-label')]")
            label = text_of(labels[0]) if labels else ""
            if controls and messages:
                target = controls[0].get("id") or widget_id
                summary.append((target, label, text_of(messages[0]), order[field]))
        summary.sort(key=lambda entry: entry[3])
        summary = [entry[:3] for entry in summary]
        if not summary:
            return
        # The form's own alert (z3c.form's, in the content), or the page's
        # status message (a hand-made form's "Rätta till de markerade
        # felen.").
        alerts = [
            alert
            for where in ("content", "global_statusmessage")
            for alert in tree.xpath(
                "//*[@id=$where]//*[contains(@class, 'portalMessage')]"
                "[contains(@class, 'error') or contains(@class, 'alert-danger')]",
                where=where,
            )
        ]
        if not alerts:
            return
        from lxml import etree

        listing = etree.SubElement(alerts[0], "ul")
        listing.set("class", "solna-error-summary mb-0 mt-2")
        for target, label, message in summary:
            item = etree.SubElement(listing, "li")
            link = etree.SubElement(item, "a")
            link.set("href", f"#{target}")
            link.text = f"{label}: {message}" if label else message

    def handmade_errors(self, tree, order):
        """The messages of hand-made forms (HANDMADE_MESSAGE), each tied to
        its field: the message gets an id, the field ``aria-invalid``, the
        message in its ``aria-describedby`` and Bootstrap's ``is-invalid``.
        Returns the summary's entries (field id, its label, the message,
        the message's place in the page); a message without a field of its
        own (a hidden choice) stays as it is."""
        entries = []
        if not self.mentions("invalid-feedback"):
            return entries
        for message in tree.xpath(HANDMADE_MESSAGE):
            controls = message.xpath(MESSAGE_CONTROL) or message.xpath(BOX_CONTROL)
            if not controls:
                continue
            control = controls[0]
            control_id = self.id_of(control, "solna-field")
            if not message.get("id"):
                message_id = f"{control_id}-error"
                if tree.xpath("//*[@id=$id]", id=message_id):
                    message_id = self.id_of(message, f"{control_id}-error")
                message.set("id", message_id)
            control.set("aria-invalid", "true")
            described = control.get("aria-describedby", "").split()
            if message.get("id") not in described:
                described.append(message.get("id"))
            control.set("aria-describedby", " ".join(described))
            classes = control.get("class", "")
            if "is-invalid" not in classes.split():
                control.set("class", f"{classes} is-invalid".strip())
            labels = tree.xpath("//label[@for=$id]", id=control_id)
            label = text_of(labels[0]).rstrip(":").strip() if labels else ""
            entries.append((control_id, label, text_of(message), order[message]))
        return entries

    # WCAG 1.3.1, 4.1.2
    def labels(self, tree):
        if self.mentions('type="file"', "type='file'"):
            self.file_inputs(tree)
        if self.mentions("<input", "<select", "<textarea"):
            self.orphan_labels(tree)
        if self.mentions("@@download/"):
            self.download_links(tree)
        if self.mentions("contentview-history"):
            self.history_label(tree)
        self.named(
            tree,
            "//button[contains(@class, 'navbar-toggler')]"
            "[not(@aria-label) and not(normalize-space())]",
            _("label_menu", default="Menu"),
            "navbar-toggler",
        )
        self.named(
            tree,
            "//select[contains(@id, '_text_format')][not(@aria-label)]",
            _("label_text_format", default="Text format"),
            "_text_format",
        )
        self.named(
            tree,
            "//form[contains(@action, '@@content-controlpanel')]"
            "//select[@name='type_id'][not(@aria-label)]",
            _("label_content_type", default="Content type"),
            "@@content-controlpanel",
        )
        if self.mentions("<table") and self.mentions("checkbox"):
            self.checkbox_tables(tree)
        if not self.mentions("<nav"):
            return
        if self.mentions("portlet"):
            self.portlet_navs(tree)
        # A navigation right after its heading (Site Setup's categories).
        for nav in tree.xpath("//nav[not(@aria-label) and not(@aria-labelledby)]"):
            headings = nav.xpath(
                "preceding-sibling::*[1][self::h1 or self::h2 or self::h3 or self::h4]"
            )
            if headings and text_of(headings[0]):
                heading = headings[0]
                nav.set("aria-labelledby", self.id_of(heading, "solna-heading"))
        self.named(
            tree,
            "//nav[not(@aria-label) and not(@aria-labelledby)]"
            "[contains(@class, 'autotoc-nav')]",
            _("label_sections", default="Sections"),
            "autotoc-nav",
        )
        self.named(
            tree,
            "//nav[not(@aria-label) and not(@aria-labelledby)]"
            "[@id='portal-globalnav-wrapper']",
            _("label_main_menu", default="Main menu"),
            "portal-globalnav-wrapper",
        )
        self.named(
            tree,
            "//nav[not(@aria-label) and not(@aria-labelledby)]"
            "[.//*[contains(@class, 'pagination')]]",
            _("label_pages", default="Pages"),
            "pagination",
        )

    def id_of(self, element, prefix):
        """The element's id, given one (``prefix-N``) if it has none."""
        if not element.get("id"):
            self.ids = getattr(self, "ids", 0) + 1
            element.set("id", f"{prefix}-{self.ids}")
        return element.get("id")

    def portlet_navs(self, tree):
        """A portlet's navigation (the navigation portlet) is named by the
        portlet's heading."""
        # The unnamed navs first (a handful), then whether each is in a
        # portlet: not a test of every element's class (1.3 % of a news
        # item's time, issue 21).
        for nav in tree.xpath("//nav[not(@aria-label) and not(@aria-labelledby)]"):
            portlets = nav.xpath("ancestor::*[contains(@class, 'portlet')][1]")
            if not portlets:
                continue
            portlet = portlets[0]
            headers = portlet.xpath(".//*[contains(@class, 'card-header')]")
            if headers and text_of(headers[0]):
                nav.set("aria-labelledby", self.id_of(headers[0], "solna-portlet"))
            else:
                nav.set(
                    "aria-label",
                    translate(
                        _("label_navigation", default="Navigation"),
                        context=self.request,
                    ),
                )

    def named(self, tree, xpath, label, needle):
        """Name the elements ``xpath`` finds (the theme's menu button on
        pages without Plone's, the rich text field's format select), on a
        page that mentions ``needle``."""
        if not self.mentions(needle):
            return
        for element in tree.xpath(xpath):
            element.set("aria-label", translate(label, context=self.request))

    def orphan_labels(self, tree):
        """A field without a name whose label is beside it but names no
        element of the page: the label just before it (no "for", or "for"
        the field's name), or just after a checkbox or radio, is tied to it
        (the field gets the id the label names, or one of its own)."""
        for control in tree.xpath(UNNAMED):
            control_id = control.get("id")
            if control_id and tree.xpath("//label[@for=$id]", id=control_id):
                continue
            before, helps = self.label_before(control)
            after = control.xpath("following-sibling::*[1][self::label]")
            if control.get("type") not in ("checkbox", "radio"):
                after = []
            for label in before + after:
                target = label.get("for")
                if target and tree.xpath("//*[@id=$id]", id=target):
                    continue
                if label.xpath(".//*[self::input or self::select or self::textarea]"):
                    continue
                if not control_id and target:
                    control.set("id", target)
                label.set("for", self.id_of(control, "solna-field"))
                if label in before and helps:
                    described = control.get("aria-describedby", "").split()
                    for help_text in helps:
                        help_id = self.id_of(help_text, "solna-help")
                        if help_id not in described:
                            described.append(help_id)
                    control.set("aria-describedby", " ".join(described))
                break

    def label_before(self, control):
        """The label just before ``control`` (only help texts between
        them), as a list of none or one, and those help texts."""
        helps = []
        for sibling in control.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            if sibling.tag == "label":
                return [sibling], list(reversed(helps))
            if set(sibling.get("class", "").split()) & HELP_CLASSES and not (
                sibling.xpath(".//*[self::input or self::select or self::textarea]")
            ):
                helps.append(sibling)
                continue
            break
        return [], []

    def download_links(self, tree):
        """A file widget's link to its file, empty when the field keeps no
        file name (Webbplatsen's favicon): the file's name as its text
        (WCAG 2.4.4, 4.1.2)."""
        for link in tree.xpath(
            "//a[contains(@href, '/@@download/')][not(normalize-space())]"
            "[not(@aria-label) and not(@aria-labelledby) and not(.//img[@alt])]"
        ):
            name = unquote(link.get("href").split("?")[0].rstrip("/").split("/")[-1])
            link.text = name or translate(
                _("label_file", default="File"), context=self.request
            )

    def file_inputs(self, tree):
        """Plone's label of a file widget is "for" the widget's id, its
        input is "<id>-input": labelled by that label."""
        for control in tree.xpath(
            "//input[@type='file'][@id][not(@aria-label) and not(@aria-labelledby)]"
        ):
            control_id = control.get("id")
            if tree.xpath(f"//label[@for='{control_id}']"):
                continue
            widget_id = control_id.removesuffix("-input")
            labels = tree.xpath(f"//label[@for='{widget_id}']")
            if labels:
                label = labels[0]
                label.set("id", label.get("id") or f"{widget_id}-label")
                control.set("aria-labelledby", label.get("id"))
            else:
                control.set(
                    "aria-label",
                    translate(_("label_file", default="File"), context=self.request),
                )

    def checkbox_tables(self, tree):
        """Tables of checkboxes (sharing, users and groups): each named by
        its column's heading and its row's first cell ("Kan redigera: Olle")."""
        for table in tree.xpath("//table[.//td//input[@type='checkbox']]"):
            columns = [text_of(th) for th in table.xpath(".//thead//th")]
            for row in table.xpath(".//tbody/tr | ./tr"):
                cells = row.xpath("./td")
                who = text_of(cells[0]) if cells else ""
                for index, cell in enumerate(cells):
                    column = columns[index] if index < len(columns) else ""
                    label = f"{column}: {who}" if column and who else column or who
                    for box in cell.xpath(
                        ".//input[@type='checkbox'][not(@aria-label)]"
                        "[not(ancestor::label)]"
                    ):
                        labelled = box.get("id") and tree.xpath(
                            f"//label[@for='{box.get('id')}']"
                        )
                        if label and not labelled:
                            box.set("aria-label", label)
