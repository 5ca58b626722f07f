"""Run the Solna intranät on several Zope processes: the ZODB on RelStorage
(PostgreSQL), HAProxy in front. What ``make start-cluster`` and
``make stop-cluster`` run:

    .venv/bin/python scripts/cluster.py start   # in the foreground; Ctrl-C stops
    .venv/bin/python scripts/cluster.py stop    # stops a run in the background
    .venv/bin/python scripts/cluster.py status  # each Zope process UP or DOWN
    .venv/bin/python scripts/cluster.py backup  # make backup (pg_dump)
    BACKUP=file .venv/bin/python scripts/cluster.py restore  # make restore
    .venv/bin/python scripts/cluster.py migrate # make migrate-to-cluster

``start``

1. installs from Debian what is missing (PostgreSQL, HAProxy, libpq-dev to
   build psycopg2), and RelStorage with psycopg2 into the virtualenv
   (``solna.intranet[cluster]``, pinned by constraints.txt);
2. writes the configuration from the templates in ``instance/skel-cluster/``
   into ``instance/etc/cluster/`` (one zope.conf, one zope ini per process,
   haproxy.cfg), every start;
3. initialises a private PostgreSQL cluster in ``instance/var/postgres/`` on
   its first run (as the ``postgres`` user when run as root: PostgreSQL
   refuses root), starts it on 127.0.0.1:``PG_PORT`` with its socket in the
   same folder, and creates the role ``zodb`` and the database
   ``PG_DATABASE`` if missing: a second run reuses them;
4. creates the site with scripts/create_site.py, as ``make site`` does (on an
   existing site it runs the pending upgrade steps);
5. starts ``WORKERS`` Zope processes (runwsgi) on 127.0.0.1 from
   ``WORKER_PORT`` on, and HAProxy on ``PORT`` in front of them;
6. watches them: a process that dies is started again (a Zope process
   rejoins the balancer when its health check answers); on SIGINT or SIGTERM
   it stops everything it started: the balancer, the Zope processes, then
   PostgreSQL.

The process ids are kept in ``instance/var/cluster/cluster.json`` (``stop``
reads it; ``ready`` is true once the balancer answers); each Zope process
writes its own ``worker-N.pid`` there. The logs the processes write are
readable by their owner and group only (0640: the access logs name members'
addresses and pages).

``status`` (``make cluster-status``) asks HAProxy, on its stats socket, how it
sees each Zope process (UP, DOWN, ...); every answer through the balancer
names the process that gave it in ``X-Solna-Process`` (haproxy.cfg.in).

Settings (environment): ``WORKERS`` (2), ``PORT`` (8080), ``WORKER_PORT``
(``PORT`` + 1), ``PG_PORT`` (5433), ``PG_DATABASE`` (solna), ``INSTANCE``
(instance), ``DEMO`` (yes), ``SITE_ID`` (Plone), ``ADMIN_PASSWORD`` (admin:
written to the database when it is created, never afterwards),
``CLUSTER_INSTALL`` (yes; no: fail rather than install what is missing).

Production runs its own PostgreSQL server, a process manager and TLS at the
balancer: README "Several processes (cluster)".
"""

from pathlib import Path

import contextlib
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


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SKEL = ROOT / "instance" / "skel-cluster" / "etc"
#: Debian packages the cluster needs, with a file that shows each is there.
DEBIAN = (
    ("postgresql", "/usr/lib/postgresql/*/bin/initdb"),
    ("haproxy", "/usr/sbin/haproxy"),
    # psycopg2 is built against Debian's libpq (its pg_config).
    ("libpq-dev", "/usr/bin/pg_config"),
    ("gcc", "/usr/bin/gcc"),
)
#: A process that exits this soon after its start, this many times in a row,
#: is not started again: the cluster stops (a port in use, a broken config).
QUICK_EXIT, QUICK_EXITS = 20, 3
#: The processes the cluster starts create their files without access for
#: others (logs 0640): the access logs name members' addresses and pages.
UMASK = 0o027


class ClusterError(Exception):
    """Something the cluster needs is missing or did not start; the message
    says what (and where its log is)."""


def log(message):
    print(f"cluster: {message}", flush=True)


def yes(value):
    return str(value).lower() in ("1", "yes", "true", "on")


def number(environ, name, default, low, high):
    """The whole number of the setting ``name`` (``default`` when it is not
    set), between ``low`` and ``high``. Raises ClusterError saying which
    setting is wrong."""
    value = str(environ.get(name) or default).strip()
    if not value.isdigit() or not low <= int(value) <= high:
        raise ClusterError(f"{name}={value!r}: a whole number from {low} to {high}")
    return int(value)


class Settings:
    """The cluster's settings, from the environment (see the module's
    docstring); paths are absolute."""

    def __init__(self, environ=os.environ):
        self.environ = dict(environ)
        #: The settings given (not defaults): backup, restore and migrate
        #: follow a running cluster's database and port unless given.
        self.given = {name for name, value in environ.items() if value}
        self.workers = number(environ, "WORKERS", 2, 1, 32)
        self.port = number(environ, "PORT", 8080, 1, 65535)
        self.worker_port = number(environ, "WORKER_PORT", self.port + 1, 1, 65535)
        if self.worker_port + self.workers - 1 > 65535:
            raise ClusterError(
                f"WORKER_PORT {self.worker_port} leaves no room for "
                f"{self.workers} Zope processes (ports up to 65535)"
            )
        self.pg_port = number(environ, "PG_PORT", 5433, 1, 65535)
        self.database = environ.get("PG_DATABASE") or "solna"
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", self.database):
            raise ClusterError("PG_DATABASE: lower-case letters, digits and _ only")
        self.instance = Path(environ.get("INSTANCE", ROOT / "instance")).resolve()
        self.demo = environ.get("DEMO", "yes")
        self.site_id = environ.get("SITE_ID", "Plone")
        self.admin_password = environ.get("ADMIN_PASSWORD", "admin")
        self.install = yes(environ.get("CLUSTER_INSTALL", "yes"))
        var = self.instance / "var"
        self.etc = self.instance / "etc" / "cluster"
        self.state = var / "cluster"
        self.state_file = self.state / "cluster.json"
        self.logs = var / "log"
        self.pg_home = var / "postgres"
        self.pg_data = self.pg_home / "data"
        self.dsn = (
            f"host=127.0.0.1 port={self.pg_port} dbname={self.database} user=zodb"
        )
        # RelStorage's local cache of the blobs, one per database: a restore
        # or a migration of another database never empties the cache of a
        # cluster that runs (issue 22's fresh trial).
        self.blob_cache = self.state / f"blobcache-{self.database}"
        self.stats_socket = self.state / "haproxy.sock"

    @property
    def zope_conf(self):
        return self.etc / "zope.conf"

    def worker_ini(self, number):
        return self.etc / f"worker-{number}.ini"

    def worker_ports(self):
        """{worker number: its port}, numbered from 1."""
        return {n: self.worker_port + n - 1 for n in range(1, self.workers + 1)}

    def like(self, **settings):
        """These settings with others (``PG_DATABASE="x"``, ``PG_PORT=5480``):
        a new Settings, every path and the DSN made again."""
        environ = {**self.environ, **{k: str(v) for k, v in settings.items()}}
        return Settings(environ)

    def check_ports(self):
        """Raise ClusterError, naming the settings, when two of the ports the
        cluster listens on are the same (PORT, PG_PORT, the Zope processes'
        WORKER_PORT...): found before anything starts, not as a process that
        keeps exiting (issue 22's second trial, finding 7)."""
        first, last = self.worker_port, self.worker_port + self.workers - 1
        workers = f"{first}" if first == last else f"{first}-{last}"
        if self.port == self.pg_port:
            raise ClusterError(f"PORT and PG_PORT are the same port ({self.port})")
        for name, port in (("PORT", self.port), ("PG_PORT", self.pg_port)):
            if first <= port <= last:
                raise ClusterError(
                    f"{name} {port} is a port of the Zope processes (WORKER_PORT "
                    f"{workers} for WORKERS={self.workers}): choose other ports"
                )


# -- What to install ---------------------------------------------------------


def missing_debian_packages():
    """The Debian packages of ``DEBIAN`` that are not installed."""
    root = Path("/")
    return [name for name, path in DEBIAN if not list(root.glob(path.lstrip("/")))]


def ensure_debian(settings):
    """Install the missing Debian packages with apt-get (as root).

    Raises ClusterError when some are missing and we may not install them
    (not root, or ``CLUSTER_INSTALL=no``)."""
    missing = missing_debian_packages()
    if not missing:
        return
    command = ["apt-get", "install", "-y", "-qq", *missing]
    if not settings.install or os.geteuid() != 0:
        raise ClusterError(
            f"missing Debian packages; install them: {' '.join(command)}"
        )
    log(f"installing {' '.join(missing)} from Debian")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)


def warn_if_root():
    """Say so when the Zope processes and HAProxy would serve as root
    (PostgreSQL never does: it runs as ``postgres``). Installing needs root;
    serving does not (issue 22's second trial, finding 6)."""
    if os.geteuid() != 0:
        return
    log(
        "warning: running as root, so the Zope processes and HAProxy serve as "
        "root. Once the Debian packages are installed, run make start-cluster "
        "as an unprivileged user who owns instance/ (README: production "
        "checklist)"
    )


def ensure_python(settings):
    """Install RelStorage with psycopg2 (the ``cluster`` extra of setup.py,
    pinned in constraints.txt) into this virtualenv when missing. Only those
    packages: the project's own install (and a test run using it) is left
    alone."""
    check = [sys.executable, "-c", "import relstorage, psycopg2"]
    if subprocess.run(check, capture_output=True).returncode == 0:
        return
    command = [
        *(sys.executable, "-m", "pip", "install", "-q"),
        *("-c", ROOT / "constraints.txt", "RelStorage[postgresql]"),
    ]
    if not settings.install:
        raise ClusterError(
            f"RelStorage is not installed: {' '.join(map(str, command))}"
        )
    log("installing RelStorage and psycopg2 into the virtualenv")
    subprocess.run(command, check=True)


# -- Configuration -----------------------------------------------------------


def render(template, target, values):
    """Write ``template`` (a file of ``instance/skel-cluster/etc``) to
    ``target`` with each ``<<NAME>>`` replaced by ``values[NAME]``, as Zope's
    mkwsgiinstance does with instance/skel, readable by its owner and group
    only (0640: zope.conf and zodbconvert.conf may hold the database's
    password). Raises ClusterError for a placeholder without a value."""
    text = (SKEL / template).read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"<<{name}>>", str(value))
    if "<<" in text:
        left = text[text.index("<<") :].split(">>")[0] + ">>"
        raise ClusterError(f"{template}: no value for {left}")
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    with open(descriptor, "w", encoding="utf-8") as output:
        os.fchmod(output.fileno(), 0o640)  # written 0644 before
        output.write(text)


def write_configuration(settings):
    """Write zope.conf, one ini per Zope process and haproxy.cfg into
    ``instance/etc/cluster/`` from the templates (every start)."""
    settings.etc.mkdir(parents=True, exist_ok=True)
    for folder in (settings.state, settings.logs, settings.instance / "var/cache"):
        folder.mkdir(parents=True, exist_ok=True)
    for log_file in settings.logs.glob("*.log"):
        # Written 0644 by the runs before UMASK.
        with contextlib.suppress(OSError):
            log_file.chmod(log_file.stat().st_mode & ~UMASK & 0o777)
    common = {"INSTANCE_HOME": settings.instance}
    render(
        "zope.conf.in",
        settings.zope_conf,
        {**common, "PG_DSN": settings.dsn, "PG_DATABASE": settings.database},
    )
    for number, port in settings.worker_ports().items():
        render(
            "zope.ini.in",
            settings.worker_ini(number),
            {**common, "WORKER": number, "WORKER_PORT": port},
        )
    servers = "\n".join(
        f"    server worker-{number} 127.0.0.1:{port} check"
        for number, port in settings.worker_ports().items()
    )
    render(
        "haproxy.cfg.in",
        settings.etc / "haproxy.cfg",
        {
            "BIND": f"localhost:{settings.port}",
            "STATS_SOCKET": settings.stats_socket,
            "SERVERS": servers,
            "UNAVAILABLE": settings.etc / "unavailable",
        },
    )
    write_unavailable(settings.etc / "unavailable")


def write_unavailable(prefix):
    """The bodies HAProxy answers with (solna.intranet.database_away's
    ``answer``, Swedish and English, HTML and JSON):

    - when no Zope process is in its rotation (all restarting, or none
      reaches the database), the 503 the processes give themselves, as
      ``<prefix>-<sv|en>.<html|json>`` (``http-request return``);
    - for its own 502 and 504 (a process died, or did not answer in time,
      with the request), ``<prefix>-<502|504>.map``: one line per
      ``<sv|en>-<html|json>`` and its body, which ``http-error`` looks up
      with the request's variant (an error file cannot depend on the
      request: issue 22's second trial, finding 4)."""
    from solna.intranet.database_away import answer

    variants = [
        (language, kind, {"HTTP_ACCEPT": accept, "HTTP_ACCEPT_LANGUAGE": language})
        for language in ("sv", "en")
        for kind, accept in (("html", "text/html"), ("json", "application/json"))
    ]
    for language, kind, environ in variants:
        _status, _headers, body = answer(environ)
        Path(f"{prefix}-{language}.{kind}").write_bytes(body)
    for status in (502, 504):
        lines = []
        for language, kind, environ in variants:
            _status, _headers, body = answer(environ, status)
            # A map's value is the rest of its line: one line each.
            body = body.replace(b"\n", b" ")
            lines.append(f"{language}-{kind} ".encode() + body + b"\n")
        Path(f"{prefix}-{status}.map").write_bytes(b"".join(lines))


# -- PostgreSQL --------------------------------------------------------------


def pg_bin(name):
    """The path of a PostgreSQL server program (Debian keeps them per
    version in /usr/lib/postgresql/<version>/bin; the newest wins)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise ClusterError(f"PostgreSQL's {name} not found")
    return Path(path)


def pg_user():
    """The keywords of subprocess.Popen that run a PostgreSQL program:
    as ``postgres`` when we are root (PostgreSQL refuses to run as root),
    else as ourselves."""
    if os.geteuid() != 0:
        return {}
    return {"user": "postgres", "group": "postgres", "extra_groups": []}


def prepare_pg_home(settings):
    """Create instance/var/postgres/ for the postgres user (mode 0700).

    Raises ClusterError when that user cannot reach it (a parent folder it
    may not enter)."""
    settings.pg_home.mkdir(parents=True, exist_ok=True)
    settings.pg_home.chmod(0o700)
    if os.geteuid() == 0:
        shutil.chown(settings.pg_home, "postgres", "postgres")
        probe = subprocess.run(
            ["test", "-w", settings.pg_home], **pg_user(), check=False
        )
        if probe.returncode:
            raise ClusterError(
                f"the postgres user cannot write {settings.pg_home}: "
                "a folder above it is closed to other users"
            )


def init_postgres(settings):
    """initdb on the first run (trust for connections from this machine
    only, UTF-8). Returns True when it created the cluster."""
    if (settings.pg_data / "PG_VERSION").exists():
        return False
    prepare_pg_home(settings)
    log(f"initialising PostgreSQL in {settings.pg_data}")
    subprocess.run(
        [
            pg_bin("initdb"),
            *("-D", settings.pg_data, "-U", "postgres", "-A", "trust"),
            *("-E", "UTF8", "--locale=C.UTF-8"),
        ],
        **pg_user(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return True


def pg_client(settings, program, *args):
    """Run the PostgreSQL client ``program`` (psql, pg_dump, pg_restore)
    with ``args`` as the superuser ``postgres`` against this cluster's
    server (127.0.0.1, PG_PORT); returns the finished process (text
    output), whose return code the caller judges."""
    return subprocess.run(
        [
            pg_bin(program),
            *("-h", "127.0.0.1", "-p", str(settings.pg_port), "-U", "postgres"),
            *args,
        ],
        check=False,
        capture_output=True,
        text=True,
    )


def psql(settings, sql, database="postgres"):
    """Run ``sql`` as the superuser ``postgres``; returns its output.
    Raises ClusterError with psql's message when it fails."""
    done = pg_client(
        settings, "psql", "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql
    )
    if done.returncode:
        raise ClusterError(f"psql on port {settings.pg_port}: {done.stderr.strip()}")
    return done.stdout.strip()


def pg_ready(settings):
    """True when PostgreSQL answers on 127.0.0.1:PG_PORT."""
    probe = subprocess.run(
        [pg_bin("pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(settings.pg_port)],
        check=False,
    )
    return probe.returncode == 0


def ensure_database(settings):
    """Create the role ``zodb`` and the database if missing. Returns True
    when it created the database (RelStorage creates its tables when a
    Zope process first opens it)."""
    if not psql(settings, "SELECT 1 FROM pg_roles WHERE rolname = 'zodb'"):
        psql(settings, "CREATE ROLE zodb LOGIN")
    exists = psql(
        # The name is checked by Settings (letters, digits, _).
        settings,
        f"SELECT 1 FROM pg_database WHERE datname = '{settings.database}'",  # noqa: S608
    )
    if exists:
        return False
    log(f"creating the database {settings.database!r}")
    psql(settings, f'CREATE DATABASE "{settings.database}" OWNER zodb ENCODING UTF8')
    return True


# -- Processes ---------------------------------------------------------------


def alive(pid):
    """True when a process ``pid`` exists (and is not a zombie of ours)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    with contextlib.suppress(ChildProcessError):
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        if stat.read_text().split(") ", 1)[1].startswith("Z"):
            return False
    return True


def answers(url, timeout=10):
    """True when ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


class Child:
    """One process the cluster runs: how to start it, how to see that it is
    ready, and the signal that stops it cleanly."""

    def __init__(self, name, command, log_file, ready, stop_signal=signal.SIGTERM):
        self.name, self.command, self.log_file = name, command, log_file
        self.ready, self.stop_signal = ready, stop_signal
        self.process = None
        self.started = 0.0
        self.quick_exits = 0
        self.popen = {}

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def start(self):
        descriptor = os.open(
            self.log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640
        )
        with open(descriptor, "ab") as output:
            self.process = subprocess.Popen(
                self.command,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # Its own session: Ctrl-C in the terminal reaches only the
                # supervisor, which stops the processes in order.
                start_new_session=True,
                umask=UMASK,
                **self.popen,
            )
        self.started = time.monotonic()

    def wait_ready(self, timeout):
        """Wait until ``ready()``; raises ClusterError if the process
        exits or is not ready in ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ClusterError(
                    f"{self.name} exited with {self.process.returncode}: "
                    f"see {self.log_file}"
                )
            if self.ready():
                return
            time.sleep(0.3)
        raise ClusterError(f"{self.name} not ready in {timeout} s: see {self.log_file}")

    def stop(self, timeout=60):
        """Stop it (its clean signal, SIGKILL after ``timeout`` s)."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(self.stop_signal)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            log(f"{self.name} did not stop in {timeout} s: killing it")
            self.process.kill()
            self.process.wait()


def postgres_child(settings):
    """The cluster's PostgreSQL server as a Child (not started): on
    127.0.0.1:PG_PORT only, its socket and log in instance/var/postgres/."""
    prepare_pg_home(settings)
    command = [
        pg_bin("postgres"),
        *("-D", settings.pg_data, "-p", str(settings.pg_port)),
        *("-c", "listen_addresses=127.0.0.1"),
        *("-c", f"unix_socket_directories={settings.pg_home}"),
    ]
    postgres = Child(
        "postgres",
        command,
        settings.pg_home / "postgresql.log",
        lambda: pg_ready(settings),
        signal.SIGINT,  # fast shutdown: ends sessions, checkpoints, exits
    )
    postgres.popen = pg_user()
    return postgres


def postmaster_port(settings):
    """The port of the PostgreSQL that runs on this instance's data folder
    (its ``postmaster.pid``: pid, folder, start time, port, ...), or None
    when none runs."""
    try:
        lines = (settings.pg_data / "postmaster.pid").read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None
    return port if alive(pid) else None


@contextlib.contextmanager
def postgres_for_a_moment(settings):
    """PostgreSQL for backup, restore and migrate: the running one when it
    answers on PG_PORT, else started for the block and stopped after it
    (initialised first if it never was). Raises ClusterError when this
    instance's PostgreSQL runs on another port (a second one on the same
    data cannot start: issue 22's second trial, finding 3)."""
    if pg_ready(settings):
        yield
        return
    running = postmaster_port(settings)
    if running is not None and running != settings.pg_port:
        raise ClusterError(
            f"the cluster's PostgreSQL runs on port {running}, not PG_PORT "
            f"{settings.pg_port}: pass PG_PORT={running}"
        )
    init_postgres(settings)
    settings.logs.mkdir(parents=True, exist_ok=True)
    postgres = postgres_child(settings)
    postgres.start()
    try:
        postgres.wait_ready(120)
        yield
    finally:
        postgres.stop()


class Stop(Exception):
    """SIGINT or SIGTERM: stop the cluster."""


class Cluster:
    """The processes of one ``start``: PostgreSQL, the Zope processes, the
    balancer; ``run`` starts and watches them, then stops them."""

    def __init__(self, settings):
        self.settings = settings
        self.children = []
        self.ready = False

    def child(self, name, command, ready, **kwargs):
        log_file = self.settings.logs / f"{name}.log"
        child = Child(name, command, log_file, ready, **kwargs)
        self.children.append(child)
        return child

    def write_state(self):
        state = {
            "supervisor": os.getpid(),
            "ready": self.ready,
            "port": self.settings.port,
            "pg_port": self.settings.pg_port,
            "database": self.settings.database,
            "processes": {c.name: c.pid for c in self.children if c.pid},
            "workers": {
                f"worker-{n}": port for n, port in self.settings.worker_ports().items()
            },
        }
        partial = self.settings.state_file.with_suffix(".tmp")
        partial.write_text(json.dumps(state, indent=2))
        partial.replace(self.settings.state_file)

    def start_postgres(self):
        settings = self.settings
        created = init_postgres(settings)
        postgres = postgres_child(settings)
        self.children.append(postgres)
        log(f"starting PostgreSQL on 127.0.0.1:{settings.pg_port}")
        postgres.start()
        self.write_state()
        postgres.wait_ready(120)
        return created

    def create_site(self, new_database):
        """Run scripts/create_site.py (create, or upgrade) on the cluster's
        database; on a new database, the Zope admin comes from an inituser
        file as with mkwsgiinstance."""
        settings = self.settings
        if new_database:
            from Zope2.utilities.mkwsgiinstance import write_inituser

            write_inituser(
                str(settings.instance / "inituser"), "admin", settings.admin_password
            )
        log("creating the site, or running its upgrade steps")
        process = subprocess.Popen(
            [
                BIN / "zconsole",
                "run",
                settings.zope_conf,
                ROOT / "scripts/create_site.py",
            ],
            env={
                **os.environ,
                "DEMO": settings.demo,
                "SITE_ID": settings.site_id,
                "SITE_URL": f"http://localhost:{settings.port}/{settings.site_id}",
            },
            start_new_session=True,
        )
        try:
            if process.wait():
                raise ClusterError("scripts/create_site.py failed")
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait()

    def start_workers(self):
        settings = self.settings
        workers = []
        for number, port in settings.worker_ports().items():
            worker = self.child(
                f"worker-{number}",
                [BIN / "runwsgi", settings.worker_ini(number)],
                lambda port=port: answers(f"http://127.0.0.1:{port}/@@ok"),
            )
            log(f"starting Zope process {number} on 127.0.0.1:{port}")
            worker.start()
            workers.append(worker)
        self.write_state()
        for worker in workers:
            worker.wait_ready(300)

    def start_balancer(self):
        settings = self.settings
        config = settings.etc / "haproxy.cfg"
        subprocess.run(
            ["haproxy", "-c", "-q", "-f", config], check=True, stdout=subprocess.DEVNULL
        )
        balancer = self.child(
            "haproxy",
            ["haproxy", "-db", "-f", config],
            lambda: answers(f"http://localhost:{settings.port}/@@ok"),
            stop_signal=signal.SIGUSR1,  # soft stop: finish what is in flight
        )
        log(f"starting HAProxy on localhost:{settings.port}")
        balancer.start()
        self.write_state()
        balancer.wait_ready(60)

    def watch(self):
        """Start again every process that exits, until SIGINT/SIGTERM.
        Raises ClusterError when one keeps exiting right after its start."""
        while True:
            for child in self.children:
                code = child.process.poll()
                if code is None:
                    continue
                quick = time.monotonic() - child.started < QUICK_EXIT
                child.quick_exits = child.quick_exits + 1 if quick else 0
                if child.quick_exits >= QUICK_EXITS:
                    raise ClusterError(
                        f"{child.name} keeps exiting (code {code}): "
                        f"see {child.log_file}"
                    )
                log(f"{child.name} (pid {child.pid}) exited with {code}: restarting it")
                time.sleep(1)
                child.start()
                self.write_state()
            time.sleep(0.5)

    def stop(self):
        """Stop what was started, the balancer first and PostgreSQL last."""
        order = {"haproxy": 0, "postgres": 2}
        for child in sorted(self.children, key=lambda c: order.get(c.name, 1)):
            if child.process is not None and child.process.poll() is None:
                log(f"stopping {child.name}")
            child.stop()
        remove_leftovers(self.settings)

    def run(self):
        settings = self.settings
        ensure_debian(settings)
        ensure_python(settings)
        warn_if_root()
        write_configuration(settings)
        self.write_state()
        created = self.start_postgres()
        new_database = ensure_database(settings) or created
        self.create_site(new_database)
        self.start_workers()
        self.start_balancer()
        self.ready = True
        self.write_state()
        print(
            f"\n  Solna intranät on {settings.workers} Zope processes: "
            f"http://localhost:{settings.port}/{settings.site_id}\n"
            f"  Zope processes: {', '.join(map(str, settings.worker_ports().values()))}"
            f" (127.0.0.1); PostgreSQL: {settings.dsn}\n"
            f"  Logs: {settings.logs}; stop with Ctrl-C or make stop-cluster\n",
            flush=True,
        )
        self.watch()


def raise_stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


def command_line(pid):
    """The command line of process ``pid`` as one string ("" when gone)."""
    try:
        return (
            Path(f"/proc/{pid}/cmdline")
            .read_bytes()
            .replace(b"\0", b" ")
            .decode(errors="replace")
        )
    except OSError:
        return ""


def ours(pid, settings, name):
    """Is ``pid`` (from the state file) still the process of this cluster
    called ``name``? A process id is reused after its process ended (a
    reboot, a crash): only a process whose command line names this
    instance's files (its config, its PostgreSQL data, this script) is
    signalled."""
    if not pid or not alive(pid):
        return False
    line = command_line(pid)
    if name == "supervisor":
        return "cluster.py" in line
    if name == "postgres":
        return str(settings.pg_data) in line
    return str(settings.etc) in line


def stop_previous(settings):
    """Stop the processes of a run whose supervisor is gone (killed), as
    recorded in its state file. Returns True when a run's supervisor is
    still alive (then nothing is done)."""
    try:
        state = json.loads(settings.state_file.read_text())
    except (OSError, ValueError):
        return False
    if ours(state.get("supervisor", 0), settings, "supervisor"):
        return True
    order = {"haproxy": 0, "postgres": 2}
    processes = state.get("processes", {})
    for name in sorted(processes, key=lambda n: order.get(n, 1)):
        pid = processes[name]
        if ours(pid, settings, name):
            log(f"stopping {name} (pid {pid}) left by an earlier run")
            os.kill(pid, signal.SIGINT if name == "postgres" else signal.SIGTERM)
            wait_gone(pid, 60)
    remove_leftovers(settings)
    return False


def remove_leftovers(settings):
    """Once everything is stopped: the balancer's stats socket (HAProxy
    leaves it), the Zope processes' pid files (SIGTERM ends them before
    Zope removes its own) and the state file."""
    settings.stats_socket.unlink(missing_ok=True)
    for pid_file in settings.state.glob("worker-*.pid"):
        pid_file.unlink(missing_ok=True)
    settings.state_file.unlink(missing_ok=True)


def wait_gone(pid, timeout):
    """Wait until ``pid`` is gone; SIGKILL it after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)


def ports_in_use(settings):
    """[(setting, port)] of the ports the cluster would listen on that a
    program listens on already (PORT on localhost, the Zope processes' and
    PostgreSQL's on 127.0.0.1)."""
    wanted = [("PORT", settings.port), ("PG_PORT", settings.pg_port)]
    wanted += [(f"worker {n}", port) for n, port in settings.worker_ports().items()]
    taken = []
    for name, port in wanted:
        with socket.socket() as probe:
            probe.settimeout(1)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                taken.append((name, port))
    return taken


def start(settings):
    """``make start-cluster``: returns the exit status."""
    settings.check_ports()
    if stop_previous(settings):
        raise ClusterError(
            f"a cluster is running already ({settings.state_file}): make stop-cluster"
        )
    taken = ports_in_use(settings)
    if taken:
        raise ClusterError(
            "in use already: "
            + ", ".join(f"{name} {port}" for name, port in taken)
            + " (another program, or a cluster from another folder): "
            "choose other ports (PORT, WORKER_PORT, PG_PORT) or stop it"
        )
    cluster = Cluster(settings)
    signal.signal(signal.SIGINT, raise_stop)
    signal.signal(signal.SIGTERM, raise_stop)
    try:
        cluster.run()
    except Stop as stop:
        log(f"{stop}: stopping")
        return 0
    finally:
        # A second Ctrl-C must not leave half of the processes running.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        cluster.stop()
        log("stopped")


def stop(settings):
    """``make stop-cluster``: stop a run in the background (its supervisor,
    which stops the rest), or what a killed run left. Returns the exit
    status."""
    try:
        state = json.loads(settings.state_file.read_text())
    except (OSError, ValueError):
        log("no cluster is running")
        return 0
    supervisor = state.get("supervisor", 0)
    if ours(supervisor, settings, "supervisor"):
        log(f"stopping the cluster (pid {supervisor})")
        os.kill(supervisor, signal.SIGTERM)
        wait_gone(supervisor, 180)
    stop_previous(settings)
    log("stopped")
    return 0


def running_cluster(settings):
    """The state file of a cluster of this instance folder that runs (its
    supervisor, or a process it left when it was killed, still alive and
    ours), else None."""
    try:
        state = json.loads(settings.state_file.read_text())
    except (OSError, ValueError):
        return None
    if ours(state.get("supervisor", 0), settings, "supervisor"):
        return state
    for name, pid in state.get("processes", {}).items():
        if ours(pid, settings, name):
            return state
    return None


def database_in_use(settings):
    """True when a running cluster of this folder uses this database."""
    state = running_cluster(settings)
    return state is not None and state.get("database") in (None, settings.database)


def follow_running(settings, database=True):
    """The settings for backup and migrate: when a cluster of this folder
    runs, its PostgreSQL port (and, with ``database``, its database) unless
    PG_PORT (PG_DATABASE) is given, saying so. Raises ClusterError for a
    PG_PORT given that is not the running cluster's (issue 22's second
    trial, findings 2 and 3)."""
    state = running_cluster(settings)
    if state is None:
        return settings
    port = state.get("pg_port") or postmaster_port(settings) or settings.pg_port
    if "PG_PORT" in settings.given and settings.pg_port != port:
        raise ClusterError(
            f"the cluster running from this folder has PostgreSQL on port {port}, "
            f"not PG_PORT {settings.pg_port}: pass PG_PORT={port}"
        )
    running = state.get("database") or settings.database
    if database and "PG_DATABASE" not in settings.given:
        settings = settings.like(PG_DATABASE=running, PG_PORT=port)
        log(f"the running cluster uses the database {running!r} on port {port}")
    else:
        settings = settings.like(PG_PORT=port)
        if database and settings.database != running:
            log(
                f"note: PG_DATABASE={settings.database}, not {running!r} the "
                "running cluster uses"
            )
    return settings


def stats_file(settings):
    """Statistik's SQLite file (solna.intranet.stats.store): SOLNA_STATS_DB,
    or solna-stats.sqlite in the instance's var (zope.conf's clienthome)."""
    return Path(
        os.environ.get("SOLNA_STATS_DB") or settings.instance / "var/solna-stats.sqlite"
    )


def stats_backup(dump):
    """Where the copy of Statistik's file goes beside the dump ``dump``:
    solna-<time>.dump -> solna-<time>.stats.sqlite."""
    return Path(dump).with_suffix(".stats.sqlite")


def backup(settings):
    """``make backup``: ``pg_dump -Fc`` of the cluster's database (blobs
    included: they are stored in it) into ``BACKUP`` or
    instance/var/backups/<database>-<UTC time>.dump, while the cluster runs
    or not (pg_dump reads one consistent snapshot), and Statistik's SQLite
    file, which is not in the database, beside it (``stats_backup``:
    SQLite's backup API, without the day's salt). While a cluster of this
    folder runs, its database and port unless PG_DATABASE and PG_PORT are
    given (``follow_running``). The dump is written to ``<file>.partial``
    and renamed when pg_dump succeeded: a failed one leaves no file. Returns
    the dump; raises ClusterError saying what failed."""
    settings = follow_running(settings)
    folder = settings.instance / "var" / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = Path(
        os.environ.get("BACKUP") or folder / f"{settings.database}-{stamp}.dump"
    )
    partial = target.with_name(f"{target.name}.partial")
    try:
        with postgres_for_a_moment(settings):
            exists = psql(
                # The name is checked by Settings (letters, digits, _).
                settings,
                f"SELECT 1 FROM pg_database WHERE datname = '{settings.database}'",  # noqa: S608
            )
            if not exists:
                raise ClusterError(
                    f"no database {settings.database!r} on port {settings.pg_port}"
                    " (PG_DATABASE, PG_PORT)"
                )
            # Personal data: readable by root (or the user running it) only.
            partial.unlink(missing_ok=True)
            partial.touch(mode=0o600)
            partial.chmod(0o600)
            dumped = pg_client(
                settings, "pg_dump", "-Fc", "-f", partial, settings.database
            )
            if dumped.returncode:
                raise ClusterError(
                    f"pg_dump of {settings.database!r} on port {settings.pg_port} "
                    f"failed: {dumped.stderr.strip()}"
                )
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    log(f"backed up {settings.database!r} to {target}")
    stats = stats_file(settings)
    if stats.is_file():
        from solna.intranet.stats.store import copy

        copy(stats, stats_backup(target))
        log(f"backed up Statistik's {stats} to {stats_backup(target)}")
    return target


def check_dump(source):
    """Raise ClusterError unless ``source`` is a dump pg_restore can read
    (``pg_restore --list``) holding RelStorage's tables (object_state)."""
    listed = subprocess.run(
        [pg_bin("pg_restore"), "--list", source],
        check=False,
        capture_output=True,
        text=True,
    )
    if listed.returncode:
        raise ClusterError(
            f"{source} is no dump pg_restore can read "
            f"({listed.stderr.strip() or listed.returncode})"
        )
    if not re.search(r" TABLE \S+ object_state ", listed.stdout):
        raise ClusterError(f"{source} holds no ZODB (no table object_state)")


def restore(settings, source):
    """``make restore BACKUP=file``: replace the cluster's database with a
    dump of ``backup`` (everything written since is gone), empty the
    database's blob cache, and put back Statistik's file when the backup
    has one beside it (``stats_backup``).

    The dump is checked first (``check_dump``) and restored into a new
    database, ``<database>_restoring``; only when pg_restore succeeded is
    the old one dropped and the new one renamed to it. Raises ClusterError
    (the database left as it was) for no BACKUP, a missing or unusable
    dump, a failed pg_restore, while a cluster of this folder runs (the
    Statistik file and the blob caches are the folder's), or while anyone
    is connected to the database."""
    if not source:
        raise ClusterError(
            "make restore needs BACKUP=file: a dump of make backup, e.g. "
            "BACKUP=instance/var/backups/solna-<UTC time>.dump"
        )
    source = Path(source)
    if not source.is_file():
        raise ClusterError(f"no backup {source}")
    state = running_cluster(settings)
    if state is not None:
        raise ClusterError(
            f"a cluster of this folder is running (on the database "
            f"{state.get('database', settings.database)!r}; Statistik's file "
            "and the blob caches are the folder's): make stop-cluster first"
        )
    name = settings.database
    untouched = f"the database {name!r} is left as it was"
    try:
        check_dump(source)
    except ClusterError as error:
        raise ClusterError(f"{error}: {untouched}") from None
    # (PG_DATABASE is checked: lower-case letters, digits and _ only.)
    temporary = f"{name[:50]}_restoring"
    with postgres_for_a_moment(settings):
        if not psql(settings, "SELECT 1 FROM pg_roles WHERE rolname = 'zodb'"):
            psql(settings, "CREATE ROLE zodb LOGIN")
        # Another instance's cluster on the same PostgreSQL (its state file
        # is not ours to read) is connected: never drop its database.
        sql = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}'"  # noqa: S608
        connected = psql(settings, f"{sql} AND pid <> pg_backend_pid()").strip()
        if connected not in ("", "0"):
            raise ClusterError(
                f"{connected} connection(s) use the database {name!r} on port "
                f"{settings.pg_port} (a cluster running from another folder?): "
                "stop what uses it first"
            )
        psql(settings, f'DROP DATABASE IF EXISTS "{temporary}"')
        psql(settings, f'CREATE DATABASE "{temporary}" OWNER zodb ENCODING UTF8')
        restored = pg_client(
            settings, "pg_restore", "--exit-on-error", "-d", temporary, source
        )
        if restored.returncode:
            psql(settings, f'DROP DATABASE IF EXISTS "{temporary}"')
            raise ClusterError(
                f"pg_restore of {source} failed "
                f"({restored.stderr.strip() or restored.returncode}): {untouched}"
            )
        psql(settings, f'DROP DATABASE IF EXISTS "{name}"')
        psql(settings, f'ALTER DATABASE "{temporary}" RENAME TO "{name}"')
    # Blobs of transactions the restore took back must not be served.
    shutil.rmtree(settings.blob_cache, ignore_errors=True)
    log(f"restored {settings.database!r} from {source}")
    saved = stats_backup(source)
    if saved.is_file():
        stats = stats_file(settings)
        stats.parent.mkdir(parents=True, exist_ok=True)
        for journal in (Path(f"{stats}-wal"), Path(f"{stats}-shm")):
            journal.unlink(missing_ok=True)
        partial = stats.with_name(f"{stats.name}.restoring")
        shutil.copyfile(saved, partial)
        partial.chmod(0o640)  # as the processes make it (UMASK)
        partial.replace(stats)
        log(f"restored Statistik's {stats} from {saved}")
    else:
        log(f"no {saved}: Statistik's {stats_file(settings)} is left as it is")


def migrate(settings):
    """``make migrate-to-cluster``: copy the FileStorage of `make start`
    (``FILESTORAGE``, default instance/var/filestorage/Data.fs, with its
    blobs in instance/var/blobstorage) into the cluster's database with
    RelStorage's zodbconvert, every object and blob. The database must be
    new or empty (zodbconvert refuses otherwise); stop `make start` first.
    While a cluster of this folder runs, its PostgreSQL port unless PG_PORT
    is given (``follow_running``). Raises ClusterError while the cluster
    runs on the database, and when zodbconvert fails."""
    settings = follow_running(settings, database=False)
    var = settings.instance / "var"
    source = Path(os.environ.get("FILESTORAGE") or var / "filestorage" / "Data.fs")
    blobs = Path(os.environ.get("BLOBSTORAGE") or source.parent.parent / "blobstorage")
    if not source.is_file():
        raise ClusterError(f"no FileStorage at {source}")
    if database_in_use(settings):
        raise ClusterError("the cluster is running on it: make stop-cluster first")
    # Only zodbconvert's own file: a running cluster's (on another
    # database) keeps its zope.conf.
    settings.etc.mkdir(parents=True, exist_ok=True)
    settings.logs.mkdir(parents=True, exist_ok=True)
    config = settings.etc / "zodbconvert.conf"
    render(
        "zodbconvert.conf.in",
        config,
        {
            "INSTANCE_HOME": settings.instance,
            "FILESTORAGE": source,
            "BLOBSTORAGE": blobs,
            "PG_DSN": settings.dsn,
            "PG_DATABASE": settings.database,
        },
    )
    with postgres_for_a_moment(settings):
        new = ensure_database(settings)
        log(f"copying {source} into {settings.database!r} (zodbconvert)")
        converted = subprocess.run([BIN / "zodbconvert", config], check=False)
    if converted.returncode and not new:
        # zodbconvert's "Try --clear." is not for make: it would empty a
        # database that may be a cluster's.
        raise ClusterError(
            f"zodbconvert failed: the database {settings.database!r} existed "
            "already (is the database empty? If zodbconvert said it has data, "
            "its --clear is not offered here): migrate into a new database "
            "with PG_DATABASE=<new name>"
        )
    if converted.returncode:
        raise ClusterError("zodbconvert failed: see its message above")
    serve = "make start-cluster" + (
        f" PG_DATABASE={settings.database}" if settings.database != "solna" else ""
    )
    log(f"migrated {source} to {settings.database!r}: now {serve}")


def balancer_status(settings):
    """{server name: HAProxy's status of it} ("worker-1": "UP", "DOWN",
    "MAINT", ...) of the Zope processes, from ``show stat`` (CSV) on the
    balancer's stats socket. Raises ClusterError when no balancer answers
    there."""
    try:
        with socket.socket(socket.AF_UNIX) as stats:
            stats.settimeout(10)
            stats.connect(str(settings.stats_socket))
            stats.sendall(b"show stat\n")
            chunks = []
            while chunk := stats.recv(65536):
                chunks.append(chunk)
    except OSError as error:
        raise ClusterError(
            f"no balancer answers on {settings.stats_socket} "
            f"({error.strerror or error}): is the cluster running?"
        ) from None
    lines = b"".join(chunks).decode(errors="replace").splitlines()
    if not lines:
        return {}
    header = lines[0].lstrip("# ").split(",")
    found = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("pxname") == "zope" and row.get("svname", "").startswith("worker"):
            found[row["svname"]] = row.get("status", "")
    return found


def status(settings):
    """``make cluster-status``: print whether the supervisor (the watch
    loop that starts a process again) runs, then each Zope process and how
    the balancer sees it (UP, DOWN, ...). Returns 0 when the supervisor and
    every process are UP, else 1; raises ClusterError when no cluster runs
    or no balancer answers."""
    try:
        state = json.loads(settings.state_file.read_text())
    except (OSError, ValueError):
        raise ClusterError(
            f"no cluster is running from this folder (no {settings.state_file})"
        ) from None
    supervisor = state.get("supervisor", 0)
    supervised = ours(supervisor, settings, "supervisor")
    if supervised:
        print(f"{'supervisor':10} {'UP':6} pid {supervisor}", flush=True)
    else:
        print(
            f"{'supervisor':10} {'DOWN':6} pid {supervisor}: nothing starts a "
            "process that exits again; make stop-cluster, then make start-cluster",
            flush=True,
        )
    processes = balancer_status(settings)
    ports = state.get("workers", {})
    for name, state in sorted(processes.items(), key=lambda i: int(i[0][7:])):
        where = f"127.0.0.1:{ports[name]}" if name in ports else ""
        print(f"{name:10} {state:6} {where}".rstrip(), flush=True)
    up = processes and all(s == "UP" for s in processes.values())
    return 0 if supervised and up else 1


def main(argv):
    command = argv[0] if argv else "start"
    commands = {
        "start": start,
        "stop": stop,
        "status": status,
        "backup": lambda settings: backup(settings) and 0,
        "restore": lambda settings: restore(settings, os.environ.get("BACKUP", "")),
        "migrate": migrate,
    }
    if command not in commands:
        print(__doc__)
        return 2
    try:
        return commands[command](Settings()) or 0
    except ClusterError as error:
        log(f"error: {error}")
        return 1
    except subprocess.CalledProcessError as error:
        # Its own message is printed above it; no traceback.
        log(f"error: {Path(str(error.cmd[0])).name} exited with {error.returncode}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
