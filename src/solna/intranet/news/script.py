"""``solna-must-read-reminders``: one e-mail to each member who has not yet
confirmed a must-read news item whose read-by date is near.

Run it from cron once a day (see solna.intranet.jobs and the README)::

    30 6 * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-must-read-reminders https://intranat.solna.se
"""

from solna.intranet.jobs import parser
from solna.intranet.jobs import run

import sys


PROG = "solna-must-read-reminders"


def main(argv=None):
    options = parser(
        PROG,
        "Remind those who have not confirmed a must-read news item before its "
        "read-by date.",
    )
    options.add_argument("--date", help="YYYY-MM-DD: remind as on that day")
    args = options.parse_args(argv)
    result = run(
        PROG, args.url, "@must-read-reminders", not args.dry_run, date=args.date
    )
    if result is None:
        return 1
    verb = "would remind" if args.dry_run else "reminded"
    for item in result["items"]:
        print(f"{item['@id']}: {verb} {len(item['reminded'])}")
    print(f"{result['items_total']} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
