"""Plone's users and principals vocabularies without people who have
skyddad identitet (issue 14, part 2).

``plone.app.vocabularies.Users`` and ``.Principals`` back the user
widgets and ``@vocabularies``: every member could list every login and
full name, protected people included. These factories leave out the
logins of people in the state *protected* (organisation/protection.py)
for everyone without *Manage protected identity* (HR, Webbredaktörer).
They use the vocabularies' own hook for it, ``use_principal_triple``, and
are registered as local utilities of the site (componentregistry.xml), so
they replace Plone's only there. The author page and the account pages
(``?userid=``) do not name them either.
"""

from pathlib import Path
from plone import api
from plone.app.vocabularies import principals
from Products.CMFPlone.browser import author
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
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
        if not _may_see_protected():
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


def _may_see_protected():
    return api.user.has_permission(
        "solna.intranet: Manage protected identity", obj=api.portal.get()
    )


class AuthorView(author.AuthorView):
    """Plone's author page (``/author/<login>``), which names any account:
    a protected person's login shows what an unknown login shows (no name,
    no portrait, no contact form, no content) to whoever may not see
    protected people."""

    index = ViewPageTemplateFile(
        str(Path(author.__file__).parent / "templates" / "author.pt")
    )

    def _hidden(self):
        return (
            bool(self.username)
            and self.username in protected_logins()
            and not _may_see_protected()
        )

    @property
    def author(self):
        return {} if self._hidden() else super().author

    @property
    def author_content(self):
        return [] if self._hidden() else super().author_content


#: Plone's account pages, which take ``?userid=`` (plone.app.users).
ACCOUNT_PAGES = frozenset(
    {"personal-information", "personal-preferences", "change-password"}
)


def own_account_only(event):
    """IPubAfterTraversal: ``@@personal-information?userid=…`` titles the page
    with that account's full name for anyone (plone.app.users
    AccountPanelForm.label); only those who manage users look at another
    account. Everyone else gets their own, whatever ``userid`` says."""
    request = event.request
    if "userid" not in request.form:
        return
    name = request.get("ACTUAL_URL", "").rstrip("/").rpartition("/")[2]
    if name.removeprefix("@@") not in ACCOUNT_PAGES:
        return
    if api.user.has_permission(
        "Plone Site Setup: Users and Groups", obj=api.portal.get()
    ):
        return
    request.form.pop("userid", None)
    request.other.pop("userid", None)
