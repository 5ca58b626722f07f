"""``solna-review-reminders``: e-mail each owner what is due for review.

Run it from cron on weekdays (see solna.intranet.jobs and the README)::

    0 6 * * 1-5  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-review-reminders https://intranat.solna.se
"""

from solna.intranet.jobs import parser
from solna.intranet.jobs import run

import sys


PROG = "solna-review-reminders"


def main(argv=None):
    options = parser(
        PROG,
        "E-mail each owner the rules, answers and unit pages that are due for review.",
    )
    options.add_argument("--date", help="YYYY-MM-DD: what is due on that day")
    args = options.parse_args(argv)
    result = run(PROG, args.url, "@review-reminders", not args.dry_run, date=args.date)
    if result is None:
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
