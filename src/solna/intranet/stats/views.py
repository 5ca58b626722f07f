"""The Statistik page (@@statistik) on the site and on a unit."""

from plone.base.interfaces import IPloneSiteRoot
from Products.Five import BrowserView
from solna.intranet import _
from solna.intranet.interfaces import IToolPage
from solna.intranet.stats import report
from zope.i18n import translate
from zope.interface import implementer


@implementer(IToolPage)
class StatisticsView(BrowserView):
    """@@statistik: Sökningar (site only) and Räckvidd, for those who may
    (report.may_view); others get the page-not-found answer."""

    def __call__(self):
        report.check(self.context)
        self.site = IPloneSiteRoot.providedBy(self.context)
        self.data = report.data(self.context, self.request)
        return self.index()

    @property
    def label(self):
        if IPloneSiteRoot.providedBy(self.context):
            return translate(
                _("stats_title", default="Statistics"), context=self.request
            )
        return translate(
            _(
                "stats_title_unit",
                default="Statistics: ${unit}",
                mapping={"unit": self.context.Title()},
            ),
            context=self.request,
        )

    def fewer(self):
        return translate(
            _(
                "stats_fewer_than",
                default="fewer than ${threshold}",
                mapping={"threshold": self.data["threshold"]},
            ),
            context=self.request,
        )

    def shown(self, value):
        """A count as shown: the number, or "färre än 5"."""
        return self.fewer() if value is None else str(value)

    def bar(self, day):
        """The width (percent) of a day's bar in the per-day list."""
        most = max((d["searches"] for d in self.data["searches"]["days"]), default=0)
        return round(100 * day["searches"] / most) if most else 0

    def rows(self, item):
        """The Räckvidd table of an item: [(förvaltning, 7 days, 30 days)]
        as shown, then the total row's values."""
        windows = item["reach"]
        order, titles, values = [], {}, {}
        for days in ("30", "7"):
            for row in windows[days]["forvaltningar"]:
                key = row["uid"] or ""
                if key not in titles:
                    order.append(key)
                    titles[key] = row["title"]
                values[(key, days)] = row["viewers"]
        return [
            {
                "title": titles[key],
                "7": self.shown(values.get((key, "7"))),
                "30": self.shown(values.get((key, "30"))),
            }
            for key in order
        ]
