"""Plone's users and principals vocabularies without people who have
skyddad identitet (issue 14, part 2).

``plone.app.vocabularies.Users`` and ``.Principals`` back the user
widgets and ``@vocabularies``: every member could list every login and
full name, protected people included. These factories leave out the
logins of people in the state *protected* (organisation/protection.py)
for everyone without *Manage protected identity* (HR, Webbredaktörer).
They use the vocabularies' own hook for it, ``use_principal_triple``, and
are registered as local utilities of the site (componentregistry.xml), so
they replace Plone's only there.
"""

from plone import api
from plone.app.vocabularies import principals
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory

import copy


def protected_logins():
    """The logins of people with skyddad identitet: a set of str."""
    catalog = api.portal.get_tool("portal_catalog")
    found = set()
    for brain in catalog.unrestrictedSearchResults(
        portal_type="solna.Person", review_state="protected"
    ):
        userid = getattr(brain._unrestrictedGetObject(), "userid", None)
        if userid:
            found.add(userid)
    return found


class _Hiding:
    _hidden = frozenset()

    def __call__(self, context, query=""):
        # A copy per call: the utility itself is shared by all threads.
        factory = copy.copy(self)
        if not api.user.has_permission(
            "solna.intranet: Manage protected identity", obj=api.portal.get()
        ):
            factory._hidden = protected_logins()
        return super(_Hiding, factory).__call__(context, query)

    def use_principal_triple(self, principal_triple):
        value = principal_triple[0].rpartition(":")[2]
        return value not in self._hidden


@implementer(IVocabularyFactory)
class UsersFactory(_Hiding, principals.UsersFactory):
    """plone.app.vocabularies.Users without protected people."""


@implementer(IVocabularyFactory)
class PrincipalsFactory(_Hiding, principals.PrincipalsFactory):
    """plone.app.vocabularies.Principals without protected people."""
