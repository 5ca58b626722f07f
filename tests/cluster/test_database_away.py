"""While PostgreSQL is away the member is told so, in Swedish, with a 503
she may try again after (solna.intranet.database_away); the whole proof on
a real cluster is tests/cluster/test_cluster.py's PostgreSQL kill."""

from solna.intranet.database_away import DatabaseAway

import json
import pytest


class Away(Exception):
    """Stands for psycopg2's OperationalError."""


def app(environ, start_response):
    raise Away("connection refused")


def call(accept="text/html", language="sv-SE,sv;q=0.9,en;q=0.5"):
    middleware = DatabaseAway(app)
    middleware.errors = (Away,)
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, dict(headers)

    body = b"".join(
        middleware(
            {"HTTP_ACCEPT": accept, "HTTP_ACCEPT_LANGUAGE": language}, start_response
        )
    )
    return started["status"], started["headers"], body.decode()


def test_a_page_says_in_swedish_that_nothing_was_saved():
    status, headers, body = call()
    assert status == "503 Service Unavailable"
    assert headers["Retry-After"] == "10"
    assert headers["Cache-Control"] == "no-store"
    assert '<html lang="sv">' in body
    assert "Intranätet når inte sin databas just nu" in body
    assert "Det du skickade sparades inte. Försök igen om en liten stund." in body


def test_rest_gets_the_same_as_json_and_english_who_asks_for_it():
    status, headers, body = call(accept="application/json")
    assert status.startswith("503")
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body) == {
        "type": "ServiceUnavailable",
        "message": "Intranätet når inte sin databas just nu. Det du skickade "
        "sparades inte. Försök igen om en liten stund.",
    }
    _status, _headers, body = call(language="en-GB,en;q=0.9")
    assert "The intranet cannot reach its database just now" in body


def test_other_errors_are_not_its_business():
    middleware = DatabaseAway(lambda environ, start_response: 1 / 0)
    middleware.errors = (Away,)
    with pytest.raises(ZeroDivisionError):
        middleware({}, None)


def test_haproxys_502_and_504_say_what_was_sent_may_be_stored():
    """The bodies of HAProxy's own 502 and 504 (scripts/cluster.py writes
    them for its http-error): a process died, or did not answer, with the
    request, which may have been committed (issue 22's second trial)."""
    from solna.intranet.database_away import answer

    for status, kind in ((502, "BadGateway"), (504, "GatewayTimeout")):
        line, headers, body = answer(
            {"HTTP_ACCEPT": "application/json", "HTTP_ACCEPT_LANGUAGE": "sv"}, status
        )
        assert line.startswith(f"{status} ")
        assert json.loads(body)["type"] == kind
        assert "Det du skickade kan ha sparats" in json.loads(body)["message"]
        assert ("Retry-After", "10") in headers
        _line, _headers, page = answer({"HTTP_ACCEPT_LANGUAGE": "en"}, status)
        assert b"What you sent may have been saved" in page
