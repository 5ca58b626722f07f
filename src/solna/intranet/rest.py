"""What our REST services share: the JSON body, and refusals with a Swedish
message in plone.restapi's error shape."""

from plone import api
from plone.app.dexterity.behaviors.metadata import IPublication
from plone.dexterity.interfaces import IDexterityContent
from plone.protect.interfaces import IDisableCSRFProtection
from plone.rest.interfaces import IAPIRequest
from plone.rest.interfaces import IService
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.services import Service
from solna.intranet import _
from solna.intranet.dates import zone
from solna.intranet.interfaces import ISolnaIntranetLayer
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.schema.interfaces import IDatetime

import datetime
import dateutil.parser
import json


#: A ``?date=`` of a job endpoint that is no date.
BAD_DATE = _(
    "error_bad_date",
    default="Write the date as YYYY-MM-DD, for example 2027-01-31.",
)
NOT_AN_OBJECT = _(
    "error_body_not_an_object",
    default='Send the data as a JSON object, for example {"text": "Hej"}.',
)
#: Bodies that are not JSON (file uploads) are not checked.
NOT_JSON = ("multipart/", "application/offset")
BAD_TYPE = _(
    "error_bad_content_type",
    default='Give "@type" as the name of a content type, for example "News Item".',
)
WRITES = ("POST", "PATCH", "PUT")


def _body(request):
    body = request.get("BODY") or b""
    return body.decode("utf-8", "replace") if isinstance(body, bytes) else body


def json_object(request):
    """The request's JSON body as a dict ({} for no body). Raises BadRequest
    with a Swedish message for a body that is not a JSON object (an array, a
    string, invalid JSON): plone.rest answers it with 400."""
    text = _body(request)
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise BadRequest(translate(NOT_AN_OBJECT, context=request))
    return data


def is_service_request(request):
    """Is ``request`` (after traversal) one for a REST service of this site
    (ours or plone.restapi's)? plone.rest marks every request that accepts
    JSON as an API request, also one for a browser view: mockup's content
    browser POSTs its query form-encoded to ``@@getVocabulary`` asking for
    JSON, and taking that for a REST write refused it (400, then 403), so
    TinyMCE's image dialog lost the image just uploaded or reopened. Browser
    views keep plone.protect's own CSRF protection."""
    return (
        IAPIRequest.providedBy(request)
        and ISolnaIntranetLayer.providedBy(request)
        and IService.providedBy(request.get("PUBLISHED"))
    )


def require_json_object(event):
    """IPubAfterTraversal: every REST write (ours and plone.restapi's) gets a
    Swedish 400 for a JSON body that is not an object, before any service
    reads it (plone.restapi's own would answer 500 to an array)."""
    request = event.request
    if not is_service_request(request):
        return
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITES:
        return
    content_type = (request.getHeader("Content-Type") or "").lower()
    if content_type.startswith(NOT_JSON):
        return
    body = json_object(request)
    if "@type" in body and not isinstance(body["@type"], str):
        raise BadRequest(translate(BAD_TYPE, context=request))


BAD_DATETIME = _(
    "error_bad_datetime",
    default="Write the date and time as YYYY-MM-DDTHH:MM, for example "
    "2027-01-31T17:30 (Swedish time).",
)


@implementer(IFieldDeserializer)
@adapter(IDatetime, IDexterityContent, ISolnaIntranetLayer)
class TypedDatetimeDeserializer(DatetimeFieldDeserializer):
    """A date-time sent without an offset means the site's local time
    (Europe/Stockholm, summer time included), as it does in the edit form;
    one with an offset ("+01:00", "Z") is that instant. plone.restapi reads
    the first as UTC: "17:21" became 18:21 in Stockholm (19:21 in summer).
    The publishing dates get the local time the edit form would send (see
    patches.publication_set); other date-time fields the instant, as
    plone.restapi gives it."""

    def __call__(self, value):
        if value is None or value == "":
            self.field.validate(None)
            return None
        if not isinstance(value, str):
            raise ValueError(translate(BAD_DATETIME, context=self.request))
        try:
            moment = dateutil.parser.isoparse(value.strip())
        except (ValueError, OverflowError):
            raise ValueError(translate(BAD_DATETIME, context=self.request)) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone())
        if self.field.interface == IPublication:
            # The edit form's kind of value: naive, in the site's zone.
            local = moment.astimezone(zone()).replace(tzinfo=None)
            self.field.validate(local)
            return local
        return super().__call__(moment.isoformat())


def listing(context, name, items, **extra):
    """The answer of a service that lists things: {"@id": the endpoint's
    URL on ``context``, "items": ``items``, "items_total": len(items),
    **extra}."""
    return {
        "@id": f"{context.absolute_url()}/{name}",
        "items": items,
        "items_total": len(items),
        **extra,
    }


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


class JobService(Service):
    """The endpoint of a cron job (a console script, see jobs.py): GET says
    what the job would do now (a dry run, nothing changes), POST does it.

    Every job answers one shape::

        {"@id": endpoint URL, "dry_run": bool,
         "items": [what the job concerns, one dict each],
         "items_total": int, ...the job's own counts}

    A subclass sets ``name`` (the endpoint, for ``@id``) and ``dated`` (does
    it take ``?date=YYYY-MM-DD``, the day to act as if it were), and
    implements ``act(dry_run, on)`` returning a dict with at least
    ``items`` (and ``items_total`` when it counts something else than the
    items). Errors: 400 with a Swedish message for a date that is no date.
    POST needs no CSRF token: a job is an API client with credentials (see
    security/csrf.py), and what it writes is its own bookkeeping.
    """

    name = None
    dated = False

    def act(self, dry_run, on):
        raise NotImplementedError

    def reply(self):
        dry_run = self.request.get("REQUEST_METHOD", "GET").upper() != "POST"
        on = None
        if self.dated:
            date = self.request.form.get("date")
            if date is not None and not isinstance(date, str):
                return error(self.request, BAD_DATE)
            try:
                on = datetime.date.fromisoformat(date.strip()) if date else None
            except ValueError:
                return error(self.request, BAD_DATE)
        if not dry_run:
            alsoProvides(self.request, IDisableCSRFProtection)
        answer = self.act(dry_run, on)
        return {
            "@id": f"{self.context.absolute_url()}/{self.name}",
            "dry_run": dry_run,
            "items_total": len(answer["items"]),
            **answer,
        }


#: Zope's and plone.rest's English messages for errors raised around a
#: service (plone.rest.errors.ErrorHandling), and ours in their place.
NOT_AUTHORIZED = "You are not authorized to access this resource."
NOT_FOUND = "Resource not found: "
#: AccessControl's Unauthorized for an object reached by restrictedTraverse
#: within a service: it names the object ("…access 'semester' in this
#: context"), which the member may not even know is there.
NOT_ALLOWED = "You are not allowed to access "


def render_exception(self, exception):
    """plone.rest's ``ErrorHandling.render_exception`` (patches.zcml), its
    English messages in the site's language: a 401 says to log in (or that
    the member may not), never naming the object refused, a 404 that
    nothing is at the address.
    Returns plone.rest's dict ({"type", "message", "context", …}) or None
    (a redirect was made)."""
    result = self._old_render_exception(exception)
    if not result:
        return result
    message = result.get("message") or ""
    if message == NOT_AUTHORIZED or (
        result.get("type") == "Unauthorized" and message.startswith(NOT_ALLOWED)
    ):
        if api.user.is_anonymous():
            text = _("rest_error_login", default="Log in to see this.")
        else:
            text = _("rest_error_forbidden", default="You may not do or see this.")
        result["message"] = translate(text, context=self.request)
    elif message.startswith(NOT_FOUND):
        url = message[len(NOT_FOUND) :]
        text = _(
            "rest_error_not_found",
            default="There is nothing at the address ${url}.",
            mapping={"url": url},
        )
        result["message"] = translate(text, context=self.request)
    return result
