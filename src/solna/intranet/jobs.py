"""What the cron jobs share: they are small clients of the running site.

Each job asks an endpoint of the site to do the work (POST) or to say what
it would do (GET, ``--dry-run``); the endpoints share rest.JobService and
its answer shape, the scripts ``job`` below. So a job works with every storage (the
embedded FileStorage lets only the instance itself open the database) and
links in mail use the address the job is given. Credentials come from
``SOLNA_JOB_USER`` and ``SOLNA_JOB_PASSWORD``: a Webbredaktör's account.
"""

import argparse
import base64
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


def call(url, endpoint, send, **params):
    user = os.environ.get("SOLNA_JOB_USER", "admin")
    password = os.environ.get("SOLNA_JOB_PASSWORD", "")
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v})
    address = f"{url.rstrip('/')}/{endpoint}" + (f"?{query}" if query else "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(  # noqa: S310 - the site's own address
        address,
        method="POST" if send else "GET",
        headers={"Accept": "application/json", "Authorization": f"Basic {token}"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
        return json.load(response)


def parser(prog, description):
    result = argparse.ArgumentParser(
        prog=prog,
        description=f"{description} Credentials: SOLNA_JOB_USER and "
        "SOLNA_JOB_PASSWORD (a Webbredaktör).",
    )
    result.add_argument(
        "url",
        nargs="?",
        default="http://localhost:8080/Plone",
        help="the site's address as staff see it",
    )
    result.add_argument("--dry-run", action="store_true", help="change nothing")
    return result


#: Whose credentials a job needs, when not a Webbredaktör's (README "Push").
ACCOUNTS = {"solna-push": "the push job's account, with the role Push Sender"}


def _reason(error, prog=""):
    """What to print for an HTTP error: the site's own (Swedish) message
    when it sent one, and for 401 which variables hold the credentials."""
    try:
        body = json.loads(error.read() or b"{}")
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    inner = body.get("error")
    message = (inner if isinstance(inner, dict) else body).get("message")
    reason = f"{error.code} {message}" if message else str(error)
    if error.code == 401:
        account = ACCOUNTS.get(prog, "a Webbredaktör's account")
        reason += f" (set SOLNA_JOB_USER and SOLNA_JOB_PASSWORD to {account})"
    return reason


def run(prog, url, endpoint, send, **params):
    """The endpoint's answer (a dict), or None after printing why it failed
    to stderr: the site's own message for an HTTP error (a date that is no
    date, wrong credentials), else why the site could not be reached."""
    try:
        return call(url, endpoint, send, **params)
    except urllib.error.HTTPError as error:
        print(f"{prog}: {url}: {_reason(error, prog)}", file=sys.stderr)
        return None
    except (urllib.error.URLError, OSError) as error:
        print(f"{prog}: {url}: {error}", file=sys.stderr)
        return None


def job(prog, description, endpoint, report, dated=False):
    """A cron job's console script: returns ``main(argv=None)`` → exit code.

    ``main`` reads the site's address (default http://localhost:8080/Plone),
    ``--dry-run`` and, when ``dated``, ``--date YYYY-MM-DD``; calls
    ``endpoint`` (GET for a dry run, POST otherwise) and prints the lines
    ``report(answer, dry_run)`` yields. Exit code 0, or 1 after printing why
    the site could not be reached."""

    def main(argv=None):
        options = parser(prog, description)
        if dated:
            options.add_argument("--date", help="YYYY-MM-DD: act as on that day")
        args = options.parse_args(argv)
        params = {"date": args.date} if dated else {}
        answer = run(prog, args.url, endpoint, not args.dry_run, **params)
        if answer is None:
            return 1
        for line in report(answer, args.dry_run):
            print(line)
        return 0

    return main
