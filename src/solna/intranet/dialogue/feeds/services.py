"""Omvärldsbevakning over REST: a place's entries (``@omvarldsbevakning``)
and the job's endpoint (``@hamta-omvarldsbevakning``, old name ``@omvarld``:
GET the sources, POST fetch every one now)."""

from plone.restapi.services import Service
from solna.intranet.dialogue.feeds.feeds import entries
from solna.intranet.dialogue.feeds.feeds import fetch_all
from solna.intranet.dialogue.feeds.feeds import places_and_sources
from solna.intranet.dialogue.feeds.feeds import serialize
from solna.intranet.rest import JobService
from solna.intranet.rest import listing


class FeedGet(Service):
    def reply(self):
        items = [serialize(e) for e in entries(self.context)[:100]]
        return listing(self.context, "@omvarldsbevakning", items)


class Fetch(JobService):
    """@hamta-omvarldsbevakning (old name @omvarld), the job
    solna-fetch-feeds: GET lists the sources it would fetch, POST fetches
    every one now. Items: [{"@id": the place's URL (the site or a
    community), "feed": the source's address}]; after a POST also "new",
    "seen" and "failed": entries stored, entries already there, sources
    that could not be fetched."""

    name = "@hamta-omvarldsbevakning"

    def act(self, dry_run, on):
        items = [
            {"@id": place.absolute_url(), "feed": url}
            for place, sources in places_and_sources()
            for url in sources
        ]
        return {"items": items, **({} if dry_run else fetch_all())}
