"""``solna-push``: the job that drains the push queue (cron or worker).

    solna-push [URL] [--dry-run] [--watch SECONDS] [--limit N]

One run asks the site for waiting deliveries (``POST <URL>/@push-utkorg``
with ``{"limit": N}``), sends them to the push services (sender.py: each
encrypted for its browser, VAPID-signed, many at once), tells the site what
became of them (``POST <URL>/@push-kvitton`` with ``{"results": {id:
status}}``) and repeats while the site says there is ``more``. Then it prints

    sent N, removed M expired subscriptions, retrying K

(the site's counts from ``@push-kvitton``: N accepted by the push services,
M subscriptions they said are gone (404, 410) and removed, K to be tried
again later (no answer, 429, 5xx); ``dropped D`` is added for messages given
up: refused outright (400, 401, 403, 413) or tried too often).

``--watch SECONDS`` makes it the worker: after a run it waits SECONDS and
runs again, until stopped (a site that cannot be reached, or any other
failure, is printed and tried again on the next round); it prints a line
only for a run that sent something. ``--dry-run`` only says what waits
(``GET @push-utkorg``) and sends nothing. Credentials: ``SOLNA_JOB_USER``
and ``SOLNA_JOB_PASSWORD``, as for the other jobs (jobs.py), of an account
with the global role *Push Sender* (the only role, with Manager, that has
``solna.intranet: Send push notifications``: it hands out every member's
push endpoint and keys, so not every Webbredaktör). The site's address is
the one staff use (the payload's URLs are relative to it). Run it with
``nice -n 10`` on the machine of the site.

The job connects only to the browsers' push services and to the hosts in
``SOLNA_PUSH_HOSTS`` (sender.py: ``endpoint_kind``), never follows a
redirect, and gives each message ``--timeout`` seconds to connect and
between bytes and ``--deadline`` seconds in all.

The job runs outside Zope: a slow or unreachable push service holds this
process's threads, never a Zope thread; Zope only spends the
``@push-utkorg``/``@push-kvitton`` requests.
"""

from concurrent.futures import ThreadPoolExecutor
from solna.intranet import jobs
from solna.intranet.push import sender

import base64
import json
import os
import sys
import time
import urllib.error
import urllib.request


PROG = "solna-push"
#: A network error, a timeout or an answer that says "later" (RFC 8030
#: section 5: 429 Too Many Requests; 5xx): the queue tries again.
RETRY = frozenset({sender.NETWORK_ERROR, 429})
#: How the worker waits between runs (seconds).
pause = time.sleep
#: The help's description (jobs.parser's names a Webbredaktör: not here).
DESCRIPTION = (
    "Send the waiting push notifications. Credentials: SOLNA_JOB_USER and "
    "SOLNA_JOB_PASSWORD (an account with the role Push Sender). Push "
    "services other than the browsers' own: SOLNA_PUSH_HOSTS."
)


def call(url, endpoint, body=None):
    """The site's JSON answer to ``POST <url>/<endpoint>`` with ``body`` as
    JSON, or to a GET when ``body`` is None. Raises urllib's errors."""
    user = os.environ.get("SOLNA_JOB_USER", "admin")
    password = os.environ.get("SOLNA_JOB_PASSWORD", "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    headers = {"Accept": "application/json", "Authorization": f"Basic {token}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(  # noqa: S310 - the site's own address
        f"{url.rstrip('/')}/{endpoint}",
        data=data,
        method="GET" if body is None else "POST",
        headers=headers,
    )
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
        return json.load(response)


def tally(statuses):
    """``{"sent", "removed", "retrying", "refused"}`` counts of statuses."""
    counts = dict.fromkeys(("sent", "removed", "retrying", "refused"), 0)
    for status in statuses:
        if 200 <= status < 300:
            counts["sent"] += 1
        elif status in (404, 410):
            counts["removed"] += 1
        elif status in RETRY or status >= 500:
            counts["retrying"] += 1
        else:
            counts["refused"] += 1
    return counts


def line(counts):
    """The line a run prints: sent, removed and retrying always, dropped
    (given up: refused by the push service, or tried too often) when any."""
    text = (
        f"sent {counts.get('sent', 0)}, removed {counts.get('removed', 0)} "
        f"expired subscriptions, retrying {counts.get('retrying', 0)}"
    )
    dropped = counts.get("dropped", 0) + counts.get("refused", 0)
    if dropped:
        text += f", dropped {dropped}"
    return text


def _add(totals, counts, results):
    """Add the site's counts for a batch (or, from an older site without
    them, the counts of ``results``) to ``totals``."""
    if not isinstance(counts, dict) or "sent" not in counts:
        counts = tally(results.values())
    for name, count in counts.items():
        if isinstance(count, int) and not isinstance(count, bool):
            totals[name] = totals.get(name, 0) + count


def drain(url, limit=500, workers=32, timeout=10, verbose=False, deadline=None):
    """Claim, send and report until the site has no ``more``; the counts
    (see ``tally``).

    Pipelined: while one batch goes out to the push services, the next is
    claimed, so the site's work and the network's overlap; the site's
    requests stay one at a time (claim, report, claim ...), so the job
    never writes to the site's queue twice at once. Raises urllib's errors
    when the site cannot be reached or refuses; a batch already sent is
    reported first, deliveries claimed and not sent are handed out again
    when their lease (queue.LEASE) runs out."""
    totals = dict.fromkeys(("sent", "removed", "retrying"), 0)

    def log(text):
        if verbose:
            print(text, file=sys.stderr, flush=True)

    def claim():
        started = time.monotonic()
        answer = call(url, "@push-utkorg", {"limit": limit})
        log(
            f"claimed {len(answer.get('deliveries') or [])} in "
            f"{time.monotonic() - started:.2f} s"
        )
        return answer

    def send(answer):
        started = time.monotonic()
        results = push.send_all(answer["deliveries"], answer.get("vapid") or {})
        log(f"sent {len(results)} in {time.monotonic() - started:.2f} s")
        return results

    def report(results):
        started = time.monotonic()
        counts = call(url, "@push-kvitton", {"results": results})
        log(f"reported {len(results)} in {time.monotonic() - started:.2f} s")
        _add(totals, counts, results)

    with (
        sender.Sender(workers=workers, timeout=timeout, deadline=deadline) as push,
        ThreadPoolExecutor(max_workers=1) as background,
    ):
        answer = claim()
        while True:
            sending = None
            if answer.get("deliveries"):
                sending = background.submit(send, answer)
            try:
                following = claim() if answer.get("more") else None
            finally:
                if sending is not None:
                    report(sending.result())
            if following is None:
                return totals
            answer = following


def waiting(answer):
    """The dry run's line: the numbers ``GET @push-utkorg`` answers."""
    numbers = {
        k: v
        for k, v in answer.items()
        if isinstance(v, int) and not isinstance(v, bool) and not k.startswith("@")
    }
    return "waiting: " + (
        ", ".join(f"{k} {v}" for k, v in numbers.items()) or "nothing"
    )


def once(args, idle_quiet=False):
    """One run; True when the site answered. With ``idle_quiet`` (the
    worker) a run that found nothing to send prints nothing."""
    try:
        if args.dry_run:
            print(waiting(call(args.url, "@push-utkorg")))
        else:
            counts = drain(
                args.url,
                args.limit,
                args.workers,
                args.timeout,
                args.verbose,
                args.deadline,
            )
            if any(counts.values()) or not idle_quiet:
                print(line(counts))
    except urllib.error.HTTPError as error:
        print(f"{PROG}: {args.url}: {jobs._reason(error, PROG)}", file=sys.stderr)
        return False
    except (urllib.error.URLError, OSError, ValueError) as error:
        print(f"{PROG}: {args.url}: {error}", file=sys.stderr)
        return False
    finally:
        sys.stdout.flush()
    return True


def main(argv=None):
    """The console script; exit code 0, or 1 when the site could not be
    reached or refused (without ``--watch``)."""
    options = jobs.parser(PROG, "Send the waiting push notifications.")
    options.description = DESCRIPTION
    options.add_argument(
        "--watch",
        type=float,
        metavar="SECONDS",
        help="run again SECONDS after each run, until stopped (the worker)",
    )
    options.add_argument(
        "--limit", type=int, default=500, help="deliveries per request (500)"
    )
    options.add_argument(
        "--workers", type=int, default=32, help="messages sent at once (32)"
    )
    options.add_argument(
        "--timeout",
        type=float,
        default=10,
        help="seconds to connect to a push service and between bytes (10)",
    )
    options.add_argument(
        "--deadline",
        type=float,
        default=None,
        help="seconds per message in all, else tried later (twice --timeout)",
    )
    options.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="print how long each step took (to stderr)",
    )
    args = options.parse_args(argv)
    if args.watch is None:
        return 0 if once(args) else 1
    try:
        while True:
            try:
                once(args, idle_quiet=True)
            except Exception as error:  # the worker goes on
                print(f"{PROG}: {args.url}: {error!r}", file=sys.stderr, flush=True)
            pause(max(args.watch, 0.1))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
