"""Fixtures shared by every test: a clean Streamlit cache, and helpers to run the app's pages with AppTest.

``st.cache_data`` lives in the process, so one test's cached results would leak into the next: it is
cleared around each test that has imported Streamlit. ``app_test(page, framework)`` runs a page of the
real app (through ``app.py``, so navigation and shared state are set up as in a browser).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SAMPLES = sorted((ROOT / "sample_frameworks").glob("*.json"))
"""Every sample framework shipped with the app (the templates in sample_frameworks/templates are not here)."""

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


def _clear_streamlit_caches() -> None:
    if "streamlit" in sys.modules:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture(autouse=True)
def clear_streamlit_caches() -> Iterator[None]:
    """Each test starts and ends with empty Streamlit caches."""
    _clear_streamlit_caches()
    yield
    _clear_streamlit_caches()


def make_app(page: str = "home", framework: object = None, **state: object) -> object:
    """An AppTest of the whole app opened on ``page``, with ``framework`` (a Framework or None) open.

    Not run yet: call ``.run()``. Extra keyword arguments go into session state.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.session_state["framework"] = framework
    for key, value in state.items():
        at.session_state[key] = value
    if page != "home":
        at.switch_page(PAGES.get(page, page))
    return at


@pytest.fixture
def app_test() -> Callable[..., object]:
    """``app_test(page="home", framework=None, **state)``: a run AppTest of the app on that page."""

    def run(page: str = "home", framework: object = None, **state: object) -> object:
        return make_app(page, framework, **state).run()

    return run
