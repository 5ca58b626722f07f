"""``solna-fetch-feeds``: fetch the Omvärldsbevakning feeds (site-wide and
the communities'). Run it from cron every hour (see the README)::

    5 * * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-fetch-feeds https://intranat.solna.se
"""

from solna.intranet.jobs import parser
from solna.intranet.jobs import run

import sys


PROG = "solna-fetch-feeds"


def main(argv=None):
    args = parser(PROG, "Fetch the Omvärldsbevakning feeds.").parse_args(argv)
    if args.dry_run:
        print("nothing to do in a dry run")
        return 0
    result = run(PROG, args.url, "@omvarld", True)
    if result is None:
        return 1
    print(
        f"{result['new']} new, {result['seen']} already seen, {result['failed']} failed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
