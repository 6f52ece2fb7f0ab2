"""Fixtures for the hosting tests: ``deploy/trial`` (the hosted configuration on loopback) and Chromium over HTTPS.

``trial`` is one trial for the whole run (two app servers behind nginx on a throwaway PostgreSQL), started
once and stopped at the end; ``https_tab`` opens a tab on it in a browser context of its own (its own cookies:
one browser), accepting the trial's self-signed certificate. Without nginx (or PostgreSQL, or openssl) the
tests skip and say why; on CI (``$CI`` set) they fail instead, since `make test` installs them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hosted import missing, trial_module


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
def https_browser(browser: object) -> object:
    """Headless Chromium (Debian's), for pages served through the trial's proxy: the run's one browser
    (tests/conftest.py), as Playwright's sync API runs once in a process."""
    return browser
