"""``solna-notification-digest``: mail members who asked for it their new
notices (not between 18:00 and 07:00 unless there is crisis news). Run it
from cron every hour (see the README)::

    0 * * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-notification-digest https://intranat.solna.se
"""

from solna.intranet.jobs import parser
from solna.intranet.jobs import run

import sys


PROG = "solna-notification-digest"


def main(argv=None):
    args = parser(PROG, "Mail the notice digests.").parse_args(argv)
    result = run(PROG, args.url, "@notiser-digest", not args.dry_run)
    if result is None:
        return 1
    verb = "would mail" if args.dry_run else "mailed"
    print(f"{verb} {result['mailed']} members, kept {result['held']} for the morning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
