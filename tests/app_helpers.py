"""Helpers for the app's AppTest tests: open a page with a framework, find widgets, click, run a fragment alone.

A framework given to ``make_app`` is put in the library first (the test run's own temporary database,
see ``tests/conftest.py``), as if the user had started or opened it: the app then finds it saved, at
version 1, named in the address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from streamlit import config as st_config
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.testing.v1 import AppTest, local_script_runner

from logicmodel.core.models import Framework
from logicmodel.store import Library, Saved
from ui import pages

__all__ = [
    "AUTHOR",
    "PAGES",
    "button",
    "edit_grid",
    "framework",
    "library",
    "make_app",
    "messages",
    "open_page",
    "plain",
    "refresh",
    "saved",
    "timer_run",
    "widget",
]

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGES = {page.name: page.path for page in pages.shown(sign_in=False)}
"""The app's pages without sign-in by short name, as paths for ``AppTest.switch_page`` (relative to app.py);
from the app's one list (``ui.pages``)."""

APP_TIMEOUT = 30
"""Seconds a single AppTest run may take before it counts as hung (a loaded machine is slow)."""
AUTHOR = "Test Author"
"""The name the app's sessions save under (as if typed once in this browser)."""


def library() -> Library:
    """The library the app under test uses (the same one: ``ui.store`` keeps one per database URL)."""
    from ui import store

    return store.library()


def make_app(page: str = "home", fw: Framework | None = None, *, author: str | None = AUTHOR, **state: Any) -> AppTest:
    """An AppTest of the whole app opened on ``page`` with ``fw`` open (saved in the library); not run yet.

    ``author`` is the name this browser gave (None: none yet). Extra keyword arguments go into session
    state. ``AppTest.from_file`` is given an absolute path (a relative one would be read against the test
    file). AppTest runs ``app.py`` itself (the sidebar, the address) only on a session's first run; later
    runs run the page alone, so a test looks at the sidebar in a ``refresh()``.
    """
    # Users never see a traceback (.streamlit/config.toml); a failing test should show the real error.
    st_config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.session_state["author_name"] = author or ""
    at.session_state["framework"] = fw
    if fw is not None:
        stored = library().create(fw, author=AUTHOR, summary="Opened for a test")
        at.session_state["framework_id"] = stored.id
        at.session_state["framework_version"] = stored.version
        at.session_state["framework_saved"] = (stored.version, stored.updated_at, stored.updated_by)
        at.query_params["framework"] = stored.id
    for key, value in state.items():
        at.session_state[key] = value
    if page != "home":
        at.switch_page(PAGES.get(page, page))
    return at


def open_page(page: str, fw: Framework | None = None, **state: Any) -> AppTest:
    """Run the app on ``page`` with ``fw`` open."""
    return make_app(page, fw, **state).run()


def refresh(at: AppTest, page: str = "home", **state: Any) -> AppTest:
    """What the browser shows after a refresh (or in a second tab) of ``at``'s address: a new session, run.

    Only the address carries over (and this browser's name, as its cookie would). AppTest drops the query
    when it switches pages, so the new session loads on Home and then goes to ``page``.
    """
    again = make_app("home", None, **state)  # the same browser: the same name
    again.query_params.update(at.query_params)
    again.run()
    if page != "home":
        again.switch_page(PAGES.get(page, page)).run()
    return again


def timer_run(at: AppTest, fragment: Callable[..., Any]) -> AppTest:
    """One run of ``fragment`` alone, as its ``run_every`` timer makes in a browser, with the arguments of its
    last call; not the page around it (unless the fragment reruns the whole app).

    AppTest has no call for it: this sends the request the browser would (the fragment's id queued, an
    automatic rerun), finding the id among the fragments the runs so far registered (``fragment`` is the
    decorated function; there must be one such fragment on the page). ``at`` then holds only what the run drew.
    """
    wrapped = getattr(fragment, "__wrapped__", fragment)
    registered = at._fragment_storage._fragments  # AppTest keeps them across runs; it offers no way to list them
    ids = [
        fragment_id
        for fragment_id, run in registered.items()
        if any(cell.cell_contents is wrapped for cell in run.__closure__ or ())
    ]
    assert len(ids) == 1, f"expected one fragment {wrapped.__qualname__} on the page, found {len(ids)}"
    real = local_script_runner.RerunData

    def timers(**request: Any) -> Any:
        return real(**request, fragment_id_queue=list(ids), is_auto_rerun=True)

    with mock.patch.object(local_script_runner, "RerunData", timers):
        return at.run()


def framework(at: AppTest) -> Framework | None:
    """The framework the app has open."""
    return at.session_state["framework"]


def saved(at: AppTest) -> Saved:
    """The open framework as the library has it now (what a refresh would show)."""
    return library().get(at.session_state["framework_id"])


def button(at: AppTest, label: str) -> Any:
    """The one button (or form submit button) labelled ``label``."""
    found = [b for b in at.button if b.label == label]
    assert len(found) == 1, f"expected one button '{label}', found {[b.label for b in at.button]}"
    return found[0]


def widget(at: AppTest, kind: str, key_prefix: str) -> Any:
    """The one widget of ``kind`` (e.g. "text_input") whose key starts with ``key_prefix``."""
    found = [w for w in getattr(at, kind) if w.key and w.key.startswith(key_prefix)]
    assert len(found) == 1, f"expected one {kind} keyed {key_prefix}*, found {[w.key for w in getattr(at, kind)]}"
    return found[0]


def edit_grid(
    at: AppTest,
    key: str,
    *,
    edited: dict[int, dict[str, Any]] | None = None,
    added: list[dict[str, Any]] | None = None,
    deleted: list[int] | None = None,
) -> AppTest:
    """Change the data editor keyed ``key`` as a browser would (cells edited, rows added or pasted, rows
    deleted), and run: its ``on_change`` fires, as it does for a user. AppTest cannot edit a grid itself, so
    the editor's state goes into the next run's widget states, as the browser would send it."""
    [editor] = [e for e in at.data_editor if e.key == key]
    tree = at._tree
    states = tree.get_widget_states
    value = {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}

    def with_the_grid() -> WidgetStates:
        found = states()
        found.widgets.append(WidgetState(id=editor.proto.id, string_value=json.dumps(value)))
        return found

    tree.get_widget_states = with_the_grid  # this run only: each run makes a new tree
    return at.run()


def messages(at: AppTest, kind: str = "error") -> list[str]:
    """The texts of the page's ``st.error`` (or ``success``, ``warning``, ``info``) boxes, Markdown escapes removed."""
    return [plain(m.value) for m in getattr(at, kind)]


def plain(text: str) -> str:
    """Text as the user reads it: the backslashes of Markdown escapes and the invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")
