"""The content browser's shortcuts in Swedish.

plone.app.z3cform puts the shortcuts of the related-items and content
browser widgets ("Current Content", "Start Page") into the pattern's options
as message ids that are never translated: the JSON shows the English
default (widgets/contentbrowser.py and relateditems.py,
``options["favorites"]``; TinyMCE's link and image dialogs get the same
options through Products.CMFPlone.patterns.settings, which imports the
function by name). These wrappers translate them with the request
(patches.zcml: each module that holds the name), to the Swedish of our
plone.po.
"""

from plone.app.z3cform.widgets.contentbrowser import (
    get_contentbrowser_options as _contentbrowser,
)
from plone.app.z3cform.widgets.relateditems import (
    get_relateditems_options as _relateditems,
)
from zope.globalrequest import getRequest
from zope.i18n import translate


def _translated(options):
    request = getRequest()
    for favorite in options.get("favorites") or ():
        favorite["title"] = translate(favorite["title"], context=request)
    return options


def get_contentbrowser_options(*args, **kwargs):
    """plone.app.z3cform's options of the content browser (a dict), its
    shortcuts' titles translated."""
    return _translated(_contentbrowser(*args, **kwargs))


def get_relateditems_options(*args, **kwargs):
    """plone.app.z3cform's options of related items (a dict), its
    shortcuts' titles translated."""
    return _translated(_relateditems(*args, **kwargs))
