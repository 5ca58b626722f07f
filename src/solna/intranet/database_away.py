"""503 in Swedish while the database is away: a WSGI middleware in the
pipeline of each Zope process of the cluster (instance/skel-cluster/etc/
zope.ini.in)::

    [filter:database_away]
    use = call:solna.intranet.database_away:filter_factory

On RelStorage, when PostgreSQL stops or restarts (a crash, a failover, an
update), opening a ZODB connection or committing raises psycopg2's
``OperationalError`` ("connection refused", "server closed the connection
unexpectedly") or ``InterfaceError``; Zope does not retry those (they are
no ``TransientError``) and the error leaves the publisher, so waitress
answered a bare English "500 Internal Server Error". The member is told
instead, in Swedish (English for a browser that asks for it), that nothing
of what she sent was saved and to try again shortly: 503 Service
Unavailable with ``Retry-After`` (RFC 9110 15.6.4), a page for browsers and
a JSON error like plone.restapi's for the app and REST clients. Nothing is
lost: a write answered 2xx was committed (tests/cluster). RelStorage makes a
new connection on the next request once PostgreSQL is back.

``answer(environ, 502)`` (and 504) is what HAProxy answers, in the same
form, when a Zope process died or did not answer with a request in flight
(scripts/cluster.py writes the bodies for its ``http-error``): that request
may have been committed, so the member is told to look before sending it
again.
"""

import json
import sys


#: Seconds after which to try again (PostgreSQL's restart by
#: scripts/cluster.py takes a few).
RETRY_AFTER = 10

MESSAGES = {
    "sv": (
        "Intranätet når inte sin databas just nu",
        "Det du skickade sparades inte. Försök igen om en liten stund.",
    ),
    "en": (
        "The intranet cannot reach its database just now",
        "What you sent was not saved. Try again in a moment.",
    ),
}

#: HAProxy's 502 and 504: a process died, or did not answer in time, with
#: the request: it may have been stored (issue 22's second trial).
NO_ANSWER = {
    "sv": (
        "Intranätet kunde inte svara just nu",
        "Det du skickade kan ha sparats. Se efter innan du skickar det igen, "
        "så blir det inte dubbelt. Försök igen om en liten stund.",
    ),
    "en": (
        "The intranet could not answer just now",
        "What you sent may have been saved. Look before you send it again, "
        "so that it is not saved twice. Try again in a moment.",
    ),
}

#: {status: (its reason, the JSON ``type``, the texts)}
KINDS = {
    503: ("Service Unavailable", "ServiceUnavailable", MESSAGES),
    502: ("Bad Gateway", "BadGateway", NO_ANSWER),
    504: ("Gateway Timeout", "GatewayTimeout", NO_ANSWER),
}


def database_errors():
    """The exception classes that say the database is away: psycopg2's
    ``OperationalError`` and ``InterfaceError`` (a tuple; empty without
    psycopg2, i.e. on FileStorage)."""
    try:
        import psycopg2
    except ImportError:  # pragma: no cover - FileStorage only
        return ()
    return (psycopg2.OperationalError, psycopg2.InterfaceError)


def language(environ):
    """ "en" when the browser prefers English to Swedish, else "sv"."""
    for part in environ.get("HTTP_ACCEPT_LANGUAGE", "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("sv"):
            return "sv"
        if tag.startswith("en"):
            return "en"
    return "sv"


def answer(environ, status=503):
    """(status line, headers, body bytes) of the 503 (or HAProxy's 502 or
    504: ``KINDS``) for this request: JSON when it asks for JSON (REST, the
    app), else an HTML page."""
    reason, kind, messages = KINDS[status]
    lang = language(environ)
    title, text = messages[lang]
    if "json" in environ.get("HTTP_ACCEPT", ""):
        body = json.dumps(
            {"type": kind, "message": f"{title}. {text}"},
            ensure_ascii=False,
        ).encode("utf-8")
        content_type = "application/json; charset=utf-8"
    else:
        body = (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head><body><main><h1>{title}</h1>"
            f"<p>{text}</p></main></body></html>"
        ).encode()
        content_type = "text/html; charset=utf-8"
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Retry-After", str(RETRY_AFTER)),
        ("Cache-Control", "no-store"),
        ("Content-Language", lang),
    ]
    return f"{status} {reason}", headers, body


class DatabaseAway:
    """The WSGI middleware: passes every request to ``app``; one that fails
    because the database is away (``database_errors``) is answered 503."""

    def __init__(self, app):
        self.app = app
        self.errors = database_errors()

    def __call__(self, environ, start_response):
        if not self.errors:
            return self.app(environ, start_response)
        try:
            return self.app(environ, start_response)
        except self.errors:
            status, headers, body = answer(environ)
            start_response(status, headers, sys.exc_info())
            return [body]


def filter_factory(global_conf, **settings):
    """PasteDeploy filter factory (``use = call:...:filter_factory``)."""
    return DatabaseAway
