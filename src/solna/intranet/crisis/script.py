"""``solna-mail``: send what is due by e-mail (crisis/outreach.py): crisis
reminders that are due, crisis mail of crises whose publishing date has
come, and mail held for members' quiet hours (Tysta timmar) whose time has
come. Run it from cron every 5 minutes (see solna.intranet.jobs and the
README)::

    */5 * * * *  SOLNA_JOB_USER=... SOLNA_JOB_PASSWORD=... \\
        /srv/solna/.venv/bin/solna-mail https://intranat.solna.se
"""

from solna.intranet.jobs import job

import sys


def report(answer, dry_run):
    would = "would " if dry_run else ""
    for item in answer["items"]:
        if "mailed" in item:
            yield f"{item['@id']}: {would}mail {item['mailed']}"
        else:
            yield f"{item['@id']}: {would}remind {item['reminded']}"
    yield (
        f"{would}deliver held mail to {answer['delivered']} members "
        f"({answer['messages']} messages), {answer['waiting']} still held"
    )


main = job(
    "solna-mail",
    "Send crisis mail and its reminders that are due, and mail held for the "
    "quiet hours whose time has come.",
    "@skicka-epost",
    report,
)


if __name__ == "__main__":
    sys.exit(main())
