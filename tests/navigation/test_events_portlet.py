"""Plone's events portlet (*Kommande händelser*) lists the same upcoming
events through our renderer (navigation/events.py) as through Plone's, and
finds them and its cache key without a publishing-date range over the whole
site (issue 21): an event published for tomorrow is not listed for staff."""

from DateTime import DateTime
from plone import api
from plone.app.event.portlets import portlet_events
from plone.portlets.interfaces import IPortletManager
from solna.intranet.navigation.events import EventsRenderer
from zope.component import getUtility

import transaction


def upcoming(title, days, effective=None):
    with api.env.adopt_roles(["Manager"]):
        event = api.content.create(
            container=api.portal.get(),
            type="Event",
            title=title,
            start=(DateTime() + days).asdatetime(),
            end=(DateTime() + days + 0.1).asdatetime(),
        )
        if effective is not None:
            event.setEffectiveDate(effective)
        api.content.transition(event, to_state="published")
        event.reindexObject()
    return event


def test_upcoming_events_as_plone_lists_them_without_a_date_range(
    organisation_site, date_ranges
):
    upcoming("Planeringsdag", 2)
    upcoming("Personalfest", 3, effective=DateTime() + 1)
    transaction.commit()
    portal = api.portal.get()
    request = portal.REQUEST
    manager = getUtility(IPortletManager, name="plone.rightcolumn")
    assignment = portlet_events.Assignment(count=5)

    def titles(renderer_class):
        view = portal.restrictedTraverse("@@plone")
        renderer = renderer_class(portal, request, view, manager, assignment)
        renderer.update()
        return [event.title for event in renderer.events]

    with api.env.adopt_user(username="olle.medarbetare"):
        plones = titles(portlet_events.Renderer)
        date_ranges.clear()
        ours = titles(EventsRenderer)
        assert titles(EventsRenderer) == ours  # from memory
    assert date_ranges == []
    assert ours == plones == ["Planeringsdag"]
    with api.env.adopt_roles(["Manager"]):
        # Who may see what is not in effect yet has tomorrow's party too.
        assert titles(EventsRenderer) == ["Planeringsdag", "Personalfest"]
