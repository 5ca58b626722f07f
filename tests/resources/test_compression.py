"""gzip for text answers (resources/compression.py), in the pipeline that
`make start` builds (instance/skel/etc/zope.ini.in): text compressed when the
browser asks for it, nothing else touched (RFC 9110 8.4, 12.5.3)."""

from pathlib import Path
from solna.intranet.resources.compression import accepts_gzip
from solna.intranet.resources.compression import Compress

import gzip
import pytest


ROOT = Path(__file__).parents[2]
HTML = (
    "<html><body>" + "Solna intranät, Mitt intranät. " * 200 + "</body></html>"
).encode()


class App:
    """A WSGI application answering ``body`` with ``headers``; remembers
    whether its body was closed (PEP 3333)."""

    def __init__(
        self,
        body=HTML,
        status="200 OK",
        length=True,
        lazy=False,
        content_type="text/html; charset=utf-8",
        **headers,
    ):
        self.body, self.status, self.lazy = body, status, lazy
        self.headers = [("Content-Type", content_type)]
        self.headers += [(k.replace("_", "-"), v) for k, v in headers.items()]
        if length:
            self.headers.append(("Content-Length", str(len(body))))
        self.closed = False

    def __call__(self, environ, start_response):
        app = self

        class Body:
            def __iter__(self):
                if app.lazy:
                    start_response(app.status, list(app.headers))
                yield app.body

            def close(self):
                app.closed = True

        if not self.lazy:
            start_response(self.status, list(self.headers))
        return Body()


def call(app, method="GET", **environ):
    """Run ``Compress(app)`` as a WSGI server does: (status, headers as a
    dict, body bytes)."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)
        return lambda data: None

    result = Compress(app)({"REQUEST_METHOD": method, **environ}, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):  # as the server does
        result.close()
    return answer["status"], answer["headers"], body


GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=utf-8",
        "text/css",
        "text/javascript; charset=utf-8",
        "application/javascript",
        "application/json",
        "image/svg+xml",
        "application/manifest+json",
    ],
)
def test_text_is_compressed_when_the_browser_asks(content_type):
    app = App(content_type=content_type)
    _status, headers, body = call(app, **GZIP)
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == HTML
    assert int(headers["Content-Length"]) == len(body) < len(HTML) / 5
    assert headers["Vary"] == "Accept-Encoding"
    assert app.closed


def test_not_compressed_when_not_asked_for():
    for environ in (
        {},
        {"HTTP_ACCEPT_ENCODING": "gzip;q=0, br"},
        {"HTTP_ACCEPT_ENCODING": "identity"},
    ):
        _status, headers, body = call(App(), **environ)
        assert "Content-Encoding" not in headers, environ
        assert body == HTML
        # ...but caches learn that the answer depends on it.
        assert headers["Vary"] == "Accept-Encoding"


def test_accept_encoding_is_read_as_rfc_9110_says():
    assert accepts_gzip("gzip")
    assert accepts_gzip("deflate, gzip;q=0.5")
    assert accepts_gzip("*")
    assert not accepts_gzip("")
    assert not accepts_gzip("br, deflate")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("*, gzip;q=0")


@pytest.mark.parametrize(
    ("app", "environ"),
    [
        # images, PDFs and files are compressed already or gain nothing
        (App(content_type="image/png"), {}),
        (App(content_type="application/pdf"), {}),
        (App(content_type="application/octet-stream"), {}),
        # partial, empty and already encoded answers
        (App(), {"HTTP_RANGE": "bytes=0-99"}),
        (App(status="206 Partial Content"), {}),
        (App(status="304 Not Modified"), {}),
        (App(Content_Encoding="br"), {}),
        (App(Cache_Control="no-transform"), {}),
        # downloads that offer byte ranges of the stored file
        (App(content_type="text/csv", Accept_Ranges="bytes"), {}),
        (App(content_type="text/plain", Content_Disposition="attachment"), {}),
        # streamed without a length (never held in memory), or too small
        (App(length=False), {}),
        (App(body=b"<p>Hej</p>"), {}),
    ],
)
def test_what_must_not_be_compressed_is_not(app, environ):
    _status, headers, body = call(app, **GZIP, **environ)
    assert headers.get("Content-Encoding") in (None, "br")
    assert body == app.body
    assert app.closed


def test_head_is_not_compressed():
    _status, headers, _body = call(App(), method="HEAD", **GZIP)
    assert "Content-Encoding" not in headers


def test_an_etag_becomes_weak_and_a_lazy_application_works():
    app = App(ETag='"abc"', lazy=True)
    _status, headers, body = call(app, **GZIP)
    assert headers["ETag"] == 'W/"abc"'
    assert gzip.decompress(body) == HTML
    assert app.closed


def test_the_instance_pipeline_compresses():
    """`make start`'s zope.ini has the filter in its pipeline, and its
    ``use`` line gives this middleware."""
    from configparser import ConfigParser
    from paste.deploy import loadfilter

    ini = ROOT / "instance/skel/etc/zope.ini.in"
    config = ConfigParser(interpolation=None)
    config.read(ini)
    pipeline = config["pipeline:main"]["pipeline"].split()
    assert pipeline.index("compress") == pipeline.index("zope") - 1
    wrap = loadfilter(f"config:{ini}", name="compress")
    assert isinstance(wrap(App()), Compress)


def test_a_304_gets_the_vary_of_its_200():
    """RFC 9110 15.4.5: the 304 carries the Vary its 200 has (issue 22's
    fresh trial: the 200 said Accept, Accept-Encoding, the 304 Accept)."""
    for content_type in ("", "text/html; charset=utf-8"):
        app = App(b"", status="304 Not Modified", length=False, Vary="Accept")
        app.headers = [h for h in app.headers if h[0] != "Content-Type"]
        if content_type:
            app.headers.append(("Content-Type", content_type))
        status, headers, body = call(app, **GZIP)
        assert (status, body) == ("304 Not Modified", b"")
        assert headers["Vary"] == "Accept, Accept-Encoding"
        assert "Content-Encoding" not in headers
    image = App(b"", status="304 Not Modified", length=False, content_type="image/png")
    assert "Vary" not in call(image, **GZIP)[1]
