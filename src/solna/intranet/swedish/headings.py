"""Add and edit forms headed in Swedish as a Swede writes them.

plone.dexterity heads an add form "Add ${name}" with the type's title as
it is, which Plone's Swedish made "Skapa ny Nyhet", "Skapa ny Evenemang"
(a capital mid-sentence, and the gender wrong for an *ett*-word), and an
edit form "Redigera Enhet". The ``<title>`` repeats the heading
(accessibility_fixes/transform.py), so both read oddly.

An add form of a type the site has is headed by the type's own message
("Ny nyhet", "Nytt evenemang", "Ny fråga och svar": the toolbar's menu is
*Ny post*); a type without one (an add-on installed later) by Plone's
message with the type's name lower-case ("Lägg till enkät"). An edit form
names the type lower-case: "Redigera enhet". ``tests/i18n/
test_editor_wording_third_trial.py`` checks every type the site has.
"""

from plone.dexterity.i18n import MessageFactory as plone_message
from plone.dexterity.interfaces import IDexterityFTI
from solna.intranet import _
from zope.component import queryUtility
from zope.i18n import translate


#: What an add form of each type is called (Swedish nouns are *en*- or
#: *ett*-words: "Ny sida", "Nytt formulär").
ADD_LABELS = {
    "Collection": _("heading_add_collection", default="New collection"),
    "Document": _("heading_add_document", default="New page"),
    "EasyForm": _("heading_add_easyform", default="New form"),
    "Event": _("heading_add_event", default="New event"),
    "File": _("heading_add_file", default="New file"),
    "Folder": _("heading_add_folder", default="New folder"),
    "Image": _("heading_add_image", default="New image"),
    "Link": _("heading_add_link", default="New link"),
    "News Item": _("heading_add_news_item", default="New news item"),
    "solna.Answer": _("heading_add_answer", default="New question and answer"),
    "solna.Community": _("heading_add_community", default="New community"),
    "solna.Person": _("heading_add_person", default="New staff member"),
    "solna.Rule": _("heading_add_rule", default="New rule"),
    "solna.Topic": _("heading_add_topic", default="New discussion"),
    "solna.Unit": _("heading_add_unit", default="New unit"),
}


def lower_first(text):
    """A type's name as it reads mid-sentence: "Nyhet" → "nyhet", "Fråga
    och svar" → "fråga och svar"; an abbreviation ("PDF", "HR-regel")
    stays as it is."""
    if not text or (len(text) > 1 and text[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def type_name(form, portal_type):
    """The type's title in the page's language, lower-case."""
    fti = queryUtility(IDexterityFTI, name=portal_type)
    title = fti.Title() if fti is not None else portal_type
    return lower_first(translate(title, context=form.request))


def add_label(self):
    """``DefaultAddForm.label``: "Ny nyhet", not "Skapa ny Nyhet"."""
    portal_type = self.portal_type
    label = ADD_LABELS.get(portal_type)
    if label is not None:
        return label
    return plone_message("Add ${name}", mapping={"name": type_name(self, portal_type)})


def edit_label(self):
    """``DefaultEditForm.label``: "Redigera enhet", not "Redigera Enhet"."""
    return plone_message(
        "Edit ${name}", mapping={"name": type_name(self, self.portal_type)}
    )


add_label = property(add_label)
edit_label = property(edit_label)
