"""Print what the personal feed of Mitt intranät costs as the news grows.

    .venv/bin/python scripts/benchmark_feed.py [SIZES]      # e.g. 1000,4000,8000

Builds a throwaway site in memory (the test fixture: our profile on Plone's
classic distribution), then for each size adds news until the site holds that
many (40 % for all staff, the rest for units or professions, 2 % must-read),
ten a day going back in time: more news means older news, as on a real
site. Then it times the feed of a preschool teacher: the median of 20 calls,
in ms. The feed is designed so that its cost follows the news of the last
weeks, not the total; the figures show whether it does.
"""

from DateTime import DateTime
from plone import api
from plone.app.testing import PLONE_SITE_ID
from plone.testing import zope as zope_testing
from solna.intranet.testing import FIXTURE
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import random
import statistics
import sys
import time
import transaction


NEWS_PER_DAY = 10
SIZES = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "1000,4000").split(",")]


def set_up(layer, done):
    for base in layer.__bases__:
        set_up(base, done)
    if layer not in done:
        layer.setUp()
        done.append(layer)


def median_ms(call, times=20):
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def build_units(portal):
    with api.env.adopt_roles(["Manager"]):
        forvaltning = api.content.create(
            container=portal, type="solna.Unit", id="bou", title="Barn och utbildning"
        )
        units = [
            api.content.create(
                container=forvaltning,
                type="solna.Unit",
                id=f"enhet-{n}",
                title=f"Enhet {n}",
            )
            for n in range(20)
        ]
        news = api.content.create(
            container=portal, type="Folder", id="nyheter", title="N"
        )
        for obj in (forvaltning, news, *units):
            api.content.transition(obj, to_state="published")
        api.user.create(
            username="larare", email="l@solna.example", password="x-Losen-123"
        )
        api.user.get(userid="larare").setMemberProperties(
            {"unit": api.content.get_uuid(units[0]), "profession": "forskollarare"}
        )
    return news, [api.content.get_uuid(u) for u in units]


def add_news(folder, unit_uids, start, stop, rng):
    with api.env.adopt_roles(["Manager"]):
        for n in range(start, stop):
            kind = rng.random()
            fields = {"audience_all": kind < 0.4}
            if kind >= 0.4:
                fields["audience_units"] = [rng.choice(unit_uids)]
            if kind >= 0.7:
                fields["audience_professions"] = [
                    rng.choice(["forskollarare", "barnskotare"])
                ]
            if rng.random() < 0.02:
                fields["must_read"] = True
            item = api.content.create(
                container=folder,
                type="News Item",
                id=f"nyhet-{n}",
                title=f"Nyhet {n}",
                effective=DateTime() - (n + rng.random()) / NEWS_PER_DAY,
                **fields,
            )
            api.content.transition(item, to_state="published")
            if n % 500 == 499:
                transaction.commit()
    transaction.commit()


def main():
    from solna.intranet.personal.feed import news_feed
    from solna.intranet.personal.feed import Reader

    set_up(FIXTURE, [])
    rng = random.Random(7)  # noqa: S311 - test data
    with zope_testing.zopeApp() as app:
        portal = app[PLONE_SITE_ID]
        setSite(portal)
        request = portal.REQUEST
        setRequest(request)
        folder, unit_uids = build_units(portal)
        print(f"{'news':>7} {'feed ms':>9} {'news shown':>11}")
        have = 0
        for size in SIZES:
            add_news(folder, unit_uids, have, size, rng)
            have = size
            with api.env.adopt_user(username="larare"):
                reader = Reader("larare")
                feed = news_feed(reader, request)
                ms = median_ms(lambda reader=reader: news_feed(reader, request))
            shown = sum(len(part) for part in feed.values())
            print(f"{size:>7} {ms:>9.1f} {shown:>11}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
