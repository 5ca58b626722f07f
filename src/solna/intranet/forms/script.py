"""``solna-purge-cases``: delete the cases each form may no longer keep
(GDPR retention). Run it from cron every night (see the README)::

    30 2 * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-purge-cases https://intranat.solna.se

It prints (and the site logs) only counts, never what the cases said.
"""

from solna.intranet.jobs import parser
from solna.intranet.jobs import run

import sys


PROG = "solna-purge-cases"


def main(argv=None):
    args = parser(PROG, "Delete cases older than their form's retention.").parse_args(
        argv
    )
    result = run(PROG, args.url, "@rensa-arenden", not args.dry_run)
    if result is None:
        return 1
    verb = "would delete" if args.dry_run else "deleted"
    for path, count in sorted(result["forms"].items()):
        print(f"{verb} {count} cases in {path}")
    print(f"{verb} {result['items_total']} cases in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
