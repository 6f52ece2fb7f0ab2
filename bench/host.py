"""Hosted load: 40 officers editing at once through nginx and two app servers on PostgreSQL (issue 25's load).

The hosted configuration on loopback, as ``deploy/trial`` starts it (``Trial(servers=2)``: a throwaway PostgreSQL
cluster, the library's upgrade, two app servers with the systemd unit's own command line, XSRF protection on, and
nginx with a throwaway self-signed certificate, its affinity cookie keeping each browser on one server). Then:

0. Each app server runs the page once (its first run imports the app: paid once a start, in neither phase).
1. **One session alone** (the floor): one officer opens a framework of their own and saves an edit every
   ``--every`` (5) seconds for ``--seconds`` (120), no one else on the machine's servers.
2. **N sessions at once** (``--sessions``, 40): N officers, each with a framework of their own (created in the
   library beforehand: ``Framework of officer K``), open it one after another over ``--every`` seconds, then
   each saves an edit every ``--every`` seconds for ``--seconds``, their saves spread evenly over each period.

Each officer is a real Streamlit session over the app's websocket (``bench/st_session.py``), as a browser tab
is: it GETs the page first (``https://127.0.0.1:PORT/?framework=ID``) and keeps the cookies it is given
(nginx's ``lmb_server``, Streamlit's ``_streamlit_xsrf``), connects to ``wss://.../_stcore/stream`` with them and
the XSRF token in its subprotocols, runs Home with the framework, its sidebar's fragment on its timer. Once the
framework's title shows, the officer finds it in the library (Home lists it ten at a time: they type its title
into "Search the library"). Their edit is Home's "Rename" form for the open framework (under "More" in its row):
they type a new title (``Framework of officer K edit N``) into "New title" and press "Rename", sending the widget
states the page sends (the search's text with them), and the app saves a new version under the officer's name
(the ``logicmodel_author`` cookie).

Measured, for each phase:

- **page open**: from the page's GET until the framework's title is on the page (Home's "Open now" line);
- **save**: from the form's submit until the sidebar says "as version N" for the new version (the app's
  sidebar is drawn first, after the save), and until that run has drawn the whole page (``page redrawn``);
  median and 95th percentile (nearest rank), and the worst;
- **errors** (target 0): an exception the app showed, a lost connection, a save refused (the app's "Not
  renamed") or not shown within ``--timeout`` seconds;
- **saves lost** (target 0): after the run, each framework's history in the library, read through the store:
  the versions under the officer's name, counted against the saves the session sent, and the framework's
  title the last one typed;
- **CPU**: each app server's process, nginx (its master and workers) and PostgreSQL (the postmaster and its
  backends), user+system time from ``/proc`` over the phase's saving window (all sessions open, saving), as a
  share of one core; and the sessions' own thread (``client``), which shares the machine.

From the N sessions' window: the CPU one officer saving every ``--every`` seconds costs the whole hosted stack
(servers + nginx + PostgreSQL, divided by N), and so how many such officers two cores carry at 70% busy.

Wall time on a shared 2-core machine; the sessions' client runs on it too. PostgreSQL as the trial starts it:
fsync off (a test cluster), so a save's commit costs less than on a council's server's disk.
Run: ``.venv/bin/python bench/host.py [--sessions 40] [--seconds 120] [--every 5]`` (``make bench-host``); its
last table is in ``bench/host-latest.txt``. ``tests/bench/test_host_bench.py`` runs its pieces with 2 sessions.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # st_session.py, live.py
sys.path.insert(0, str(ROOT / "deploy"))  # trial.py

from live import TICK, _p95, _postgres_as, cpu_seconds, descendants, small  # noqa: E402
from st_session import MAIN, Session, SessionPool, insecure_context, page_cookies  # noqa: E402
from trial import Trial  # noqa: E402

from logicmodel.store import Library  # noqa: E402
from ui.author import COOKIE  # noqa: E402

VERSION = re.compile(r"as version (\d+)")
"""The sidebar's "Saved just now as version N" (``ui/saving.py``)."""
REFUSED = "Not renamed"
"""How the app's rename form says a save was refused (``ui/forms/rename.py``)."""
HEADROOM = 0.7
"""The share of the server's cores the estimate lets officers use (the rest for page opens, bursts, backups)."""


def officer(k: int) -> str:
    return f"Officer {k:02d}"


def title_of(k: int, edit: int = 0) -> str:
    """The framework's title (letters, digits and spaces: Markdown shows them as they are), after ``edit``."""
    return f"Framework of officer {k:02d}" + (f" edit {edit}" if edit else "")


# --- CPU -----------------------------------------------------------------------------------------------------


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, of its children it has reaped, and of its living descendants."""
    total = 0.0
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / TICK
    for child in descendants(pid):
        with contextlib.suppress(OSError):
            total += cpu_seconds(child)
    return total


def postmaster_pid(database_url: str) -> int | None:
    """The PostgreSQL cluster's main process (``postmaster.pid`` in its data directory), or None."""
    with contextlib.suppress(Exception), _postgres_as(database_url) as conn:
        data = conn.execute("SHOW data_directory").fetchone()[0]
        return int((Path(data) / "postmaster.pid").read_text().split()[0])
    return None


@dataclass
class Meters:
    """What each part of the hosted stack has used, read at a moment."""

    servers: list[float]
    nginx: float
    postgres: float
    client: float
    at: float

    @classmethod
    def read(cls, trial: Trial, postmaster: int | None, pool: SessionPool) -> Meters:
        return cls(
            [cpu_seconds(pid) for pid in trial.app_pids],
            tree_cpu(trial.nginx.pid),
            tree_cpu(postmaster) if postmaster else 0.0,
            pool.cpu_seconds(),
            time.monotonic(),
        )

    def share(self, later: Meters) -> dict[str, object]:
        """Each part's CPU from this reading to ``later``, as a share of one core."""
        span = max(later.at - self.at, 1e-9)
        return {
            "servers": [(b - a) / span for a, b in zip(self.servers, later.servers, strict=True)],
            "nginx": (later.nginx - self.nginx) / span,
            "postgres": (later.postgres - self.postgres) / span,
            "client": (later.client - self.client) / span,
        }


# --- one officer ---------------------------------------------------------------------------------------------


@dataclass
class Officer:
    """One officer's session: their framework, what they did and what it took."""

    k: int
    framework_id: str
    session: Session | None = None
    opened: float | None = None
    saves: list[float] = field(default_factory=list)
    redraws: list[float] = field(default_factory=list)
    sent: int = 0
    last_title: str = ""
    search: str = ""
    errors: list[str] = field(default_factory=list)

    def open(self, pool: SessionPool, url: str, timeout: float) -> None:
        """GET the page, connect, and wait until the framework's title is on the page."""
        context = insecure_context()
        start = time.monotonic()
        try:
            cookies = page_cookies(f"{url}/?framework={self.framework_id}", {COOKIE: quote(officer(self.k))}, context)
            self.session = pool.open(
                url, query=f"framework={self.framework_id}", cookies=cookies, watch=VERSION, ssl=context
            )
            title = title_of(self.k)
            self.session.wait_for(
                lambda: any(f"Open now:** {title}" in t for t in self.session.texts(MAIN)), timeout, "the title"
            )
            self.opened = time.monotonic() - start
            # Home lists the library ten at a time: the officer finds their framework by its title, as a person
            # does in a library of many, and its row's rename form is then on the page
            self.session.wait_for(lambda: self._drawn("library_search"), timeout, "the library's search")
            self.search = title_of(self.k)
            pool.type_into(self.session, {"library_search": self.search})
            self.session.wait_for(lambda: self._drawn(f"lib_rename_{self.framework_id}"), timeout, "the rename form")
        except Exception as exc:
            self.errors.append(f"page open: {exc}")

    def _drawn(self, key: str) -> bool:
        try:
            self.session.widget_id(key)
            return True
        except KeyError:
            return False

    def save(self, pool: SessionPool, edit: int, timeout: float) -> None:
        """Type a new title in the rename form and press Rename; wait until the sidebar says the new version."""
        session = self.session
        version = max((int(v) for v in session.seen), default=1) + 1
        title = title_of(self.k, edit)
        runs = session.runs
        try:
            sent = pool.submit(
                session,
                {f"rename_title_{self.framework_id}": title, "library_search": self.search},
                f"lib_rename_{self.framework_id}",
            )
            self.sent += 1
            self.last_title = title
            session.wait_for(
                lambda: str(version) in session.seen or any(REFUSED in t for t in session.texts(MAIN)),
                timeout,
                f"version {version}",
            )
            if str(version) not in session.seen:
                self.errors.append(f"save {edit} refused: {[t for t in session.texts(MAIN) if REFUSED in t]}")
                return
            self.saves.append(session.seen[str(version)] - sent)
            session.wait_for(lambda: session.runs > runs, timeout, "the page drawn again")
            self.redraws.append(session.run_finished_at - sent)
        except Exception as exc:
            self.errors.append(f"save {edit}: {exc}")

    def work(self, pool: SessionPool, start: float, seconds: float, every: float, timeout: float) -> None:
        """Save every ``every`` seconds from ``start`` (``time.monotonic()``) until ``seconds`` have passed."""
        if self.session is None or self.opened is None:
            return
        edit = 0
        while True:
            due = start + edit * every
            if due >= start + seconds:
                return
            time.sleep(max(0.0, due - time.monotonic()))
            if self.session.closed.is_set():
                self.errors.append(f"connection lost: {self.session.problems}")
                return
            edit += 1
            self.save(pool, edit, timeout)

    def check(self, lib: Library) -> tuple[int, str]:
        """Saves of this officer's in the library's history, and what is wrong ("" when nothing)."""
        history = [v for v in lib.history(self.framework_id) if v.version > 1]
        mine = [v for v in history if v.author == officer(self.k)]
        wrong = ""
        if len(mine) != self.sent:
            wrong = f"{officer(self.k)}: {self.sent} saves sent, {len(mine)} in the history"
        elif self.sent and lib.get(self.framework_id).title != self.last_title:
            wrong = f"{officer(self.k)}: the title is not the last one typed"
        return len(mine), wrong


# --- a phase -------------------------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    sessions: int
    opens: list[float]
    saves: list[float]
    redraws: list[float]
    sent: int
    in_history: int
    lost: list[str]
    errors: list[str]
    cpu: dict[str, object]
    seconds: float


def phase(
    name: str,
    trial: Trial,
    pool: SessionPool,
    officers: list[Officer],
    seconds: float,
    every: float,
    timeout: float,
    postmaster: int | None,
) -> Phase:
    """Open every officer's page (spread over ``every`` seconds), then let each save every ``every`` seconds for
    ``seconds``, their first saves spread over the first period; CPU over the saving window."""
    gap = every / len(officers)
    openers = []
    for n, person in enumerate(officers):
        thread = threading.Thread(target=person.open, args=(pool, trial.url, timeout), daemon=True)
        thread.start()
        openers.append(thread)
        if n + 1 < len(officers):
            time.sleep(gap)
    for thread in openers:
        thread.join()
    start = time.monotonic() + 1
    before = Meters.read(trial, postmaster, pool)
    workers = [
        threading.Thread(
            target=person.work, args=(pool, start + n * gap, seconds, every, timeout), daemon=True, name=f"o{n}"
        )
        for n, person in enumerate(officers)
    ]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    after = Meters.read(trial, postmaster, pool)
    errors = [error for person in officers for error in person.errors]
    for person in officers:
        if person.session is not None:
            errors += [f"{officer(person.k)}: {p}" for p in person.session.problems]
            pool.close_session(person.session)
    counted, lost = 0, []
    with Library.open(trial.database_url) as lib:
        for person in officers:
            found, wrong = person.check(lib)
            counted += found
            if wrong:
                lost.append(wrong)
    return Phase(
        name,
        len(officers),
        [p.opened for p in officers if p.opened is not None],
        [s for p in officers for s in p.saves],
        [r for p in officers for r in p.redraws],
        sum(p.sent for p in officers),
        counted,
        lost,
        errors,
        before.share(after),
        after.at - before.at,
    )


def prepare(trial: Trial, count: int, first: int = 0) -> list[Officer]:
    """``count`` frameworks in the library, one an officer, each at version 1 (created as an import would be)."""
    with Library.open(trial.database_url) as lib:
        return [Officer(k, lib.create(small(title_of(k)), author=officer(k)).id) for k in range(first, first + count)]


def warm_up(trial: Trial, pool: SessionPool, framework_id: str, timeout: float) -> None:
    """Open the page once on each app server (its affinity cookie naming it) and leave: a server's first run
    imports the app's modules, a cost paid once a start, which neither phase should carry."""
    context = insecure_context()
    for port in trial.app_ports:
        url = f"{trial.url}/?framework={framework_id}"
        cookies = page_cookies(url, {"lmb_server": str(port), COOKIE: quote("Warm up")}, context)
        session = pool.open(trial.url, query=f"framework={framework_id}", cookies=cookies, ssl=context)
        session.wait_for(lambda s=session: any("Open now:" in t for t in s.texts(MAIN)), timeout, "a first run")
        pool.close_session(session)


def run(sessions: int, seconds: float, every: float, timeout: float = 60) -> list[Phase]:
    """Both phases in one trial: one session alone (the floor), then ``sessions`` at once."""
    with Trial(servers=2) as trial, SessionPool() as pool:
        postmaster = postmaster_pid(trial.database_url)
        alone = prepare(trial, 1)
        many = prepare(trial, sessions, first=1)
        warm_up(trial, pool, alone[0].framework_id, timeout)
        return [
            phase("1 session alone", trial, pool, alone, seconds, every, timeout, postmaster),
            phase(f"{sessions} sessions at once", trial, pool, many, seconds, every, timeout, postmaster),
        ]


# --- the table -----------------------------------------------------------------------------------------------


def _timing(values: list[float]) -> str:
    if not values:
        return f"{'-':>7} {'-':>6} {'-':>6}"
    return f"{statistics.median(values):>6.2f}s {_p95(values):>5.2f}s {max(values):>5.2f}s"


def stack_cpu(p: Phase) -> float:
    """The hosted stack's CPU in a phase (app servers, nginx, PostgreSQL), in cores."""
    return sum(p.cpu["servers"]) + p.cpu["nginx"] + p.cpu["postgres"]


def officers_carried(p: Phase, cores: int = 2) -> tuple[float, int]:
    """One officer's share of a core in the stack, and how many fit in ``cores`` at ``HEADROOM``."""
    each = stack_cpu(p) / p.sessions
    return each, int(cores * HEADROOM / each) if each > 0 else 0


def table(phases: list[Phase], every: float) -> list[str]:
    lines = [
        f"Hosted load: Streamlit sessions (bench/st_session.py) through nginx (TLS, affinity cookie, XSRF on) to two "
        f"app servers on one PostgreSQL (deploy/trial), each saving a rename every {every:g} s",
        f"Python {sys.version.split()[0]}, one run, wall time on a shared {os.cpu_count()}-core machine",
        "",
        f"{'phase':<24} {'sessions':>8} {'page open median':>16} {'p95':>6} {'worst':>6}   "
        f"{'save median':>11} {'p95':>6} {'worst':>6}   {'page redrawn median':>19} {'p95':>6} {'worst':>6}",
    ]
    for p in phases:
        lines.append(
            f"{p.name:<24} {p.sessions:>8} {_timing(p.opens):>30}   {_timing(p.saves):>25}   {_timing(p.redraws):>33}"
        )
    lines += [
        "",
        f"{'phase':<24} {'saves sent':>10} {'shown':>6} {'in history':>10} {'lost':>5} {'errors':>6}",
    ]
    for p in phases:
        lines.append(
            f"{p.name:<24} {p.sent:>10} {len(p.saves):>6} {p.in_history:>10} {p.sent - p.in_history:>5} "
            f"{len(p.errors):>6}"
        )
    lines += [
        "",
        "CPU over the saving window, a share of one core:",
        f"{'phase':<24} {'app server a, b':>16} {'nginx':>6} {'PostgreSQL':>10} {'stack':>6} {'client':>7}",
    ]
    for p in phases:
        servers = ", ".join(f"{c:.0%}" for c in p.cpu["servers"])
        lines.append(
            f"{p.name:<24} {servers:>16} {p.cpu['nginx']:>6.0%} {p.cpu['postgres']:>10.0%} "
            f"{stack_cpu(p):>6.0%} {p.cpu['client']:>7.0%}"
        )
    problems = [f"{p.name}: {e}" for p in phases for e in p.errors + p.lost]
    lines += ["", f"errors and saves lost: {len(problems) or 'none'}"]
    lines += [f"  {problem[:160]}" for problem in problems[:12]]
    busiest = max(phases, key=lambda p: p.sessions)
    if busiest.sessions > 1:
        each, carried = officers_carried(busiest)
        lines += [
            "",
            f"one officer saving every {every:g} s costs the stack {each:.1%} of a core (measured: {busiest.name}, "
            f"stack CPU / sessions); a 2-core server at {HEADROOM:.0%} busy carries about {carried} such officers "
            "(estimated)",
        ]
    return lines


def main(argv: list[str] | None = None) -> list[str]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=120, help="how long each session saves")
    parser.add_argument("--every", type=float, default=5, help="seconds between one session's saves")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a page open or a save may take")
    args = parser.parse_args(argv)
    lines = table(run(args.sessions, args.seconds, args.every, args.timeout), args.every)
    print("\n".join(lines), flush=True)
    return lines


if __name__ == "__main__":
    main()
