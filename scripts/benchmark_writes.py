"""Many members writing at once: comments on one news item and e-form
submissions, against a running instance. Prints what happened.

    .venv/bin/python scripts/benchmark_writes.py [URL] [options]

    URL             the site (default http://localhost:8080/Plone; use
                    localhost, not 127.0.0.1)
    --admin U:P     a Manager account that may create accounts and content
                    (default admin:admin, the local Zope admin)
    --members N     members writing at once (default 20; accounts
                    bench.01 ... are created if missing)
    --comments N    comments posted on one new news item (default 1000)
    --forms N       submissions of Fråga HR (default 200)
    --joins N       times each member joins and leaves an open community,
                    starting a discussion there each time (default 5)
    --busy          keep both cores busy with other work during the run
    --log PATH      the instance's event log, to count ConflictErrors
                    (default instance/var/log/event.log)
    --datafs PATH   the FileStorage, to measure what each comment adds
                    (default instance/var/filestorage/Data.fs)

Each member posts their share of comments one after the other through the
comment form under the item (as a phone does), all members at the same
time; then the same for the form; then each member joins a new open
community, starts a discussion in it and leaves, again and again.
Afterwards the script counts what arrived: comments on the item (REST, as
the admin), cases whose text it sent (REST @arenden) and the discussions.

It prints requests, answers by class (2xx/3xx, 4xx, 5xx), ConflictErrors
the instance logged (each one a request Zope ran again) and the items
found, and exits 1 unless nothing was lost ("found" equals
"sent") and no answer was a 5xx. Run it against a local instance only: it
creates accounts and content. tests/instance/test_writes_under_load.py runs
a smaller version.
"""

from concurrent.futures import ThreadPoolExecutor
from lxml import html
from pathlib import Path

import argparse
import collections
import contextlib
import multiprocessing
import os
import requests
import sys
import time
import uuid


PASSWORD = "Bench-losen-2026"


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default="http://localhost:8080/Plone")
    parser.add_argument("--admin", default="admin:admin")
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--forms", type=int, default=200)
    parser.add_argument("--joins", type=int, default=5)
    parser.add_argument("--busy", action="store_true")
    parser.add_argument("--log", default="instance/var/log/event.log")
    parser.add_argument("--datafs", default="instance/var/filestorage/Data.fs")
    return parser.parse_args(argv)


def api(url, auth):
    session = requests.Session()
    session.auth = auth
    session.headers["Accept"] = "application/json"
    return session


def ensure_members(url, admin, count):
    """bench.01 ... bench.NN, created over REST when missing."""
    logins = [f"bench.{n:02d}" for n in range(1, count + 1)]
    session = api(url, admin)
    for login in logins:
        if session.get(f"{url}/@users/{login}").status_code == 200:
            continue
        created = session.post(
            f"{url}/@users",
            json={
                "username": login,
                "password": PASSWORD,
                "email": f"{login}@solna.example",
                "fullname": f"Bench {login[-2:]}",
            },
        )
        created.raise_for_status()
    return logins


def published_news(url, admin, title):
    session = api(url, admin)
    created = session.post(url, json={"@type": "News Item", "title": title})
    created.raise_for_status()
    item = created.json()["@id"]
    session.post(f"{item}/@workflow/publish").raise_for_status()
    return item


def member(login):
    session = requests.Session()
    session.auth = (login, PASSWORD)
    session.headers["Accept"] = "text/html"
    return session


def form_of(session, url, button):
    """The fields of the page's form that has ``button``."""
    for _attempt in range(5):
        response = session.get(url, timeout=300)
        forms = html.fromstring(response.text).xpath(f'//form[.//*[@name="{button}"]]')
        if forms:
            return forms[0].get("action") or url, dict(forms[0].form_values())
        time.sleep(1)
    raise RuntimeError(f"{url} has no form with {button} ({response.status_code})")


class Tally:
    def __init__(self):
        self.answers = collections.Counter()
        self.lock = multiprocessing.Lock()

    def add(self, status):
        with self.lock:
            self.answers[f"{status // 100}xx"] += 1


def post_comments(item, login, texts, tally):
    session = member(login)
    action, fields = form_of(session, item, "form.buttons.comment")
    for text in texts:
        data = {**fields, "form.widgets.text": text, "form.buttons.comment": "1"}
        response = session.post(action, data=data, allow_redirects=False, timeout=300)
        tally.add(response.status_code)


def post_forms(form_url, login, texts, tally):
    session = member(login)
    action, fields = form_of(session, form_url, "form.buttons.submit")
    page = html.fromstring(session.get(form_url, timeout=120).text)
    subject = page.xpath('//select[@name="form.widgets.amne:list"]/option[.="Lön"]')
    for text in texts:
        data = {
            **fields,
            "form.widgets.amne:list": subject[0].get("value"),
            "form.widgets.fraga": text,
            "form.buttons.submit": "Skicka",
        }
        response = session.post(action, data=data, timeout=300)
        tally.add(response.status_code)


def open_community(url, admin, title):
    session = api(url, admin)
    created = session.post(
        f"{url}/natverk", json={"@type": "solna.Community", "title": title}
    )
    created.raise_for_status()
    return created.json()["@id"]


def join_and_share(community, login, texts, tally):
    session = member(login)
    session.headers["Accept"] = "application/json"
    for text in texts:
        for call in (
            lambda: session.post(f"{community}/@natverk", json={"action": "join"}),
            lambda t=text: session.post(
                community, json={"@type": "solna.Topic", "title": t, "text": t}
            ),
            lambda: session.post(f"{community}/@natverk", json={"action": "leave"}),
        ):
            tally.add(call().status_code)


def in_parallel(work, logins, texts, *args):
    """Each member sends their share of ``texts``, all members at once."""
    shares = {login: texts[n :: len(logins)] for n, login in enumerate(logins)}
    tally = Tally()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(logins)) as pool:
        jobs = [
            pool.submit(work, *args, login, shares[login], tally) for login in logins
        ]
        for job in jobs:
            job.result()
    return tally.answers, time.monotonic() - started


def spin(stop):
    while not stop.is_set():
        sum(i * i for i in range(10000))


def conflicts_since(log, offset):
    if not log.exists():
        return None
    with log.open("rb") as handle:
        handle.seek(offset)
        lines = handle.read().decode("utf-8", "replace").splitlines()
    found = [line for line in lines if "ConflictError on" in line]
    final = [line for line in found if "no retries left" in line]
    by_class = collections.Counter(
        line.split("class ")[-1].split(",")[0] for line in found
    )
    return len(found), len(final), by_class


class Phase:
    """What one kind of write did: requests sent, answers by class, seconds,
    items found afterwards, ConflictErrors logged (total, after the last
    retry, by class) and Data.fs growth in bytes."""

    def __init__(self, title, sent, answers, seconds, found, conflicts, grown=None):
        self.title, self.sent, self.answers = title, sent, answers
        self.seconds, self.found, self.conflicts = seconds, found, conflicts
        self.grown = grown

    def errors(self):
        return self.answers.get("5xx", 0)

    def report(self):
        rate = self.sent / self.seconds if self.seconds else 0
        print(f"\n{self.title}")
        print(f"  requests        {self.sent}  ({self.seconds:.0f} s, {rate:.1f}/s)")
        for kind in ("2xx", "3xx", "4xx", "5xx"):
            print(f"  {kind}             {self.answers.get(kind, 0)}")
        if self.conflicts is not None:
            total, final, by_class = self.conflicts
            print(
                f"  ConflictErrors  {total} in the log ({final} after the last retry)"
            )
            for name, count in by_class.most_common(5):
                print(f"      {count:5d}  {name}")
        print(f"  found after     {self.found} of {self.sent}")
        if self.grown is not None and self.sent:
            print(f"  Data.fs grew    {self.grown / self.sent / 1024:.1f} KB a request")


class Log:
    """The instance's event log, read from where it ended."""

    def __init__(self, path):
        self.path = path
        self.mark()

    def mark(self):
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def conflicts(self):
        found = conflicts_since(self.path, self.offset)
        self.mark()
        return found


def measure(
    url, admin, members=20, comments=1000, forms=200, joins=5, log=None, datafs=None
):
    """Run the three phases against the site at ``url``; returns [Phase]."""
    url = url.rstrip("/")
    log = Log(Path(log or "instance/var/log/event.log"))
    datafs = Path(datafs or "instance/var/filestorage/Data.fs")
    logins = ensure_members(url, admin, members)
    run = uuid.uuid4().hex[:6]
    session = api(url, admin)
    phases = []

    item = published_news(url, admin, f"Lasttest {run}")
    size = datafs.stat().st_size if datafs.exists() else None
    log.mark()
    texts = [f"Kommentar {run} nummer {n}" for n in range(comments)]
    answers, seconds = in_parallel(post_comments, logins, texts, item)
    grown = datafs.stat().st_size - size if size is not None else None
    total = session.get(f"{item}/@comments", params={"b_size": 1}).json()
    phases.append(
        Phase(
            f"{comments} comments on one news item",
            comments,
            answers,
            seconds,
            total["items_total"],
            log.conflicts(),
            grown,
        )
    )

    form_url = f"{url}/blanketter/fraga-hr"
    texts = [f"Fråga {run} nummer {n}" for n in range(forms)]
    answers, seconds = in_parallel(post_forms, logins, texts, form_url)
    cases = session.get(f"{form_url}/@arenden").json()["items"]
    found = sum(1 for c in cases if run in str(c["data"].get("fraga", "")))
    phases.append(
        Phase(
            f"{forms} submissions of Fråga HR",
            forms,
            answers,
            seconds,
            found,
            log.conflicts(),
        )
    )

    community = open_community(url, admin, f"Lasttest {run}")
    texts = [f"Diskussion {run} nummer {n}" for n in range(joins * len(logins))]
    answers, seconds = in_parallel(join_and_share, logins, texts, community)
    topics = session.get(f"{community}/@natverk").json()["topics"]
    phases.append(
        Phase(
            f"{len(texts)} times join, start a discussion, leave (an open community)",
            len(texts) * 3,
            answers,
            seconds,
            3 * sum(1 for t in topics if run in t["title"]),
            log.conflicts(),
        )
    )
    return phases


class Busy:
    """Both cores kept busy by two other processes while it is entered."""

    def __enter__(self):
        self.stop = multiprocessing.Event()
        self.burners = [
            multiprocessing.Process(target=spin, args=(self.stop,)) for _ in "12"
        ]
        for burner in self.burners:
            burner.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for burner in self.burners:
            burner.join()


def main(argv=None):
    args = arguments(argv)
    admin = tuple(args.admin.split(":", 1))
    print(f"{args.members} members writing at once on {args.url}")
    with Busy() if args.busy else contextlib.nullcontext():
        if args.busy:
            print("both cores kept busy by two other processes")
        phases = measure(
            args.url,
            admin,
            args.members,
            args.comments,
            args.forms,
            args.joins,
            log=args.log,
            datafs=args.datafs,
        )
    for phase in phases:
        phase.report()
    return 1 if any(p.errors() or p.found != p.sent for p in phases) else 0


if __name__ == "__main__":
    os.environ.setdefault("NO_PROXY", "localhost")
    sys.exit(main())
