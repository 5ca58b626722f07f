"""The access log of a Zope process: Paste's TransLogger (the
``[filter:translogger]`` of zope.ini, instance/skel and
instance/skel-cluster), in Apache's combined format as before, with two
changes that the operators' trial of issue 22 asked for:

- Each line's time carries the offset in force at that moment (``+0100``
  in winter, ``+0200`` in summer, from the local time's ``tm_gmtoff``).
  Paste writes ``time.altzone`` whenever the zone has summer time at all,
  so Stockholm's winter was labelled ``+0200`` (and, before
  ``dates.follow_process_zone``, Swedish clock times ``+0000``).
- HAProxy's health check (``GET /@@ok`` once a second per process,
  86,400 lines a day) is left out while it answers 200; a check that
  fails is logged.
- The client's address is the connection's, or, when the connection comes
  from a proxy on this machine (HAProxy, nginx: a loopback address), the
  last address of ``X-Forwarded-For`` (the one that proxy saw), if it is
  an address at all. Paste logged the header as sent, so a client could
  write any address, and quotes, into the log (the second operators'
  trial).
- What the client sends (the user name, the Referer, the User-Agent) is
  escaped as Apache's ``mod_log_config`` does: a quote as ``\\"``, a
  backslash doubled, other control characters as ``\\xHH``, so no line
  can be forged inside another.
"""

from paste.translogger import TransLogger
from urllib.parse import unquote

import ipaddress
import re
import time


#: The page HAProxy's ``http-check`` asks (haproxy.cfg.in).
HEALTH_CHECK = "/@@ok"


_UNSAFE = re.compile(r'["\\\x00-\x1f\x7f]')


def escaped(value):
    """``value`` (str or None) for a field of the log line: "-" for none,
    quotes, backslashes and control characters escaped (Apache's
    ``mod_log_config``)."""
    if not value:
        return "-"

    def escape(match):
        char = match.group()
        if char in '"\\':
            return "\\" + char
        return f"\\x{ord(char):02x}"

    return _UNSAFE.sub(escape, value)


def client_address(environ):
    """The client's address (str): the connection's, or the last address
    of ``X-Forwarded-For`` when the connection is from a proxy on this
    machine and that address is one; "-" when there is none."""
    remote = environ.get("REMOTE_ADDR") or "-"
    forwarded = environ.get("HTTP_X_FORWARDED_FOR")
    if not forwarded:
        return remote
    try:
        if not ipaddress.ip_address(remote).is_loopback:
            return remote
        return str(ipaddress.ip_address(forwarded.split(",")[-1].strip()))
    except ValueError:
        return remote


class AccessLog(TransLogger):
    """TransLogger with the offset of the moment and without successful
    health checks. Takes and logs what TransLogger does."""

    default_time_format = "%d/%b/%Y:%H:%M:%S %z"

    def write_log(self, environ, method, req_uri, start, status, bytes):
        """Log one request (``start``: its ``time.localtime()``; ``status``:
        "200 OK"; ``bytes``: the Content-Length or None)."""
        if unquote(req_uri) == HEALTH_CHECK and status.startswith("200"):
            return
        values = {
            "REMOTE_ADDR": client_address(environ),
            "REMOTE_USER": escaped(environ.get("REMOTE_USER")),
            "REQUEST_METHOD": method,
            "REQUEST_URI": req_uri,
            "HTTP_VERSION": environ.get("SERVER_PROTOCOL"),
            "time": time.strftime(self.time_format, start),
            "status": status.split(None, 1)[0],
            "bytes": "-" if bytes is None else bytes,
            "HTTP_REFERER": escaped(environ.get("HTTP_REFERER")),
            "HTTP_USER_AGENT": escaped(environ.get("HTTP_USER_AGENT")),
        }
        self.logger.log(self.logging_level, self.format % values)


def filter_factory(global_conf, setup_console_handler="true", **settings):
    """PasteDeploy filter factory (``use = call:solna.intranet.accesslog:
    filter_factory``); settings as Paste's translogger (logger_name,
    format, setup_console_handler)."""
    console = str(setup_console_handler).lower() in ("true", "yes", "on", "1")

    def access_log(app):
        return AccessLog(app, setup_console_handler=console, **settings)

    return access_log
