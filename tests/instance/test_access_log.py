"""The access log's lines (solna.intranet.accesslog): the offset in force
at the moment of each line, and no line for a health check that passed."""

from solna.intranet.accesslog import AccessLog

import logging
import pytest
import time


@pytest.fixture
def lines(caplog):
    caplog.set_level(logging.INFO, logger="solna-test-access")
    return lambda: [r.getMessage() for r in caplog.records]


def app(environ, start_response):
    start_response("200 OK", [("Content-Length", "2")])
    return [b"ok"]


def request(path, user="anna.lindqvist"):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_USER": user,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }


def test_winter_and_summer_times_carry_their_own_offset(stockholm_tz, lines):
    log = AccessLog(app, logger_name="solna-test-access", setup_console_handler=False)
    environ = request("/Plone/nyheter")
    winter = time.localtime(1796126400)  # 1 Dec 2026 12:00 UTC
    summer = time.localtime(1782907200)  # 1 Jul 2026 12:00 UTC
    log.write_log(environ, "GET", "/Plone/nyheter", winter, "200 OK", "2")
    log.write_log(environ, "GET", "/Plone/nyheter", summer, "200 OK", "2")
    assert "[01/Dec/2026:13:00:00 +0100]" in lines()[0]
    assert "[01/Jul/2026:14:00:00 +0200]" in lines()[1]
    assert lines()[0].startswith("127.0.0.1 - anna.lindqvist [")
    assert lines()[0].endswith('"GET /Plone/nyheter HTTP/1.1" 200 2 "-" "-"')


def test_a_passing_health_check_is_not_logged_a_failing_one_is(lines):
    log = AccessLog(app, logger_name="solna-test-access", setup_console_handler=False)
    b"".join(log(request("/@@ok", user=None), lambda *args: None))
    assert lines() == []
    now = time.localtime()
    log.write_log(request("/@@ok"), "GET", "/%40%40ok", now, "503 Unavailable", "0")
    log.write_log(request("/@@ok"), "GET", "/%40%40ok", now, "200 OK", "2")
    assert len(lines()) == 1
    assert '"GET /%40%40ok HTTP/1.1" 503' in lines()[0]
    b"".join(log(request("/Plone"), lambda *args: None))
    assert len(lines()) == 2


def test_the_client_is_who_connected_or_whom_our_proxy_saw(lines):
    log = AccessLog(app, logger_name="solna-test-access", setup_console_handler=False)
    now = time.localtime()

    def logged(remote, forwarded):
        environ = {**request("/Plone"), "REMOTE_ADDR": remote}
        environ["HTTP_X_FORWARDED_FOR"] = forwarded
        log.write_log(environ, "GET", "/Plone", now, "200 OK", "2")
        return lines()[-1].split(" ", 1)[0]

    # Straight from a client: what it claims is not logged.
    assert logged("10.1.2.3", "8.8.8.8") == "10.1.2.3"
    # Through HAProxy on this machine: the address it appended.
    assert logged("127.0.0.1", "8.8.8.8, 10.1.2.3") == "10.1.2.3"
    assert logged("::1", "10.1.2.3") == "10.1.2.3"
    # Not an address: the connection's.
    assert logged("127.0.0.1", '1.2.3.4" "forged') == "127.0.0.1"


def test_what_the_client_sends_cannot_forge_a_line(lines):
    log = AccessLog(app, logger_name="solna-test-access", setup_console_handler=False)
    environ = {
        **request("/Plone"),
        "HTTP_USER_AGENT": 'x" 200 0 "-" "y\n127.0.0.1 - admin [',
        "HTTP_REFERER": "a\\b",
    }
    log.write_log(environ, "GET", "/Plone", time.localtime(), "200 OK", "2")
    (line,) = lines()
    assert "\n" not in line
    assert line.endswith('"a\\\\b" "x\\" 200 0 \\"-\\" \\"y\\x0a127.0.0.1 - admin ["')
