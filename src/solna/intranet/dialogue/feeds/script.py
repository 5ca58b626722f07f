"""``solna-fetch-feeds``: fetch the Omvärldsbevakning feeds (site-wide and
the communities'). Run it from cron every hour (see the README)::

    5 * * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-fetch-feeds https://intranat.solna.se
"""

from solna.intranet.jobs import job

import sys


def report(answer, dry_run):
    if dry_run:
        for source in answer["items"]:
            yield f"would fetch {source['feed']} for {source['@id']}"
        yield f"{answer['items_total']} sources"
        return
    yield (
        f"{answer['new']} new, {answer['seen']} already seen, {answer['failed']} failed"
    )


main = job(
    "solna-fetch-feeds",
    "Fetch the Omvärldsbevakning feeds.",
    "@hamta-omvarldsbevakning",
    report,
)


if __name__ == "__main__":
    sys.exit(main())
