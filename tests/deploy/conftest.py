"""Fixtures for the hosting tests: ``deploy/trial`` (the hosted configuration on loopback) and Chromium over HTTPS.

``trial`` is one trial for the whole run (two app servers behind nginx on a throwaway PostgreSQL), started
once and stopped at the end; ``https_tab`` opens a tab on it in a browser context of its own (its own cookies:
one browser), accepting the trial's self-signed certificate. Without nginx (or PostgreSQL, or openssl) the
tests skip and say why; on CI (``$CI`` set) they fail instead, since `make test` installs them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(DEPLOY))

import hosting  # noqa: E402
import trial as trial_module  # noqa: E402
from browser.conftest import CHROMIUM_ARGS, RUN_WATCH, find_chromium, wait_for_app  # noqa: E402

__all__ = ["DEPLOY", "ROOT", "hosting", "https_tab", "missing", "trial_module"]


def missing(reason: str) -> None:
    """Skip, saying why, for a developer without a part; fail on CI, where `make test` installs every part."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (on CI `make test` installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def trial() -> Iterator[trial_module.Trial]:
    """``deploy/trial --servers 2`` for the run: nginx on a free port of 127.0.0.1 in front of two app servers."""
    if trial_module.nginx_binary() is None:
        missing("hosting tests skipped: nginx is not installed (`apt-get install nginx`, or `make test` as root)")
    try:
        with trial_module.Trial(servers=2) as running:
            yield running
    except trial_module.TrialUnavailable as exc:
        missing(f"hosting tests skipped: {exc}")


@pytest.fixture(scope="session")
def https_browser() -> Iterator[object]:
    """Headless Chromium (Debian's), for pages served through the trial's proxy."""
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found: install it with `apt-get install chromium` or `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


CSP_WATCH = """
window.__lmViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const report = {directive: e.violatedDirective, blocked: e.blockedURI, where: location.href.slice(0, 60),
                  sample: e.sample};
  window.__lmViolations.push(report);
  try { (window.top.__lmViolations || []).push(report); } catch (err) {}
});
"""
"""Records every Content-Security-Policy violation of the page and of its frames (the diagram's srcdoc
documents) in the top page's ``window.__lmViolations``."""


def https_tab(browser: object, url: str, path: str = "", viewport: dict | None = None, allowed: tuple = ()) -> object:
    """A fresh tab in a browser context of its own on ``url + path``, the trial's certificate accepted.

    Requests anywhere but ``url`` (and ``allowed``) are aborted and recorded in ``tab.outside_requests``; console
    errors are kept in ``tab.console_errors``; CSP violations are in the page's ``window.__lmViolations``.
    """
    context = browser.new_context(
        ignore_https_errors=True, accept_downloads=True, viewport=viewport or {"width": 1366, "height": 768}
    )
    outside: list[str] = []

    def guard(route: object) -> None:
        asked = route.request.url
        if asked.startswith((url, *allowed, "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(asked)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script(RUN_WATCH)
    context.add_init_script(CSP_WATCH)
    tab = context.new_page()
    tab.outside_requests = outside
    tab.console_errors = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.set_default_timeout(60_000)
    tab.goto(url + path)
    wait_for_app(tab)
    return tab
