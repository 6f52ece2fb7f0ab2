"""Working together in real browsers: who else is here, and others' saves shown without a reload.

Each test runs twice (``together.py``): two people's browsers on one app server, then two app servers on one
PostgreSQL database with one person on each. Ann sits on the Diagram page; Sam arrives on Build. The limits
waited for are the issue's own (someone arriving shows within 10 s, someone leaving is gone within 60 s, a
save shows within 5 s); the times they took are measured by ``bench/live.py``, not here.

The commenter test signs two people in through the loopback OpenID Connect provider (``test_signin.py``):
the commissioner's Build has no editing controls, the owner's save shows in the commissioner's tab, and a
save made through the store as the commissioner (as any crafted request would end up) is refused.
"""

from __future__ import annotations

import time

import pytest
from oidc import OidcProvider, oidc_provider  # noqa: F401  (the fixture)

from logicmodel.editing.edit import update_node
from logicmodel.store import Library, NotAllowed, User, administrator

from .conftest import AppServer, wait_for_app
from .test_library import add_box, go
from .test_signin import ALICE, BOB, sign_in, signin_app, tab  # noqa: F401  (signin_app: the fixture)
from .together import (  # noqa: F401  (fixtures)
    Together,
    also_here,
    one_server,
    people,
    person_tab,
    sidebar_version,
    small_framework,
    together,
    two_servers,
    wait_for_also_here,
    wait_for_diagram_box,
    wait_for_version,
    wait_until_no_one_else,
)

ANN = "Ann Officer"
SAM = "Sam Patel"


def _saved_at_least(library_url: str, framework_id: str, version: int, timeout_s: float = 60) -> float:
    """Wait until the library holds ``version`` of the framework; the monotonic time it was first seen there."""
    with Library.open(library_url, actor=administrator()) as lib:
        deadline = time.monotonic() + timeout_s
        while lib.latest_version(framework_id).version < version:
            assert time.monotonic() < deadline, f"version {version} was never saved"
            time.sleep(0.05)
    return time.monotonic()


@pytest.mark.slow
def test_someone_arriving_shows_within_10_s_and_someone_leaving_is_gone_within_60_s(
    browser,
    people: Together,  # noqa: F811
):
    framework_id = people.framework()
    ann = people.tab(browser, ANN, f"/diagram?framework={framework_id}")
    assert also_here(ann) == ""  # alone
    sam = people.tab(browser, SAM, f"/build?framework={framework_id}")  # on the other server, when two
    wait_for_also_here(ann, f"{SAM} (Build)", timeout_ms=10_000)
    wait_for_also_here(sam, f"{ANN} (Diagram)", timeout_ms=10_000)
    assert also_here(ann) == f"Also here: {SAM} (Build)"  # only Sam, and Ann is not told she is here

    go(sam, "Check")  # moving page: the others see the new page
    wait_for_also_here(ann, f"{SAM} (Check)", timeout_ms=10_000)

    sam.context.close()  # Sam leaves (closes the browser)
    wait_until_no_one_else(ann, timeout_ms=60_000)
    assert ann.outside_requests == [] and sam.outside_requests == []


def test_a_box_added_in_one_tab_shows_in_the_others_diagram_within_5_s_without_a_reload(
    browser,
    people: Together,  # noqa: F811
):
    framework_id = people.framework()
    ann = people.tab(browser, ANN, f"/diagram?framework={framework_id}")
    wait_for_diagram_box(ann, "Walking football")
    assert sidebar_version(ann) == 1
    ann.evaluate("window.__lmNotReloaded = true")  # gone if the page were loaded again
    sam = people.tab(browser, SAM, f"/build?framework={framework_id}")

    add_box(sam, "Tai chi in the park")
    saved_at = _saved_at_least(people.library_url, framework_id, 2)
    wait_for_version(ann, 2, timeout_ms=5_000 - (time.monotonic() - saved_at) * 1000)
    wait_for_diagram_box(ann, "Tai chi in the park", timeout_ms=5_000 - (time.monotonic() - saved_at) * 1000)
    sidebar = ann.get_by_test_id("stSidebar")
    assert "4 boxes, 0 links" in sidebar.inner_text()
    assert f"as version 2 by {SAM}" in sidebar.inner_text()
    ann.get_by_test_id("stToast").filter(has_text=f"{SAM} saved").first.wait_for(timeout=10_000)
    assert ann.evaluate("window.__lmNotReloaded === true")
    ann.screenshot(path=str(people.servers[0].log_path.parent / "live-diagram.png"))

    # and back: a rename through the store (Ann's colleague on another route) reaches both tabs
    with Library.open(people.library_url) as lib:
        current = lib.get(framework_id)
        renamed = update_node(current.framework, "act-1", label="Walking netball")
        lib.save(framework_id, renamed, expected_version=2, author="Priya", summary="Renamed box 'Walking netball'")
    saved_at = time.monotonic()
    for person in (ann, sam):
        wait_for_version(person, 3, timeout_ms=5_000 - (time.monotonic() - saved_at) * 1000)
    wait_for_diagram_box(ann, "Walking netball", timeout_ms=10_000)
    assert ann.outside_requests == [] and sam.outside_requests == []


def test_a_commenter_sees_the_owners_save_has_no_editing_controls_and_a_crafted_save_is_refused(
    browser,
    signin_app: AppServer,  # noqa: F811
    oidc_provider: OidcProvider,  # noqa: F811
):
    server, provider = signin_app, oidc_provider
    alice_user, bob_user = User(ALICE[1], ALICE[2]), User(BOB[1], BOB[2])
    with Library.open(server.library_url, actor=alice_user) as lib:
        framework_id = lib.create(small_framework("Commissioning walk-through")).id
        lib.share(framework_id, BOB[1], "commenter")

    alice = tab(browser, server, provider)
    sign_in(alice, server, provider, ALICE)
    alice.goto(f"{server.url}/build?framework={framework_id}")
    wait_for_app(alice)
    bob = tab(browser, server, provider)
    sign_in(bob, server, provider, BOB)
    bob.goto(f"{server.url}/build?framework={framework_id}")
    wait_for_app(bob)
    try:
        # the commissioner's Build: a line saying what they may do, and nothing to edit with
        bob.get_by_text("shared with you to read and comment on").first.wait_for()
        assert bob.get_by_role("button", name="Add the box").count() == 0
        assert bob.get_by_test_id("stForm").count() == 0
        assert bob.get_by_role("button", name="Undo").count() == 0
        wait_for_also_here(alice, f"{BOB[2]} (Build)", timeout_ms=10_000)
        wait_for_also_here(bob, f"{ALICE[2]} (Build)", timeout_ms=10_000)

        # the owner adds a box: it reaches the commissioner's tab within 5 s
        add_box(alice, "Free swimming for under-16s")
        saved_at = _saved_at_least(server.library_url, framework_id, 2)
        wait_for_version(bob, 2, timeout_ms=5_000 - (time.monotonic() - saved_at) * 1000)
        assert bob.get_by_role("button", name="Add the box").count() == 0
        assert bob.outside_requests == [] and alice.outside_requests == []
    finally:
        alice.context.close()
        bob.context.close()

    # a save crafted as the commissioner, by every route the store has, is refused and writes nothing
    with Library.open(server.library_url, actor=bob_user) as lib:
        current = lib.get(framework_id)
        changed = update_node(current.framework, "act-1", label="Changed by the commissioner")
        with pytest.raises(NotAllowed, match="view and comment"):
            lib.save(framework_id, changed, expected_version=current.version, summary="Crafted")
        with pytest.raises(NotAllowed, match="view and comment"):
            lib.rename(framework_id, "Crafted title", expected_version=current.version)
        assert lib.get(framework_id).version == 2
        assert [v.author for v in lib.history(framework_id)] == [ALICE[2], ALICE[2]]
