"""``solna-notification-digest``: mail members who asked for it their new
notices (not between 18:00 and 07:00 unless there is crisis news). Run it
from cron every hour (see the README)::

    0 * * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-notification-digest https://intranat.solna.se
"""

from solna.intranet.jobs import job

import sys


def report(answer, dry_run):
    verb = "would mail" if dry_run else "mailed"
    yield f"{verb} {answer['mailed']} members, kept {answer['held']} for the morning"


main = job(
    "solna-notification-digest",
    "Mail the notice digests.",
    "@skicka-notiser",
    report,
)


if __name__ == "__main__":
    sys.exit(main())
