"""``solna-review-reminders``: e-mail each owner what is due for review.

Run it from cron on weekdays (see solna.intranet.jobs and the README)::

    0 6 * * 1-5  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-review-reminders https://intranat.solna.se
"""

from solna.intranet.jobs import job

import sys


def report(answer, dry_run):
    verb = "would remind" if dry_run else "reminded"
    for owner in answer["items"]:
        yield f"{verb} {owner['responsible']}: {len(owner['items'])} items"
        for url in owner["items"]:
            yield f"  {url}"
    yield f"{len(answer['items'])} owners, {answer['items_total']} items"


main = job(
    "solna-review-reminders",
    "E-mail each owner the rules, answers and unit pages that are due for review.",
    "@paminn-om-oversyn",
    report,
    dated=True,
)


if __name__ == "__main__":
    sys.exit(main())
