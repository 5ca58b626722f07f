"""Plone pages whose controls work by an inline event handler, which the
Content-Security-Policy (headers.py) blocks: the same controls without it.

Innehållsinställningar (@@content-controlpanel): choosing a content type,
or a new workflow for it, loads that type's settings through
``onchange="form.submit()"`` on the select. Blocked, the choice did
nothing: a Webbredaktör could not reach one type's versioning, workflow or
visibility (issue 18, fourth trial, finding 5). The page is Plone's own,
with the attribute replaced by ``data-solna-submit-on-change`` and
static/editing/submit-on-change.js, which sends the form on a change as the
handler did. Without the script the page still shows, and the settings of
the type in the address (``?type_id=News+Item``) can be saved."""

from plone import api
from Products.CMFPlone.controlpanel.browser.types import (
    TypesControlPanel as PloneTypesControlPanel,
)


INLINE = 'onchange="form.submit()"'
MARKER = "data-solna-submit-on-change"
SCRIPT = "++plone++solna.intranet/editing/submit-on-change.js"


def without_inline_submit(page):
    """``page`` (HTML) with its selects' ``form.submit()`` handlers replaced
    by the marker, and the script that does their work."""
    if not isinstance(page, str) or INLINE not in page:
        return page
    page = page.replace(INLINE, MARKER)
    script = f'<script defer src="{api.portal.get().absolute_url()}/{SCRIPT}"></script>'
    head, tag, tail = page.rpartition("</body>")
    if not tag:
        return page + script
    return f"{head}{script}{tag}{tail}"


class TypesControlPanel(PloneTypesControlPanel):
    """Innehållsinställningar, its selects working under the policy."""

    def __call__(self):
        return without_inline_submit(super().__call__())
