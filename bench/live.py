"""Live benchmark: many open tabs of a framework across two app servers on one PostgreSQL, while one person saves.

What an open tab costs, and how soon a save shows in every other tab (issue 24's load):

1. **Idle servers** (the floor): two app servers (``streamlit run app.py``) on one throwaway PostgreSQL
   database (``tests/pg.py``), no tab open: the servers' CPU and the database's statements a second.
2. **One tab** (the floor): one tab open on the framework while a saver saves it every ``--every`` seconds:
   how soon each save shows in it, what it costs.
3. **N tabs of one framework** (``--tabs``, 50), half on each server: first ``--idle`` seconds with no one
   saving (the cost of open tabs alone), then ``--seconds`` (60) of one save every ``--every`` (2) seconds.
4. **N tabs of N different frameworks**, one tab each, half on each server: the same, the saver saving the
   first framework; the others only look.

The tabs are real Streamlit sessions, each with its own name (the ``logicmodel_author`` cookie), open on Home
with the framework (``/?framework=ID``), its sidebar fragment polling the library every 2.5 s as in anyone's
browser. ``--client`` says what holds them:

- ``ws`` (the default): ``bench/st_session.py``, the app's own websocket spoken as its page speaks it (the first
  run with the address's query and the name's cookie, the fragment's run on the timer the server gives it, the
  sidebar's text read from what the server sends), all the tabs on one thread of this process: what a tab
  costs the server is a browser tab's (its runs, what they send, its queries), without a browser's drawing on
  this machine, so 50 tabs fit on a two-core machine;
- ``browser``: pages of one headless Chromium (Debian's, through Playwright), each in a browser context of its
  own; about 7% of a core each, so a few tabs, not 50, on this machine.

The saver is a named author ("Priya") saving through the store from this process, as another server's tab would
(a new box each time), under a database role of its own (``saver``), so the database's count of the tabs'
statements leaves its statements out.

Measured:

- **Shown after a save**: each tab records when its sidebar first says "as version N" (``ws``: when the message
  drawing that line arrives; ``browser``: a 100 ms look at the page's sidebar; either way this machine's
  clock); for each save and each other tab of that framework, the time from the save's commit until the tab
  showed it or a later version; median, 95th percentile and worst (target: under 5 s).
- **Database**: statements a second from the app servers (``pg_stat_statements``, loaded for this run;
  every statement, BEGIN and COMMIT included, and the queries alone), and transactions a second
  (``pg_stat_database.xact_commit``), before/after deltas over each phase; per open tab.
- **Servers' CPU**: each server process's user+system time (``/proc/PID/stat``) over the phase, as a share of
  one core; and the client's (``ws``: the sessions' thread; ``browser``: all of Chromium's processes), for what
  the client side costs this machine.
- **Runs done**: the full runs and the fragment's runs a second that finished in the ``ws`` sessions (a
  ``script_finished`` saying so; the fragment's timer asks 0.4 a second a tab; a run cut short by the next
  request is not counted), and any session that lost its connection or saw the app fail.
- **Nothing lost**: every save is in the library's history, in order, with its author and summary.

Wall time on a shared 2-core machine (the clients share it with the servers and the database).
Run: ``.venv/bin/python bench/live.py [--client ws|browser] [--tabs 50] [--seconds 60] [--every 2] [--idle 20]``;
not run by ``make test`` (``tests/bench/test_live_ws.py`` and ``tests/browser/test_live_bench.py`` run its
pieces with two tabs of each client).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # tests/pg.py (a throwaway server), tests/browser (the app server)
sys.path.insert(0, str(ROOT / "bench"))  # st_session.py (the light client)

from browser.conftest import CHROMIUM_ARGS, LIVE, AppServer, find_chromium  # noqa: E402
from pg import _binaries, fresh_database, throwaway_postgres  # noqa: E402
from st_session import SessionPool  # noqa: E402

from logicmodel.editing.edit import add_node, new_framework  # noqa: E402
from logicmodel.store import Library  # noqa: E402
from ui.author import COOKIE  # noqa: E402

SAVER = "Priya"
SAVER_ROLE = "saver"
BENCH_ROLE = "bench"
TICK = os.sysconf("SC_CLK_TCK")

WATCH = """
window.__lmShown = {};
setInterval(() => {
  const bar = document.querySelector('[data-testid="stSidebar"]');
  if (!bar) return;
  const found = /as version (\\d+)/.exec(bar.textContent);
  if (found && !(found[1] in window.__lmShown)) window.__lmShown[found[1]] = Date.now();
}, 100);
"""
"""In every Chromium tab: when its sidebar first said "as version N", in ms since the epoch (``window.__lmShown``)."""
SHOWN = re.compile(r"Saved .* as version (\d+)")
"""The sidebar's line a websocket tab reads its version from (``ui.saving.show_saved``)."""
CLIENTS = ("ws", "browser")


# --- the database ------------------------------------------------------------------------------------------------


def _postgres_as(url: str, role: str | None = None, database: str | None = None):
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=role or parsed.username,
        dbname=database or parsed.database,
        autocommit=True,
    )


def _role_url(url: str, role: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(username=role).render_as_string(hide_password=False)


def load_pg_stat_statements(server_url: str) -> bool:
    """Restart the throwaway server with ``pg_stat_statements`` loaded; False (and a note) if it cannot be."""
    try:
        with _postgres_as(server_url) as conn:
            data = conn.execute("SHOW data_directory").fetchone()[0]
            conn.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
        log = str(Path(data).parent / "server.log")  # else the server holds our pipe open
        command = [str(_binaries() / "pg_ctl"), "-D", data, "-l", log, "-w", "-t", "60", "-m", "fast", "restart"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        with _postgres_as(server_url) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        return True
    except Exception as exc:  # a benchmark says why and goes on without it
        print(f"(pg_stat_statements not loaded: {str(exc).splitlines()[0]}; counting transactions only)")
        return False


@dataclass
class DbCount:
    statements: int
    queries: int
    commits: int
    returned: int
    each: dict[str, int] = field(default_factory=dict)
    """Calls of each statement (its text as ``pg_stat_statements`` normalises it)."""


class Database:
    """The library's database, its roles, and its counters."""

    def __init__(self, server_url: str):
        self.server_url = server_url
        self.statements = load_pg_stat_statements(server_url)
        self.url = fresh_database(server_url)
        self.name = self.url.rsplit("/", 1)[-1]
        with _postgres_as(server_url) as conn:
            for role in (SAVER_ROLE, BENCH_ROLE):
                conn.execute(f"CREATE ROLE {role} LOGIN SUPERUSER")
        with _postgres_as(self.url) as conn:
            if self.statements:
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        Library.open(self.url).close()  # the schema made once, before the servers start

    def saver_url(self) -> str:
        return _role_url(self.url, SAVER_ROLE)

    def count(self) -> DbCount:
        """Statements from the app servers (role ``postgres``) on the library's database, and its commits."""
        with _postgres_as(self.server_url, BENCH_ROLE, self.name) as conn:
            conn.execute("SET stats_fetch_consistency = none")
            commits, returned = conn.execute(
                "SELECT xact_commit, tup_returned FROM pg_stat_database WHERE datname = %s", [self.name]
            ).fetchone()
            statements = queries = 0
            each: dict[str, int] = {}
            if self.statements:
                statements, queries = conn.execute(
                    "SELECT coalesce(sum(calls), 0), coalesce(sum(calls) FILTER (WHERE query ~* "
                    "'^\\s*(select|insert|update|delete|with)'), 0) FROM pg_stat_statements s "
                    "JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid "
                    "WHERE r.rolname = 'postgres' AND d.datname = %s",
                    [self.name],
                ).fetchone()
                each = dict(
                    conn.execute(
                        "SELECT s.query, sum(s.calls) FROM pg_stat_statements s "
                        "JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid "
                        "WHERE r.rolname = 'postgres' AND d.datname = %s GROUP BY s.query",
                        [self.name],
                    ).fetchall()
                )
        return DbCount(int(statements), int(queries), int(commits), int(returned), {k: int(v) for k, v in each.items()})


# --- processes ---------------------------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds a process has used (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (the browser's, below this one)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def browser_cpu_seconds() -> float:
    total = 0.0
    for pid in descendants(os.getpid()):
        with contextlib.suppress(OSError):
            if "chrom" in Path(f"/proc/{pid}/comm").read_text():
                total += cpu_seconds(pid)
    return total


# --- tabs ----------------------------------------------------------------------------------------------------


@dataclass
class Tab:
    """One open tab: a Chromium page (``--client browser``) or a websocket session (``--client ws``)."""

    framework_id: str
    server: int
    page: object = None
    session: object = None

    def shown(self) -> dict[int, float]:
        """Version -> when this tab first showed it (seconds since the epoch)."""
        if self.session is not None:
            return {int(k): v for k, v in dict(self.session.seen).items()}
        try:
            return {int(k): v / 1000 for k, v in self.page.evaluate("window.__lmShown || {}").items()}
        except Exception:  # a page that crashed shows nothing more
            return {}

    def problems(self) -> list[str]:
        """What went wrong in a websocket tab (a lost connection, an exception the app showed); [] otherwise."""
        return list(self.session.problems) if self.session is not None else []


def _loopback_only(url: str):
    """A route handler that lets a tab reach its own app server and nothing else."""

    def guard(route: object) -> None:
        if route.request.url.startswith((url, "data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort()

    return guard


class Clients:
    """What holds the tabs: one headless Chromium (``browser``) or a pool of websocket sessions (``ws``)."""

    def __init__(self, kind: str, browser: object = None, pool: SessionPool | None = None):
        self.kind = kind
        self.browser = browser
        self.pool = pool

    def describe(self) -> str:
        if self.kind == "ws":
            return "Streamlit sessions over the app's websocket, bench/st_session.py"
        return "Chromium pages"

    def open_tabs(self, servers: list[AppServer], framework_ids: list[str], batch: int = 10) -> list[Tab]:
        """One tab per framework id, alternately on each server, each with its own name ("Reader N"); opened
        ``batch`` at a time, and each waited for until its sidebar shows the framework's version."""
        tabs: list[Tab] = []
        for start in range(0, len(framework_ids), batch):
            opening = [
                self._open(servers, n, framework_ids[n]) for n in range(start, min(start + batch, len(framework_ids)))
            ]
            for tab in opening:
                if tab.session is not None:
                    try:
                        tab.session.wait_for(lambda tab=tab: tab.session.seen, timeout=180, what="its version")
                    except AssertionError as exc:  # counted in the phases' problems, and the run goes on
                        tab.session.problems.append(f"not open after 180 s: {exc}")
                        print(f"(a tab on {tab.session.server_url} did not open: {exc})", flush=True)
                else:
                    tab.page.wait_for_function("Object.keys(window.__lmShown || {}).length > 0", polling=250)
            tabs.extend(opening)
        return tabs

    def _open(self, servers: list[AppServer], n: int, framework_id: str) -> Tab:
        server = n % len(servers)
        url = servers[server].url
        name = quote(f"Reader {n + 1}")
        if self.kind == "ws":
            session = self.pool.open(url, query=f"framework={framework_id}", cookies={COOKIE: name}, watch=SHOWN)
            return Tab(framework_id, server, session=session)
        context = self.browser.new_context(viewport={"width": 1366, "height": 768})
        context.add_cookies([{"name": COOKIE, "value": name, "url": url}])
        context.route("**/*", _loopback_only(url))
        context.add_init_script(WATCH)
        page = context.new_page()
        page.set_default_timeout(180_000)
        page.goto(f"{url}/?framework={framework_id}", wait_until="commit")
        return Tab(framework_id, server, page=page)

    def close_tabs(self, tabs: list[Tab]) -> None:
        for tab in tabs:
            if tab.session is not None:
                self.pool.close_session(tab.session)
            else:
                with contextlib.suppress(Exception):
                    tab.page.context.close()

    def cpu_seconds(self) -> float:
        """CPU seconds the client side has used: the sessions' thread, or all of Chromium's processes."""
        return self.pool.cpu_seconds() if self.pool is not None else browser_cpu_seconds()


def _runs(tabs: list[Tab]) -> tuple[int, int]:
    """Full runs and fragment runs the websocket tabs have received so far."""
    sessions = [t.session for t in tabs if t.session is not None]
    return sum(s.runs for s in sessions), sum(s.fragment_runs for s in sessions)


# --- a phase -------------------------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    tabs: int
    seconds: float
    statements: float = 0.0
    queries: float = 0.0
    commits: float = 0.0
    returned: float = 0.0
    server_cpu: list[float] = field(default_factory=list)
    client_cpu: float = 0.0
    runs: float | None = None
    """Full runs a second the websocket tabs received (None for Chromium tabs: not counted)."""
    fragment_runs: float | None = None
    """The fragment's runs a second the websocket tabs received (its timer: 0.4 a second a tab)."""
    broken: list[str] = field(default_factory=list)
    """Websocket tabs' problems: a lost connection, an exception the app showed."""
    saves: int = 0
    delays: list[float] = field(default_factory=list)
    missed: int = 0
    lost: str = ""
    top: list[tuple[float, str]] = field(default_factory=list)
    """The statements sent most a second, with their rate."""

    def unkept(self) -> list[str]:
        """What this phase's tabs failed to show of its saves, in words (empty when each save is in the history,
        in order, and every tab watching the saved framework showed it, or a later one): what a benchmark's
        test asserts, whichever client the tabs were."""
        if not self.saves:
            return []
        # the saves are to one framework: every tab watches it, unless each tab has a framework of its own
        watching = self.tabs if "of 1 framework" in self.name or self.tabs == 1 else 1
        said = [f"{self.name}: {self.lost}"] if self.lost else []
        if self.missed:
            said.append(f"{self.name}: {self.missed} tab views missed a save")
        if len(self.delays) != self.saves * watching:
            said.append(f"{self.name}: {len(self.delays)} saves shown, {self.saves * watching} expected")
        return said


def measure(
    name: str,
    db: Database,
    servers: list[AppServer],
    clients: Clients,
    tabs: list[Tab],
    seconds: float,
    saver: Saver | None = None,
    every: float = 2.0,
) -> Phase:
    """Run ``seconds`` (saving every ``every`` when there is a saver) and count what it cost."""
    before_db, before_cpu = db.count(), [cpu_seconds(s.process.pid) for s in servers]
    before_client, before_runs = clients.cpu_seconds(), _runs(tabs)
    before_problems = [len(t.problems()) for t in tabs]
    start = time.monotonic()
    saved: list[tuple[int, float]] = []
    while (elapsed := time.monotonic() - start) < seconds:
        if saver is not None and elapsed >= len(saved) * every:
            saved.append(saver.save())
        time.sleep(0.05)
    wall = time.monotonic() - start
    after_db, after_cpu = db.count(), [cpu_seconds(s.process.pid) for s in servers]
    phase = Phase(name, len(tabs), wall)
    phase.statements = (after_db.statements - before_db.statements) / wall
    phase.queries = (after_db.queries - before_db.queries) / wall
    phase.commits = (after_db.commits - before_db.commits) / wall
    phase.returned = (after_db.returned - before_db.returned) / wall
    rates = {q: (n - before_db.each.get(q, 0)) / wall for q, n in after_db.each.items()}
    phase.top = sorted(((r, " ".join(q.split())) for q, r in rates.items() if r > 0), reverse=True)[:6]
    phase.server_cpu = [(a - b) / wall for a, b in zip(after_cpu, before_cpu, strict=True)]
    phase.client_cpu = (clients.cpu_seconds() - before_client) / wall
    if clients.kind == "ws" and tabs:
        after_runs = _runs(tabs)
        phase.runs = (after_runs[0] - before_runs[0]) / wall
        phase.fragment_runs = (after_runs[1] - before_runs[1]) / wall
    if saver is not None:
        time.sleep(15)  # the last save's time to show
        phase.saves = len(saved)
        watching = [t for t in tabs if t.framework_id == saver.framework_id]
        for tab in watching:
            shown = tab.shown()
            for version, at in saved:
                later = [when for v, when in shown.items() if v >= version]
                if later:
                    phase.delays.append(max(0.0, min(later) - at))
                else:
                    phase.missed += 1
        phase.lost = saver.check()
    phase.broken = [
        f"{t.session.server_url} {problem}"
        for t, n in zip(tabs, before_problems, strict=True)
        for problem in t.problems()[n:]
    ]
    shown = ""
    if phase.delays:
        shown = (
            f", shown: median {statistics.median(phase.delays):.1f} s, p95 {_p95(phase.delays):.1f} s, "
            f"worst {max(phase.delays):.1f} s, {'nothing lost' if not phase.lost else 'LOST: ' + phase.lost}"
        )
    print(
        f"({name}: {phase.statements:.1f} statements/s, {phase.queries:.1f} queries/s, "
        f"{phase.commits:.1f} commits/s, server CPU "
        f"{', '.join(f'{c:.0%}' for c in phase.server_cpu)}, {clients.kind} client CPU {phase.client_cpu:.0%}"
        f"{shown}, missed {phase.missed}, tabs' problems {len(phase.broken)})",
        flush=True,
    )
    return phase


class Saver:
    """A named author saving one framework through the store: a new box each time."""

    def __init__(self, url: str, framework_id: str):
        self.lib = Library.open(url)
        self.framework_id = framework_id
        self.current = self.lib.get(framework_id)
        self.first = self.current.version
        self.summaries: list[str] = []

    def save(self) -> tuple[int, float]:
        n = self.current.version + 1
        label = f"Saved box {n}"
        fw = add_node(self.current.framework, {"id": f"saved-{n}", "label": label, "level": "activity"})
        summary = f"Added box '{label}'"
        self.current = self.lib.save(
            self.framework_id, fw, expected_version=self.current.version, author=SAVER, summary=summary
        )
        self.summaries.append(summary)
        return self.current.version, time.time()

    def check(self) -> str:
        """ "" when every save is in the history, in order, with its author and summary; else what is wrong."""
        history = sorted(self.lib.history(self.framework_id), key=lambda v: v.version)
        mine = [v for v in history if v.version > self.first]
        expected = list(range(self.first + 1, self.first + 1 + len(self.summaries)))
        if [v.version for v in mine] != expected:
            return f"versions {[v.version for v in mine]} != {expected}"
        if [v.summary for v in mine] != self.summaries or {v.author for v in mine} - {SAVER}:
            return "a summary or author differs"
        return ""

    def close(self) -> None:
        self.lib.close()


# --- the run -------------------------------------------------------------------------------------------------


def small(title: str):
    fw = new_framework(title)
    for n, label in enumerate(("Walking football", "Chair yoga", "Couch to 5k"), 1):
        fw = add_node(fw, {"id": f"act-{n}", "label": label, "level": "activity"})
    return fw


@contextlib.contextmanager
def setup(folder: Path, client: str = "ws") -> Iterator[tuple[Database, list[AppServer], Clients]]:
    """A throwaway PostgreSQL with ``pg_stat_statements``, two app servers on one database, and what holds the
    tabs: a pool of websocket sessions (``ws``) or Chromium (``browser``)."""
    if client not in CLIENTS:
        raise SystemExit(f"--client is one of {', '.join(CLIENTS)}, not {client!r}")
    executable = find_chromium() if client == "browser" else None
    if client == "browser" and executable is None:
        raise SystemExit("no Chromium found: install it with `apt-get install chromium` or `make browser`")
    with throwaway_postgres() as server_url:
        db = Database(server_url)
        servers: list[AppServer] = []
        try:
            for name in ("a", "b"):
                (folder / name).mkdir()
                env = {"LOGICMODEL_DATABASE_URL": db.url, "LOGICMODEL_DATA_DIR": str(folder / name), **LIVE}
                servers.append(AppServer(folder / f"{name}.log", env).start())
            if client == "ws":
                with SessionPool() as pool:
                    yield db, servers, Clients("ws", pool=pool)
            else:
                from playwright.sync_api import sync_playwright

                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
                    try:
                        yield db, servers, Clients("browser", browser=browser)
                    finally:
                        browser.close()
        finally:
            for server in servers:
                server.stop()


def run(
    tabs: int,
    seconds: float,
    every: float,
    idle: float,
    floor_seconds: float = 20,
    client: str = "ws",
    many: bool = True,
) -> list[Phase]:
    """Every phase in turn (see the module's docstring), with ``tabs`` tabs held by ``client``; without the
    tabs of different frameworks when not ``many``."""
    phases: list[Phase] = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-live-") as folder,
        setup(Path(folder), client) as (db, servers, clients),
    ):
        with Library.open(db.url) as lib:
            one = lib.create(small("Active Kettering"), author="Ann").id
            others = [one] + [lib.create(small(f"Active place {n}"), author="Ann").id for n in range(1, tabs)]
        time.sleep(3)
        phases.append(measure("idle servers, no tab", db, servers, clients, [], floor_seconds))

        alone = clients.open_tabs(servers[:1], [one])
        phases.append(measure("1 tab, no one saving", db, servers, clients, alone, floor_seconds))
        saver = Saver(db.saver_url(), one)
        phases.append(measure("1 tab, a save every 2 s", db, servers, clients, alone, floor_seconds, saver, every))
        clients.close_tabs(alone)

        opened = time.monotonic()
        open_all = clients.open_tabs(servers, [one] * tabs)
        print(f"({tabs} tabs of one framework opened in {time.monotonic() - opened:.0f} s)", flush=True)
        time.sleep(5)
        phases.append(measure(f"{tabs} tabs of 1 framework, no one saving", db, servers, clients, open_all, idle))
        name = f"{tabs} tabs of 1 framework, a save every {every:g} s"
        phases.append(measure(name, db, servers, clients, open_all, seconds, saver, every))
        clients.close_tabs(open_all)
        saver.close()
        if not many:
            return phases

        opened = time.monotonic()
        open_each = clients.open_tabs(servers, others)
        print(f"({tabs} tabs of {tabs} frameworks opened in {time.monotonic() - opened:.0f} s)", flush=True)
        time.sleep(5)
        name = f"{tabs} tabs of {tabs} frameworks, no one saving"
        phases.append(measure(name, db, servers, clients, open_each, idle))
        saver = Saver(db.saver_url(), one)
        name = f"{tabs} tabs of {tabs} frameworks, a save every {every:g} s"
        phases.append(measure(name, db, servers, clients, open_each, seconds, saver, every))
        clients.close_tabs(open_each)
        saver.close()
    return phases


def _p95(values: list[float]) -> float:
    """The 95th percentile by nearest rank (of 2 values, the larger; never below the median)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def table(phases: list[Phase], tabs: int, client: str = "ws") -> list[str]:
    held = Clients(client).describe()
    lines = [
        f"Live tabs: {tabs} tabs ({held}) on Home across two app servers on one PostgreSQL",
        f"Python {sys.version.split()[0]}, one run, wall time on a shared {os.cpu_count()}-core machine",
        "",
        "statements/s: from the app servers (pg_stat_statements; BEGIN and COMMIT included), queries/s: "
        "SELECT/INSERT/UPDATE/DELETE alone",
        "",
        f"{'phase':<42} {'tabs':>4} {'stmts/s':>8} {'queries/s':>9} {'commits/s':>9} "
        f"{'per tab q/s':>11} {'server CPU (a, b)':>18} {'client CPU':>10} {'runs done/s':>11} {'frag done/s':>11}",
    ]
    for p in phases:
        per_tab = f"{p.queries / p.tabs:.2f}" if p.tabs else "-"
        cpu = ", ".join(f"{c:.0%}" for c in p.server_cpu)
        runs = f"{p.runs:.1f}" if p.runs is not None else "-"
        fragment_runs = f"{p.fragment_runs:.1f}" if p.fragment_runs is not None else "-"
        lines.append(
            f"{p.name:<42} {p.tabs:>4} {p.statements:>8.1f} {p.queries:>9.1f} {p.commits:>9.1f} "
            f"{per_tab:>11} {cpu:>18} {p.client_cpu:>10.0%} {runs:>11} {fragment_runs:>11}"
        )
    lines += ["", f"{'shown in the other tabs after a save':<42} {'saves':>5} {'shown':>6} {'median':>7} "
              f"{'p95':>6} {'worst':>6} {'missed':>6}  nothing lost"]  # fmt: skip
    for p in phases:
        if p.saves:
            if p.delays:
                median, p95, worst = statistics.median(p.delays), _p95(p.delays), max(p.delays)
                timing = f"{median:>6.1f}s {p95:>5.1f}s {worst:>5.1f}s"
            else:
                timing = f"{'-':>7} {'-':>6} {'-':>6}"
            lines.append(
                f"{p.name:<42} {p.saves:>5} {len(p.delays):>6} {timing} {p.missed:>6}  "
                f"{'yes' if not p.lost else 'NO: ' + p.lost}"
            )
    broken = [problem for p in phases for problem in p.broken]
    if client == "ws":
        lines += ["", f"tabs' problems (a lost connection, an exception the app showed): {len(broken) or 'none'}"]
        lines += [f"  {problem[:140]}" for problem in broken[:10]]
    busiest = max((p for p in phases if p.top), key=lambda p: p.statements, default=None)
    if busiest is not None:
        lines += ["", f"statements sent most, a second ({busiest.name}):"]
        lines += [f"  {rate:>7.1f}  {query[:110]}" for rate, query in busiest.top]
    sampled = [d for p in phases if p.saves and p.tabs > 1 for d in p.delays]
    if sampled:
        verdict = "yes" if _p95(sampled) < 5 else "no"
        lines += ["", f"target: 95th percentile under 5 s with {tabs} tabs: {verdict}"]
    return lines


def main(argv: list[str] | None = None) -> list[str]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--client", choices=CLIENTS, default="ws", help="what holds the tabs: websocket sessions or Chromium pages"
    )
    parser.add_argument("--tabs", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60, help="how long the saver saves")
    parser.add_argument("--every", type=float, default=2, help="seconds between saves")
    parser.add_argument("--idle", type=float, default=20, help="seconds of open tabs with no one saving")
    parser.add_argument("--floor", type=float, default=20, help="seconds of each floor phase")
    parser.add_argument(
        "--one-framework", action="store_true", help="leave out the phases of tabs of different frameworks"
    )
    args = parser.parse_args(argv)
    phases = run(args.tabs, args.seconds, args.every, args.idle, args.floor, args.client, not args.one_framework)
    lines = table(phases, args.tabs, args.client)
    print("\n".join(lines))
    return lines


if __name__ == "__main__":
    main()
