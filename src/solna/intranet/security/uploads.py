"""An uploaded file's type is decided from its content, not from the
client's claim.

Every route stores a plone.namedfile ``NamedFile``/``NamedBlobFile``/
``NamedBlobImage`` whose ``contentType`` is what the client said:

- the add and edit forms (plone.formwidget.namedfile's ``NamedDataConverter``)
  and collective.easyform's answers: the file name's extension (the
  browser's own Content-Type is not even read);
- REST POST/PATCH with a base64 ``file``/``image`` (plone.restapi's
  ``NamedFieldDeserializer``): the JSON ``content-type``;
- TUS (plone.restapi's ``@tus-upload``; plone.app.content's when
  ``TUS_ENABLED``): the upload's metadata or the file name;
- folder contents drag and drop (plone.app.content's ``@@fileUpload`` and
  plone.app.dexterity's ``DXFileFactory``): the file name's extension.

``NamedBlobImage`` sniffs images itself but lets the claim win ("Allow
override of the image sniffer" in plone/namedfile/file.py), so a PNG
claimed as ``image/jpeg`` was stored as JPEG and an HTML file named
``rapport.pdf`` as ``application/pdf``.

The rule (``decide``), the same on every route:

1. Active content (HTML, XHTML, SVG and other XML, recognised as the WHATWG
   MIME Sniffing standard's "unknown MIME type" rules do: the patterns after
   leading white space and a BOM; and markup tags such as ``<script`` in the
   first KiB of a file that has no binary signature) keeps its claim only
   when the claim is that kind; otherwise it is stored as
   ``application/octet-stream``. Stored, not refused: one rule for routes
   that cannot show a form error (drag and drop, TUS, a form's answers), and
   a file stored so is only ever served as a download. (JavaScript cannot be
   told from text by its bytes; a claim of an image or PDF it does not
   match falls under 3.)
2. Bytes with a signature (puremagic): the claim is kept when the signature
   allows it (.docx, .xlsx and .odt share ZIP's, .doc and .xls OLE's);
   otherwise the content's type is stored (a PNG claimed as JPEG is
   ``image/png``).
3. No signature: a claim of a kind that always has one (an image, PDF) is
   false and becomes ``application/octet-stream``; any other claim (plain
   text, CSV, calendar files) is kept.

Where: a subscriber on the content events (``check_content``) corrects
every NamedFile field of an item, behaviours' included (a File's ``file``,
an Image's and a news item's lead ``image``, a Person's ``portrait``), after
any route; ``check_form_upload`` corrects the value a form makes from an
upload, for what is stored without a content event (collective.easyform
answers kept as cases). Member portraits are re-encoded by Plone (PIL).

The library: **puremagic** (MIT), pure Python with its signature table in
the wheel: nothing to install on a machine beyond the pinned package, no C
library to load, maintained (1.30 is the last release for Python 3.11; 2.x
needs 3.12). python-magic would need Debian's libmagic on every machine and
image, through a binding last released in 2022; filetype has not been
released since 2022 and knows no text formats. puremagic does not sniff
markup after white space, so active content is recognised here (above).

What plone.namedfile 8.1.1 serves (browser.py, scaling.py): ``@@download``
always as an attachment with the stored type; ``@@display-file`` inline
only for ``ALLOWED_INLINE_MIMETYPES`` (GIF, JPEG, PNG, WebP, ICO, JPEG 2000,
text/plain, PDF; not ``text/html``, not ``image/svg+xml``), everything else
as an attachment; ``@@images`` likewise (an SVG original or scale is a
download). A truthful ``text/html`` or ``image/svg+xml`` is therefore never
shown inline; the hole was the lie, served inline under the claimed type.
"""

from io import BytesIO
from plone.dexterity.utils import iterSchemata
from plone.formwidget.namedfile.converter import NamedDataConverter
from plone.namedfile.interfaces import INamed
from plone.namedfile.interfaces import INamedField
from solna.intranet import logger
from zope.container.interfaces import IContainerModifiedEvent
from zope.schema import getFieldsInOrder

import puremagic
import re


OCTET_STREAM = "application/octet-stream"
#: How much of a file the active-content sniff reads.
HEAD = 4096
#: A signature shorter than three bytes ("BM", "MZ") is too weak to
#: overrule a claim: a CSV starting "BMW;" is no bitmap.
STRONG = 0.3

#: Spellings of one type; both sides are compared in the first one.
ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "image/x-png": "image/png",
    "image/x-ms-bmp": "image/bmp",
    "image/x-icon": "image/vnd.microsoft.icon",
    "application/x-pdf": "application/pdf",
    "application/x-zip-compressed": "application/zip",
    "application/x-zip": "application/zip",
    "audio/mp3": "audio/mpeg",
    "text/xml": "application/xml",
    "application/x-javascript": "text/javascript",
    "application/javascript": "text/javascript",
    "application/xhtml+xml": "text/html",
}
#: Containers whose one signature many formats share: the generic type,
#: stored when a claim does not fit.
CONTAINERS = {
    b"PK\x03\x04": "application/zip",
    b"PK\x05\x06": "application/zip",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "application/x-ole-storage",
}
#: Claims that always come with a signature: the bytes must show it.
SIGNED = re.compile(r"^(image/(?!svg)|application/pdf$)")

_WHITESPACE = b"\t\n\x0c\r "
_TERMINATORS = b"\t\n\x0c\r />"
#: WHATWG MIME Sniffing §7.1 (the HTML patterns), and more tags that run
#: script or load content.
_HTML_STARTS = tuple(
    f"<{tag}".encode()
    for tag in (
        "!doctype html",
        "html",
        "head",
        "script",
        "iframe",
        "h1",
        "div",
        "font",
        "table",
        "a",
        "style",
        "title",
        "b",
        "body",
        "br",
        "p",
        "img",
        "object",
        "embed",
        "meta",
        "link",
        "base",
        "form",
        "input",
        "frameset",
        "frame",
        "math",
        "template",
        "details",
        "video",
        "audio",
    )
)
_MARKUP_ANYWHERE = re.compile(
    rb"<(script|iframe|object|embed|svg|html|body|img|meta|frameset|frame|form"
    rb"|math|base|link|style)[\s/>]"
)
_XML_PROLOG = re.compile(
    rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^\[>]*(?:\[.*?\])?\s*>)*", re.S
)
_XML_ROOT = re.compile(rb"<(?:[\w.-]+:)?([\w.-]+)")


def media_type(value):
    """``"Text/HTML; charset=utf-8"`` → ``"text/html"`` (aliases joined)."""
    value = (value or "").split(";")[0].strip().lower()
    return ALIASES.get(value, value)


def _text(head):
    """The bytes a browser's sniffer looks at: without a BOM (UTF-16 made
    UTF-8) and leading white space."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    return head.lstrip(_WHITESPACE)


def active_kind(head, anywhere=False):
    """``"text/html"``, ``"image/svg+xml"``, ``"application/xml"`` for
    active content, else None. ``anywhere``: markup tags anywhere in the
    first KiB count too (for bytes with no binary signature)."""
    text = _text(head)
    lower = text[:HEAD].lower()
    if lower.startswith(b"<?xml"):
        root = _XML_ROOT.match(lower, _XML_PROLOG.match(lower).end())
        name = root.group(1) if root else b""
        return {b"svg": "image/svg+xml", b"html": "text/html"}.get(
            name, "application/xml"
        )
    for start in (b"<svg", *_HTML_STARTS):
        if lower.startswith(start) and lower[len(start) : len(start) + 1] in (
            b"",
            *(bytes([c]) for c in _TERMINATORS),
        ):
            return "image/svg+xml" if start == b"<svg" else "text/html"
    if lower.startswith(b"<!--"):
        return "text/html"
    if anywhere and _MARKUP_ANYWHERE.search(text[:1024].lower()):
        return "text/html"
    return None


def _same_kind(active, claimed):
    """Does the claim say this kind of active content?"""
    if active == "application/xml":
        return (claimed.endswith(("/xml", "+xml"))) and claimed != "image/svg+xml"
    return claimed == active


def signature_types(stream):
    """The types puremagic reads in the bytes' signatures, best first, as
    (all of them, those strong enough to overrule a claim)."""
    try:
        found = puremagic.magic_stream(stream)
    except (puremagic.PureError, ValueError, OSError):
        return [], []
    every, strong = [], []
    for match in found:
        kind = media_type(match.mime_type)
        if kind and kind not in every:
            every.append(kind)
        if kind and match.confidence >= STRONG and kind not in strong:
            strong.append(kind)
    return every, strong


def decide(stream, claimed):
    """The type to store for the bytes in ``stream`` (a seekable binary
    file) claimed as ``claimed``: the claim itself (as given) when the
    content bears it out, else the content's type or
    ``application/octet-stream`` (see the module's rule)."""
    kind = media_type(claimed)
    stream.seek(0)
    head = stream.read(HEAD)
    stream.seek(0)
    active = active_kind(head)
    if active:
        return claimed if _same_kind(active, kind) else OCTET_STREAM
    every, found = signature_types(stream)
    stream.seek(0)
    if kind in every:
        return claimed
    if found:
        container = next((t for s, t in CONTAINERS.items() if head.startswith(s)), "")
        if container:
            fits = kind.startswith("application/") and not (
                SIGNED.match(kind) or kind.endswith(("xml", "javascript", "json"))
            )
            return claimed if fits else container
        return found[0]
    if active_kind(head, anywhere=True):
        return OCTET_STREAM
    if not kind or SIGNED.match(kind):
        return OCTET_STREAM
    return claimed


def _stream(named):
    if hasattr(named, "open"):  # a blob
        return named.open("r")
    return BytesIO(named.data or b"")


def correct(named, where=""):
    """Store the type ``decide`` gives for a NamedFile; True if it changed."""
    if not named.getSize():
        return False
    with _stream(named) as stream:
        decided = decide(stream, named.contentType or "")
    if decided == named.contentType:
        return False
    logger.info(
        "Upload %s%s: claimed %r, stored as %r (its content)",
        where,
        getattr(named, "filename", "") or "",
        named.contentType,
        decided,
    )
    named.contentType = decided
    return True


def check_content(obj, event):
    """IObjectAddedEvent, IObjectModifiedEvent: correct every NamedFile
    field of the item (those of its behaviours too). A container's
    "an item was added or removed" is no change of its own files."""
    if IContainerModifiedEvent.providedBy(event):
        return
    changed = False
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            if not INamedField.providedBy(field):
                continue
            value = getattr(schema(obj, None), name, None)
            if INamed.providedBy(value):
                changed |= correct(value, f"{'/'.join(obj.getPhysicalPath())} ")
    if changed:
        obj.reindexObject()


def check_form_upload(self, value):
    """plone.formwidget.namedfile's ``NamedDataConverter.toFieldValue``: the
    file a form makes from an upload gets the type of its content."""
    result = _original_to_field_value(self, value)
    if INamed.providedBy(result) and result is not value:
        correct(result)
    return result


_original_to_field_value = NamedDataConverter.toFieldValue
