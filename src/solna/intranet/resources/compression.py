"""gzip for text answers: a WSGI middleware in the instance's pipeline.

In instance/skel/etc/zope.ini.in::

    [filter:compress]
    use = call:solna.intranet.resources.compression:filter_factory

It compresses an answer (Content-Encoding: gzip, RFC 9110 8.4) when all of
these hold, and passes it through untouched otherwise:

- the browser accepts gzip (Accept-Encoding, ``q=0`` refuses it);
- it is text: HTML, CSS, JavaScript, JSON, XML, SVG, web app manifests
  (not images, PDFs, office files or archives, which are compressed already
  or gain nothing);
- it has a body worth it: a Content-Length of at least ``min_size`` bytes
  (500) and at most ``max_size`` (8 MB). An answer without a
  Content-Length (streamed as it is made) or a larger one (a file download)
  streams as it is, never held in memory;
- it is not a partial answer (206, or a request with Range), not empty
  (HEAD, 204, 304), not already encoded (Content-Encoding), and nothing asks
  not to transform it (Cache-Control: no-transform).

Compressed answers get their new Content-Length, ``Vary: Accept-Encoding``
(so caches keep both forms) and a weak ETag (the bytes differ from the
uncompressed ones, RFC 9110 8.8.3). Every compressible type gets the Vary
even when not compressed, and so does a 304 (RFC 9110 15.4.5: it carries
the Vary of the 200 it stands for) unless it names a type never compressed
(an image's): Zope's 304s name none. (The pages' and REST answers' ETags
are weak already, on the 200 and the 304: caching/policy.py.)

Why our own ~100 lines and not a package: Paste's ``egg:Paste#gzip`` holds
every answer in memory (a 50 MB file download too), compresses PDFs and
other ``application/*``, sets no ``Vary`` and compresses 206 and 304
answers; the other WSGI compressors on PyPI (wsgigzip, wsgibrotli) have not
been maintained since 2016/2019, and Flask's and Django's work only inside
those frameworks. gzip itself is Python's ``gzip`` module. A proxy in front
(issue 22) may compress instead (nginx ``gzip``/``brotli``); an answer it gets
already encoded it passes on as it is.
"""

import gzip
import re


#: Media types worth compressing (the part before ";").
TYPES = re.compile(
    r"^(text/.+"
    r"|application/(javascript|x-javascript|ecmascript|json|ld\+json"
    r"|manifest\+json|problem\+json|xml|xhtml\+xml|rss\+xml|atom\+xml"
    r"|geo\+json|schema\+json)"
    r"|image/svg\+xml)$"
)
#: Statuses without a body or with part of one.
NO_BODY = ("204", "206", "304")


def accepts_gzip(header):
    """Does an Accept-Encoding header value accept gzip (RFC 9110 12.5.3)?"""
    best = None
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        if name not in ("gzip", "x-gzip", "*"):
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name == "*" and best is not None:
            continue  # an explicit gzip entry wins over *
        best = quality
    return bool(best and best > 0)


def compressible(content_type):
    """Is a Content-Type value one of TYPES?"""
    media = (content_type or "").split(";")[0].strip().lower()
    return bool(TYPES.match(media))


def header(headers, name):
    """The value of header ``name`` in a WSGI header list, or None."""
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def without(headers, *names):
    """The header list without ``names``."""
    names = {name.lower() for name in names}
    return [(key, value) for key, value in headers if key.lower() not in names]


def add_vary(headers):
    """``headers`` with Accept-Encoding in Vary."""
    vary = header(headers, "Vary")
    if vary is None:
        return [*headers, ("Vary", "Accept-Encoding")]
    if "accept-encoding" in vary.lower() or vary.strip() == "*":
        return headers
    return [*without(headers, "Vary"), ("Vary", f"{vary}, Accept-Encoding")]


class Compress:
    """The middleware: ``Compress(app, level=6, min_size=500,
    max_size=8 MB)``."""

    def __init__(self, app, level=6, min_size=500, max_size=8 * 1024 * 1024):
        self.app = app
        self.level = int(level)
        self.min_size = int(min_size)
        self.max_size = int(max_size)

    def wanted(self, environ, status, headers):
        """Compress this answer?"""
        if environ.get("REQUEST_METHOD") == "HEAD" or environ.get("HTTP_RANGE"):
            return False
        if status.split(" ", 1)[0] in NO_BODY:
            return False
        if header(headers, "Content-Encoding"):
            return False
        if "no-transform" in (header(headers, "Cache-Control") or "").lower():
            return False
        # A download (plone.namedfile's @@download, @@display-file) offers
        # byte ranges of the file as stored: compressed, a resumed download
        # would get bytes at an offset of the compressed body.
        if (
            header(headers, "Accept-Ranges")
            or "attachment" in (header(headers, "Content-Disposition") or "").lower()
        ):
            return False
        try:
            length = int(header(headers, "Content-Length"))
        except (TypeError, ValueError):
            return False
        if not self.min_size <= length <= self.max_size:
            return False
        return accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING"))

    def __call__(self, environ, start_response):
        state = {}
        chunks = []

        def start(status, headers, exc_info=None):
            state["started"] = True
            content_type = header(headers, "Content-Type")
            if exc_info is None and (
                compressible(content_type)
                or (status.startswith("304") and not content_type)
            ):
                headers = add_vary(headers)
                if self.wanted(environ, status, headers):
                    # Hold back the headers until the body is compressed.
                    state.update(status=status, headers=headers)
                    return chunks.append
            state.pop("status", None)
            return start_response(status, headers, exc_info)

        body = self.app(environ, start)
        first = []
        if "started" not in state:
            # An application that starts the answer with its first chunk.
            iterator = iter(body)
            first = [next(iterator, b"")]
            body = Joined(first, iterator, body)
        if "status" not in state:
            return body
        try:
            data = b"".join([*chunks, *body])
        finally:
            if hasattr(body, "close"):
                body.close()
        data = gzip.compress(data, compresslevel=self.level, mtime=0)
        headers = without(state["headers"], "Content-Length")
        headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(data))))
        etag = header(headers, "ETag")
        if etag and not etag.startswith("W/"):
            headers = [*without(headers, "ETag"), ("ETag", f"W/{etag}")]
        start_response(state["status"], headers)
        return [data]


class Joined:
    """The chunks already read, then the rest of an answer's body; closing it
    closes the original body (PEP 3333)."""

    def __init__(self, first, rest, original):
        self.first, self.rest, self.original = first, rest, original

    def __iter__(self):
        yield from self.first
        yield from self.rest

    def close(self):
        if hasattr(self.original, "close"):
            self.original.close()


def filter_factory(global_conf, **settings):
    """PasteDeploy filter factory (``use = call:...:filter_factory``);
    settings: level, min_size, max_size."""

    def compress(app):
        return Compress(app, **settings)

    return compress
