"""Rich text that TinyMCE or a REST client can send is saved, or refused
with a Swedish 400: never a 500, never half-saved (a refusal is an
exception, so Zope aborts the whole request's transaction).

Reproduced (News Item, REST PATCH and the edit form; the fuzzed inputs are
in tests/security/test_rich_text_saves.py), and the upstream causes:

1. plone.app.linkintegrity 5.0.0 runs on every add, edit and copy
   (``handlers.modifiedContent``) and answered 500 for:

   a. ``parser.links_in_srcset``: ``src.strip().split()[0]`` raises
      IndexError on an empty candidate (``srcset="a.png 1x, , ,b.png 2x"``,
      ``srcset=",,,"``, ``srcset=""``), and ``search_attr`` hands on the
      value of a bare attribute, None: AttributeError for ``<img srcset>``,
      TypeError for ``<a href>`` (``urlsplit(None)`` gives bytes, which
      ``findObject``'s ``path.startswith("/")`` refuses);
   b. ``parser.extractLinks``: CPython 3.11's ``html.parser`` raises
      AssertionError for ``<![`` that is not ``<![CDATA[`` or a keyword it
      knows (``<![foo[ x ]]>``, ``<p><![<a href="y">``) in
      ``_markupbase.parse_marked_section``; newer CPython reads it as HTML5
      does, a bogus comment up to ``>`` (python/cpython#77057, #135661);
   c. ``handlers.getObjectsFromLinks``: ``urllib.parse.urlsplit`` raises
      ValueError for a bracketed host that is no IP address
      (``http://[x]``, ``http://[::1``, ``//[x]/a``), checked since CPython
      3.11.4 (python/cpython#103848, CVE-2024-11168); the same kind of fault
      as plone/plone.restapi#1553 (a link ``"url": null`` in blocks);
   d. ``handlers.findObject``: ``resolveuid`` as a link's last step raises
      IndexError; ``++skin++x`` raises ValueError ("Can only shift leading
      traversal names to application names"); it traverses namespaces and
      views (``++skin++``, ``++lang++``, ``@@…``) with the live request.

2. plone.outputfilters 6.0.1, when the item is shown (the edit form's
   redirect after saving, REST's GET): ``resolveuid_and_caption``'s
   ``_render_resolveuid``/``resolve_image`` meet 1c, and its and
   ``picture_variants``' ``BeautifulSoup(…, "html.parser")`` meet 1b;
   plone.app.textfield raises TransformError and the page answers 500
   (the item was saved, but can no longer be shown).

3. Lone surrogates (``"\\ud800"`` in JSON; invalid UTF-8 in a form post,
   which ZPublisher decodes with ``surrogateescape``) were stored, and
   Products.PortalTransforms' ``safe_html`` then cannot encode the text:
   every view of the item answered 500.

4. Products.PortalTransforms 5.0.0's ``safe_html`` (``scrub_html``):
   lxml's ``fragment_fromstring`` raises for a text that is nothing but a
   doctype (ParserError "Document is empty") or a doctype that swallows
   the body (``<!DOCTYPE <![CDATA[!<table>…``: AssertionError "too many
   bodies"): saved, but every view answered 500.

5. plone.restapi 10.0.4's ``RichTextFieldDeserializer`` answered 500 to a
   value that is no text (a number, a list, ``{"data": null}``), and saving
   a ``content-type`` that is no MIME type (``"bogus"``) failed in indexing.

The fixes, by kind rather than by input:

- links (1): ``extract_links`` replaces ``extractLinks`` (a parser that
  reads ``srcset`` as the HTML standard does, skips attributes without a
  value, and reads ``<![`` as a bogus comment), and ``objects_from_links``
  replaces ``getObjectsFromLinks``: a link that cannot be parsed or
  resolved is simply not a tracked link (logged), and the path of a link
  ends before its first ``@@view`` or ``++namespace++`` step (no content
  lies beyond one, and traversing them runs their code);
- showing (2): ``apply_filters`` runs each output filter on its own: one
  that fails is skipped for that text (logged), the others still run, and
  ``safe_html`` (the sanitiser, a transform of its own) always does;
- saving (3-5): ``validate_rich_text`` (``RichText._validate``, for forms
  and REST alike) refuses lone surrogates, a text format the site does not
  offer, and a text whose transform for showing fails (whatever the cause:
  what cannot be shown is not saved), and ``RichTextDeserializer`` refuses
  a REST value that is no text or an encoding that cannot hold it, all
  with a Swedish message (400 over REST, at the field in a form).

And one warning, not a refusal: a text saved in a form with an image that
has no alternative text (``images_without_alt``) gets a Swedish warning
(WCAG 1.1.1). An image marked as decorative has ``alt=""`` (WCAG technique
H67; the image dialog's "Bilden är dekorativ", swedish/tinymce_sv.js) and
is not warned about: no ``alt`` at all, or one of only spaces, is. Over
REST there is no page to show a warning on.
"""

from html.parser import HTMLParser
from plone.app.linkintegrity import handlers
from plone.app.linkintegrity.parser import LinkParser
from plone.app.linkintegrity.parser import TAG_ATTRS_TO_TRACK
from plone.app.linkintegrity.utils import ensure_intid
from plone.app.textfield import RichText
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.interfaces import ITransformer
from plone.base.interfaces import IMarkupSchema
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.interfaces import IDexterityContent
from plone.registry.interfaces import IRegistry
from plone.rest.interfaces import IAPIRequest
from plone.restapi.deserializer.dxfields import RichTextFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.services.content.tus import TUSUpload
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet import logger
from solna.intranet.interfaces import ISolnaIntranetLayer
from urllib.parse import unquote
from urllib.parse import urlsplit
from z3c.relationfield import RelationValue
from ZODB.POSException import ConflictError
from zope.component import adapter
from zope.component import getUtility
from zope.component import queryAdapter
from zope.component import queryUtility
from zope.component.hooks import getSite
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.intid.interfaces import IIntIds
from zope.schema import ValidationError

import codecs
import re


_WHITESPACE = " \t\n\r\x0c"
_SURROGATE = re.compile("[\ud800-\udfff]")


def srcset_urls(value):
    """The URLs of a ``srcset``, parsed as the HTML standard says
    ("parse a srcset attribute"): candidates are split at commas outside
    the URLs (``data:image/png;base64,AAAA 1x`` is one URL), empty ones
    skipped."""
    urls, pos, end = [], 0, len(value)
    while pos < end:
        while pos < end and (value[pos] in _WHITESPACE or value[pos] == ","):
            pos += 1
        start = pos
        while pos < end and value[pos] not in _WHITESPACE:
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # the descriptors: up to a comma outside parentheses
            depth = 0
            while pos < end:
                char, pos = value[pos], pos + 1
                if char == "(":
                    depth += 1
                elif char == ")" and depth:
                    depth -= 1
                elif char == "," and not depth:
                    break
        if url:
            urls.append(url)
    return urls


class _MarkedSections:
    """For an ``html.parser.HTMLParser``: reads ``<![`` as a browser does."""

    def parse_marked_section(self, i, report=1):
        """``<![`` that CPython 3.11 cannot read is, in HTML5, a bogus
        comment up to the next ``>`` (as newer CPython reads it)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1


class _LinkParser(_MarkedSections, LinkParser):
    """plone.app.linkintegrity's parser, for what a browser accepts."""

    def handle_starttag(self, tag, attrs):
        for name in TAG_ATTRS_TO_TRACK.get(tag.lower(), ()):
            for attr, value in attrs:
                if attr == name:
                    if isinstance(value, str):  # a bare attribute has None
                        urls = srcset_urls(value) if name == "srcset" else [value]
                        self.links.extend(urls)
                    break


def extract_links(data, encoding="utf-8"):
    """``plone.app.linkintegrity.parser.extractLinks``: the links of an
    HTML text; markup no parser can read ends the links found, it does not
    fail the save."""
    if not data:
        return []
    if isinstance(data, bytes):
        data = data.decode(encoding, "replace")
    if not isinstance(data, str):
        return []
    parser = _LinkParser()
    try:
        parser.feed(data)
        parser.close()
    except ConflictError:
        raise
    except Exception:
        logger.warning("Links after unreadable markup are not tracked", exc_info=True)
    return parser.getLinks()


def _content_path(path):
    """The path up to its first ``@@view`` or ``++namespace++`` step."""
    steps = path.split("/")
    for index, step in enumerate(steps):
        if unquote(step).startswith(("@@", "++")):
            return "/".join(steps[:index])
    return path


def _relation(base, link, site, intids):
    """The relation a link makes, or None (not a link to content here)."""
    if not isinstance(link, str) or not link.strip(_WHITESPACE):
        return None
    scheme, host, path, _query, _fragment = urlsplit(link.strip(_WHITESPACE))
    if (scheme or host) and (scheme, host) != site:
        return None
    path = _content_path(path)
    if not path:
        return None  # the item itself ("#top", "?a=b"), a view, a resource
    obj, _extra = handlers.findObject(base, path)
    if not obj or IPloneSiteRoot.providedBy(obj):
        return None
    intid = ensure_intid(obj, intids)
    return None if intid is None else RelationValue(intid)


def objects_from_links(base, links):
    """``plone.app.linkintegrity.handlers.getObjectsFromLinks``: the
    relations to the content the links point to; a link that cannot be
    parsed or resolved is not a tracked link."""
    intids = getUtility(IIntIds)
    site = tuple(urlsplit(base.absolute_url())[:2])
    relations = set()
    for link in links:
        try:
            relation = _relation(base, link, site, intids)
        except ConflictError:
            raise
        except Exception as error:
            logger.info(
                "Link not tracked in %s: %r (%s: %s)",
                "/".join(base.getPhysicalPath()),
                link[:200] if isinstance(link, str) else link,
                type(error).__name__,
                error,
            )
            continue
        if relation is not None:
            relations.add(relation)
    return relations


def apply_filters(filters, data):
    """``plone.outputfilters.apply_filters``: each filter on its own; one
    that fails on this text is skipped (logged) and the text is shown
    without it."""
    for output_filter in sorted(filters, key=lambda x: x.order):
        if not output_filter.is_enabled():
            continue
        try:
            result = output_filter(data)
        except ConflictError:
            raise
        except Exception:
            logger.warning(
                "Output filter %s skipped for a text it cannot read",
                type(output_filter).__name__,
                exc_info=True,
            )
            continue
        if result is not None:
            data = result
    return data


class UnknownTextFormat(ValidationError):
    __doc__ = _(
        "error_rich_text_format",
        default="The text format ${format} cannot be saved here. "
        "Use one of: ${formats}.",
    )

    def __init__(self, text_format, formats):
        super().__init__(text_format)
        self.mapping = {
            "format": str(text_format),
            "formats": ", ".join(sorted(formats)),
        }

    def doc(self):
        return Message(self.__doc__, mapping=self.mapping)


class CannotBeShown(ValidationError):
    __doc__ = _(
        "error_rich_text_cannot_be_shown",
        default="The text cannot be shown as it is written. Check its HTML "
        "(a whole page, with <html> or <!DOCTYPE>, cannot be saved as a "
        "text) and save again.",
    )


class InvalidCharacters(ValidationError):
    __doc__ = _(
        "error_rich_text_characters",
        default="The text contains characters that are not valid Unicode "
        "(lone surrogates). Remove them and save again.",
    )


class LostImage(ValidationError):
    __doc__ = _(
        "error_rich_text_lost_image",
        default="An image in the text has lost its picture (its address names "
        "no image: this can happen after changing the image's settings). "
        "Remove the image and insert it again, then save. Everything you "
        "wrote is kept.",
    )


#: An image address whose UID is empty: ``resolveuid/@@images/...`` or
#: ``resolveuid/`` at the end (mockup's image dialog writes it when it
#: reopens an image without selecting it again, issue 18's trial).
LOST_IMAGE = re.compile(
    r"<img\b[^>]*\bsrc\s*=\s*[\"'][^\"']*resolveuid(?:/(?:@@|[\"'?#])|[\"'?#]|/?$)",
    re.IGNORECASE,
)


IMAGE_WITHOUT_ALT = _(
    "warning_rich_text_image_without_alt",
    default="An image in the text has no alternative text, so a screen reader "
    "cannot tell what it shows. Select the image, open Insert image and write "
    "what the image shows, or tick “The image is decorative” if it only "
    "decorates.",
)


class _ImageParser(_MarkedSections, HTMLParser):
    """Counts the ``<img>`` of a text that have no alternative text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.without_alt = 0

    def handle_starttag(self, tag, attrs):
        if tag != "img":
            return
        alts = [value for name, value in attrs if name == "alt"]
        # A bare ``alt`` (None) is ``alt=""``: decorative.
        if not alts or (alts[0] and not alts[0].strip(_WHITESPACE)):
            self.without_alt += 1


def images_without_alt(html):
    """How many images of the HTML text ``html`` (a str) have no ``alt``
    or one of only white space (an int; ``alt=""`` marks a decorative image
    and does not count). Markup no parser can read ends the count."""
    parser = _ImageParser()
    try:
        parser.feed(html)
        parser.close()
    except ConflictError:
        raise
    except Exception:
        logger.warning("Images after unreadable markup are not checked", exc_info=True)
    return parser.without_alt


def _warn_images_without_alt(raw):
    """A Swedish warning (a status message) when the form being saved has a
    text ``raw`` (a str) with an image without alternative text. Only for a
    form's button (not REST, not the inline validation of one field)."""
    request = getRequest()
    if request is None or IAPIRequest.providedBy(request):
        return
    form = getattr(request, "form", None) or {}
    if not any(str(key).startswith("form.buttons.") for key in form):
        return
    if images_without_alt(raw):
        IStatusMessage(request).add(IMAGE_WITHOUT_ALT, type="warning")


def _text_formats(field):
    """The formats a text may be saved in: the field's own list, or those
    the site offers (Site setup → Markup), with the field's default."""
    if field.allowed_mime_types:
        return set(field.allowed_mime_types)
    registry = queryUtility(IRegistry)
    try:
        markup = registry.forInterface(IMarkupSchema, prefix="plone")
        allowed = set(markup.allowed_types or ()) | {markup.default_type}
    except (AttributeError, KeyError):
        return None  # no site: nothing to check against
    return allowed | {field.default_mime_type}


def _check_shown(field, value):
    """The text can be shown: ``output_relative_to``, what every view of
    the item runs, succeeds. Outside a site nothing is checked."""
    context = getattr(field, "context", None)
    if not IDexterityContent.providedBy(context):
        context = getSite()
    if context is None or queryAdapter(context, ITransformer) is None:
        return
    try:
        value.output_relative_to(context)
    except ConflictError:
        raise
    except Exception:
        raise CannotBeShown(value) from None


def validate_rich_text(self, value):
    """``plone.app.textfield.RichText._validate``, and: the text is valid
    Unicode, in a format the site offers, has no image that lost its
    picture (LOST_IMAGE) and can be shown; a valid text with an image
    without alternative text saved in a form gets a warning."""
    _original_validate(self, value)
    formats = _text_formats(self)
    if formats is not None and value.mimeType not in formats:
        raise UnknownTextFormat(value.mimeType, formats)
    raw = value.raw
    if isinstance(raw, str) and _SURROGATE.search(raw):
        raise InvalidCharacters(value)
    if isinstance(raw, str) and LOST_IMAGE.search(raw):
        raise LostImage(value)
    _check_shown(self, value)
    if isinstance(raw, str) and value.mimeType == "text/html":
        _warn_images_without_alt(raw)


_original_validate = RichText._validate


NOT_TEXT = _(
    "error_rich_text_not_text",
    default="Send the text as a string, or as an object with the text in "
    '"data", for example {"data": "<p>Hej</p>", "content-type": "text/html"}.',
)
BAD_ENCODING = _(
    "error_rich_text_encoding",
    default="The encoding ${encoding} cannot hold this text. Send "
    '"encoding": "utf-8" or leave "encoding" out.',
)


@implementer(IFieldDeserializer)
@adapter(IRichText, IDexterityContent, ISolnaIntranetLayer)
class RichTextDeserializer(RichTextFieldDeserializer):
    """plone.restapi's, for a value that is text: a JSON string, or an
    object whose "data" is one (and whose "encoding" can hold it)."""

    def __call__(self, value):
        if not isinstance(value, TUSUpload):
            data, encoding = value, "utf-8"
            if isinstance(value, dict):
                # No "data": no text (plone.restapi saved it empty).
                data = value.get("data")
                encoding = value.get("encoding", encoding)
            if not isinstance(data, str):
                raise ValueError(translate(NOT_TEXT, context=self.request))
            if not _holds(encoding, data):
                message = Message(BAD_ENCODING, mapping={"encoding": str(encoding)})
                raise ValueError(translate(message, context=self.request))
        return super().__call__(value)


def _holds(encoding, text):
    """Is ``encoding`` a codec that can encode ``text``? (Surrogates are
    refused by ``validate_rich_text``.)"""
    try:
        codecs.lookup(encoding)
        text.encode(encoding, "surrogatepass")
    except (LookupError, TypeError, UnicodeError):
        return False
    return True
