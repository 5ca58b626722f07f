"""An address with å, ä or ö sent over REST (a community's feeds, a
discussion's link) gets a Swedish 400, as in the edit form, never a 500
(zope.schema's URI field has no error type for it; patches.py)."""

from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import queryMultiAdapter
from zope.i18n import translate

import json
import pytest


@pytest.mark.parametrize(
    "address", ["https://räksmörgås.se/rss", "http://solna.se/nyheter/åäö"]
)
def test_odd_characters_in_an_address_are_refused_in_swedish(portal, address):
    with api.env.adopt_roles(["Manager"]):
        community = api.content.create(
            container=portal, type="solna.Community", id="n", title="N"
        )
    request = portal.REQUEST
    request["BODY"] = json.dumps({"feeds": [address]}).encode()
    deserializer = queryMultiAdapter((community, request), IDeserializeFromJson)
    with pytest.raises(BadRequest) as refused:
        deserializer()
    message = str(refused.value)
    swedish = translate(
        "error_address_characters", domain="solna.intranet", target_language="sv"
    )
    assert swedish.split(",")[0] in message or "å, ä, ö" in message
    assert community.feeds in ([], None)
