"""REST: @statistik (site and unit) and the nightly job @statistik-jobb."""

from plone.restapi.services import Service
from solna.intranet.rest import JobService
from solna.intranet.stats import report
from solna.intranet.stats.nightly import nightly


class StatisticsGet(Service):
    def reply(self):
        report.check(self.context)
        return report.data(self.context, self.request)


class StatisticsJob(JobService):
    """@statistik-jobb, the job solna-stats: GET what it would do, POST do
    it. Items: [{"item": UID, "window": 7 | 30, "total": n}] for each
    window it closes (``?date=YYYY-MM-DD``: as at the end of that day);
    ``searches_deleted`` and ``days_deleted`` count the
    search rows past their retention."""

    name = "@statistik-jobb"
    dated = True

    def act(self, dry_run, on):
        return nightly(dry_run=dry_run, on=on)
