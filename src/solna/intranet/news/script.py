"""``solna-must-read-reminders``: one e-mail to each member who has not yet
confirmed a must-read news item whose read-by date is near.

Run it from cron once a day (see solna.intranet.jobs and the README)::

    30 6 * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-must-read-reminders https://intranat.solna.se
"""

from solna.intranet.jobs import job

import sys


def report(answer, dry_run):
    verb = "would remind" if dry_run else "reminded"
    for item in answer["items"]:
        yield f"{item['@id']}: {verb} {len(item['reminded'])}"
    yield f"{answer['items_total']} items"


main = job(
    "solna-must-read-reminders",
    "Remind those who have not confirmed a must-read news item before its "
    "read-by date.",
    "@paminn-maste-lasas",
    report,
    dated=True,
)


if __name__ == "__main__":
    sys.exit(main())
