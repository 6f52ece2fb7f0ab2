"""Fixtures for people working together: app servers sharing one library, and each person's own browser tab.

Two setups, as a council would run the app:

- ``one_server``: one app server (its own SQLite library), several people's tabs on it;
- ``two_servers``: two app servers on one throwaway PostgreSQL database (``tests/pg.py``), as behind a load
  balancer, one person's tab on each.

``together`` is either, in turn (a module-scoped fixture with two params, ids ``one-server`` and
``two-servers-on-postgresql``), for a test that must hold for both. Each yields a ``Together``: its
``servers``, the ``library_url`` they share, ``library()`` to play someone through the store, ``framework()``
to put a framework in the library, and ``tab(browser, name, path)``: a person's tab, in a browser context of
its own (its own cookies: one browser, one person), on the first server for the first person and the last
server for the others (``server=`` says which), with their name already given the way a browser remembers it
(the ``logicmodel_author`` cookie ``ui.author`` reads), so that "Also here" and history name them.

Everything listens on 127.0.0.1 on free ports; every request a tab makes to anything but its own server is
aborted and recorded (``tab.outside_requests``); servers, the database and their folders are stopped and
removed at the end of the module; ``people`` is ``together`` for one test, closing the tabs it opened
when it ends. Import the fixtures into a test module by name (and ``# noqa: F811`` where a test names one)::

    from .together import Together, one_server, people, together, two_servers  # noqa: F401  (fixtures)

Helpers for what a test reads in a tab: ``also_here(tab)`` (the sidebar's "Also here: ..." line, or ""),
``sidebar_version(tab)`` (the N of "Saved ... as version N"), ``wait_for_version(tab, n, timeout_ms)``,
``wait_for_also_here(tab, text, timeout_ms)`` and ``wait_until_no_one_else(tab, timeout_ms)``,
``diagram_boxes(tab)`` (the box labels the Diagram page's "Pathway of" list offers) and
``wait_for_diagram_box(tab, label, timeout_ms)``.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from pg import fresh_database

from logicmodel.core.models import Framework
from logicmodel.editing.edit import add_node, new_framework
from logicmodel.store import EVERYONE, Library
from ui.author import COOKIE

from .conftest import LIVE, AppServer, library_env, new_tab

__all__ = [
    "Together",
    "also_here",
    "diagram_boxes",
    "one_server",
    "people",
    "person_tab",
    "sidebar_version",
    "small_framework",
    "together",
    "two_servers",
    "wait_for_also_here",
    "wait_for_diagram_box",
    "wait_for_version",
    "wait_until_no_one_else",
]

BOXES = ("Walking football", "Chair yoga", "Couch to 5k")
"""The activities of ``small_framework``."""
_VERSION = re.compile(r"Saved .* as version (\d+)")


def small_framework(title: str = "Active Kettering together") -> Framework:
    """A framework of three activities: quick to draw in every tab."""
    fw = new_framework(title)
    for n, label in enumerate(BOXES, 1):
        fw = add_node(fw, {"id": f"act-{n}", "label": label, "level": "activity"})
    return fw


def person_tab(browser: object, server_url: str, name: str | None, path: str = "", viewport: dict | None = None):
    """A fresh tab of one person (a browser context of its own) on ``server_url + path``, their name given.

    As ``conftest.new_tab``, and the name as this browser would have remembered it from an earlier visit (the
    cookie ``ui.author`` reads), so no form is filled in first. Close it with ``tab.context.close()``.
    """
    cookies = [] if name is None else [{"name": COOKIE, "value": quote(name), "url": server_url}]
    return new_tab(browser, server_url, path, viewport or {"width": 1366, "height": 768}, cookies)


@dataclass
class Together:
    """App servers sharing one library (``library_url``), and the tabs opened on them (closed at the end)."""

    servers: list[AppServer]
    library_url: str
    tabs: list[object] = field(default_factory=list)

    def library(self, actor: object = EVERYONE) -> Library:
        """The shared library, acting for ``actor`` (close it, or use it in a ``with``)."""
        return Library.open(self.library_url, actor=actor)

    def framework(self, fw: Framework | None = None, author: str = "Ann") -> str:
        """Put a framework (``small_framework()`` by default) in the library as version 1; its id."""
        with self.library() as lib:
            return lib.create(fw or small_framework(), author=author).id

    def tab(self, browser: object, name: str | None, path: str = "", server: int | None = None) -> object:
        """``name``'s tab on ``path`` (e.g. ``/diagram?framework=ID``): the first person's on the first server,
        everyone else's on the last, unless ``server`` (an index) says."""
        if server is None:
            server = 0 if not self.tabs else len(self.servers) - 1
        tab = person_tab(browser, self.servers[server].url, name, path)
        self.tabs.append(tab)
        return tab

    def close_tabs(self) -> None:
        """Close every tab still open (each person leaves)."""
        for tab in self.tabs:
            with contextlib.suppress(Exception):  # already closed by the test (someone leaving)
                tab.context.close()
        self.tabs.clear()


@pytest.fixture(scope="module")
def one_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Together]:
    """One app server on a SQLite library of its own, for several people's tabs."""
    folder = tmp_path_factory.mktemp("one-server")
    env = {**library_env(folder), **LIVE}
    with AppServer(folder / "streamlit.log", env) as server:
        yield Together([server], env["LOGICMODEL_DATABASE_URL"])


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory, postgres_url: str) -> Iterator[Together]:
    """Two app servers on one new database of the run's throwaway PostgreSQL server (skips without one)."""
    database = fresh_database(postgres_url)
    Library.open(database).close()  # the schema made once, before two servers race to make it
    folder = tmp_path_factory.mktemp("two-servers")
    servers = []
    try:
        for name in ("a", "b"):
            env = {"LOGICMODEL_DATABASE_URL": database, "LOGICMODEL_DATA_DIR": str(folder / name), **LIVE}
            (folder / name).mkdir()
            servers.append(AppServer(folder / f"{name}.log", env).start())
        yield Together(servers, database)
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(scope="module", params=["one-server", "two-servers-on-postgresql"])
def together(request: pytest.FixtureRequest) -> Iterator[Together]:
    """Each setup in turn: two browsers on one server, then two servers on one PostgreSQL."""
    setup = request.getfixturevalue("one_server" if request.param == "one-server" else "two_servers")
    try:
        yield setup
    finally:
        setup.close_tabs()


@pytest.fixture
def people(together: Together) -> Iterator[Together]:
    """``together`` for one test: every tab it opened is closed after it (the servers stay up for the module)."""
    yield together
    together.close_tabs()


def _sidebar_text(tab: object) -> str:
    return tab.get_by_test_id("stSidebar").inner_text()


def also_here(tab: object) -> str:
    """The sidebar's "Also here: ..." line as shown (Markdown's escapes undone), or "" when no one else is."""
    for line in _sidebar_text(tab).splitlines():
        if line.startswith("Also here: "):
            return line.strip()
    return ""


def sidebar_version(tab: object) -> int | None:
    """The N of the sidebar's "Saved ... as version N", or None when no framework is open."""
    found = _VERSION.search(_sidebar_text(tab))
    return int(found.group(1)) if found else None


def _wait(tab: object, check: object, timeout_ms: float, what: str) -> float:
    """Poll ``check()`` every 100 ms until true; the seconds it took, or AssertionError saying ``what``."""
    start = time.monotonic()
    while True:
        if check():
            return time.monotonic() - start
        if (time.monotonic() - start) * 1000 > timeout_ms:
            raise AssertionError(f"not within {timeout_ms / 1000:g} s: {what} (sidebar: {_sidebar_text(tab)!r})")
        tab.wait_for_timeout(100)


def wait_for_version(tab: object, version: int, timeout_ms: float = 60_000) -> float:
    """Wait until the tab's sidebar says version ``version`` or later; the seconds it took."""
    return _wait(tab, lambda: (sidebar_version(tab) or 0) >= version, timeout_ms, f"version {version} shown")


def wait_for_also_here(tab: object, text: str, timeout_ms: float = 60_000) -> float:
    """Wait until the tab's "Also here" line holds ``text`` (e.g. "Sam (Build)"); the seconds it took."""
    return _wait(tab, lambda: text in also_here(tab), timeout_ms, f"'{text}' in 'Also here'")


def wait_until_no_one_else(tab: object, timeout_ms: float = 60_000, steady_s: float = 3.0) -> float:
    """Wait until the tab's sidebar, drawn with its framework open, has no "Also here" line, and still has none
    ``steady_s`` later (not a moment's gap while the sidebar is drawn again); the seconds until it first had
    none. ``timeout_ms`` is the limit for that first moment."""
    start = time.monotonic()
    since: list[float] = []

    def gone() -> bool:
        if also_here(tab) or sidebar_version(tab) is None:
            since.clear()
            return False
        if not since:
            since.append(time.monotonic())
        return time.monotonic() - since[0] >= steady_s

    _wait(tab, gone, timeout_ms + steady_s * 1000, "no 'Also here' line")
    took = since[0] - start
    assert took * 1000 <= timeout_ms, f"'Also here' went only after {took:.1f} s"
    return took


def diagram_boxes(tab: object) -> list[str]:
    """The boxes the Diagram page's "Pathway of" list offers (the Diagram page must be open), or [] while it
    is being drawn again."""
    try:
        options = tab.frame_locator("iframe").first.get_by_label("Pathway of").locator("option")
        return [text.strip() for text in options.all_inner_texts() if text.strip()]
    except Exception:  # the frame is being replaced by a rerun
        return []


def wait_for_diagram_box(tab: object, label: str, timeout_ms: float = 60_000) -> float:
    """Wait until the Diagram page's list of boxes offers ``label``; the seconds it took."""
    return _wait(tab, lambda: any(label in box for box in diagram_boxes(tab)), timeout_ms, f"'{label}' on the diagram")


def log_of(server: AppServer) -> str:
    """The end of a server's log, for a failure's message."""
    return "\n".join(Path(server.log_path).read_text(errors="replace").splitlines()[-30:])
