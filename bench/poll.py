"""Poll benchmark: what one open tab's look at the library costs its app server, beside Streamlit's own floor.

Every open tab runs the sidebar's live fragment (``ui.live.panel``) every ``POLL_S`` (2.5) seconds; issue 24's
load (50 tabs across two servers, a save shown in every other tab within 5 s) is bound by the servers' CPU for
those looks (``bench/live.py``). This measures one look precisely, on one app server with one tab:

- **Cases**: a bare Streamlit app whose only content is an empty ``st.fragment(run_every=POLL_S)`` (the floor:
  what Streamlit itself costs a tab), and this app (``app.py``) with one tab on a framework (Home, and the
  Diagram, which also runs the comments' own watcher every 5 s); each with Streamlit's default full garbage
  collection after every run ("GC after each run: on", how the app ran before) and without it ("off", the
  app's ``.streamlit/config.toml`` now).
- **Server CPU**: the server process's user+system time (``/proc/PID/stat``) over ``--seconds`` with the tab
  open, less the same server's rate with no tab (measured first, ``--quiet`` seconds): the share of a core one
  idle tab costs, and that divided by the looks the server counted: the CPU of one look, every thread
  included (the script's, and the one that sends the page its messages).
- **Script thread per look**: the server runs with a hook (``--serve`` below) that writes each script run's
  own thread CPU (``time.thread_time``) and kind (a fragment's run or the whole page's) to a file: the median
  over the fragment runs counted.
- **Loads**: the same tab on Home while someone else saves the framework every 2 s (through the store, from
  this process): each look then loads the newer version and runs the whole page again; the script thread's
  CPU for such a look.
- **Memory**: the server's resident memory at the end, so a run without the collection after each run is
  seen not to grow.
- ``--before DIR``: the same cases of a checkout of the app before (``git archive wip-merge24 | tar -x -C
  DIR``), as it ran (its own code and settings, GC on), beside this one's; ``--postgres``: the library on a
  throwaway PostgreSQL (``tests/pg.py``) instead of a SQLite file.

``--profile`` runs this app (GC off) once more under ``cProfile`` in each script run and prints where a look's
time goes (the functions with most own time, and most time under them).

Wall and CPU time on a shared 2-core machine: other work shifts the figures; the ratios between cases are what
to read. Run: ``.venv/bin/python bench/poll.py [--seconds 60] [--quiet 15] [--profile]``; not run by
``make test``. Last table: ``bench/poll-latest.txt``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent

POLL_S = 2.5
"""As ``ui.state.live.POLL_S`` (not imported: that would import Streamlit's page modules into this process)."""

FLOOR_APP = f'''"""The floor: a page whose only content is an empty fragment run every {POLL_S} s."""

import streamlit as st


@st.fragment(run_every={POLL_S})
def look() -> None:
    """Nothing: what Streamlit itself costs a tab that looks every {POLL_S} s."""


look()
'''

SAVE_EVERY_S = 2.0
"""As issue 24's load: a save every 2 s."""
RUNS = "POLL_BENCH_RUNS"
"""The file a served process writes each script run to: ``end-time kind thread-cpu``."""
PROFILE = "POLL_BENCH_PROFILE"
"""The file a served process writes its script runs' ``cProfile`` statistics to (when set)."""
STARTUP_S = 90


# --- the served process: Streamlit with a hook on each script run ------------------------------------------------


def serve(argv: list[str]) -> None:
    """``streamlit run`` with each script run's thread CPU written to ``$POLL_BENCH_RUNS`` (and profiled into
    ``$POLL_BENCH_PROFILE`` when set). A script run is one thread's ``_run_script``: a fragment's run, or the
    page's, with Streamlit's preparation and clean-up (the collection of garbage after it included)."""
    import cProfile
    import pstats
    import threading

    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]  # the app sees its own modules only
    runs_path, profile_path = os.environ[RUNS], os.environ.get(PROFILE)
    lock = threading.Lock()
    stats: list[pstats.Stats] = []
    original = script_runner.ScriptRunner._run_script
    execute = script_runner.exec_func_with_error_handling
    passes = threading.local()

    def counted(*args: object, **kwargs: object) -> object:
        passes.n = getattr(passes, "n", 0) + 1
        return execute(*args, **kwargs)

    def timed(self: object, rerun_data: object) -> None:
        passes.n = 0
        kind = "fragment" if getattr(rerun_data, "fragment_id_queue", None) else "page"
        profile = cProfile.Profile(time.thread_time) if profile_path and kind == "fragment" else None
        start = time.thread_time()
        if profile is not None:
            profile.enable()
        try:
            original(self, rerun_data)
        finally:
            if profile is not None:
                profile.disable()
            spent = time.thread_time() - start
            if kind == "fragment" and passes.n > 1:  # the look loaded a newer version and reran the page
                kind = "fragment+page"
            with lock:
                with open(runs_path, "a") as out:
                    out.write(f"{time.time():.3f} {kind} {spent:.6f}\n")
                if profile is not None:
                    if stats:
                        stats[0].add(profile)
                    else:
                        stats.append(pstats.Stats(profile))
                    stats[0].dump_stats(profile_path)

    script_runner.ScriptRunner._run_script = timed
    script_runner.exec_func_with_error_handling = counted
    sys.argv = ["streamlit", "run", *argv]
    cli.main()


# --- the benchmark ------------------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    script: str
    gc: bool
    page: str = ""
    """This app's page, as its address names it (empty: Home)."""
    app: bool = True
    """This app, served from ``root`` (its settings included); else the floor, from its own folder."""
    root: Path = ROOT
    """The checkout this app is served from: this one, or ``--before``'s."""
    saving: bool = False
    """Someone else saves the framework every ``SAVE_EVERY_S`` while the tab is open (through the store)."""


@dataclass
class Result:
    case: Case
    seconds: float
    quiet_cpu: float
    """Share of a core with no tab open."""
    tab_cpu: float
    """Share of a core with the tab open, less ``quiet_cpu``."""
    looks: int
    """Fragment runs (each tab's look; on the Diagram, the comments' watcher's too)."""
    loads: int
    """Looks that loaded a newer version and so ran the whole page again."""
    saves: int
    thread_per_look: float
    """Median script-thread CPU seconds of a look that loaded nothing."""
    thread_per_load: float
    """Median script-thread CPU seconds of a look that loaded a newer version (its page's run included)."""
    rss_mb: float

    @property
    def per_look(self) -> float:
        return self.tab_cpu * self.seconds / self.looks if self.looks else float("nan")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds the process has used (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def server(case: Case, folder: Path, env: dict[str, str], profile: Path | None = None):
    """The case's script served on a free port (this file's ``--serve``); yields (url, process, runs file)."""
    port = _free_port()
    runs = folder / f"runs-{port}.txt"
    runs.write_text("")
    extra = {RUNS: str(runs), **({PROFILE: str(profile)} if profile else {})}
    command = [
        sys.executable, str(Path(__file__).resolve()), "--serve", case.script,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--runner.postScriptGC", "true" if case.gc else "false",
    ]  # fmt: skip
    log = (folder / f"server-{port}.log").open("ab")
    cwd = case.root if case.app else Path(case.script).parent
    process = subprocess.Popen(
        command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env, **extra}
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the server for {case.name!r} exited:\n{_tail(folder / log.name)}")
            with (
                contextlib.suppress(urllib.error.URLError, OSError),
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
            ):
                if response.status == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"the server for {case.name!r} did not answer in {STARTUP_S} s:\n{_tail(folder / log.name)}"
                )
            time.sleep(0.25)
        yield url, process, runs
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def read_runs(path: Path, start: float, end: float) -> list[tuple[str, float]]:
    """(kind, thread CPU) of each script run that ended between ``start`` and ``end``."""
    found = []
    for line in path.read_text().splitlines():
        at, kind, spent = line.split()
        if start <= float(at) <= end:
            found.append((kind, float(spent)))
    return found


def open_tab(browser: object, url: str, case: Case, framework_id: str) -> object:
    """One Chromium page in a context of its own (named "Reader"), on the case's page, drawn."""
    from live import _loopback_only

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_cookies([{"name": "logicmodel_author", "value": quote("Reader"), "url": url}])
    context.route("**/*", _loopback_only(url))
    page = context.new_page()
    page.set_default_timeout(180_000)
    if case.app:
        page.goto(f"{url}/{case.page}?framework={framework_id}")
        page.locator('[data-testid="stSidebar"]').get_by_text("as version").first.wait_for()
    else:
        page.goto(url)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    return page


def measure(case: Case, browser: object, folder: Path, env: dict[str, str], args) -> Result:
    from live import Saver

    framework_id = new_framework(env)
    saves = 0
    with server(case, folder, env) as (url, process, runs):
        time.sleep(3)  # the server settles after its start
        before, start = cpu_seconds(process.pid), time.monotonic()
        time.sleep(args.quiet)
        quiet = (cpu_seconds(process.pid) - before) / (time.monotonic() - start)
        page = open_tab(browser, url, case, framework_id)
        try:
            time.sleep(args.warm)
            saver = Saver(env["LOGICMODEL_DATABASE_URL"], framework_id) if case.saving else None
            before, start, start_at = cpu_seconds(process.pid), time.monotonic(), time.time()
            while (elapsed := time.monotonic() - start) < args.seconds:
                if saver is not None and elapsed >= saves * SAVE_EVERY_S:
                    saver.save()
                    saves += 1
                time.sleep(0.05)
            after, wall, end_at = cpu_seconds(process.pid), time.monotonic() - start, time.time()
            if saver is not None:
                saver.close()
            memory = rss_mb(process.pid)
        finally:
            page.context.close()
    done = read_runs(runs, start_at, end_at)
    looks = [spent for kind, spent in done if kind == "fragment"]
    loads = [spent for kind, spent in done if kind == "fragment+page"]
    result = Result(
        case=case,
        seconds=wall,
        quiet_cpu=quiet,
        tab_cpu=max(0.0, (after - before) / wall - quiet),
        looks=len(looks) + len(loads),
        loads=len(loads),
        saves=saves,
        thread_per_look=statistics.median(looks) if looks else float("nan"),
        thread_per_load=statistics.median(loads) if loads else float("nan"),
        rss_mb=memory,
    )
    print(
        f"({case.name}, GC {'on' if case.gc else 'off'}: {result.looks} looks, {result.loads} loads, "
        f"{saves} saves, tab {result.tab_cpu:.1%} of a core, {result.per_look * 1000:.1f} ms a look, script "
        f"thread {result.thread_per_look * 1000:.1f} ms a look, {result.thread_per_load * 1000:.1f} ms a load)",
        flush=True,
    )
    return result


def profiled(browser: object, folder: Path, env: dict[str, str], args, top: int = 25) -> list[str]:
    """Where a look's time goes in this app (GC off): the script thread's functions under ``cProfile``."""
    import pstats

    framework_id = new_framework(env)

    case = Case("this app, Home, profiled", "app.py", gc=False)
    path = folder / "looks.prof"
    with server(case, folder, env, profile=path) as (url, _process, runs):
        page = open_tab(browser, url, case, framework_id)
        try:
            time.sleep(args.warm + args.seconds)
        finally:
            page.context.close()
    looks = max(1, sum(1 for kind, _ in read_runs(runs, 0, time.time()) if kind == "fragment"))
    lines = [
        f"where a look's time goes (this app, Home, GC off; the script thread's CPU under cProfile, {looks} looks):"
    ]
    for order in ("tottime", "cumulative"):
        out = folder / f"profile-{order}.txt"
        with out.open("w") as stream:
            pstats.Stats(str(path), stream=stream).sort_stats(order).print_stats(top)
        lines += ["", f"sorted by {order} (seconds over all looks):", *out.read_text().splitlines()[6:]]
    return lines


def library_env(folder: Path, url: str | None = None) -> dict[str, str]:
    """The servers' environment: a library of this run's own (SQLite in ``folder``, or PostgreSQL at ``url``)."""
    return {"LOGICMODEL_DATA_DIR": str(folder), "LOGICMODEL_DATABASE_URL": url or f"sqlite:///{folder / 'library.db'}"}


def new_framework(env: dict[str, str]) -> str:
    """A small framework (three activities) of a case's own in the library; its id."""
    from live import small

    from logicmodel.store import Library

    with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
        return lib.create(small("Active Kettering"), author="Ann").id


def table(results: list[Result], args) -> list[str]:
    lines = [
        "Poll cost: one open tab's looks at the library (every 2.5 s), on one app server with one Chromium tab, "
        f"the library on {'PostgreSQL' if args.postgres else 'SQLite'}",
        f"Python {sys.version.split()[0]}, one run, {args.seconds:g} s a case after {args.warm:g} s of warming up, "
        f"on a shared {os.cpu_count()}-core machine",
        "",
        "looks: fragment runs counted by the server (on the Diagram, the comments' watcher's every 5 s too); loads: "
        "looks that loaded another's save (and so ran the page again)",
        "server CPU: the whole process, every thread, less its rate with no tab (no tab, one tab: share of a core); "
        "a look: the tab's CPU over its looks",
        "script thread: one run's own thread CPU (median), Streamlit's preparation and clean-up included",
        "",
        f"{'case':<56} {'GC after':>8} {'looks':>5} {'loads':>5} {'no tab':>6} {'one tab':>7} {'a look':>8} "
        f"{'thread: a look':>14} {'a load':>8} {'tabs a core':>11} {'memory':>7}",
        f"{'':<56} {'each run':>8}",
    ]
    for r in results:
        tabs = f"{1 / r.tab_cpu:.0f}" if r.tab_cpu > 0 else "-"
        load = f"{r.thread_per_load * 1000:.0f}ms" if r.loads else "-"
        look = f"{r.thread_per_look * 1000:.1f}ms" if r.looks > r.loads else "-"
        lines.append(
            f"{r.case.name:<56} {'on' if r.case.gc else 'off':>8} {r.looks:>5} {r.loads:>5} {r.quiet_cpu:>6.1%} "
            f"{r.tab_cpu:>7.1%} {r.per_look * 1000:>6.1f}ms {look:>14} {load:>8} "
            f"{tabs:>11} {r.rss_mb:>5.0f}MB"
        )
    return lines


def main(argv: list[str] | None = None) -> list[str]:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:
        serve(argv[1:])
        return []
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="seconds each case is measured")
    parser.add_argument("--quiet", type=float, default=15, help="seconds of each server with no tab first")
    parser.add_argument("--warm", type=float, default=10, help="seconds after the tab opens before measuring")
    parser.add_argument("--profile", action="store_true", help="also show where this app's looks spend their time")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    parser.add_argument("--postgres", action="store_true", help="the library on a throwaway PostgreSQL, not SQLite")
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of the app before (e.g. `git archive wip-merge24 | tar -x -C DIR`): measured too, as it ran",
    )
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the engine; tests/browser (Chromium's flags)

    from browser.conftest import CHROMIUM_ARGS, find_chromium
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise SystemExit("no Chromium found: install it with `apt-get install chromium` or `make browser`")
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-poll-")))
        floor = folder / "floor_app.py"
        floor.write_text(FLOOR_APP)
        database = None
        if args.postgres:
            from pg import fresh_database, throwaway_postgres

            database = fresh_database(stack.enter_context(throwaway_postgres()))
        env = library_env(folder, database)
        cases = [
            Case("bare Streamlit: an empty fragment", str(floor), gc=True, app=False),
            Case("bare Streamlit: an empty fragment", str(floor), gc=False, app=False),
            Case("this app: a framework open on Home", "app.py", gc=True),
            Case("this app: a framework open on Home", "app.py", gc=False),
            Case("this app: a framework open on the Diagram", "app.py", gc=True, page="diagram"),
            Case("this app: a framework open on the Diagram", "app.py", gc=False, page="diagram"),
            Case("this app: on Home, someone else saving every 2 s", "app.py", gc=True, saving=True),
            Case("this app: on Home, someone else saving every 2 s", "app.py", gc=False, saving=True),
        ]
        if args.before is not None:  # each case of this app's, as the checkout before ran it, in front of it
            before = args.before.resolve()
            ours = [c for c in cases if c.app and c.gc]
            for case in ours:
                then = Case(case.name.replace("this app", "the app before"), "app.py", True, case.page, root=before)
                then.saving = case.saving
                cases.insert(cases.index(case), then)
        cases = [c for c in cases if args.only in c.name]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
            try:
                results = [measure(case, browser, folder, env, args) for case in cases]
                lines = table(results, args)
                if args.profile:
                    lines += ["", *profiled(browser, folder, env, args)]
            finally:
                browser.close()
    print("\n".join(lines))
    return lines


if __name__ == "__main__":
    main()
