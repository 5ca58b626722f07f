"""`make benchmark`: this project against stock Plone 6.2.2, side by side (issue 21).

Run::

    make benchmark                                   # small: ~10 min first, ~3 later
    make benchmark BENCHMARK_ARGS="--large"          # the issue's figures
    .venv/bin/python scripts/benchmark.py --help     # every option

``--large`` is ``--news 20000 --people 5000 --rules 1000 --answers 1000``:
the first build of that takes hours (``make demo-large``'s loader); every
later run reuses it. The small default (500 news, the demo's 300 people) is
for trying the flow. On a shared machine prefix ``nice -n 19``; the CPU
figures hold even then, the req/s and latencies less so.

**What it builds**, once, cached under ``var/benchmark/`` (git-ignored;
delete a directory, or pass ``--rebuild``, to build it again):

- ``stock/venv``: a venv with ``Plone==6.2.2`` installed from PyPI with the
  project's own ``constraints.txt`` (``pip -c``), and **not** solna.intranet:
  plone.autoinclude finds no solna.intranet there, so none of our ZCML,
  patches or theme can load (checked at every run: the package is not
  importable in that venv, and the stock pages carry none of our markers).
- ``stock/site-N``: a Zope instance (``instance/skel`` as the model, without
  our gzip filter) with a Plone site made by the ``classic`` distribution,
  Swedish, with news kept out of the navigation, one member (the demo's
  ``anna.lindqvist`` with the demo password) and the same N published news
  (ids, titles, texts, dates) as the project's data set
  (``scripts/benchmark_stock_site.py``).
- ``project/<sizes>``: a project instance made like ``make site`` (demo
  profile) plus ``scripts/generate_demo.py`` at the chosen sizes (what
  ``make demo-large`` runs), and 50 comments on ``nyheter/nyhet-00002``
  (``scripts/benchmark_project_site.py``). A second, smaller project site
  (``--growth-news``, default a tenth of ``--news``, at least the demo's
  100) is built the same way for the growth of ``@mitt-intranat``. When our
  profile's version changes, the cached sites are upgraded first
  (``scripts/create_site.py``).

**What it runs**: each site in one Zope process (``runwsgi``, waitress, four
threads, the instance's own zope.conf) on a free port, then ``wrk`` (Debian;
installed with apt-get when missing), which keeps its connections open,
with ``Host: localhost`` (the theme is on) and HTTP Basic credentials of the
member. Every page is requested a few times first (warm caches; its status,
size and markers are checked), then measured ``--rounds`` times for
``--duration`` seconds each, interleaved: every round visits every page, in
reverse order every other round, so that a busy moment of the machine hits
both sides of a comparison. ``--connections`` (default 1) concurrent
connections: with one, the latency is what one request takes. After each
run the process is let finish the request wrk left in flight (until no
thread of it runs and it uses no CPU for 0.1 s), so that it is counted for
its own page and the next page's first request does not run beside it in a
second thread with a ZODB connection (and cache) of its own: one
connection, one cache.

**The figures**, per page, summed over its rounds:

- ``req/s``: requests answered per second of load (wrk);
- ``p50``/``p95``: latency percentiles in ms (wrk's histogram of all rounds);
- ``CPU ms``: user + system CPU time the Zope process used
  (``/proc/PID/stat``, before and after each round) per request: the cost of
  the page, whatever else the machine does;
- ``KB``: the response body, uncompressed (1 KB = 1,000 bytes);
- ``errors``: non-2xx answers and socket errors (must be 0).

Then per process its **peak RSS** (``VmHWM``) while serving the pages (the
same load for both sites: the goal compares these) and how much its
``Data.fs`` grew meanwhile (page views must write nothing), the **CPU per
add** of a page (REST ``POST`` as ``admin``) into the largest förvaltning and
into an empty folder (the median of ``--adds`` each, interleaved, after one
uncounted add to each; deleted afterwards; CPU time is read in 10 ms ticks)
with the project's peak RSS after those adds (stock's site adds nothing), and
the issue's goals as ratios, each PASS or FAIL: page ratios compare req/s
(the CPU ratio is printed beside it, steadier on a busy machine);
``@mitt-intranat`` growth compares CPU per request. Results are also saved as
JSON in ``var/benchmark/results-<time>.json``, and each page as the member
got it in ``var/benchmark/pages/``. Exits 1 when a goal fails or a request
failed.

Everything it starts (Zope processes, wrk) is stopped at the end, on
Ctrl-C and on errors.
"""

from pathlib import Path
from urllib.parse import quote

import argparse
import base64
import contextlib
import datetime
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "benchmark"
#: Each page as the member got it at the last run, to look at.
PAGES = CACHE / "pages"
VENV = ROOT / ".venv" / "bin"
SKEL = ROOT / "instance" / "skel"
#: Our instance's WSGI application (instance/skel/etc/zope.ini.in).
APPLICATION = "call:solna.intranet.wsgi:make_wsgi_app"
CONSTRAINTS = ROOT / "constraints.txt"
PLONE_VERSION = "6.2.2"
SITE_ID = "Plone"
ADMIN = ("admin", "admin")
MEMBER = "anna.lindqvist"
COMMENTS = 50
COMMENTED = "nyheter/nyhet-00002"
UNCOMMENTED = "nyheter/nyhet-00003"
STOCK_NEWS = "nyheter/nyhet-00003"
UNIT = "barn-och-utbildningsforvaltningen/norra-forskoleomradet/solglantan"
#: Ports the test suite uses: never ours.
RESERVED_PORTS = {8080, *range(55001, 55101)}
#: Our package's traces in a page: none may be in a stock page.
MARKERS = re.compile(r"solna\.intranet|\+\+theme\+\+solna|\bsolna-[a-z]")


LARGE = {"news": 20000, "people": 5000, "rules": 1000, "answers": 1000}
WRK_LUA = """
done = function(summary, latency, requests)
  io.write("BENCH requests=", summary.requests, " duration=", summary.duration,
           " bytes=", summary.bytes, " status=", summary.errors.status,
           " socket=", summary.errors.connect + summary.errors.read
             + summary.errors.write + summary.errors.timeout, "\\n")
  for i = 1, #latency do
    local value, count = latency(i)
    io.write("HIST ", value, " ", count, "\\n")
  end
end
"""


class HelpFormatter(
    argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter
):
    """``--help`` with the description as written and each option's default
    shown, except a switch's (off)."""

    def _get_help_string(self, action):
        if action.default is False:
            return action.help
        return super()._get_help_string(action)


def arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=HelpFormatter,
    )
    size = parser.add_argument_group("data set (cached per size)")
    size.add_argument("--news", type=int, default=500, help="how many published news")
    size.add_argument(
        "--people", type=int, default=300, help="how many staff in the directory"
    )
    size.add_argument(
        "--rules", type=int, default=0, help="how many rules (0: the demo's own)"
    )
    size.add_argument(
        "--answers", type=int, default=0, help="how many answers (0: the demo's own)"
    )
    size.add_argument(
        "--growth-news",
        type=int,
        default=0,
        help="news of the smaller site for @mitt-intranat's growth "
        "(0: a tenth of --news, at least 100)",
    )
    size.add_argument(
        "--large",
        action="store_true",
        help="the issue's sizes: "
        + ", ".join(f"--{name} {value}" for name, value in LARGE.items())
        + " (these replace what is given for them)",
    )
    size.add_argument("--rebuild", action="store_true", help="build everything again")
    load = parser.add_argument_group("load")
    load.add_argument(
        "--duration", type=int, default=5, help="seconds per page per round"
    )
    load.add_argument("--rounds", type=int, default=2, help="interleaved A/B rounds")
    load.add_argument(
        "--connections", type=int, default=1, help="wrk's open connections"
    )
    load.add_argument("--adds", type=int, default=5, help="adds per place")
    load.add_argument("--query", default="anna", help="Hitta kontakt's query")
    load.add_argument("--search", default="brandskydd", help="the search's words")
    load.add_argument(
        "--startup-timeout",
        type=float,
        default=900,
        help="seconds to wait for a Zope process to answer",
    )
    args = parser.parse_args(argv)
    if args.large:
        for name, value in LARGE.items():
            setattr(args, name, value)
    args.growth_news = args.growth_news or max(100, args.news // 10)
    return args


def say(text):
    print(text, flush=True)


def run(command, log, env=None, cwd=ROOT):
    """Run a build step, its output to ``log``; fail with its tail."""
    say(f"  $ {' '.join(str(c) for c in command)}")
    with open(log, "a", encoding="utf-8") as out:
        done = subprocess.run(
            [str(c) for c in command],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode:
        tail = Path(log).read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"Failed ({done.returncode}): see {log}\n{tail}")


# -- building ----------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return
    say("wrk is missing: apt-get install -y wrk")
    try:
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise SystemExit(
            f"Could not install wrk ({error}): run `sudo apt-get install wrk`"
        ) from error


def profile_version():
    text = (ROOT / "src/solna/intranet/profiles/default/metadata.xml").read_text()
    return re.search(r"<version>([^<]+)</version>", text).group(1)


def make_instance(directory, bin_dir, stock=False):
    """A Zope instance from instance/skel (the stock one without our gzip
    filter, which lives in solna.intranet)."""
    if (directory / "etc" / "zope.conf").exists():
        return
    run(
        [
            bin_dir / "mkwsgiinstance",
            "-d",
            directory,
            "-s",
            SKEL,
            "-u",
            ":".join(ADMIN),
        ],
        directory.parent / f"{directory.name}.log",
    )
    if stock:
        ini = directory / "etc" / "zope.ini"
        ini.write_text(stock_ini(ini.read_text()))


#: Our parts of instance/skel's zope.ini, and what a stock instance has
#: instead: Zope's own application (ours applies zope.conf's <environment>
#: to the translations: solna.intranet.wsgi) and Paste's access log.
OURS_IN_INI = {
    "call:solna.intranet.wsgi:make_wsgi_app": "egg:Zope#main",
    "call:solna.intranet.accesslog:filter_factory": "egg:Paste#translogger",
}


def stock_ini(text):
    """instance/skel's zope.ini (str) without what lives in solna.intranet:
    our gzip filter left out, our application and access log Zope's and
    Paste's."""
    text = re.sub(r"\[filter:compress\]\n[^\[]*", "", text)
    text = text.replace("    compress\n", "")
    for ours, theirs in OURS_IN_INI.items():
        text = text.replace(f"use = {ours}", f"use = {theirs}")
    return text


def news_plan(count):
    """The news of the project's data set (the demo plan's, deterministic):
    the stock site gets the same ones. The demo profile's own 100 news are
    the plan's first 100."""
    from solna.intranet.demo.generator import plan
    from solna.intranet.demo.generator import Sizes

    news = plan(Sizes(people=0, rules=0, answers=0, news=count)).news
    return [
        {
            "id": item.path[-1],
            "title": item.fields["title"],
            "description": item.fields["description"],
            "text": item.fields["text"],
            "effective": item.fields["effective"].isoformat() + "+01:00",
        }
        for item in news
    ]


def build_project(args, news, rebuild):
    key = f"news{news}-people{args.people}-rules{args.rules}-answers{args.answers}"
    directory = CACHE / "project" / key
    built = directory / "built.json"
    log = directory.parent / f"{key}.log"
    if rebuild and directory.exists():
        shutil.rmtree(directory)
    if built.exists():
        info = json.loads(built.read_text())
        if ".".join(info["profile_version"]) == profile_version():
            return directory, info
        say(f"Project site {key}: our profile changed, upgrading it")
    else:
        say(f"Building the project site {key} (log: {log})")
    directory.parent.mkdir(parents=True, exist_ok=True)
    make_instance(directory, VENV)
    conf = directory / "etc" / "zope.conf"
    run(
        [VENV / "zconsole", "run", conf, "scripts/create_site.py"],
        log,
        {"DEMO": "yes", "SITE_ID": SITE_ID},
    )
    sizes = {"DEMO_NEWS": news, "DEMO_PEOPLE": args.people}
    if args.rules:
        sizes["DEMO_RULES"] = args.rules
    if args.answers:
        sizes["DEMO_ANSWERS"] = args.answers
    started = time.process_time(), time.monotonic()
    run(
        [VENV / "zconsole", "run", conf, "scripts/generate_demo.py"],
        log,
        {
            "DEMO_SIZE": "demo",
            "SITE_ID": SITE_ID,
            **{k: str(v) for k, v in sizes.items()},
        },
    )
    run(
        [VENV / "zconsole", "run", conf, "scripts/benchmark_project_site.py"],
        log,
        {
            "SITE_ID": SITE_ID,
            "BENCH_COMMENTS": str(COMMENTS),
            "BENCH_COMMENTED": COMMENTED,
            "BENCH_OUT": str(built),
        },
    )
    say(f"  built in {time.monotonic() - started[1]:.0f} s")
    return directory, json.loads(built.read_text())


def build_stock_venv(rebuild):
    venv = CACHE / "stock" / "venv"
    marker = venv / ".installed"
    constraints = CONSTRAINTS.read_text()
    if rebuild and venv.exists():
        shutil.rmtree(venv)
    if marker.exists() and marker.read_text() == constraints:
        return venv / "bin"
    log = CACHE / "stock" / "venv.log"
    say(f"Installing stock Plone {PLONE_VERSION} into {venv} (log: {log})")
    venv.parent.mkdir(parents=True, exist_ok=True)
    python = shutil.which("python3.11") or sys.executable
    if not (venv / "bin" / "python").exists():
        run([python, "-m", "venv", venv], log)
    pip = [venv / "bin" / "pip", "install", "-q", "-c", CONSTRAINTS]
    run([*pip, "pip", "setuptools", "wheel"], log)
    run([*pip, f"Plone=={PLONE_VERSION}"], log)
    marker.write_text(constraints)
    return venv / "bin"


def check_stock_venv(bin_dir):
    """solna.intranet must not be importable in the stock venv."""
    found = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import importlib.util as u; print(u.find_spec('solna') is not None)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if found != "False":
        raise SystemExit("The stock venv can import solna: it is not stock.")


def build_stock(bin_dir, news, rebuild):
    directory = CACHE / "stock" / f"site-{len(news)}"
    built = directory / "built.json"
    if rebuild and directory.exists():
        shutil.rmtree(directory)
    if built.exists():
        return directory
    log = directory.parent / f"site-{len(news)}.log"
    say(f"Building the stock site with {len(news)} news (log: {log})")
    make_instance(directory, bin_dir, stock=True)
    plan_file = directory / "news.json"
    plan_file.write_text(json.dumps(news, ensure_ascii=False))
    from solna.intranet.demo.accounts import DEMO_PASSWORD

    run(
        [
            bin_dir / "zconsole",
            "run",
            directory / "etc" / "zope.conf",
            "scripts/benchmark_stock_site.py",
        ],
        log,
        {
            "SITE_ID": SITE_ID,
            "BENCH_NEWS_JSON": str(plan_file),
            "BENCH_USER": MEMBER,
            "BENCH_PASSWORD": DEMO_PASSWORD,
        },
    )
    built.write_text(json.dumps({"news": len(news), "plone": PLONE_VERSION}))
    return directory


# -- serving -----------------------------------------------------------------


def stat_fields(path):
    """The fields of a /proc ``stat`` file after the command's name (which
    may hold spaces): [state, ppid, …]."""
    return Path(path).read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid):
    """User + system CPU seconds of the process ``pid`` so far (/proc)."""
    fields = stat_fields(f"/proc/{pid}/stat")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss(pid):
    """The peak resident memory of the process ``pid`` in bytes (VmHWM)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) * 1024


def free_port():
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in RESERVED_PORTS:
            return port


class Zope:
    """One Zope process (runwsgi) serving an instance on a free port."""

    def __init__(self, name, directory, bin_dir, stock=False):
        self.name, self.directory, self.bin_dir = name, directory, bin_dir
        self.stock = stock
        self.port = free_port()
        self.process = None

    @property
    def base(self):
        return f"http://localhost:{self.port}/{SITE_ID}"

    def start(self):
        ini = (self.directory / "etc" / "zope.ini").read_text()
        ini = re.sub(r"(?m)^listen = .*$", f"listen = localhost:{self.port}", ini)
        if self.stock:
            # Without anything of solna.intranet (an instance kept from an
            # earlier run may name our access log).
            ini = stock_ini(ini)
        else:
            # The application as instance/skel has it now (an instance kept
            # from an earlier run may have Zope's own).
            ini = re.sub(
                r"(?m)^(\[app:zope\]\n(?:#.*\n)*)use = .*$",
                rf"\1use = {APPLICATION}",
                ini,
            )
        ini_file = self.directory / "etc" / "benchmark.ini"
        ini_file.write_text(ini)
        self.log = open(self.directory / "benchmark-zope.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(self.bin_dir / "runwsgi"), str(ini_file)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us, we stop it
        )
        say(f"  {self.name}: pid {self.process.pid}, {self.base}")

    def wait(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"{self.name} stopped at start: see "
                    f"{self.directory / 'benchmark-zope.log'}"
                )
            try:
                get(self.base, auth=ADMIN, timeout=30)
                return
            except (OSError, urllib.error.URLError):
                time.sleep(2)
        raise SystemExit(f"{self.name} did not answer within {timeout:.0f} s")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def cpu(self):
        """User + system CPU seconds of the process so far."""
        return cpu_seconds(self.process.pid)

    def peak_rss(self):
        return peak_rss(self.process.pid)

    def wait_idle(self, quiet=0.1, timeout=10.0):
        """Wait until the process is idle (at most ``timeout`` seconds): none
        of its threads running or waiting to run (``R`` in
        /proc/PID/task/*/stat) and no CPU used for ``quiet`` seconds, so the
        request wrk left in flight when its time was up is finished.
        Otherwise the next page's first request runs beside it, in a second
        thread with a second ZODB connection (and cache) of its own, and its
        CPU is counted for the next page. That request's CPU is counted for
        its own page, though wrk does not count the request: about one
        request in a run's hundreds, alike for every page. Says so when the
        process did not become idle in time."""
        deadline = time.monotonic() + timeout
        before = self.cpu()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.cpu()
            if now == before and not self.running():
                return
            before = now
        say(f"  {self.name} was still busy {timeout:.0f} s after a page's load")

    def running(self):
        """Whether a thread of the process is running or waiting to run."""
        for stat in Path(f"/proc/{self.process.pid}/task").glob("*/stat"):
            with contextlib.suppress(OSError):  # a thread that just ended
                if stat_fields(stat)[0] == "R":
                    return True
        return False

    def data_fs(self):
        return (self.directory / "var" / "filestorage" / "Data.fs").stat().st_size


def basic(auth):
    return "Basic " + base64.b64encode(":".join(auth).encode()).decode()


def get(url, auth, accept=None, timeout=120, method="GET", body=None):
    headers = {"Authorization": basic(auth), "Host": "localhost"}
    if accept:
        headers["Accept"] = accept
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body).encode()
    request = urllib.request.Request(  # noqa: S310 - our own local sites
        url,
        data=body,
        headers=headers,
        method=method,
    )
    with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
        return answer.status, answer.read()


# -- measuring ---------------------------------------------------------------


class Page:
    def __init__(self, key, label, zope, path, auth, accept=None):
        self.key, self.label, self.zope = key, label, zope
        self.url = f"{zope.base}/{path}" if path else zope.base
        self.auth, self.accept = auth, accept
        self.requests = self.duration = self.bytes = self.errors = 0
        self.cpu = 0.0
        self.histogram = {}
        self.size = 0
        self.markers = 0

    def probe(self, times=3):
        for _ in range(times):
            status, body = get(self.url, self.auth, self.accept)
        if status != 200:
            raise SystemExit(f"{self.label}: {self.url} answered {status}")
        self.size = len(body)
        text = body.decode("utf-8", "replace")
        self.markers = len(MARKERS.findall(text))
        if not self.accept and "++theme++" not in text:
            raise SystemExit(f"{self.label}: {self.url} is not themed")
        PAGES.mkdir(parents=True, exist_ok=True)
        suffix = "json" if self.accept else "html"
        (PAGES / f"{self.key}.{suffix}").write_bytes(body)
        return body

    def load(self, duration, connections, lua):
        command = [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "60s",
            "-s",
            str(lua),
            "-H",
            f"Authorization: {basic(self.auth)}",
            "-H",
            "Host: localhost",
        ]
        if self.accept:
            command += ["-H", f"Accept: {self.accept}"]
        before = self.zope.cpu()
        done = subprocess.run(
            [*command, self.url], capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise SystemExit(f"wrk failed on {self.url}: {done.stdout}{done.stderr}")
        output = done.stdout
        self.zope.wait_idle()  # the request in flight when wrk stopped
        self.cpu += self.zope.cpu() - before
        summary = re.search(
            r"BENCH requests=(\d+) duration=(\d+) bytes=(\d+) status=(\d+) "
            r"socket=(\d+)",
            output,
        )
        requests, micros, size, status, socket_errors = map(int, summary.groups())
        self.requests += requests
        self.duration += micros / 1e6
        self.bytes += size
        self.errors += status + socket_errors
        for value, count in re.findall(r"HIST (\d+) (\d+)", output):
            self.histogram[int(value)] = self.histogram.get(int(value), 0) + int(count)

    def percentile(self, p):
        total = sum(self.histogram.values())
        if not total:
            return float("nan")
        seen = 0
        for value in sorted(self.histogram):
            seen += self.histogram[value]
            if seen >= total * p / 100:
                return value / 1000
        return max(self.histogram) / 1000

    @property
    def rate(self):
        return self.requests / self.duration if self.duration else 0.0

    @property
    def cpu_ms(self):
        return self.cpu * 1000 / self.requests if self.requests else float("nan")

    def row(self):
        return {
            "page": self.label,
            "site": self.zope.name,
            "url": self.url,
            "requests": self.requests,
            "req_s": round(self.rate, 2),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "cpu_ms": round(self.cpu_ms, 1),
            "bytes": self.size,
            "errors": self.errors,
        }


def make_pages(args, project, growth, big, small, stock):
    """What is measured, in this order (each comparison side by side)."""
    from solna.intranet.demo.accounts import DEMO_PASSWORD

    member = (MEMBER, DEMO_PASSWORD)
    json_ = "application/json"
    hitta = f"hitta-kontakt?q={quote(args.query)}"
    search = f"@@search?SearchableText={quote(args.search)}"
    news, comments = project["news"], project["comments"]
    table = [
        ("start", "Mitt intranät (site root)", big, "", None),
        ("stock-start", "stock front page", stock, "", None),
        ("unit", "unit page (Solgläntan)", big, UNIT, None),
        ("news50", f"news item, {comments} comments", big, COMMENTED, None),
        ("news0", "news item, 0 comments", big, UNCOMMENTED, None),
        ("stock-news", "stock news item", stock, STOCK_NEWS, None),
        ("hitta", f"Hitta kontakt page (q={args.query})", big, f"@@{hitta}", None),
        ("hitta-rest", "REST @hitta-kontakt", big, f"@{hitta}", json_),
        ("mitt-big", f"REST @mitt-intranat, {news} news", big, "@mitt-intranat", json_),
    ]
    if growth:
        label = f"REST @mitt-intranat, {growth['news']} news"
        table.append(("mitt-small", label, small, "@mitt-intranat", json_))
    table += [
        ("search", f"search page ({args.search})", big, search, None),
        ("stock-search", "stock search page", stock, search, None),
    ]
    return [
        Page(key, label, zope, path, member, accept)
        for key, label, zope, path, accept in table
    ]


def measure_adds(zope, largest, adds):
    """CPU per REST add of a page (as admin) to the largest förvaltning and
    to an empty folder, interleaved, after one add to each that is not
    counted (it loads the containers); the median in ms. The pages are
    deleted afterwards."""
    empty = "benchmark-tom-mapp"
    try:
        get(f"{zope.base}/{empty}", ADMIN, "application/json")
    except urllib.error.HTTPError:
        get(
            zope.base,
            ADMIN,
            "application/json",
            method="POST",
            body={"@type": "Folder", "id": empty, "title": "Benchmark: tom mapp"},
        )
    places = {"largest": f"{zope.base}/{largest}", "empty": f"{zope.base}/{empty}"}
    cpu = {"largest": [], "empty": []}
    created = []
    try:
        for n in range(adds + 1):
            for place, url in places.items():
                before = zope.cpu()
                _status, body = get(
                    url,
                    ADMIN,
                    "application/json",
                    method="POST",
                    body={
                        "@type": "Document",
                        "title": f"Benchmark {n} {datetime.datetime.now():%H%M%S}",
                    },
                )
                if n:
                    cpu[place].append(zope.cpu() - before)
                created.append(json.loads(body)["@id"])
    finally:
        for url in created:
            path = url.split(f"/{SITE_ID}/", 1)[1]
            get(
                f"{zope.base}/{quote(path)}", ADMIN, "application/json", method="DELETE"
            )
    return {place: statistics.median(v) * 1000 for place, v in cpu.items() if v}


def verdict(value, op, target):
    value = round(value, 2)  # as printed
    ok = value <= target if op == "<=" else value >= target
    return "PASS" if ok else "FAIL"


def main(argv=None):  # noqa: C901 - one flow, read top to bottom
    args = arguments(argv if argv is not None else sys.argv[1:])
    started = time.monotonic()
    ensure_wrk()
    CACHE.mkdir(parents=True, exist_ok=True)
    say("== Building (cached under var/benchmark/)")
    project_dir, project = build_project(args, args.news, args.rebuild)
    growth_dir, growth = None, None
    if args.growth_news < args.news:
        growth_dir, growth = build_project(args, args.growth_news, args.rebuild)
    stock_bin = build_stock_venv(args.rebuild)
    check_stock_venv(stock_bin)
    stock_dir = build_stock(stock_bin, news_plan(project["news"]), args.rebuild)
    lua = CACHE / "wrk-report.lua"
    lua.write_text(WRK_LUA)

    zopes = [
        Zope(f"project ({project['news']} news)", project_dir, VENV),
        Zope(
            f"stock Plone {PLONE_VERSION} ({project['news']} news)",
            stock_dir,
            stock_bin,
            stock=True,
        ),
    ]
    big, stock = zopes
    if growth:
        small = Zope(f"project ({growth['news']} news)", growth_dir, VENV)
        zopes.insert(1, small)
    results = {"args": vars(args), "project": project, "growth": growth}
    # Swedish search's compound tables, made now if this machine has none
    # yet (search/analysis.py): a Zope process that makes them holds
    # ~100 MB more at its peak, which is no page's memory.
    run(
        [
            VENV / "python",
            "-c",
            "from solna.intranet.search.analysis import compounds; compounds()",
        ],
        CACHE / "compounds.log",
    )
    try:
        say("== Starting one Zope process per site")
        for zope in zopes:
            zope.start()
        for zope in zopes:
            zope.wait(args.startup_timeout)
        pages = make_pages(args, project, growth, big, small if growth else None, stock)
        by_key = {page.key: page for page in pages}
        say("== Warming up and checking the pages")
        for page in pages:
            page.probe()
        stock_markers = sum(p.markers for p in pages if p.zope is stock)
        project_markers = by_key["start"].markers
        say(
            f"  our markers (solna.intranet, ++theme++solna, solna-*): "
            f"{project_markers} in Mitt intranät, {stock_markers} in the stock pages"
        )
        if stock_markers:
            raise SystemExit("The stock site shows solna.intranet: it is not stock.")
        data_fs = {zope.name: zope.data_fs() for zope in zopes}
        say(
            f"== Load: {args.rounds} rounds x {len(pages)} pages x "
            f"{args.duration} s, {args.connections} connection(s), interleaved"
        )
        for round_ in range(args.rounds):
            order = pages if round_ % 2 == 0 else pages[::-1]
            for page in order:
                page.load(args.duration, args.connections, lua)
            say(f"  round {round_ + 1}/{args.rounds} done")
        growth_fs = {zope.name: zope.data_fs() - data_fs[zope.name] for zope in zopes}
        # The peak while serving the same pages (the goal compares it);
        # the adds below are the project's only.
        rss = {zope.name: zope.peak_rss() for zope in zopes}
        adds = {}
        rss_adds = {}
        if args.adds:
            say(f"== Adds: {args.adds} pages into each place, as admin over REST")
            adds = measure_adds(big, project["largest_forvaltning"], args.adds)
            rss_adds = {big.name: big.peak_rss()}
    finally:
        say("== Stopping the Zope processes")
        for zope in zopes:
            zope.stop()

    rows = [page.row() for page in pages]
    say("")
    say(
        f"{'page':<42} {'site':<8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'CPU ms':>7} {'KB':>7} {'errors':>6}"
    )
    for row in rows:
        site = "stock" if row["site"] == stock.name else "project"
        say(
            f"{row['page'][:42]:<42} {site:<8} {row['req_s']:>7.2f} "
            f"{row['p50_ms']:>7.0f} {row['p95_ms']:>7.0f} {row['cpu_ms']:>7.0f} "
            f"{row['bytes'] / 1000:>7.1f} {row['errors']:>6}"
        )
    say("")
    say(
        f"{'Zope process':<34} {'peak RSS MB':>12} {'after the adds':>15} "
        f"{'Data.fs growth under load':>26}"
    )
    for zope in zopes:
        after = rss_adds.get(zope.name)
        after = f"{after / 1e6:.0f}" if after else "-"
        say(
            f"{zope.name:<34} {rss[zope.name] / 1e6:>12.0f} {after:>15} "
            f"{growth_fs[zope.name]:>24} B"
        )
    if adds:
        say("")
        say(
            f"CPU per add (REST POST of a page, median of {args.adds}): "
            f"{adds['largest']:.0f} ms into {project['largest_forvaltning']} "
            f"({project['largest_forvaltning_items']} items below), "
            f"{adds['empty']:.0f} ms into an empty folder"
        )

    def ratio(a, b, attribute="rate"):
        x, y = getattr(by_key[a], attribute), getattr(by_key[b], attribute)
        return x / y if y else float("nan")

    goals = [
        (
            "Mitt intranät / stock front page, req/s",
            ratio("start", "stock-start"),
            ratio("stock-start", "start", "cpu_ms"),
            ">=",
            1.0,
        ),
        (
            f"news {project['comments']} comments / 0 comments, req/s",
            ratio("news50", "news0"),
            ratio("news0", "news50", "cpu_ms"),
            ">=",
            0.8,
        ),
        (
            f"news {project['comments']} comments / stock news, req/s",
            ratio("news50", "stock-news"),
            ratio("stock-news", "news50", "cpu_ms"),
            ">=",
            1.5,
        ),
        (
            "unit page / stock front page, req/s",
            ratio("unit", "stock-start"),
            ratio("stock-start", "unit", "cpu_ms"),
            ">=",
            1.0,
        ),
        (
            f"Hitta kontakt page p95 ms ({project['people']} people)",
            by_key["hitta"].percentile(95),
            None,
            "<=",
            100,
        ),
        (
            "REST @hitta-kontakt p95 ms",
            by_key["hitta-rest"].percentile(95),
            None,
            "<=",
            50,
        ),
    ]
    if growth:
        goals.append(
            (
                f"REST @mitt-intranat CPU, {project['news']} / {growth['news']} news",
                ratio("mitt-big", "mitt-small", "cpu_ms"),
                None,
                "<=",
                1.2,
            )
        )
    if adds:
        goals.append(
            (
                "CPU per add, largest förvaltning / empty folder",
                adds["largest"] / adds["empty"],
                None,
                "<=",
                1.5,
            )
        )
    goals.append(
        ("peak RSS, project / stock", rss[big.name] / rss[stock.name], None, "<=", 1.0)
    )
    say("")
    say(f"{'goal (issue 21)':<52} {'value':>8} {'CPU ratio':>10} {'target':>8}  result")
    failed = 0
    for label, value, cpu_ratio, op, target in goals:
        result = verdict(value, op, target)
        failed += result == "FAIL"
        cpu_text = f"{cpu_ratio:.2f}" if cpu_ratio is not None else ""
        say(
            f"{label:<52} {value:>8.2f} {cpu_text:>10} "
            f"{op + format(target, 'g'):>8}  {result}"
        )
    errors = sum(row["errors"] for row in rows)
    if errors:
        say(f"\n{errors} requests answered with an error: see the sites' logs.")
    say(f"\n(done in {(time.monotonic() - started) / 60:.1f} min)")
    results.update(
        pages=rows,
        peak_rss=rss,
        peak_rss_after_adds=rss_adds,
        data_fs_growth=growth_fs,
        adds_cpu_ms=adds,
        goals=[
            {"goal": g[0], "value": g[1], "cpu_ratio": g[2], "target": f"{g[3]}{g[4]}"}
            for g in goals
        ],
    )
    out = CACHE / f"results-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
    say(f"Results saved in {out.relative_to(ROOT)}")
    return 1 if failed or errors else 0


def _terminate(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    # Ctrl-C stops everything, even when started in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("Interrupted: everything it started is stopped.")
