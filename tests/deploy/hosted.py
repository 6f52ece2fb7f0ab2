"""What the hosting tests share: the deploy folder's modules (``hosting``, ``trial``), a tab over HTTPS on the
trial, and skipping (or failing on CI) when a part is missing. A module of its own, not the conftest, so that test
files import it by a name no other folder uses."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(DEPLOY))

import hosting  # noqa: E402
import trial as trial_module  # noqa: E402
from browser.conftest import CHROMIUM_ARGS, RUN_WATCH, find_chromium, wait_for_app  # noqa: E402

__all__ = ["CHROMIUM_ARGS", "DEPLOY", "ROOT", "find_chromium", "hosting", "https_tab", "missing", "trial_module"]


def missing(reason: str) -> None:
    """Skip, saying why, for a developer without a part; fail on CI, where `make test` installs every part."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (on CI `make test` installs it)")
    pytest.skip(reason)


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
