"""Where reach is counted: at the publisher, after a request succeeded
(IPubSuccess, after the ZODB transaction), so no view changes and a page
view writes nothing to the ZODB.

Counted: a GET answered 200 for an authenticated member of the site,
of a news item, page, rule or answer, either its default view (the item's
address, ``/view`` or its layout) or plone.restapi's GET of the item (the
app reads through REST). Not counted: other views (edit forms, history…),
anonymous requests, Zope's own administrator, bots, items outside their
first 30 days. An error here is logged (without personal data) and the
page is served as it was.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from plone.restapi.services.content.get import ContentGet
from solna.intranet.members import is_site_member
from solna.intranet.stats import reach
from zope.component.hooks import getSite

import logging


logger = logging.getLogger("solna.intranet.stats")

BOTS = ("bot", "crawler", "spider", "slurp")


def _viewed(published):
    """The item whose default view (or REST GET) ``published`` is, or None."""
    if isinstance(published, ContentGet):
        return aq_inner(published.context)
    context = getattr(published, "context", None)
    if context is None:
        # The item itself published (its __call__ renders the default view).
        context = published
        name = "view"
    else:
        context = aq_inner(context)
        name = getattr(published, "__name__", None)
    if getattr(aq_base(context), "portal_type", None) not in reach.TYPES:
        return None
    layout = getattr(context, "getLayout", lambda: None)()
    return context if name in ("view", layout) else None


def on_success(event):
    request = event.request
    try:
        if request.get("REQUEST_METHOD", "GET").upper() != "GET":
            return
        if request.response.getStatus() != 200:
            return
        agent = (request.get("HTTP_USER_AGENT") or "").lower()
        if any(bot in agent for bot in BOTS):
            return
        item = _viewed(request.get("PUBLISHED"))
        if item is None:
            return
        user = request.get("AUTHENTICATED_USER")
        userid = user.getId() if user is not None else None
        if not userid or getSite() is None or not is_site_member(user):
            return
        start = reach.published(item)
        if not reach.open_windows(start, reach.now()):
            return
        reach.count_view(item.UID(), start, userid, reach.forvaltning(userid))
    except Exception as error:
        logger.warning("Could not count a view: %s", type(error).__name__)
