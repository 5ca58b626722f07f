"""Pages of rules and answers: the rule, the answer, and all answers by
category (Frågor och svar)."""

from AccessControl import getSecurityManager
from plone import api
from Products.Five import BrowserView
from solna.intranet.dates import display_date
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import fullname
from solna.intranet.vocabularies import professions
from solna.intranet.vocabularies import RULE_CATEGORIES
from solna.intranet.vocabularies import rule_categories
from solna.intranet.vocabularies import title_of
from zope.i18n import translate
from zope.interface import implementer


def visible_relations(relations):
    """The related items the reader may see (a relation may point at an item
    that is a draft, or that the reader may not see)."""
    check = getSecurityManager().checkPermission
    objects = [r.to_object for r in relations or () if r and not r.isBroken()]
    return [obj for obj in objects if obj is not None and check("View", obj)]


class RuleView(BrowserView):
    def category(self):
        return title_of(rule_categories, self.context.category, self.request)

    def applies_to(self):
        """Who the rule applies to, in words; empty for all staff."""
        return [
            title
            for value in self.context.applies_to or ()
            if (title := title_of(professions, value, self.request))
        ]

    def responsible(self):
        return fullname(self.context.responsible)

    def related_answers(self):
        return visible_relations(self.context.related_answers)

    def related_forms(self):
        return visible_relations(self.context.related_forms)

    def date(self, value):
        """ "1 jan 2027" """
        return display_date(value, self.request)


class AnswerView(RuleView):
    def related_rules(self):
        return visible_relations(self.context.related_rules)


@implementer(IToolPage)
class AnswersView(BrowserView):
    """Frågor och svar: every answer, grouped by category, from the catalog."""

    def groups(self):
        brains = api.content.find(portal_type="solna.Answer", sort_on="sortable_title")
        by_category = {}
        for brain in brains:
            by_category.setdefault(brain.category, []).append(brain)
        return [
            {"title": translate(title, context=self.request), "answers": answers}
            for value, title in RULE_CATEGORIES
            if (answers := by_category.get(value))
        ]
