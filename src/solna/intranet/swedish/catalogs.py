"""Our catalogs before Plone's: ``<solna:preferTranslations>``.

zope.i18n keeps, per domain and language, a list of catalogs and answers
from the first that has the message. ``i18n:registerTranslations`` appends
to that list in the order the ZCML runs, and Products.CMFPlone includes
plone.app.locales long before any add-on (in the test layers it is even
loaded by an earlier layer): our ``locales/sv/LC_MESSAGES/plone.po`` could
fill what Plone's Swedish lacks but not correct what it has. Its Swedish
for a comment's title, "${creator} om ${content}", names a variable
plone.app.discussion does not pass ("${author_name}"): every comment was
titled "${creator} om …".

The directive runs after every ``registerTranslations`` of the same ZCML
run (a later ``order``) and moves the catalogs of our ``locales`` folder
to the front of each domain's list, for each language: ours win where both
have a message, Plone's still answer the rest.
"""

from zope.component import queryUtility
from zope.configuration.fields import Path
from zope.i18n.interfaces import ITranslationDomain
from zope.interface import Interface

import os


#: After the registerTranslations actions (order 0) of the same ZCML run.
ORDER = 100


class IPreferTranslations(Interface):
    directory = Path(
        title="Directory",
        description="A locales folder already registered with "
        "i18n:registerTranslations, whose catalogs should answer first",
        required=True,
    )


def catalogs_of(directory):
    """{domain: [.mo paths]} in ``directory``'s <lang>/LC_MESSAGES/."""
    found = {}
    for language in sorted(os.listdir(directory)):
        messages = os.path.join(directory, language, "LC_MESSAGES")
        if not os.path.isdir(messages):
            continue
        for name in sorted(os.listdir(messages)):
            if name.endswith(".mo"):
                found.setdefault(name[:-3], []).append(os.path.join(messages, name))
    return found


def put_first(directory):
    """Move the catalogs of ``directory`` to the front of their domains'
    lists (zope.i18n names a gettext catalog by its file's path)."""
    for domain_name, paths in catalogs_of(directory).items():
        domain = queryUtility(ITranslationDomain, domain_name)
        if domain is None:
            continue
        ours = set(paths)
        for names in domain._catalogs.values():
            names[:] = [n for n in names if n in ours] + [
                n for n in names if n not in ours
            ]


def prefer_translations(_context, directory):
    _context.action(
        discriminator=None,
        callable=put_first,
        args=(os.path.normpath(directory),),
        order=ORDER,
    )
