"""One user's hostile upload leaves everyone else's page answering, and that user is told in one line.

The server here registers a test's own format (``tests/slow_format.py``, through ``LOGICMODEL_EXTRA_FORMATS``)
whose reader works for ever on a file that says ``spin``, holding Python's interpreter lock in long calls as
the quadratic Mermaid reader did. Read in the server's own process, it stalled every session; read in a
worker process (``logicmodel.jobs.worker``), a second tab's click is answered while the first tab waits, and the
first tab is told that its file took more than the time limit to read.
"""

from __future__ import annotations

import os
import time
import urllib.request
from pathlib import Path

from logicmodel.core.limits import UPLOAD_SECONDS
from logicmodel.core.samples import samples
from logicmodel.core.wording import sample_button

from .conftest import ROOT, AppServer, library_env, new_tab, wait_for_app

ANSWER_BOUND_S = 10
"""Generous, on a shared machine: with the reading in the server's process this click waited for ever."""


def _running(page) -> bool:
    return page.evaluate(
        "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') === 'running'"
    )


def test_a_hostile_upload_leaves_another_users_page_answering(browser, tmp_path: Path) -> None:
    env = library_env(tmp_path)
    env["LOGICMODEL_EXTRA_FORMATS"] = "slow_format"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tests"), os.environ.get("PYTHONPATH")]))
    with AppServer(tmp_path / "streamlit.log", env) as server:
        hostile = new_tab(browser, server.url)
        other = new_tab(browser, server.url)
        try:
            wait_for_app(hostile)
            wait_for_app(other)
            path = tmp_path / "hostile.slow"
            path.write_bytes(b"spin")
            hostile.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(path)
            deadline = time.monotonic() + 30
            while not _running(hostile):  # the upload has reached the server and its reading has begun
                assert time.monotonic() < deadline, "the hostile upload never started to be read"
                hostile.wait_for_timeout(100)
            hostile.wait_for_timeout(1500)  # well into the reading

            sample = samples()[0]
            started = time.monotonic()
            other.get_by_role("button", name=sample_button(sample.title)).click()
            other.get_by_text("Open now:").first.wait_for(timeout=ANSWER_BOUND_S * 1000)
            answered = time.monotonic() - started
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=ANSWER_BOUND_S) as health:
                assert health.status == 200
            assert _running(hostile), "the hostile file was read before the other click: the test proved nothing"
            assert answered < ANSWER_BOUND_S

            hostile.get_by_text(f"This file took more than {UPLOAD_SECONDS:g} s to read").first.wait_for(
                timeout=(UPLOAD_SECONDS + 60) * 1000
            )
            error = hostile.get_by_test_id("stAlertContainer").filter(has_text="took more than").first.inner_text()
            assert error.strip().splitlines()[-1] == (  # after the icon's name
                f"hostile.slow could not be opened, so nothing has changed. This file took more than "
                f"{UPLOAD_SECONDS:g} s to read, so it was stopped."
            )
            assert hostile.get_by_text("Open now:").count() == 0  # nothing was opened in that tab
            if os.environ.get("LOGICMODEL_SCREENSHOTS"):  # to look at: LOGICMODEL_SCREENSHOTS=folder
                hostile.set_viewport_size({"width": 1366, "height": 768})
                hostile.get_by_text("took more than").first.scroll_into_view_if_needed()
                hostile.screenshot(path=str(Path(os.environ["LOGICMODEL_SCREENSHOTS"]) / "hostile-upload.png"))
            print(f"the other tab's click was answered in {answered:.1f} s")
        finally:
            hostile.context.close()
            other.context.close()


def test_reports_and_briefs_download_from_the_worker(browser, app_url: str, tmp_path: Path) -> None:
    """Export's reports and Commissioners' brief are made in a worker process when clicked, and arrive whole."""
    page = new_tab(browser, app_url)
    try:
        wait_for_app(page)
        sample = next(s for s in samples() if s.load().stakeholders)
        page.get_by_role("button", name=sample_button(sample.title)).click()
        wait_for_app(page)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Export").click()
        wait_for_app(page)
        for label, start in (("Report (Word)", b"PK"), ("Report to print (HTML, A4)", b"<!DOCTYPE html>")):
            with page.expect_download(timeout=120_000) as download:
                page.get_by_role("button", name=label, exact=True).click()
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(saved)
            assert saved.read_bytes().startswith(start), label
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Commissioners").click()
        wait_for_app(page)
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name="Brief for").filter(has_text="Word").first.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name.endswith("-brief.docx") and saved.read_bytes().startswith(b"PK")
    finally:
        page.context.close()
