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
  tooltip of two quote characters (each method below says where).
"""

from plone.transformchain.interfaces import ITransform
from Products.CMFCore.utils import getToolByName
from repoze.xmliter.serializer import XMLSerializer
from solna.intranet.interfaces import ISolnaIntranetLayer
from zope.component import adapter
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory
from zope.interface import implementer
from zope.interface import Interface


_ = MessageFactory("plone")

#: A rich text field: TinyMCE itself, or the text format selector that
#: starts TinyMCE (plone.app.z3cform's RichTextWidget, several formats).
EDITOR = " | ".join(
    f'//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'
    for name in ("pat-tinymce", "pat-textareamimetypeselector", "richTextWidget")
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
    )
}


@implementer(ITransform)
@adapter(Interface, ISolnaIntranetLayer)
class SwedishTransform:
    """Runs after Diazo (8850), plone.protect (9000) and the accessibility
    fixes (8900), which hand on the page as a parsed tree."""

    order = 9050

    def __init__(self, published, request):
        self.published = published
        self.request = request

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
        if root.get("lang") == "sv" and root.xpath(EDITOR):
            root.set("lang", "sv-SE")
        self.icon_alts(root)
        self.user_checkboxes(root)
        self.no_change_title(root)
        self.move_buttons(root)
        self.empty_titles(root)
        return result

    def empty_titles(self, root):
        """Grupper titles each group's link with its description, or with
        two quote characters when it has none (``string:''``,
        usergroups_groupsoverview.pt: "Alla inloggade"): no tooltip
        instead."""
        for element in root.xpath("//*[@title = \"''\"]"):
            del element.attrib["title"]

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
            if (title.text or "").startswith("statusmessage_mtype_"):
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
