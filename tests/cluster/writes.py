"""Many members commenting at once through the cluster's balancer (issue 22):
the load of tests/cluster/test_writes.py, and what it counts.

``Load`` posts comments from several client threads, each signed in as one
of the members, on a few published news items at once (one gets half of
them), over REST ``@comments`` and through the comment form under the item
(with its CSRF token), as phones do. Each answer is kept per text; a text
whose post got no answer or an error may be sent again by the client
(``retry_failed``), after it has looked whether it was stored (a POST the
balancer could not finish may have been committed): no text is stored
twice. ``stored`` counts what arrived through the conversation (REST
``@comments``) and through the catalog (``@search``); ``conflicts`` reads
the ConflictErrors each Zope process logged (solna.intranet.browser.
conflicts, with the class of the object).
"""

from concurrent.futures import ThreadPoolExecutor
from lxml import html

import collections
import requests
import threading
import time
import typing


#: Longer than HAProxy's timeouts (queue 60 s, server 120 s): a slow
#: process is answered by the balancer (503, 504), never by the client's
#: giving up.
TIMEOUT = 200


#: The status recorded for a post the client gave up waiting for (0: the
#: connection closed without an answer).
TIMED_OUT = -1


def session(auth, accept="application/json"):
    client = requests.Session()
    client.auth = auth
    client.headers["Accept"] = accept
    return client


def published_news(admin, url, title):
    """A new published news item (REST); returns its URL."""
    created = admin.post(url, json={"@type": "News Item", "title": title}, timeout=60)
    assert created.status_code == 201, created.text
    item = created.json()["@id"]
    published = admin.post(f"{item}/@workflow/publish", timeout=60)
    assert published.status_code == 200, published.text
    return item


class Load:
    """``count`` comments (texts ``Kommentar <run> nr <n>``) on ``items``
    (half on the first, the rest shared), posted by ``threads`` client
    threads signed in as ``members`` ({login: password}); every third
    through the comment form, the others over REST."""

    def __init__(self, items, members, count, threads, run):
        self.items, self.threads, self.run = items, threads, run
        self.members = list(members.items())
        self.jobs = []
        for n in range(count):
            others = items[1:] or items
            item = items[0] if n % 2 == 0 else others[(n // 2) % len(others)]
            kind = "form" if n % 3 == 0 else "rest"
            self.jobs.append((f"Kommentar {run} nr {n}", item, kind))
        # text: the status of its last answer (0: none, TIMED_OUT)
        self.answers = {}
        #: text: why its last post got no answer (the client's exception)
        self.errors = {}
        self.codes = collections.Counter()
        self.resent = 0
        self.lock = threading.Lock()
        self.seconds = 0.0
        self.forms = {}
        #: 502s, 503s and 504s not in the site's own words (HAProxy's
        #: English page): [(status, the body's start)].
        self.untold = []

    #: {status: what its answer says in the site's words (HTML, JSON)}
    TOLD: typing.ClassVar = {
        503: ("Intranätet når inte sin databas", "ServiceUnavailable"),
        502: ("Intranätet kunde inte svara", "BadGateway"),
        504: ("Intranätet kunde inte svara", "GatewayTimeout"),
    }

    def check_told(self, response):
        """Note a 503 that does not say, in the site's words and with
        Retry-After, that the database is away (solna.intranet.
        database_away, or HAProxy's copy of it when no process is up), and
        a 502 or 504 of HAProxy's that does not say that what was sent may
        have been stored (a process died with the request)."""
        told = self.TOLD.get(response.status_code)
        if told is None:
            return
        body = response.text
        if "Retry-After" not in response.headers or not any(t in body for t in told):
            with self.lock:
                self.untold.append((response.status_code, body[:80]))

    def form(self, client, item):
        """The comment form's action and fields (its CSRF token) on ``item``
        for this member; the page's status code when it is not shown (the
        database was away)."""
        page = client.get(item, headers={"Accept": "text/html"}, timeout=TIMEOUT)
        self.check_told(page)
        if page.status_code != 200:
            return page.status_code
        (form,) = html.fromstring(page.text).xpath(
            '//form[.//*[@name="form.buttons.comment"]]'
        )
        return form.get("action") or item, dict(form.form_values())

    def post(self, client, forms, text, item, kind):
        """One post; returns the status code (0: no answer)."""
        try:
            if kind == "rest":
                answer = client.post(
                    f"{item}/@comments", json={"text": text}, timeout=TIMEOUT
                )
            else:
                if item not in forms:
                    found = self.form(client, item)
                    if isinstance(found, int):
                        return found  # no form, no post
                    forms[item] = found
                action, fields = forms[item]
                answer = client.post(
                    action,
                    data={
                        **fields,
                        "form.widgets.text": text,
                        "form.buttons.comment": "1",
                    },
                    headers={"Accept": "text/html"},
                    allow_redirects=False,
                    timeout=TIMEOUT,
                )
        except requests.RequestException as error:
            with self.lock:
                self.errors[text] = f"{type(error).__name__}: {error}"
            return TIMED_OUT if isinstance(error, requests.Timeout) else 0
        self.check_told(answer)
        return answer.status_code

    def record(self, text, code):
        with self.lock:
            self.answers[text] = code
            self.codes[code] += 1

    def worker(self, number):
        login, password = self.members[number % len(self.members)]
        client = session((login, password))
        forms = {}
        for text, item, kind in self.jobs[number :: self.threads]:
            self.record(text, self.post(client, forms, text, item, kind))

    def __call__(self):
        """Post everything; returns self."""
        started = time.monotonic()
        with ThreadPoolExecutor(self.threads) as pool:
            for done in [pool.submit(self.worker, n) for n in range(self.threads)]:
                done.result()
        self.seconds = time.monotonic() - started
        return self

    def succeeded(self):
        """The texts answered 2xx (REST 204, the form's 302 redirect)."""
        return {t for t, code in self.answers.items() if 200 <= code < 400}

    def failed(self):
        """{text: status (0: no answer)} of the posts not answered 2xx/3xx."""
        return {t: code for t, code in self.answers.items() if not 200 <= code < 400}

    def why_failed(self):
        """{text: (status, the client's exception or "")}: for an assertion's
        message, so a failure in CI says what the client met."""
        return {t: (code, self.errors.get(t, "")) for t, code in self.failed().items()}

    def server_errors(self):
        """{status: count} of the answers that were 5xx."""
        return {c: n for c, n in self.codes.items() if c >= 500}

    def stored_texts(self, admin):
        """Every comment text on the items, read through the conversations
        (REST ``@comments`` lists them all); a Counter: a text stored twice
        counts 2."""
        texts = collections.Counter()
        for item in self.items:
            listed = admin.get(
                f"{item}/@comments", params={"b_size": 10000}, timeout=TIMEOUT
            )
            assert listed.status_code == 200, listed.text
            for comment in listed.json()["items"]:
                texts[
                    html.fromstring(comment["text"]["data"]).text_content().strip()
                ] += 1
        return texts

    def in_catalog(self, admin, site):
        """The number of this run's comments the catalog finds."""
        found = admin.get(
            f"{site}/@search",
            params={
                "portal_type": "Discussion Item",
                "SearchableText": self.run,
                "b_size": 1,
            },
            timeout=TIMEOUT,
        )
        assert found.status_code == 200, found.text
        return found.json()["items_total"]

    def retry_failed(self, admin):
        """The client sends again what got no 2xx, unless it was stored
        after all (a request the balancer lost on a killed process may have
        been committed). Returns how many it sent again."""
        stored = self.stored_texts(admin)
        jobs = {text: (item, kind) for text, item, kind in self.jobs}
        login, password = self.members[0]
        client, forms = session((login, password)), {}
        for text in sorted(self.failed()):
            if stored[text]:
                self.answers[text] = 200
                continue
            item, kind = jobs[text]
            self.resent += 1
            self.record(text, self.post(client, forms, text, item, kind))
        return self.resent


class EventLogs:
    """The event logs of the cluster's Zope processes, read from where they
    ended when this was made (or ``mark``ed)."""

    def __init__(self, home, workers=2):
        self.paths = [home / f"var/log/event-{n}.log" for n in range(1, workers + 1)]
        self.balancer_path = home / "var/log/haproxy.log"
        self.mark()

    def mark(self):
        self.offsets = [p.stat().st_size if p.exists() else 0 for p in self.paths]
        self.balancer_offset = (
            self.balancer_path.stat().st_size if self.balancer_path.exists() else 0
        )

    def balancer(self):
        """What HAProxy logged since the mark (warnings and errors: a
        connection it closed, a server it took out), its last 20 lines."""
        if not self.balancer_path.exists():
            return []
        with self.balancer_path.open("rb") as log:
            log.seek(self.balancer_offset)
            return log.read().decode("utf-8", "replace").splitlines()[-20:]

    def conflicts(self):
        """(retried, after the last retry, Counter of the classes)."""
        retried, final, classes = 0, 0, collections.Counter()
        for path, offset in zip(self.paths, self.offsets, strict=True):
            with path.open("rb") as log:
                log.seek(offset)
                lines = log.read().decode("utf-8", "replace").splitlines()
            for line in lines:
                if "ConflictError on" not in line:
                    continue
                if "no retries left" in line:
                    final += 1
                else:
                    retried += 1
                classes[line.split("class ")[-1].split(",")[0]] += 1
        return retried, final, classes


def report(title, load, conflicts, extra=""):
    """The figures, printed (pytest shows them with -s or -rP)."""
    retried, final, classes = conflicts
    rate = len(load.jobs) / load.seconds if load.seconds else 0
    print(
        f"\n{title}: {len(load.jobs)} posts from {load.threads} threads in "
        f"{load.seconds:.1f} s ({rate:.1f} posts/s); answers {dict(load.codes)}; "
        f"ConflictErrors retried {retried}, after the last retry {final}; "
        f"sent again by the client {load.resent}{extra}"
    )
    for name, count in classes.most_common(8):
        print(f"    {count:4d}  {name}")
