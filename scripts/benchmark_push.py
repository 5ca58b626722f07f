"""Print what sending a crisis push to many phones costs, and whether it
slows the start page down.

    .venv/bin/python scripts/benchmark_push.py [--devices N] [--samples N]

Starts everything it needs itself:

- a throwaway site served over HTTP in this process (the functional test
  layer: our profile on Plone's classic distribution, in memory), with N
  members (default 5,000), each with one phone subscribed to push, an
  account with the role Push Sender for the job, and a member with a unit
  whose start page (Mitt intranät) is timed;
- the local push service (tests/fixtures/push.py) in its own process: it
  verifies every message's VAPID signature and decrypts it, as a real push
  service does; ``SOLNA_PUSH_HOSTS`` names it for the site and the job
  (it is none of the browsers' push services);
- the job, ``solna-push <site>``, as a subprocess, after a crisis news item
  for all staff is published.

It prints the time from starting the job until every message was accepted,
deliveries per second, and the start page's p50/p95 for the member before
and during the send. Targets (issue 17): ≤ 60 s for 5,000 devices on 2
cores; p95 during the send ≤ 1.2 × p95 before. Exits 1 when a message was
lost or refused.
"""

from pathlib import Path

import argparse
import json
import logging
import os
import requests
import statistics
import subprocess
import sys
import threading
import time


ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Bench-losen-2026"
JOB = "bench.jobb"
READER = "bench.lasare"
#: The job runs niced (``nice -n 10 solna-push``, README); so does the push
#: service, which stands in for one on the Internet that costs this machine
#: nothing.
NICE = 10


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=5000)
    parser.add_argument("--samples", type=int, default=60, help="start page, before")
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--limit", type=int, default=500)
    return parser.parse_args(argv)


def start_push_service():
    """The stand-in in its own process; returns (process, origin). Names
    it in ``SOLNA_PUSH_HOSTS`` of this process (the site) and so of the
    job it starts."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fixtures.push"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: os.nice(NICE),  # stands in for a remote service
        stdout=subprocess.PIPE,
        text=True,
    )
    origin = process.stdout.readline().strip()
    if not origin.startswith("http"):
        process.kill()
        raise RuntimeError("the push service did not start")
    os.environ["SOLNA_PUSH_HOSTS"] = origin.split("://", 1)[1]
    return process, origin


def set_up(layer, done):
    for base in layer.__bases__:
        set_up(base, done)
    if layer not in done:
        layer.setUp()
        done.append(layer)


def start_site():
    """The functional layer set up as for one test; returns its portal."""
    from solna.intranet.testing import FUNCTIONAL_TESTING

    set_up(FUNCTIONAL_TESTING, [])
    FUNCTIONAL_TESTING.testSetUp()
    return FUNCTIONAL_TESTING["portal"]


def build(portal, subscriptions_json):
    """Members, their subscriptions, the reader's unit and some news."""
    from plone import api
    from solna.intranet.push import subscriptions
    from solna.intranet.push import vapid
    from zope.component.hooks import setSite

    import transaction

    setSite(portal)
    vapid.install(portal)  # the lead wires it into the profile
    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(
            container=portal, type="solna.Unit", id="enhet", title="Solgläntan"
        )
        api.content.transition(unit, to_state="published")
        news = api.content.create(
            container=portal, type="Folder", id="nyheter", title="Nyheter"
        )
        api.content.transition(news, to_state="published")
        for n in range(40):
            item = api.content.create(
                container=news,
                type="News Item",
                id=f"nyhet-{n}",
                title=f"Nyhet {n} om verksamheten",
                audience_all=n % 2 == 0,
                audience_units=[] if n % 2 == 0 else [unit.UID()],
            )
            api.content.transition(item, to_state="published")
        for login in (JOB, READER):
            api.user.create(
                username=login,
                email=f"{login}@solna.example",
                password=PASSWORD,
                properties={"fullname": login},
            )
        api.user.grant_roles(username=JOB, roles=["Push Sender"])
        api.user.get(userid=READER).setMemberProperties(
            {"unit": unit.UID(), "profession": "forskollarare"}
        )
        transaction.commit()
        started = time.monotonic()
        for n, info in enumerate(subscriptions_json):
            login = f"bench.{n:05d}"
            api.user.create(
                username=login,
                email=f"{login}@solna.example",
                password=PASSWORD,
                properties={"fullname": f"Medarbetare {n}"},
            )
            endpoint, p256dh, auth = subscriptions.validate(info, portal.REQUEST)
            subscriptions.subscribe(
                login, None, endpoint, p256dh, auth, now=time.time()
            )
            if n % 500 == 499:
                transaction.commit()
        transaction.commit()
    print(
        f"  ({len(subscriptions_json)} members with a subscribed phone created in "
        f"{time.monotonic() - started:.0f} s)",
        file=sys.stderr,
    )
    return news


def publish_crisis(portal, folder):
    from plone import api
    from solna.intranet.push import queue

    import transaction

    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=folder,
            type="News Item",
            id="kris",
            title="Vattenläcka: förskolorna i Huvudsta stänger",
            description="Hämta barnen senast kl. 15.",
            audience_all=True,
            priority="kris",
        )
        api.content.transition(item, to_state="published")
        if not queue.announced("crisis", item):  # push/events.py not wired
            queue.enqueue("crisis", item, title="Kris: " + item.Title())
    transaction.commit()
    return item


class Timings:
    """The reader's start page, requested one after the other."""

    def __init__(self, url):
        self.url = url
        self.session = requests.Session()
        self.session.auth = (READER, PASSWORD)

    def one(self):
        started = time.perf_counter()
        response = self.session.get(self.url, timeout=120)
        response.raise_for_status()
        return (time.perf_counter() - started) * 1000

    def until(self, stop):
        found = []
        while not stop.is_set():
            found.append(self.one())
        return found


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(values):
    p50, p95 = statistics.median(values), percentile(values, 0.95)
    return f"p50 {p50:6.0f} ms   p95 {p95:6.0f} ms"


def main(argv=None):
    args = arguments(argv)
    logging.disable(logging.WARNING)  # the layers' set-up chatter
    sys.path.insert(0, str(ROOT))
    service, origin = start_push_service()
    try:
        from solna.intranet.push import vapid

        portal = start_site()
        from zope.component.hooks import setSite

        setSite(portal)
        vapid.install(portal)
        import transaction

        transaction.commit()
        made = requests.post(
            f"{origin}/subscriptions",
            params={"count": args.devices, "key": vapid.public_key()},
            timeout=600,
        ).json()
        folder = build(portal, made)
        site = portal.absolute_url()
        start_page = Timings(f"{site}/@@mitt-intranat")
        for _ in range(10):
            start_page.one()
        before = [start_page.one() for _ in range(args.samples)]
        publish_crisis(portal, folder)

        stop = threading.Event()
        during = []
        timer = threading.Thread(target=lambda: during.extend(start_page.until(stop)))
        env = {
            **os.environ,  # SOLNA_PUSH_HOSTS too
            "SOLNA_JOB_USER": JOB,
            "SOLNA_JOB_PASSWORD": PASSWORD,
        }
        started = time.monotonic()
        timer.start()
        job = subprocess.run(
            [
                sys.executable,
                "-m",
                "solna.intranet.push.script",
                site,
                "--limit",
                str(args.limit),
                "--workers",
                str(args.workers),
                "--verbose",
            ],
            env=env,
            preexec_fn=lambda: os.nice(NICE),  # as the README's cron line
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.monotonic() - started
        stop.set()
        timer.join()
        stats = requests.get(f"{origin}/stats", timeout=30).json()
    finally:
        service.kill()
        service.wait()
    received = stats["received"]
    print(job.stderr.strip(), file=sys.stderr)
    print(f"job: {job.stdout.strip()}")
    print(f"devices subscribed          {args.devices:>8}")
    print(
        f"messages accepted           {received:>8}   refused {stats['refused'] or 0}"
    )
    print(f"time to send (job start→end){elapsed:>8.1f} s   (target ≤ 60 s for 5000)")
    print(f"deliveries per second       {received / elapsed:>8.0f}")
    print(f"start page before the send  {figures(before)}   ({len(before)} requests)")
    if during:
        print(
            f"start page during the send  {figures(during)}   ({len(during)} requests)"
        )
        ratio = percentile(during, 0.95) / percentile(before, 0.95)
        print(f"p95 during / before         {ratio:>8.2f}   (target ≤ 1.2)")
    print(
        json.dumps({"reasons": stats.get("reasons", [])})
        if stats.get("reasons")
        else ""
    )
    return 0 if received == args.devices and not stats["refused"] else 1


if __name__ == "__main__":
    sys.exit(main())
