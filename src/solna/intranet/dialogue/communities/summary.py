"""A community as its page and REST ``@natverk`` show it: topics by latest
activity (with their published comments), visibility, the member's status,
the roster and, for moderators, who asks to join."""

from plone import api
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.dialogue.comments.moderation import comment_counts
from solna.intranet.dialogue.communities import membership
from solna.intranet.members import fullname


def summary(community):
    me = api.user.get_current().getId()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="solna.Topic",
        path="/".join(community.getPhysicalPath()),
        sort_on="modified",
        sort_order="descending",
    )
    counts = comment_counts([b.getPath() for b in brains])
    topics = [
        {
            "title": b.Title,
            "url": b.getURL(),
            "modified": iso(b.modified),
            "modified_display": display(b.modified),
            "comments": counts[b.getPath()],
        }
        for b in brains
    ]
    data = {
        "@id": f"{community.absolute_url()}/@natverk",
        "title": community.Title(),
        "visibility": membership.visibility(community),
        "my_status": membership.status(community, me),
        "moderators": [fullname(u) for u in community.moderators or ()],
        "members": [fullname(u) for u in community.members],
        "topics": topics,
    }
    if membership.can_moderate(community):
        data["requests"] = membership.requester_names(community)
    return data
