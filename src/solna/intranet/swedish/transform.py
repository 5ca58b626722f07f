"""One transform of every HTML page after the theme (plone.transformchain):
Swedish where Plone's templates and scripts would speak English.

- TinyMCE in Swedish. Plone's bundle (plone.staticresources) already
  carries TinyMCE's Swedish language pack (tinymce-i18n's ``sv_SE``), but
  mockup's TinyMCE pattern picks the pack from the page's ``<html lang>``:
  for ``sv`` it tries ``sv`` and ``sv_SV``, finds neither and falls back to
  English. On pages with a rich text field the page says ``sv-SE``
  (Swedish as written in Sweden, a valid BCP 47 tag, WCAG 3.1.1), which the
  pattern turns into ``sv_SE``; the widgets' catalog (@@plonejsi18n falls
  back from ``sv-SE`` to ``sv``) and select2 (``sv``) keep working.
- Icons' alt texts: Plone's templates name some icons in English, not
  translatable (``icons.tag('plone-statusmessage-error', tag_alt='Error')``
  in every z3c.form's error message, "Group", "User", "Global",
  "Inherited" on the sharing page) and the file widget's icon its media
  type ("PNG image"): translated here (plone domain, ``icon_alt_*``).
- Titles and names Plone's templates write in English or leave out, out
  of any catalog's reach: checkboxes titled by ``string:`` expressions
  ("Select …", "Remove user …"), the advanced workflow form's "No change"
  titled by a state's id, a content rule's unnamed ↑/↓ buttons, and a
  tooltip of two quote characters, a required checkbox's "Required"
  (each method below says where).
- Ids shown as words: links titled by their type's id ("News Item" on
  every news item of /nyheter), a file field's accepted media types
  ("image/*"), a rich text field's text formats ("text/html").
- Forms that the browser checks before sending them (Patternslib's
  pat-validation, and the browser's own for forms without it): their
  messages in Swedish, and why Spara is greyed out (``validation``,
  forms_sv.js).
- What Webbredaktörer need not read: Site Setup's versions of Plone, Zope
  and Python (IT's), and the generator ``<meta>`` naming Plone; and what
  no one need read: a listing's "av admin" (browser/byline.py).
"""

from AccessControl import getSecurityManager
from plone.transformchain.interfaces import ITransform
from Products.CMFCore.utils import getToolByName
from repoze.xmliter.serializer import XMLSerializer
from solna.intranet.accessibility_fixes.transform import mentions
from solna.intranet.accessibility_fixes.transform import page_text
from solna.intranet.browser.byline import drop_unknown_authors
from solna.intranet.interfaces import ISolnaIntranetLayer
from zope.component import adapter
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory
from zope.interface import implementer
from zope.interface import Interface

import json


_ = MessageFactory("plone")
_zope = MessageFactory("zope")

#: A rich text field: TinyMCE itself, or the text format selector that
#: starts TinyMCE (plone.app.z3cform's RichTextWidget, several formats); or
#: a page managing portlets, whose portlet forms (Statisk text's text) open
#: in a dialog and start TinyMCE on this page. Mockup picks TinyMCE's
#: language pack from the page's ``<html lang>``: for "sv" it finds none
#: (the bundle has "sv_SE") and falls back to English.
EDITOR = " | ".join(
    f'//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'
    for name in (
        "pat-tinymce",
        "pat-textareamimetypeselector",
        "richTextWidget",
        "pat-manage-portlets",
    )
)

#: English alt texts of Plone's icons -> their message.
ICON_ALTS = {
    english: _(msgid, default=english)
    for english, msgid in (
        ("Error", "icon_alt_error"),
        ("Info", "icon_alt_info"),
        ("Warning", "icon_alt_warning"),
        ("Danger", "icon_alt_danger"),
        ("Group", "icon_alt_group"),
        ("User", "icon_alt_user"),
        ("Global", "icon_alt_global"),
        ("Inherited", "icon_alt_inherited"),
        ("Inherited from Group", "icon_alt_inherited_from_group"),
        # Webbadresser' buttons (redirects-controlpanel.pt).
        ("Add", "icon_alt_add"),
        ("Upload", "icon_alt_upload"),
        ("Download", "icon_alt_download"),
        ("Trash", "icon_alt_trash"),
        # Innehållsregler's list of rules (plone.app.contentrules'
        # controlpanel.pt).
        ("Toggle to show", "icon_alt_toggle"),
        ("not assigned", "icon_alt_not_assigned"),
    )
}


#: A rich text field's text formats (plone.app.z3cform shows the media
#: type itself): media type -> its name.
TEXT_FORMATS = {
    "text/html": _("mimetype_text_html", default="Formatted text"),
    "text/plain": _("mimetype_text_plain", default="Plain text"),
    "text/x-web-intelligent": _(
        "mimetype_text_x_web_intelligent", default="Plain text with clickable links"
    ),
    "text/x-web-textile": _("mimetype_text_x_web_textile", default="Textile code"),
    "text/x-web-markdown": _("mimetype_text_x_web_markdown", default="Markdown code"),
    "text/restructured": _(
        "mimetype_text_restructured", default="reStructuredText code"
    ),
}

#: A file field's accepted media types (plone.formwidget.namedfile writes
#: the field's ``accept`` as it stands): media type -> its name.
ACCEPTED = {
    "image/*": _("accepted_image", default="images"),
    "video/*": _("accepted_video", default="videos"),
    "audio/*": _("accepted_audio", default="sound files"),
    "application/pdf": _("accepted_pdf", default="PDF files"),
    ".pdf": _("accepted_pdf", default="PDF files"),
}

#: Patternslib's pat-validation: its option -> our message. Without a
#: message of its own for a check it shows the browser's
#: ``validationMessage``, in the language of the phone, not the page's.
#: Required is said as the server says it (zope's message, Krävs' text).
VALIDATION = {
    "message-required": _zope("Required input is missing."),
    "message-email": _("The specified email is not valid."),
    "message-number": _("validation_number", default="Enter a number."),
    "message-min": _("validation_min", default="Enter at least %{count}."),
    "message-max": _("validation_max", default="Enter at most %{count}."),
    # Also a date before its not-before field (an event's end before its
    # start), whose English Patternslib would show otherwise.
    "message-date": _(
        "validation_date", default="Check the date: it is outside what can be chosen."
    ),
    "message-datetime": _(
        "validation_datetime",
        default="Check the date and time: they are outside what can be chosen.",
    ),
    "message-equality": _(
        "validation_equality", default="This does not match %{attribute}."
    ),
}
#: What forms_sv.js says where pat-validation has no option (a web address,
#: too short) and on forms the browser checks itself (data-messages).
SCRIPT_MESSAGES = {
    "required": VALIDATION["message-required"],
    "email": VALIDATION["message-email"],
    "number": VALIDATION["message-number"],
    "min": VALIDATION["message-min"],
    "max": VALIDATION["message-max"],
    "url": _(
        "validation_url",
        default="Enter a web address, for example https://www.solna.se.",
    ),
    "tooShort": _(
        "validation_too_short", default="Enter at least %{count} characters."
    ),
    "tooLong": _("validation_too_long", default="Enter at most %{count} characters."),
    "invalid": _("validation_invalid", default="Check what you entered here."),
    "blocked": _(
        "validation_blocked", default="${button} cannot be used yet. First correct:"
    ),
}
#: A form the browser checks: Patternslib's, or one whose fields have
#: constraints (required, a type with a format, limits).
CHECKED_FORMS = (
    "//form[contains(concat(' ', normalize-space(@class), ' '), ' pat-validation ')]"
    " | //form[not(@novalidate)][.//*[@required or @pattern or @minlength"
    " or @min or @max] or .//input[@type='email' or @type='url'"
    " or @type='number']]"
)


#: (what the page's text must mention, or nothing: always; the method).
FIXES = (
    (
        (
            "pat-tinymce",
            "pat-textareamimetypeselector",
            "richTextWidget",
            "pat-manage-portlets",
        ),
        "editor_language",
    ),
    (("<svg", "<img"), "icon_alts"),
    (("users.resetpassword:records", "delete:list", "paths:list"), "user_checkboxes"),
    (("workflow_action",), "no_change_title"),
    (("form.button.Move",), "move_buttons"),
    (("''", "&#39;&#39;", "&#x27;&#x27;"), "empty_titles"),
    (("Required",), "required_titles"),
    (("linkModal",), "link_widget_language"),
    ((), "type_titles"),
    (("accept=",), "accepted_types"),
    (("pat-textareamimetypeselector",), "text_formats"),
    (("history-list",), "history_comments"),
    ((), "technical"),
    (("/author/",), "authors"),
    (("<form",), "validation"),
)


@implementer(ITransform)
@adapter(Interface, ISolnaIntranetLayer)
class SwedishTransform:
    """Runs after Diazo (8850), plone.protect (9000) and the accessibility
    fixes (8900), which hand on the page as a parsed tree."""

    order = 9050

    def __init__(self, published, request):
        self.published = published
        self.request = request
        self.text = None

    def transformBytes(self, result, encoding):
        return None

    def transformUnicode(self, result, encoding):
        return None

    def transformString(self, result, encoding):
        return None

    def transformIterable(self, result, encoding):
        if not isinstance(result, XMLSerializer):
            return None
        root = result.tree.getroot()
        if root is None or root.tag != "html":
            return None
        # Each fix only on a page whose text mentions what it looks for
        # (the accessibility transform's ``mentions``: a search of the
        # whole tree costs 30-100 µs, and most pages need few of them).
        self.text = page_text(self.request)
        for needles, fix in FIXES:
            if not needles or mentions(self.text, *needles):
                getattr(self, fix)(root)
        return result

    def editor_language(self, root):
        """See the module's docstring: ``sv-SE`` on pages with an editor."""
        if root.get("lang") == "sv" and root.xpath(EDITOR):
            root.set("lang", "sv-SE")

    def authors(self, root):
        drop_unknown_authors(root)

    def t(self, message):
        return translate(message, context=self.request)

    def type_titles(self, root):
        """Plone's listings title each item's link with its type's id
        ("News Item", plone.app.contenttypes' listing.pt, listing_summary.pt,
        listing_tabular.pt), the advanced workflow form with the id and the
        item's description ("News Item: …", content_status_history.pt): the
        type's title in the page's language instead ("Nyhet")."""
        links = root.xpath("//a[@title]")
        if not links:
            return
        types = getToolByName(getSite(), "portal_types")
        ids = set(types.objectIds())
        titled = []
        for link in links:
            title = link.get("title")
            type_id, colon, rest = title.partition(":")
            if type_id not in ids:
                continue
            if colon and "contenttype-" not in link.get("class", ""):
                continue
            titled.append((link, type_id, rest))
        for link, type_id, rest in titled:
            name = self.t(types.getTypeInfo(type_id).Title())
            link.set("title", f"{name}: {rest.strip()}" if rest.strip() else name)

    def accepted_types(self, root):
        """An image or file field tells which files it takes by their media
        types ("Tillåtna filtyper: image/*.", plone.formwidget.namedfile's
        image_input.pt and file_input.pt): named instead ("bilder"); a type
        with no name stays as it is."""
        for field in root.xpath("//input[@type='file'][@accept]"):
            accept = field.get("accept")
            names = [
                self.t(ACCEPTED[part.strip()]) if part.strip() in ACCEPTED else part
                for part in accept.split(",")
            ]
            named = ", ".join(name.strip() for name in names)
            for text in field.xpath(
                "following-sibling::*[contains(@class, 'form-text')][1]"
            ):
                if text.text and accept in text.text:
                    text.text = text.text.replace(accept, named)

    def text_formats(self, root):
        """A rich text field of several formats offers them by their media
        types ("text/html", plone.app.z3cform's RichTextWidget): named
        instead ("Formaterad text"); the values stay."""
        for option in root.xpath(
            "//select[contains(@class, 'pat-textareamimetypeselector')]/option"
        ):
            message = TEXT_FORMATS.get(option.get("value"))
            if message is not None and option.text == option.get("value"):
                option.text = self.t(message)

    def history_comments(self, root):
        """History labels a workflow step's comment "Ändringsanteckning",
        as a version's change note (plone.app.layout's
        content_history.pt): what the send-back form asks for is the
        reviewer's comment ("Din kommentar … sparas i historiken"), so a
        step's comment is "Kommentar"; a version's note keeps its label."""
        rows = root.xpath(
            "//*[@id='history-list']//tr[contains(@class, 'historyRecord')]"
            "[contains(@class, 'table-secondary')]"
        )
        if not rows:
            return
        note = self.t(_("label_change_note", default="Change Note"))
        comment = self.t(_("label_workflow_comment", default="Comment"))
        for row in rows:
            for label in row.xpath(".//p[contains(@class, 'text-muted')]/span[1]"):
                if (label.text or "").strip() == note:
                    label.text = comment

    def technical(self, root):
        """Site Setup's versions of Plone, CMF, Zope, Python and the server,
        and its note on production mode (overview.pt's footer), are IT's
        (Manager): left out for everyone else. The generator ``<meta>``
        naming Plone is left out of every page."""
        for meta in root.xpath("/html/head/meta[@name='generator']"):
            meta.getparent().remove(meta)
        if not mentions(self.text, "controlPanelSectionFooter"):
            return
        footers = root.xpath("//section[contains(@class, 'controlPanelSectionFooter')]")
        if footers and not getSecurityManager().checkPermission(
            "Manage portal", getSite()
        ):
            for footer in footers:
                footer.getparent().remove(footer)

    def validation(self, root):
        """Forms the browser checks before sending them say so in Swedish.

        Plone's z3c.form forms carry Patternslib's pat-validation (the news
        and rule add forms): it shows, under a field, the browser's own
        message in the phone's language ("Please fill out this field.")
        unless it has one for the check, and greys out Spara without
        saying why. Its messages are options of ``data-pat-validation``,
        which each field inherits from its form: set here, as the server
        says them. forms_sv.js (given the same messages) says why Spara is
        grey and names the fields to correct, and gives the browser's own
        checks (forms without pat-validation, such as the send-back form)
        Swedish messages. Nothing typed is touched, and the server's own
        Swedish errors are shown as before."""
        forms = root.xpath(CHECKED_FORMS)
        if not forms:
            return
        options = "; ".join(
            f"{name}: {self.t(message).replace(';', ';;')}"
            for name, message in VALIDATION.items()
        )
        for form in forms:
            classes = f" {form.get('class', '')} "
            if " pat-validation " in classes and not form.get("data-pat-validation"):
                form.set("data-pat-validation", options)
        bodies = root.xpath("//body")
        if not bodies or root.xpath("//script[@id='solna-forms-sv']"):
            return
        script = bodies[0].makeelement("script")
        script.set("id", "solna-forms-sv")
        script.set("defer", "defer")
        script.set("src", f"{getSite().absolute_url()}/++resource++solna-forms-sv.js")
        script.set(
            "data-messages",
            json.dumps(
                {key: self.t(message) for key, message in SCRIPT_MESSAGES.items()},
                ensure_ascii=False,
            ),
        )
        bodies[0].append(script)

    def empty_titles(self, root):
        """Grupper titles each group's link with its description, or with
        two quote characters when it has none (``string:''``,
        usergroups_groupsoverview.pt: "Alla inloggade"): no tooltip
        instead."""
        for element in root.xpath("//*[@title = \"''\"]"):
            del element.attrib["title"]

    def required_titles(self, root):
        """A required checkbox's marker is titled "Required" in English
        (plone.app.z3cform's singlecheckboxbool_input.pt marks it for
        translation but names no domain, so no catalog is asked): titled
        as every other field's marker instead, "Krävs" (plone domain,
        ``title_required``)."""
        markers = root.xpath(
            "//span[contains(concat(' ', normalize-space(@class), ' '),"
            " ' required ')][@title = 'Required']"
        )
        if markers:
            title = self.t(_("title_required", default="Required"))
            for marker in markers:
                marker.set("title", title)

    def link_widget_language(self, root):
        """A Länk's URL field (plone.app.z3cform's link_input.pt) declares
        its tabs, labels and placeholders English (``lang="en"``), which
        they no longer are once translated (plone domain): a screen reader
        would read its Swedish with an English voice (WCAG 3.1.2). The
        page's language is theirs instead."""
        for widget in root.xpath(
            "//*[@lang = 'en'][*[contains(concat(' ', normalize-space(@class),"
            " ' '), ' linkModal ')]]"
        ):
            for name in list(widget.attrib):
                if name == "lang" or name.endswith("}lang") or name == "xml:lang":
                    del widget.attrib[name]

    def move_buttons(self, root):
        """A content rule's page moves its conditions and actions up and
        down with buttons that say only "↑" and "↓" (plone.app.contentrules'
        manage-elements.pt): named for screen readers and as tooltips."""
        for button in root.xpath(
            "//button[starts-with(@name, 'form.button.MoveCondition')"
            " or starts-with(@name, 'form.button.MoveAction')]"
        ):
            up = button.get("name").endswith("Up")
            name = translate(_("Move up" if up else "Move down"), context=self.request)
            button.set("aria-label", name)
            button.set("title", name)

    def no_change_title(self, root):
        """The advanced workflow form titles its choice "No change" (Ingen
        ändring) with the state's id ("published",
        content_status_history.pt): the state's title instead."""
        context = getattr(self.published, "context", None)
        for radio in root.xpath(
            "//input[@name='workflow_action'][@title][@title = @value]"
        ):
            if context is None:
                break
            workflows = getToolByName(getSite(), "portal_workflow")
            for workflow in workflows.getWorkflowsFor(context):
                state = getattr(workflow, "states", {}).get(radio.get("title"))
                if state is not None:
                    message = _(state.title or state.getId())
                    radio.set("title", translate(message, context=self.request))
                    break

    def user_checkboxes(self, root):
        """Användare och grupper: Plone titles the checkboxes of each user
        with an English ``string:`` expression, which no catalog reaches
        ("Reset password of user Anna Lindqvist", "Remove user …",
        Products.CMFPlone's usergroups_usersoverview.pt); so does the
        advanced workflow form each item's ("Select Fråga HR", as its title
        and alt text, plone.app.content's content_status_history.pt)."""
        for name, msgid, default, attributes in (
            (
                "users.resetpassword:records",
                "title_reset_password_of_user",
                "Reset password of user ${name}",
                ("title",),
            ),
            ("delete:list", "title_remove_user", "Remove user ${name}", ("title",)),
            ("paths:list", "title_select_item", "Select ${name}", ("title", "alt")),
        ):
            english = default.split("$")[0]
            for attribute in attributes:
                for box in root.xpath(f"//input[@name='{name}'][@{attribute}]"):
                    title = box.get(attribute)
                    if title.startswith(english):
                        message = _(
                            msgid,
                            default=default,
                            mapping={"name": title[len(english) :]},
                        )
                        box.set(attribute, translate(message, context=self.request))

    def icon_alts(self, root):
        for title in root.xpath("//*[local-name()='svg']/*[local-name()='title']"):
            if (title.text or "").startswith("statusmessage_mtype_") or (
                title.text or ""
            ).strip() == "locked":
                # (plone.locking's notice titles its lock icon "locked"
                # beside its own words "Låst …".)
                # plone.app.layout's status message hands its icon the
                # message id itself (globalstatusmessage.pt), and the words
                # beside it ("Fel:") already say it: the icon is decoration.
                svg = title.getparent()
                svg.remove(title)
                svg.set("aria-hidden", "true")
                continue
            message = ICON_ALTS.get((title.text or "").strip())
            if message is not None:
                title.text = translate(message, context=self.request)
        for image in root.xpath("//img[@alt]"):
            alt = image.get("alt").strip()
            # An icon's English name, or a message of the plone domain
            # (the file widget's media type: "PNG image").
            message = ICON_ALTS.get(alt) or _(alt)
            if alt:
                image.set("alt", translate(message, context=self.request))
