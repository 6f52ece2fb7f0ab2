"""Fixtures shared by every test: a library of its own, a clean Streamlit cache, and AppTest helpers.

Every test run saves to a temporary library, never the user's own (``library_in_a_temporary_folder``).
A test that needs an empty library of its own asks for ``empty_library``.

``st.cache_data`` lives in the process, so one test's cached results would leak into the next: it is
cleared around each test that has imported Streamlit. ``app_test(page, framework)`` runs a page of the
real app (see ``app_helpers``; through ``app.py``, so navigation and shared state are set up as in a browser).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _clear_streamlit_caches() -> None:
    if "streamlit" in sys.modules:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture(autouse=True, scope="session")
def library_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test touches a real library: the default one is a file in a temporary folder, and a
    ``LOGICMODEL_DATABASE_URL`` set where the tests run is ignored (tests that want a database say which)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("LOGICMODEL_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    patch.delenv("LOGICMODEL_DATABASE_URL", raising=False)
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def clear_streamlit_caches() -> Iterator[None]:
    """Each test starts and ends with empty Streamlit caches."""
    _clear_streamlit_caches()
    yield
    _clear_streamlit_caches()


@pytest.fixture
def empty_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A new, empty library for this test alone (for tests that count what the library lists); its URL."""
    url = f"sqlite:///{tmp_path / 'library.db'}"
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", url)
    return url


@pytest.fixture
def app_test() -> Callable[..., object]:
    """``app_test(page="home", framework=None, **state)``: a run AppTest of the app on that page."""

    from app_helpers import make_app  # imports Streamlit: only for the tests that ask

    def run(page: str = "home", framework: object = None, **state: object) -> object:
        return make_app(page, framework, **state).run()

    return run


class Download:
    """A download button's file as its click would make it: ``file_name``, ``mime``, and calling it makes the file."""

    def __init__(self, make: Callable[[], object], file_name: str | None, mime: str | None):
        self.make, self.file_name, self.mime = make, file_name, mime

    def __call__(self) -> object:
        return self.make()


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Download]:
    """Each download button's file made when clicked, by the end of its key (``download_json``): a test makes it
    as the click would (AppTest runs no server to click through)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    found: dict[str, Download] = {}
    real = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        found[element_id.split("-", 2)[-1]] = Download(data_callable, file_name, mimetype)
        return real(self, data_callable, mimetype, coordinates, file_name, element_id=element_id)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


from pg import postgres_database, postgres_url  # noqa: E402, F401  (fixtures any test may use)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (Debian's, since Playwright cannot download its own here), one for the whole run:
    the browser tests and the hosting tests share it, as Playwright's sync API runs once in a process."""
    from browser.conftest import CHROMIUM_ARGS, find_chromium

    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found: install it with `apt-get install chromium` or `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()
