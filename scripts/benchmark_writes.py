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
    --busy          keep both cores busy with other work during the run
    --log PATH      the instance's event log, to count ConflictErrors
                    (default instance/var/log/event.log)
    --datafs PATH   the FileStorage, to measure what each comment adds
                    (default instance/var/filestorage/Data.fs)

Each member posts their share of comments one after the other through the
comment form under the item (as a phone does), all members at the same
time; then the same for the form. Afterwards the script counts what arrived:
comments on the item (REST, as the admin) and cases whose text it sent (REST
@arenden). It prints requests, answers by class (2xx/3xx, 4xx, 5xx),
ConflictErrors the instance logged (each one a request Zope ran again) and
the items found. Nothing written is lost when "found" equals "sent" and 5xx
is 0. Run it against a local instance only: it creates accounts and content.
"""

from concurrent.futures import ThreadPoolExecutor
from lxml import html
from pathlib import Path

import argparse
import collections
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


def in_parallel(work, logins, texts, *args):
    """Each member sends their share of ``texts``, all members at once."""
    shares = {login: texts[n :: len(logins)] for n, login in enumerate(logins)}
    tally = Tally()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(logins)) as pool:
        jobs = [pool.submit(work, *args, login, shares[login], tally) for login in logins]
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
    by_class = collections.Counter(line.split("class ")[-1].split(",")[0] for line in found)
    return len(found), len(final), by_class


def report(title, sent, answers, seconds, found, conflicts):
    print(f"\n{title}")
    print(f"  requests        {sent}  ({seconds:.0f} s, {sent / seconds:.1f}/s)")
    for kind in ("2xx", "3xx", "4xx", "5xx"):
        print(f"  {kind}             {answers.get(kind, 0)}")
    if conflicts is not None:
        total, final, by_class = conflicts
        print(f"  ConflictErrors  {total} in the log ({final} after the last retry)")
        for name, count in by_class.most_common(5):
            print(f"      {count:5d}  {name}")
    print(f"  found after     {found} of {sent}")


def main(argv=None):
    args = arguments(argv)
    url = args.url.rstrip("/")
    admin = tuple(args.admin.split(":", 1))
    log, datafs = Path(args.log), Path(args.datafs)
    logins = ensure_members(url, admin, args.members)
    run = uuid.uuid4().hex[:6]
    item = published_news(url, admin, f"Lasttest {run}")
    print(f"{args.members} members; news item {item}")

    stop = multiprocessing.Event()
    burners = []
    if args.busy:
        burners = [multiprocessing.Process(target=spin, args=(stop,)) for _ in "12"]
        for burner in burners:
            burner.start()
        print("both cores kept busy by two other processes")
    try:
        offset = log.stat().st_size if log.exists() else 0
        size = datafs.stat().st_size if datafs.exists() else None
        texts = [f"Kommentar {run} nummer {n}" for n in range(args.comments)]
        answers, seconds = in_parallel(post_comments, logins, texts, item)
        grown = datafs.stat().st_size - size if size is not None else None
        session = api(url, admin)
        total = session.get(f"{item}/@comments", params={"b_size": 1}).json()
        report(
            f"{args.comments} comments on one news item",
            args.comments,
            answers,
            seconds,
            total["items_total"],
            conflicts_since(log, offset),
        )
        if grown is not None and args.comments:
            print(f"  Data.fs grew    {grown / args.comments / 1024:.1f} KB a comment")

        offset = log.stat().st_size if log.exists() else 0
        form_url = f"{url}/blanketter/fraga-hr"
        texts = [f"Fråga {run} nummer {n}" for n in range(args.forms)]
        answers, seconds = in_parallel(post_forms, logins, texts, form_url)
        cases = session.get(f"{form_url}/@arenden").json()["items"]
        found = sum(1 for c in cases if run in str(c["data"].get("fraga", "")))
        report(
            f"{args.forms} submissions of Fråga HR",
            args.forms,
            answers,
            seconds,
            found,
            conflicts_since(log, offset),
        )
    finally:
        stop.set()
        for burner in burners:
            burner.join()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_PROXY", "localhost")
    sys.exit(main())
