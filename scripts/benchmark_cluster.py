"""`make benchmark-cluster`: Mitt intranät on one Zope process vs two, on
FileStorage vs RelStorage (issue 22, "Numbers").

Run::

    make benchmark-cluster                                 # the large data set
    make benchmark-cluster BENCHMARK_ARGS="--rounds 5"
    .venv/bin/python scripts/benchmark_cluster.py --help   # every option

**The data**: the large data set's FileStorage that ``make benchmark
--large`` builds and caches (``var/benchmark/project/news20000-people5000-
rules1000-answers1000``: 20,000 news, 5,000 people, 1,000 rules and
answers), or ``--source DIR`` (such an instance folder). When it is missing
the small one of ``make benchmark`` is used instead, and the script says so.
If our profile changed since it was built, the site is upgraded first
(``scripts/create_site.py``, as ``make benchmark`` does). It is then copied
once into a PostgreSQL database with the project's own ``scripts/cluster.py
migrate`` (RelStorage's zodbconvert), cached in ``var/benchmark/cluster/
<name>/`` (an instance folder of scripts/cluster.py's: its own PostgreSQL);
a second run reuses it while the FileStorage stays the same.

**What it runs**, all at once, each on free ports:

(a) FileStorage, one Zope process: the data set's own instance (its
    zope.conf), as ``make benchmark`` serves it;
(b) RelStorage, one Zope process through HAProxy: a second HAProxy with the
    cluster's haproxy.cfg.in and only ``worker-1`` behind it;
(c) RelStorage, two Zope processes through HAProxy: ``scripts/cluster.py
    start`` with ``WORKERS=2`` (PostgreSQL, the processes, the balancer);
(d) the same two processes "with the cache": the site is closed and its
    pages private, so no shared cache may keep them (README "HTTP
    caching"); what caches them is the member's own browser, which asks
    again with ``If-None-Match`` and gets a ``304 Not Modified``. So (d) is
    a repeat visit: wrk sends the ETag of a first fetch (fetched again
    before every round: it holds a five-minute clock) and the answers are
    counted by status.

Each is ``wrk`` on Mitt intranät (the site root) as one member (the demo's
``anna.lindqvist``, HTTP Basic, ``Host: localhost``: themed),
``--connections`` connections (default 4: enough to keep two processes of
four threads busy), ``--rounds`` rounds of ``--duration`` seconds,
interleaved (every round visits (a) to (d), in reverse order every other
round), after an uncounted warm-up of each. Printed: req/s (answers that are
the page or its 304; errors, such as HAProxy's 503, are counted apart),
p50/p95 latency, **CPU ms per request** summed over the Zope processes of
the run (``/proc``: what a request costs, whatever else the busy machine
does), the answers' statuses; then each process's peak RSS (``VmHWM``) and
the ZODB cache settings; then the goals, PASS or FAIL: (c)/(b) ≥ 1.8 and
(b)/(a) ≥ 0.9 (RelStorage per process against FileStorage), req/s, with the
CPU ratio beside. Results as JSON in
``var/benchmark/cluster-results-<time>.json``. Exit status 1 when a goal
fails or a request failed.

Everything it starts (the cluster, the second balancer, the FileStorage
process, wrk) is stopped at the end, on Ctrl-C and on errors.
"""

from pathlib import Path

import argparse
import benchmark
import cluster
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


ROOT = benchmark.ROOT
CACHE = benchmark.CACHE
LARGE = benchmark.CACHE / "project" / "news20000-people5000-rules1000-answers1000"
SMALL = benchmark.CACHE / "project" / "news500-people300-rules0-answers0"
#: Ports others use on this machine: never ours.
RESERVED_PORTS = {*benchmark.RESERVED_PORTS, 8080, 8093, 8094, 5432, 5433}
WRK_LUA = """
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) ok = 0; not_modified = 0; other = 0 end
response = function(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 304 then not_modified = not_modified + 1
  else other = other + 1 end
end
done = function(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("ok"); b = b + t:get("not_modified"); c = c + t:get("other")
  end
  io.write("BENCH requests=", summary.requests, " duration=", summary.duration,
           " socket=", summary.errors.connect + summary.errors.read
             + summary.errors.write + summary.errors.timeout,
           " s200=", a, " s304=", b, " other=", c, "\\n")
  for i = 1, #latency do
    local value, count = latency(i)
    io.write("HIST ", value, " ", count, "\\n")
  end
end
"""


def arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=LARGE,
        help="the FileStorage site: an instance folder of make benchmark's "
        f"(default {LARGE.relative_to(ROOT)}; the small one when it is missing)",
    )
    parser.add_argument("--duration", type=int, default=10, help="s per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=5, help="s per run, uncounted")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--startup-timeout", type=float, default=900)
    parser.add_argument(
        "--reconvert", action="store_true", help="copy into PostgreSQL again"
    )
    return parser.parse_args(argv)


say = benchmark.say


def ratio(x, y):
    """x / y, NaN when y is 0 (a run that answered nothing)."""
    return x / y if y else float("nan")


def goals(rates, cpu_ms):
    """The issue's goals from req/s and CPU ms per request by run
    ("a" to "d"): [(label, value, CPU ratio, op, target)]. The CPU ratio
    says the same from the cost of a request: for (c)/(b) what two
    processes could give when each had a core of its own."""
    return [
        (
            "2 processes / 1 process (RelStorage), req/s",
            ratio(rates["c"], rates["b"]),
            2 * ratio(cpu_ms["b"], cpu_ms["c"]),
            ">=",
            1.8,
        ),
        (
            "RelStorage / FileStorage, 1 process, req/s",
            ratio(rates["b"], rates["a"]),
            ratio(cpu_ms["a"], cpu_ms["b"]),
            ">=",
            0.9,
        ),
    ]


# -- the data ----------------------------------------------------------------


def choose_source(requested):
    """The FileStorage instance folder to use: ``requested``, or the small
    data set of make benchmark when the default large one is missing."""
    if (requested / "var" / "filestorage" / "Data.fs").is_file():
        return requested
    if requested == LARGE and (SMALL / "var/filestorage/Data.fs").is_file():
        say(
            f"!! The large data set is missing ({requested}): make benchmark "
            f"BENCHMARK_ARGS=--large builds it. Using the SMALL one, {SMALL.name}."
        )
        return SMALL
    raise SystemExit(
        f"No FileStorage in {requested}/var/filestorage: run make benchmark "
        "(BENCHMARK_ARGS=--large) first, or give --source."
    )


def relocate(source):
    """Make a copied instance folder its own: its zope.conf and ini files
    name the folder they were made in (``%define INSTANCE``, the log
    files); in a copy (``cp -a`` of another checkout's cache) they would
    still open the original's Data.fs. Rewrites them to ``source``."""
    conf = source / "etc" / "zope.conf"
    found = re.search(r"(?m)^%define INSTANCE (\S+)", conf.read_text())
    if found is None:
        raise SystemExit(f"{conf}: no %define INSTANCE")
    original = found.group(1)
    if Path(original).resolve() == source.resolve():
        return
    say(f"  {source.name} is a copy of {original}: pointing its config at the copy")
    for path in (source / "etc").iterdir():
        if path.suffix in (".conf", ".ini", ".zcml"):
            text = path.read_text()
            path.write_text(text.replace(original, str(source)))


def upgrade(source):
    """Run our upgrade steps on the site when our profile changed since it
    was built (as make benchmark does). Returns built.json's content."""
    built = source / "built.json"
    info = json.loads(built.read_text()) if built.exists() else {}
    version = benchmark.profile_version()
    if ".".join(info.get("profile_version", [])) == version:
        return info
    say(f"  our profile is {version} now: upgrading {source.name}")
    benchmark.run(
        [
            benchmark.VENV / "zconsole",
            "run",
            source / "etc" / "zope.conf",
            "scripts/create_site.py",
        ],
        source.parent / f"{source.name}.log",
        {"DEMO": "yes", "SITE_ID": benchmark.SITE_ID},
    )
    info["profile_version"] = version.split(".")
    built.write_text(json.dumps(info, indent=1))
    return info


def short_name(source):
    """The cluster folder's name for a data set: large, small or a hash."""
    known = {LARGE: "large", SMALL: "small"}
    if source in known:
        return known[source]
    return "site-" + hashlib.sha256(str(source).encode()).hexdigest()[:8]


def stamp(source):
    data_fs = source / "var" / "filestorage" / "Data.fs"
    stat = data_fs.stat()
    return {"source": str(data_fs), "size": stat.st_size, "mtime": stat.st_mtime}


def cluster_env(home, ports, workers=2):
    return {
        **os.environ,
        "INSTANCE": str(home),
        "WORKERS": str(workers),
        "PORT": str(ports["balancer"]),
        "WORKER_PORT": str(ports["worker"]),
        "PG_PORT": str(ports["postgres"]),
        "PG_DATABASE": "solna",
        "DEMO": "yes",
        "SITE_ID": benchmark.SITE_ID,
    }


def convert(source, home, ports, again):
    """Copy the FileStorage into the cluster's PostgreSQL (scripts/cluster.py
    migrate), unless ``home`` holds a copy of this very Data.fs already."""
    marker = home / "converted.json"
    wanted = stamp(source)
    if not again and marker.exists() and json.loads(marker.read_text()) == wanted:
        say(f"  reusing the PostgreSQL copy in {home.relative_to(ROOT)}")
        return
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    home.chmod(0o755)  # PostgreSQL runs as postgres: it must reach its folder
    env = cluster_env(home, ports)
    settings = cluster.Settings(env)
    cluster.ensure_debian(settings)
    cluster.ensure_python(settings)
    started = time.monotonic()
    benchmark.run(
        [sys.executable, ROOT / "scripts" / "cluster.py", "migrate"],
        home.parent / f"{home.name}.log",
        {
            **env,
            "FILESTORAGE": str(source / "var/filestorage/Data.fs"),
            "BLOBSTORAGE": str(source / "var/blobstorage"),
        },
    )
    marker.write_text(json.dumps(wanted))
    say(f"  converted in {time.monotonic() - started:.0f} s")


# -- the processes -----------------------------------------------------------


def free_port(count=1):
    """The first of ``count`` consecutive free ports on 127.0.0.1, none of
    them reserved."""
    for _ in range(100):
        first = benchmark.free_port()
        wanted = range(first, first + count)
        if RESERVED_PORTS.intersection(wanted):
            continue
        sockets = []
        try:
            for port in wanted:
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise SystemExit(f"no {count} consecutive free ports")


def stop_process(process, timeout=60):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Cluster:
    """scripts/cluster.py start (two processes, PostgreSQL, HAProxy) in the
    background on the converted database, and a second HAProxy with only
    the first process behind it."""

    def __init__(self, home, ports):
        self.home, self.ports = home, ports
        self.env = cluster_env(home, ports)
        self.supervisor = self.one = None
        self.pids = {}

    def start(self, timeout):
        out = open(self.home / "benchmark-start.log", "ab")  # noqa: SIM115
        self.supervisor = subprocess.Popen(
            [sys.executable, ROOT / "scripts" / "cluster.py", "start"],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches us; we stop it
        )
        state_file = self.home / "var" / "cluster" / "cluster.json"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.supervisor.poll() is not None:
                raise SystemExit(
                    f"scripts/cluster.py start exited: see {out.name}\n"
                    + Path(out.name).read_text(errors="replace")[-3000:]
                )
            try:
                state = json.loads(state_file.read_text())
            except (OSError, ValueError):
                state = {}
            if state.get("ready"):
                self.pids = state["processes"]
                break
            time.sleep(1)
        else:
            raise SystemExit(f"the cluster did not start in {timeout:.0f} s")
        say(f"  cluster: {self.pids} (supervisor {self.supervisor.pid})")
        self.start_one()

    def start_one(self):
        """HAProxy for (b): the cluster's template, worker-1 only."""
        settings = cluster.Settings(self.env)
        config = settings.etc / "haproxy-one.cfg"
        server = f"server worker-1 127.0.0.1:{self.ports['worker']} check"
        cluster.render(
            "haproxy.cfg.in",
            config,
            {
                "BIND": f"localhost:{self.ports['one']}",
                "STATS_SOCKET": settings.state / "haproxy-one.sock",
                "SERVERS": f"    {server}",
                "UNAVAILABLE": settings.etc / "unavailable",
            },
        )
        log = open(settings.logs / "haproxy-one.log", "ab")  # noqa: SIM115
        self.one = subprocess.Popen(
            ["haproxy", "-db", "-f", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://localhost:{self.ports['one']}/@@ok"
        for _ in range(120):
            if cluster.answers(url):
                say(f"  HAProxy with worker-1 only: pid {self.one.pid}")
                return
            time.sleep(0.5)
        raise SystemExit(f"the second HAProxy does not answer: see {log.name}")

    def workers(self):
        return [pid for name, pid in self.pids.items() if name.startswith("worker")]

    def worker_url(self, number):
        return (
            f"http://127.0.0.1:{self.ports['worker'] + number - 1}/{benchmark.SITE_ID}"
        )

    def stop(self):
        stop_process(self.one, 30)
        if self.supervisor is not None and self.supervisor.poll() is None:
            say("  stopping the cluster (scripts/cluster.py stops its processes)")
            stop_process(self.supervisor, 240)


# -- measuring ---------------------------------------------------------------


def fetch(url, auth, headers=None):
    """(status, headers, body) of a GET as ``auth``; a 304 is an answer."""
    request = urllib.request.Request(  # noqa: S310 - our own local sites
        url,
        headers={
            "Authorization": benchmark.basic(auth),
            "Host": "localhost",
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Run:
    """One of (a) to (d): a URL, the Zope processes whose CPU it costs, and
    the figures summed over its rounds."""

    def __init__(self, key, label, url, pids, auth, conditional=False):
        self.key, self.label, self.url, self.pids = key, label, url, pids
        self.auth, self.conditional = auth, conditional
        self.requests = self.duration = self.errors = self.cpu = 0
        self.statuses = {"200": 0, "304": 0, "other": 0}
        self.histogram = {}
        self.etag = None

    def cpu_now(self):
        return sum(benchmark.cpu_seconds(pid) for pid in self.pids)

    def check(self, worker_urls=()):
        """The page as the member gets it (themed); for a conditional run,
        its ETag, and a 304 with it from the balancer and every process."""
        status, headers, body = fetch(self.url, self.auth)
        if status != 200 or b"++theme++" not in body:
            raise SystemExit(f"{self.label}: {self.url} answered {status}, unthemed")
        if not self.conditional:
            return len(body)
        self.etag = headers.get("ETag")
        if not self.etag:
            raise SystemExit(f"{self.label}: no ETag on {self.url}")
        for url in (self.url, *worker_urls):
            status, _, _ = fetch(url, self.auth, {"If-None-Match": self.etag})
            if status != 304:
                raise SystemExit(f"{self.label}: {url} answered {status}, not 304")
        return len(body)

    def wrk(self, duration, connections, lua):
        command = [
            *("wrk", "-t1", f"-c{connections}", f"-d{duration}s"),
            *("--timeout", "60s", "-s", str(lua)),
            *("-H", f"Authorization: {benchmark.basic(self.auth)}"),
            *("-H", "Host: localhost"),
        ]
        if self.conditional:
            command += ["-H", f"If-None-Match: {self.etag}"]
        done = subprocess.run(
            [*command, self.url], capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise SystemExit(f"wrk failed on {self.url}: {done.stdout}{done.stderr}")
        return done.stdout

    def load(self, duration, connections, lua, count=True):
        if self.conditional:  # the ETag holds a five-minute clock
            _, headers, _ = fetch(self.url, self.auth)
            self.etag = headers.get("ETag")
        before = self.cpu_now()
        output = self.wrk(duration, connections, lua)
        used = self.cpu_now() - before
        if not count:
            return
        self.cpu += used
        found = re.search(
            r"BENCH requests=(\d+) duration=(\d+) socket=(\d+) "
            r"s200=(\d+) s304=(\d+) other=(\d+)",
            output,
        )
        requests, micros, sockets, ok, not_modified, other = map(int, found.groups())
        self.requests += requests
        self.duration += micros / 1e6
        self.statuses["200"] += ok
        self.statuses["304"] += not_modified
        self.statuses["other"] += other
        self.errors += sockets + other
        for value, number in re.findall(r"HIST (\d+) (\d+)", output):
            self.histogram[int(value)] = self.histogram.get(int(value), 0) + int(number)

    def percentile(self, p):
        total = sum(self.histogram.values())
        seen = 0
        for value in sorted(self.histogram):
            seen += self.histogram[value]
            if seen >= total * p / 100:
                return value / 1000
        return float("nan")

    @property
    def answered(self):
        """Answers that are the page (200) or its 304: errors are not."""
        return self.statuses["200"] + self.statuses["304"]

    @property
    def rate(self):
        return ratio(self.answered, self.duration)

    @property
    def cpu_ms(self):
        return ratio(self.cpu * 1000, self.answered)

    def row(self):
        return {
            "run": self.key,
            "label": self.label,
            "url": self.url,
            "requests": self.requests,
            "req_s": round(self.rate, 2),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "cpu_ms": round(self.cpu_ms, 1),
            "statuses": self.statuses,
            "errors": self.errors,
        }


def zodb_settings(conf):
    """The ZODB cache settings of a zope.conf: {name: value}."""
    text = Path(conf).read_text()
    found = {}
    for name in ("cache-size", "pool-size", "cache-local-mb", "blob-cache-size"):
        match = re.search(rf"(?m)^\s*{name}\s+(\S+)", text)
        if match:
            found[name] = match.group(1)
    return found


# -- the flow ----------------------------------------------------------------


def make_runs(filestorage, group, ports, member):
    site = benchmark.SITE_ID
    workers = group.workers()
    return [
        Run(
            "a",
            "(a) FileStorage, 1 process",
            filestorage.base,
            [filestorage.pid()],
            member,
        ),
        Run(
            "b",
            "(b) RelStorage, 1 process, HAProxy",
            f"http://localhost:{ports['one']}/{site}",
            workers[:1],
            member,
        ),
        Run(
            "c",
            "(c) RelStorage, 2 processes, HAProxy",
            f"http://localhost:{ports['balancer']}/{site}",
            workers,
            member,
        ),
        Run(
            "d",
            "(d) as (c), repeat visit: If-None-Match, 304",
            f"http://localhost:{ports['balancer']}/{site}",
            workers,
            member,
            conditional=True,
        ),
    ]


class FileStorageZope(benchmark.Zope):
    def pid(self):
        return self.process.pid


def measure(args, runs, group, lua):
    say("== Checking the page on every run")
    for run_ in runs:
        size = run_.check([group.worker_url(1), group.worker_url(2)])
        extra = f", ETag {run_.etag}" if run_.etag else ""
        say(f"  {run_.label}: 200, {size / 1000:.1f} KB{extra}")
    if args.warmup:
        say(f"== Warm-up: {args.warmup} s per run, not counted")
        for run_ in runs:
            run_.load(args.warmup, args.connections, lua, count=False)
    say(
        f"== Load: {args.rounds} rounds x {len(runs)} runs x {args.duration} s, "
        f"{args.connections} connections, interleaved"
    )
    for number in range(args.rounds):
        for run_ in runs if number % 2 == 0 else runs[::-1]:
            run_.load(args.duration, args.connections, lua)
        say(f"  round {number + 1}/{args.rounds} done")


def report(runs, rss, settings):
    say("")
    say(
        f"{'Mitt intranät, as anna.lindqvist':<46} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'CPU ms':>7} {'200':>6} {'304':>6} {'errors':>6}"
    )
    for run_ in runs:
        row = run_.row()
        say(
            f"{row['label'][:46]:<46} {row['req_s']:>7.1f} {row['p50_ms']:>7.0f} "
            f"{row['p95_ms']:>7.0f} {row['cpu_ms']:>7.1f} "
            f"{row['statuses']['200']:>6} {row['statuses']['304']:>6} "
            f"{row['errors']:>6}"
        )
    say(
        "  CPU ms: user + system time of the run's Zope processes per request"
        " (summed over both for (c) and (d));\n"
        "  (d): a closed site has no shared cache for pages (README 'HTTP"
        " caching'), so the cache is the\n"
        "  member's browser: wrk sends the ETag of a first fetch (If-None-Match),"
        " the answers are 304s."
    )
    say("")
    say(f"{'Zope process':<40} {'peak RSS MB':>12}  ZODB cache settings")
    for name, value in rss.items():
        conf = settings["filestorage" if name.startswith("FileStorage") else "cluster"]
        text = ", ".join(f"{k} {v}" for k, v in conf.items())
        say(f"{name:<40} {value / 1e6:>12.0f}  {text}")


def main(argv=None):
    args = arguments(argv if argv is not None else sys.argv[1:])
    started = time.monotonic()
    benchmark.ensure_wrk()
    say("== The data (cached under var/benchmark/)")
    source = choose_source(args.source.resolve())
    relocate(source)
    info = upgrade(source)
    say(
        f"  {source.name}: {info.get('news', '?')} news, "
        f"{info.get('people', '?')} people"
    )
    # A short folder name: HAProxy's stats socket path may have 97 bytes.
    home = CACHE / "cluster" / short_name(source)
    ports = {
        "balancer": free_port(),
        "one": free_port(),
        "worker": free_port(2),
        "postgres": free_port(),
    }
    convert(source, home, ports, args.reconvert)
    lua = CACHE / "wrk-cluster.lua"
    lua.write_text(WRK_LUA)
    from solna.intranet.demo.accounts import DEMO_PASSWORD

    member = (benchmark.MEMBER, DEMO_PASSWORD)
    filestorage = FileStorageZope("FileStorage", source, benchmark.VENV)
    group = Cluster(home, ports)
    load = os.getloadavg()
    try:
        say("== Starting (a) FileStorage and the cluster (b, c, d)")
        filestorage.start()
        group.start(args.startup_timeout)
        filestorage.wait(args.startup_timeout)
        runs = make_runs(filestorage, group, ports, member)
        measure(args, runs, group, lua)
        rss = {"FileStorage (a)": benchmark.peak_rss(filestorage.pid())}
        for name, pid in group.pids.items():
            if name.startswith("worker"):
                runs_ = "b, c, d" if name == "worker-1" else "c, d"
                rss[f"RelStorage {name} ({runs_})"] = benchmark.peak_rss(pid)
        load = (load, os.getloadavg())
    finally:
        say("== Stopping what it started")
        filestorage.stop()
        group.stop()
    settings = {
        "filestorage": zodb_settings(source / "etc" / "zope.conf"),
        "cluster": zodb_settings(home / "etc" / "cluster" / "zope.conf"),
    }
    report(runs, rss, settings)
    by_key = {run_.key: run_ for run_ in runs}
    results = goals(
        {k: r.rate for k, r in by_key.items()},
        {k: r.cpu_ms for k, r in by_key.items()},
    )
    say("")
    say(f"{'goal (issue 22)':<46} {'req/s':>7} {'CPU ratio':>10} {'target':>8}  result")
    failed = 0
    for label, value, cpu_ratio, op, target in results:
        verdict = benchmark.verdict(value, op, target)
        failed += verdict == "FAIL"
        say(
            f"{label:<46} {value:>7.2f} {cpu_ratio:>10.2f} "
            f"{op + format(target, 'g'):>8}  {verdict}"
        )
    say(
        "  CPU ratio: the same from the CPU per request; for 2 / 1 process,"
        " 2 x CPU(b) / CPU(c),\n"
        "  what two processes give when each has a core of its own (the"
        " req/s share the machine).\n"
        f"  (c) per process / (a): "
        f"{ratio(by_key['c'].rate, 2 * by_key['a'].rate):.2f} req/s; "
        f"(d)/(c), repeat visits against pages: "
        f"{ratio(by_key['d'].rate, by_key['c'].rate):.1f}x req/s\n"
        f"  load average of the machine (1, 5, 15 min) at the start: "
        f"{', '.join(f'{x:.1f}' for x in load[0])}; at the end: "
        f"{', '.join(f'{x:.1f}' for x in load[1])} ({os.cpu_count()} cores)"
    )
    errors = sum(r.errors for r in runs)
    if errors:
        say(f"\n{errors} answers were errors (not 200/304, or socket errors).")
    say(f"\n(done in {(time.monotonic() - started) / 60:.1f} min)")
    out = CACHE / f"cluster-results-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(
        json.dumps(
            {
                "args": vars(args),
                "source": str(source),
                "data_set": info,
                "runs": [r.row() for r in runs],
                "peak_rss": rss,
                "load_average": load,
                "zodb_settings": settings,
                "goals": [
                    {"goal": g[0], "value": g[1], "cpu_ratio": g[2], "target": g[4]}
                    for g in results
                ],
            },
            indent=1,
            ensure_ascii=False,
            default=str,
        )
    )
    say(f"Results saved in {out.relative_to(ROOT)}")
    return 1 if failed or errors else 0


def _terminate(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("Interrupted: everything it started is stopped.")
