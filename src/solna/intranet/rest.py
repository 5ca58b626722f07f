"""What our REST services share: the JSON body, and refusals with a Swedish
message in plone.restapi's error shape."""

from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from solna.intranet import _
from zope.i18n import translate


#: A ``?date=`` of a job endpoint that is no date.
BAD_DATE = _(
    "error_bad_date",
    default="Write the date as YYYY-MM-DD, for example 2027-01-31.",
)


def json_object(request):
    """The request's JSON body as a dict; {} when it is not an object (so
    the fields it lacks get their own Swedish errors)."""
    try:
        return json_body(request)
    except DeserializationError:
        return {}


def error(request, message, **extra):
    """Answer 400 with ``message`` translated (and ``extra`` beside it)."""
    request.response.setStatus(400)
    return {
        "error": {
            "type": "BadRequest",
            "message": translate(message, context=request),
            **extra,
        }
    }
