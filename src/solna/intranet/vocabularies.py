"""Controlled vocabularies shared by the content types, behaviours and member
profile. Titles are messages in our domain: Swedish in the UI, English second."""

from solna.intranet import _
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(pairs):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in pairs])


PROFESSIONS = (
    ("forskollarare", _("Preschool teacher")),
    ("barnskotare", _("Child carer")),
    ("grundskollarare", _("School teacher")),
    ("underskoterska", _("Assistant nurse")),
    ("vardbitrade", _("Care assistant")),
    ("fritidsledare", _("Youth leader")),
    ("chef", _("Manager")),
    ("handlaggare", _("Case officer")),
    ("hr-specialist", _("HR specialist")),
    ("kommunikator", _("Communications officer")),
    ("administrator", _("Administrator")),
    ("ovrigt", _("Other profession")),
)

UNIT_KINDS = (
    ("forvaltning", _("Administration")),
    ("avdelning", _("Department")),
    ("enhet", _("Unit")),
    ("forskola", _("Preschool")),
    ("skola", _("School")),
    ("hemtjanst", _("Home-care group")),
    ("boende", _("Residential care")),
    ("fritidsgard", _("Youth centre")),
    ("stab", _("Staff function")),
)

RULE_CATEGORIES = (
    ("lon", _("Pay and compensation")),
    ("arbetstid", _("Working hours")),
    ("ledighet", _("Holidays and leave")),
    ("sjukdom", _("Illness and rehabilitation")),
    ("pension", _("Pension and insurance")),
    ("arbetsmiljo", _("Work environment")),
    ("anstallning", _("Employment and termination")),
    ("chefsstod", _("Support for managers")),
)

PRIORITIES = (
    ("normal", _("Normal")),
    ("viktig", _("Important")),
    ("kris", _("Crisis")),
)


def title_of(vocabulary, value, request=None, language=None):
    """The translated title of ``value`` in a vocabulary factory above, or "":
    in ``language`` when given (what is indexed is Swedish, whoever indexes
    it), else in the request's."""
    term = vocabulary().by_value.get(value) if value else None
    if term is None:
        return ""
    if language:
        return translate(term.title, target_language=language)
    return translate(term.title, context=request or getRequest())


@provider(IVocabularyFactory)
def professions(context=None):
    return _vocabulary(PROFESSIONS)


@provider(IVocabularyFactory)
def unit_kinds(context=None):
    return _vocabulary(UNIT_KINDS)


@provider(IVocabularyFactory)
def rule_categories(context=None):
    return _vocabulary(RULE_CATEGORIES)


@provider(IVocabularyFactory)
def priorities(context=None):
    return _vocabulary(PRIORITIES)
