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
"""

from paste.translogger import TransLogger
from urllib.parse import unquote

import time


#: The page HAProxy's ``http-check`` asks (haproxy.cfg.in).
HEALTH_CHECK = "/@@ok"


class AccessLog(TransLogger):
    """TransLogger with the offset of the moment and without successful
    health checks. Takes and logs what TransLogger does."""

    default_time_format = "%d/%b/%Y:%H:%M:%S %z"

    def write_log(self, environ, method, req_uri, start, status, bytes):
        """Log one request (``start``: its ``time.localtime()``; ``status``:
        "200 OK"; ``bytes``: the Content-Length or None)."""
        if unquote(req_uri) == HEALTH_CHECK and status.startswith("200"):
            return
        if environ.get("HTTP_X_FORWARDED_FOR"):
            remote_addr = environ["HTTP_X_FORWARDED_FOR"]
        else:
            remote_addr = environ.get("REMOTE_ADDR") or "-"
        values = {
            "REMOTE_ADDR": remote_addr,
            "REMOTE_USER": environ.get("REMOTE_USER") or "-",
            "REQUEST_METHOD": method,
            "REQUEST_URI": req_uri,
            "HTTP_VERSION": environ.get("SERVER_PROTOCOL"),
            "time": time.strftime(self.time_format, start),
            "status": status.split(None, 1)[0],
            "bytes": "-" if bytes is None else bytes,
            "HTTP_REFERER": environ.get("HTTP_REFERER", "-"),
            "HTTP_USER_AGENT": environ.get("HTTP_USER_AGENT", "-"),
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
