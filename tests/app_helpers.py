"""Helpers for the app's AppTest tests: open a page with a framework, find widgets, click by label."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from logicmodel.models import Framework

__all__ = ["PAGES", "button", "framework", "make_app", "messages", "open_page", "plain", "widget"]

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGES = {
    "home": "pages/home.py",
    "build": "pages/build.py",
    "diagram": "pages/diagram.py",
    "check": "pages/check.py",
    "export": "pages/export.py",
}
"""The app's pages by short name, as paths for ``AppTest.switch_page`` (relative to app.py)."""

APP_TIMEOUT = 30
"""Seconds a single AppTest run may take before it counts as hung (a loaded machine is slow)."""


def make_app(page: str = "home", fw: Framework | None = None, **state: Any) -> AppTest:
    """An AppTest of the whole app opened on ``page`` with ``fw`` open; not run yet.

    Extra keyword arguments go into session state. ``AppTest.from_file`` is given an absolute path
    (a relative one would be read against the test file).
    """
    # Users never see a traceback (.streamlit/config.toml); a failing test should show the real error.
    st_config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.session_state["framework"] = fw
    for key, value in state.items():
        at.session_state[key] = value
    if page != "home":
        at.switch_page(PAGES.get(page, page))
    return at


def open_page(page: str, fw: Framework | None = None, **state: Any) -> AppTest:
    """Run the app on ``page`` with ``fw`` open."""
    return make_app(page, fw, **state).run()


def framework(at: AppTest) -> Framework | None:
    """The framework the app has open."""
    return at.session_state["framework"]


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


def messages(at: AppTest, kind: str = "error") -> list[str]:
    """The texts of the page's ``st.error`` (or ``success``, ``warning``, ``info``) boxes, Markdown escapes removed."""
    return [plain(m.value) for m in getattr(at, kind)]


def plain(text: str) -> str:
    """Text as the user reads it: the backslashes of Markdown escapes and the invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")
