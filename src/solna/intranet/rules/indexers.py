"""What search finds in a rule or an answer: its whole text, not only its
title and description (Plone indexes the text of its own types only)."""

from plone.app.contenttypes.indexers import SearchableText
from plone.indexer import indexer
from solna.intranet.organisation.indexers import INDEX_LANGUAGE
from solna.intranet.rules.content import IAnswer
from solna.intranet.rules.content import IRule
from solna.intranet.vocabularies import rule_categories
from solna.intranet.vocabularies import title_of


def _text(obj, *more):
    value = getattr(obj, "category", None)
    category = title_of(rule_categories, value, language=INDEX_LANGUAGE)
    return " ".join(part for part in (SearchableText(obj), category, *more) if part)


@indexer(IRule)
def rule_searchable_text(obj):
    """Title, description, text, category and legal basis (e.g. "LAS")."""
    return _text(obj, getattr(obj, "legal_basis", None) or "")


@indexer(IAnswer)
def answer_searchable_text(obj):
    """The question, the answer's text and its category."""
    return _text(obj)
