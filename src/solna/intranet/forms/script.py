"""``solna-purge-cases``: delete the cases each form may no longer keep
(GDPR retention), and the answers to crises ended more than 30 days ago.
Run it from cron every night (see the README)::

    30 2 * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-purge-cases https://intranat.solna.se

It prints (and the site logs) only counts, never what the cases said.
"""

from solna.intranet.jobs import job

import sys


def report(answer, dry_run):
    verb = "would delete" if dry_run else "deleted"
    for form in answer["items"]:
        yield f"{verb} {form['count']} cases in {form['path']}"
    yield f"{verb} {answer['items_total']} cases in all"
    if answer.get("crises"):
        yield (
            f"{verb} {answer['crisis_answers']} answers to "
            f"{answer['crises']} crises ended more than 30 days ago"
        )


main = job(
    "solna-purge-cases",
    "Delete cases older than their form's retention.",
    "@rensa-arenden",
    report,
)


if __name__ == "__main__":
    sys.exit(main())
