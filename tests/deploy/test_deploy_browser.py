"""The app in Chromium through ``deploy/trial``'s proxy over HTTPS: it opens and saves an edit, no page breaks the
content security policy (every page, the diagram's frame, Present, downloads), a browser keeps its app server,
and an upload over the limit is refused with the app's words, by the uploader and by the proxy alike.

Set ``LOGICMODEL_SHOTS`` to a folder to keep the screenshots there.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from browser.conftest import choose, wait_for_app
from hosted import hosting, https_tab

from logicmodel.core import samples
from logicmodel.core.limits import MAX_FILE_BYTES
from logicmodel.core.readwrite import dumps
from logicmodel.store import Library, administrator
from ui import pages

pytestmark = pytest.mark.browser

SAMPLE = "Open Get Swindon Active"
FALLS = "Fewer falls among people aged 65 and over"


def _shots() -> Path:
    folder = Path(os.environ.get("LOGICMODEL_SHOTS") or tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _go(tab, name: str) -> None:
    tab.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(tab)


def _violations(tab) -> list[dict]:
    return tab.evaluate("window.__lmViolations") + [
        {"console": text} for text in tab.console_errors if "Content Security Policy" in text
    ]


def test_the_app_opens_through_the_proxy_and_saves_an_edit(https_browser, trial) -> None:
    tab = https_tab(https_browser, trial.url)
    try:
        tab.get_by_role("button", name=SAMPLE).first.click()
        wait_for_app(tab)
        tab.wait_for_url(re.compile(r"[?&]framework="))
        framework_id = re.search(r"[?&]framework=([^&]+)", tab.url).group(1)
        _go(tab, "Build")
        form = tab.get_by_test_id("stForm").filter(has=tab.get_by_role("button", name="Add the box"))
        form.get_by_label("Label").fill("Walking netball in every leisure centre")
        form.get_by_role("button", name="Add the box").click()
        wait_for_app(tab)
        tab.screenshot(path=str(_shots() / "hosted-build-1366x768.png"))
        with Library.open(trial.database_url, actor=administrator()) as lib:
            latest = lib.history(framework_id)[0]
        assert "Walking netball in every leisure centre" in latest.summary
        assert tab.outside_requests == []
    finally:
        tab.context.close()


def test_no_page_breaks_the_content_security_policy(https_browser, trial, tmp_path: Path) -> None:
    """Every page with a sample open, the diagram drawn in its frame, a story presented, files downloaded."""
    tab = https_tab(https_browser, trial.url)
    try:
        page_headers = tab.goto(trial.url + "/").all_headers()
        wait_for_app(tab)
        assert page_headers["content-security-policy"] == hosting.CSP
        assert page_headers["x-frame-options"] == "DENY"
        tab.get_by_role("button", name=SAMPLE).first.click()
        wait_for_app(tab)
        for page in pages.shown(sign_in=False):
            _go(tab, page.title)
            if page.name in ("diagram", "history", "compare", "commissioners") and tab.locator("iframe").count():
                frame = tab.locator("iframe").first.element_handle(timeout=20_000).content_frame()
                if page.name == "diagram":
                    frame.wait_for_selector("html[data-drawn]", timeout=20_000)
            assert _violations(tab) == [], f"{page.title}: {_violations(tab)}"
        _go(tab, "Diagram")
        frame = tab.locator("iframe").first.element_handle(timeout=20_000).content_frame()
        frame.wait_for_selector("html[data-drawn]", timeout=20_000)
        frame.get_by_label("Pathway of").select_option(index=1)
        tab.get_by_role("button", name="Download").click()  # the drawings are under it
        with tab.expect_download() as download:
            tab.get_by_role("button", name="Interactive diagram (HTML, works offline)").click()
        download.value.save_as(tmp_path / "diagram.html")
        assert (tmp_path / "diagram.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        _go(tab, "Present")
        choose(tab, "Story", FALLS)
        tab.get_by_role("button", name="Present", exact=True).click()
        wait_for_app(tab)
        frame = tab.locator("iframe").first.element_handle(timeout=20_000).content_frame()
        frame.wait_for_selector("html[data-drawn]", timeout=20_000)
        tab.keyboard.press("ArrowRight")
        tab.wait_for_timeout(500)
        tab.screenshot(path=str(_shots() / "hosted-present-1366x768.png"))
        tab.keyboard.press("Escape")
        wait_for_app(tab)
        _go(tab, "Export")
        with tab.expect_download() as download:
            tab.get_by_role("button", name=re.compile(r"JSON")).first.click()
        assert download.value.suggested_filename.endswith(".json")
        assert _violations(tab) == []
        assert tab.outside_requests == []
    finally:
        tab.context.close()


def test_browsers_spread_over_the_app_servers_and_each_keeps_its_own(https_browser, trial) -> None:
    contexts = [https_browser.new_context(ignore_https_errors=True) for _ in range(8)]
    seen: list[set[str]] = []
    try:
        for number, context in enumerate(contexts):
            page = context.new_page()
            page.goto(trial.url + "/healthz")  # the first answer sets the cookie
            marker = f"/browser-affinity-{os.getpid()}-{number}-"
            for visit in range(3):
                context.request.get(f"{trial.url}{marker}{visit}")
            lines = []
            for _ in range(50):
                lines = [line for line in trial.access_log.read_text().splitlines() if marker in line]
                if len(lines) == 3:
                    break
                page.wait_for_timeout(100)
            seen.append({re.search(r"upstream=(.*?) \"", line).group(1) for line in lines})
    finally:
        for context in contexts:
            context.close()
    assert all(len(servers) == 1 for servers in seen), f"a browser moved between servers: {seen}"
    assert len(set().union(*seen)) == 2, f"every browser landed on one server: {seen}"


def _padded(tmp_path: Path, name: str, size: int) -> Path:
    text = dumps(samples.samples()[0].load()).encode()
    path = tmp_path / name
    path.write_bytes(text + b" " * (size - len(text)))
    return path


PROXY_PUT = """async (size) => {
  const token = (document.cookie.match(/_streamlit_xsrf=([^;]+)/) || [])[1] || "";
  const answer = await fetch("/_stcore/upload_file/a/b", {method: "PUT", body: new Uint8Array(size),
                                                           headers: {"X-Xsrftoken": token}});
  return [answer.status, await answer.text()];
}"""
"""A request body of ``size`` bytes sent from the page to the upload address, as the uploader sends one."""


def test_an_upload_over_the_limit_is_refused_with_the_apps_words(https_browser, trial, tmp_path: Path) -> None:
    tab = https_tab(https_browser, trial.url)
    try:
        uploader = tab.locator('[data-testid="stFileUploader"] input[type="file"]')
        uploader.set_input_files(_padded(tmp_path, "over.json", MAX_FILE_BYTES + 1))
        wait_for_app(tab)
        tab.get_by_test_id("stFileUploader").get_by_text(hosting.TOO_LARGE).first.wait_for()
        # a body one byte over the proxy's limit (what a client without the uploader's own check sends)
        status, text = tab.evaluate(PROXY_PUT, hosting.MAX_BODY_BYTES + 1)
        assert (status, text.strip()) == (413, hosting.TOO_LARGE)
        # a file of exactly the limit passes the proxy and opens
        uploader.set_input_files(_padded(tmp_path, "full.json", MAX_FILE_BYTES))
        wait_for_app(tab)
        tab.get_by_test_id("stAlertContainer").get_by_text("Imported").first.wait_for()
        assert tab.outside_requests == []
    finally:
        tab.context.close()
