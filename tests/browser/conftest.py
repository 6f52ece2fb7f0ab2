"""Browser fixtures: the real app in a Streamlit server, driven by Debian's Chromium through Playwright.

Shared by every browser test (the builder's journey, the diagram's). A test asks for ``page`` (a fresh
browser tab on the app's home page, i.e. a fresh Streamlit session) and ``wait_for_app`` (call it after
every click or keystroke that reruns the script). Without Chromium every test here skips and says why.

The server runs once per test session on a free port with its output in a file (a pipe can fill up
and hang it); if it dies, the test fails at once with the end of that file.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

__all__ = [
    "CHROMIUM_ARGS",
    "AppServer",
    "choose",
    "find_chromium",
    "library_env",
    "new_tab",
    "open_expander",
    "wait_for_app",
]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Chromium's flags for a headless run on a machine with no sandbox, no GPU and no network to call."""

STARTUP_SECONDS = 60
APP_READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def find_chromium() -> str | None:
    """The Chromium executable: ``$CHROMIUM``, Debian's ``/usr/bin/chromium``, or one on the PATH.

    ``CHROMIUM=none`` pretends there is none, to see the browser tests skip and say why.
    """
    if os.environ.get("CHROMIUM") == "none":
        return None
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


NO_CHROMIUM = "no Chromium found (looked at $CHROMIUM, /usr/bin/chromium, chromium on PATH): "
"""The start of the reason every browser test skips with when there is no Chromium."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/browser carries the ``browser`` marker and skips, saying why, without Chromium."""
    here = Path(__file__).parent
    skip = None
    if find_chromium() is None:
        skip = pytest.mark.skip(reason=NO_CHROMIUM + "install it with `apt-get install chromium` or `make browser`")
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
            if skip is not None:
                item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly, even without ``-rs``, that the browser tests did not run and why.

    Counted from the skip reports rather than at collection: under ``pytest -n 2`` (``make test``) the
    workers collect, and only their reports reach the process that writes this summary.
    """
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and NO_CHROMIUM in str(report.longrepr[-1])
    ]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} browser tests SKIPPED: no Chromium found. Install it (`make browser` as root, "
            "or `apt-get install chromium`) or point $CHROMIUM at it to run them.",
            yellow=True,
            bold=True,
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


LIVE = {"LOGICMODEL_LIVE_EVERY_S": "2.5"}
"""An app server's ``env`` for tests of working together: tabs look for others' saves every 2.5 s, as served."""


class AppServer:
    """``streamlit run app.py`` on a free port, its output in a file, its library where ``env`` says.

    Used as a context manager (stopped on exit), or started and killed by a test (the crash test). ``script``
    runs another app of the project the same way (``bench/bare_app.py``, the diagram benchmark's floor).
    """

    def __init__(self, log_path: Path, env: dict[str, str], port: int | None = None, script: str = "app.py"):
        self.log_path = log_path
        self.script = script
        # A tab's look for others' saves once a minute, unless ``env`` says (``LIVE``): a look runs in the
        # background, and ``wait_for_app`` would take it for the run a click asked for.
        self.env = {**os.environ, "LOGICMODEL_LIVE_EVERY_S": "60", **env}
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> AppServer:
        command = [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=self.env)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"the app server exited with code {self.process.returncode}:\n{_tail(self.log_path)}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the app server did not answer within {STARTUP_SECONDS} s:\n{_tail(self.log_path)}")
            time.sleep(0.25)

    def kill(self) -> None:
        """SIGKILL: the server dies at once, as in a crash or a power cut, with no chance to tidy up."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.returncode not in (0, -15, None):
            print(f"app server log:\n{_tail(self.log_path)}")

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def library_env(folder: Path) -> dict[str, str]:
    """The environment that points an app server at a SQLite library of its own in ``folder``."""
    return {
        "LOGICMODEL_DATA_DIR": str(folder),
        "LOGICMODEL_DATABASE_URL": f"sqlite:///{folder / 'library.db'}",
    }


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the app on a free port with a library of its own (a temporary SQLite file); yield its address."""
    folder = tmp_path_factory.mktemp("server")
    with AppServer(folder / "streamlit.log", library_env(folder)) as server:
        yield server.url


# ``browser`` (headless Chromium) is tests/conftest.py's: one for the run, shared with tests/deploy.


RUN_WATCH = """
window.__lmRuns = 0;
window.__lmSeen = 0;
window.__lmChanged = 0;
new MutationObserver((changes) => {
  window.__lmChanged = performance.now();
  for (const change of changes) {
    if (change.type === "attributes" && change.attributeName === "data-test-script-state" &&
        change.target.getAttribute("data-test-script-state") === "running") window.__lmRuns += 1;
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
"""Counts the app's script runs in the page (``window.__lmRuns``), so a wait can tell a run that has
finished from one that has not started yet, and notes when the page last changed (``window.__lmChanged``):
Streamlit says a run has finished before it has drawn what the run sent (on a cold server, two seconds
before). Added to every tab ``new_tab`` opens."""

_RAN_AND_IDLE = """([startMs, quietMs]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app !== null && app.getAttribute("data-test-script-state") === "notRunning";
  const now = performance.now();
  if (window.__lmWaitStart === undefined) window.__lmWaitStart = now;
  const ran = window.__lmRuns > window.__lmSeen;
  const drawn = now - window.__lmChanged >= quietMs && document.querySelector('[data-testid="stSkeleton"]') === null;
  if (idle && drawn && (ran || now - window.__lmWaitStart > startMs)) {
    window.__lmSeen = window.__lmRuns;
    window.__lmWaitStart = undefined;
    return true;
  }
  return false;
}"""


def wait_for_app(page: object, timeout: float = 60_000, settle_ms: int = 300, start_ms: int = 1000) -> None:
    """Wait until the app's script has finished running (after loading or after an action) and the page has
    drawn what it sent.

    In a tab opened by ``new_tab`` the page counts the script's runs: this waits for a run that began
    after the last wait to finish, or, when none begins within ``start_ms`` (an action that reruns
    nothing), for the app to be idle; then for the page to have stayed unchanged for ``settle_ms``. On a
    loaded machine a rerun can start well after the click that asked for it, which a fixed pause cannot
    tell from no rerun at all; and Streamlit marks a run finished before the browser has drawn its elements
    (up to two seconds later on a cold server), so a test that reads or tabs through the page at once finds
    it half drawn; and a widget whose code the browser has not loaded yet is a grey placeholder
    (``stSkeleton``) until it has. Elsewhere it waits ``settle_ms``, then for Streamlit's "not running"
    state, then ``settle_ms`` more.
    """
    if page.evaluate("typeof window.__lmRuns === 'number'"):
        page.wait_for_function(_RAN_AND_IDLE, arg=[start_ms, settle_ms], timeout=timeout, polling=50)
    else:
        page.wait_for_timeout(settle_ms)
        page.wait_for_selector(APP_READY, timeout=timeout)
        page.wait_for_timeout(settle_ms)


def choose(
    page: object, label: str, option: str, scope: object | None = None, exact: bool = True, tries: int = 4
) -> None:
    """Pick ``option`` in the drop-down list labelled ``label`` (inside ``scope``, else anywhere on the page) as a
    person does: open the list, type the option's words to narrow it, click it; then wait for the app's run.

    An open list closes when the page is drawn again under it, which on a loaded machine can happen between
    the click that opens it and the option being drawn (the options then never appear); a person opens it
    again, and so does this, up to ``tries`` times. Typing narrows a long list to the option, which is then
    drawn even when the list draws only what is in view. ``exact=False`` takes the first option holding the
    words (a box named with its level after it, say).
    """
    from playwright.sync_api import TimeoutError as NotDrawn

    box = (scope or page).get_by_test_id("stSelectbox").filter(has_text=label).first
    wanted = page.get_by_role("option", name=option, exact=exact).first
    for attempt in range(1, tries + 1):
        box.click()
        page.keyboard.type(option)
        try:
            wanted.click(timeout=10_000)
            break
        except NotDrawn:  # the list closed, or never opened
            if attempt == tries:
                raise
            page.keyboard.press("Escape")
    wait_for_app(page)


OPENED = "() => document.getAnimations().every(a => a.playState !== 'running')"
"""True when nothing on the page is moving: an expander's opening (its height, animated) is over."""


def open_expander(page: object, title: str, scope: object | None = None) -> object:
    """Open the expander titled ``title`` (inside ``scope``, else anywhere on the page) and return it once
    what it holds can be used.

    Streamlit marks a closed expander's content ``inert`` and lifts that only when its opening has been
    drawn; Chromium still finds an inert button under the pointer, so a click sent straight after the one
    that opened it, while it is still opening, can be taken by nobody (the "Delete this box" click then never
    reached the app). A person's click comes later; this waits for the content, then for the opening to end.
    """
    expander = (scope or page).get_by_test_id("stExpander").filter(has_text=title).first
    expander.get_by_text(title, exact=True).first.click()
    expander.get_by_test_id("stExpanderDetails").first.wait_for(state="attached")
    expander.locator("[data-testid='stExpanderDetails']:not([inert])").first.wait_for(state="visible")
    page.wait_for_function(OPENED)
    return expander


@pytest.fixture(name="wait_for_app")
def wait_for_app_fixture() -> Callable[..., None]:
    """``wait_for_app(page)`` for tests that cannot import this conftest by name."""
    return wait_for_app


def new_tab(
    browser: object, app_url: str, path: str = "", viewport: dict | None = None, cookies: list[dict] | None = None
) -> object:
    """A fresh tab (a fresh Streamlit session) on ``app_url + path``, in a browser context of its own, holding
    ``cookies`` (Playwright's cookie dicts) before its first request.

    Every request to anything but the app's own server is recorded in ``tab.outside_requests`` and
    aborted, so a test can assert that nothing leaves the machine. Close it with ``tab.context.close()``.
    """
    context = browser.new_context(accept_downloads=True, viewport=viewport or {"width": 1400, "height": 1000})
    if cookies:
        context.add_cookies(cookies)
    outside: list[str] = []

    def guard(route: object) -> None:
        request_url = route.request.url
        if request_url.startswith(app_url) or request_url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(request_url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script(RUN_WATCH)
    tab = context.new_page()
    tab.outside_requests = outside
    tab.app_url = app_url
    tab.set_default_timeout(60_000)  # a shared two-core machine can be slow; a real failure still fails
    tab.goto(app_url + path)
    wait_for_app(tab)
    return tab


@pytest.fixture
def page(browser: object, app_url: str) -> Iterator[object]:
    """A fresh tab (a fresh Streamlit session) on the app's home page, with downloads allowed."""
    tab = new_tab(browser, app_url)
    yield tab
    tab.context.close()
