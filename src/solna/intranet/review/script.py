"""``solna-review-reminders``: e-mail each owner what is due for review.

A small client of the running site: it asks the site's ``@review-reminders``
endpoint to send the reminders (POST) or to list them (GET, ``--dry-run``),
so it works with every storage (the embedded FileStorage allows only the
instance itself to open the database) and the links in the mail use the
address given here. Run it from cron, for example on weekdays at 06:00::

    0 6 * * 1-5  SOLNA_REMINDER_USER=admin SOLNA_REMINDER_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-review-reminders https://intranat.solna.se

The account must be a Webbredaktör (Site Administrator) or the Zope admin.
"""

import argparse
import base64
import json
import os
import sys
import urllib.error
import urllib.request


def call(url, user, password, send=True, date=None):
    endpoint = url.rstrip("/") + "/@review-reminders"
    if date:
        endpoint += f"?date={date}"
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(  # noqa: S310 - the site's own address
        endpoint,
        method="POST" if send else "GET",
        headers={"Accept": "application/json", "Authorization": f"Basic {token}"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
        return json.load(response)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="solna-review-reminders",
        description="E-mail each owner the rules, answers and unit pages that "
        "are due for review. Credentials: SOLNA_REMINDER_USER and "
        "SOLNA_REMINDER_PASSWORD.",
    )
    parser.add_argument(
        "url",
        nargs="?",
        default="http://localhost:8080/Plone",
        help="the site's address as staff see it (used in the mail's links)",
    )
    parser.add_argument("--date", help="YYYY-MM-DD: what is due on that day")
    parser.add_argument("--dry-run", action="store_true", help="list, send nothing")
    args = parser.parse_args(argv)
    user = os.environ.get("SOLNA_REMINDER_USER", "admin")
    password = os.environ.get("SOLNA_REMINDER_PASSWORD", "")
    try:
        result = call(args.url, user, password, not args.dry_run, args.date)
    except (urllib.error.URLError, OSError) as error:
        print(f"solna-review-reminders: {args.url}: {error}", file=sys.stderr)
        return 1
    verb = "would remind" if args.dry_run else "reminded"
    for owner in result["owners"]:
        print(f"{verb} {owner['responsible']}: {len(owner['items'])} items")
        for url in owner["items"]:
            print(f"  {url}")
    print(f"{len(result['owners'])} owners, {result['items_total']} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
