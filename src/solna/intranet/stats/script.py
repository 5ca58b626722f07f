"""``solna-stats``: the statistics' nightly work (see stats/nightly.py).

Run it from cron every night (see solna.intranet.jobs and the README)::

    15 2 * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-stats https://intranat.solna.se
"""

from solna.intranet.jobs import job

import sys


def report(answer, dry_run):
    verb = "would close" if dry_run else "closed"
    for window in answer["items"]:
        yield (
            f"{verb} {window['item']}: {window['window']} days, "
            f"{window['total']} viewers"
        )
    verb = "would delete" if dry_run else "deleted"
    yield (
        f"{len(answer['items'])} windows {'to close' if dry_run else 'closed'}; "
        f"{verb} {answer['searches_deleted']} searched texts and "
        f"{answer['days_deleted']} day totals past retention"
    )


main = job(
    "solna-stats",
    "Close the statistics' 7- and 30-day reach windows and delete old search rows.",
    "@statistik-jobb",
    report,
)


if __name__ == "__main__":
    sys.exit(main())
