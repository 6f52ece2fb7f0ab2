"""Sign-in through ``deploy/trial --sign-in``: a person signs in at the loopback OpenID Connect provider, comes back
to the app through the proxy over HTTPS, and saves an edit under their own name."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser.conftest import wait_for_app
from hosted import https_tab, missing, trial_module
from oidc import OidcProvider

from logicmodel.store import Library, administrator

pytestmark = pytest.mark.browser

ALICE = ("alice", "alice@example.org", "Alice Officer")


@pytest.fixture(scope="module")
def signin_trial() -> Iterator[trial_module.Trial]:
    if trial_module.nginx_binary() is None:
        missing("hosting tests skipped: nginx is not installed (`apt-get install nginx`, or `make test` as root)")
    try:
        with trial_module.Trial(servers=2, sign_in=True) as running:
            yield running
    except trial_module.TrialUnavailable as exc:
        missing(f"hosting tests skipped: {exc}")


def test_an_officer_signs_in_through_the_proxy_and_saves_an_edit(https_browser, signin_trial) -> None:
    trial = signin_trial
    provider = OidcProvider(trial.provider_url)
    provider.add_user(*ALICE)
    tab = https_tab(https_browser, trial.url, allowed=(trial.provider_url,))
    try:
        tab.get_by_role("button", name="Sign in").click()
        tab.wait_for_url(re.compile(re.escape(provider.url) + ".*authorize"))
        tab.locator('input[name="sub"]').fill(ALICE[0])
        tab.get_by_role("button", name="Authorize").click()
        tab.wait_for_url(re.compile(re.escape(trial.url)))
        wait_for_app(tab)
        tab.get_by_test_id("stSidebar").get_by_text(ALICE[2]).first.wait_for()
        tab.get_by_role("button", name="Open Get Swindon Active").first.click()
        wait_for_app(tab)
        tab.wait_for_url(re.compile(r"[?&]framework="))
        framework_id = re.search(r"[?&]framework=([^&]+)", tab.url).group(1)
        tab.get_by_test_id("stSidebarNav").get_by_role("link", name="Build").click()
        wait_for_app(tab)
        form = tab.get_by_test_id("stForm").filter(has=tab.get_by_role("button", name="Add the box"))
        form.get_by_label("Label").fill("Chair-based exercise in care homes")
        form.get_by_role("button", name="Add the box").click()
        wait_for_app(tab)
        with Library.open(trial.database_url, actor=administrator()) as lib:
            latest = lib.history(framework_id)[0]
            assert lib.sharing(framework_id).owner == ALICE[1]
        assert latest.author == ALICE[2] and "Chair-based exercise in care homes" in latest.summary
        # the provider's form asks a CDN for its stylesheet: aborted, and only that
        assert all(url.endswith(".css") or "cdn" in url for url in tab.outside_requests), tab.outside_requests
    finally:
        tab.context.close()
