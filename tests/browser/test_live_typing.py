"""Live changes while typing, in two real browsers, on one server and on two servers sharing one PostgreSQL
(``together.py``): someone else's save shows within 5 s in a
tab whose person is typing into a form, and what they typed stays; when both changed the same field, their
submit is offered today's conflict choices rather than overwriting the other person's words.

Run alone (``pytest tests/browser/test_live_typing.py``), never with ``-n``: the 5 s are waited in real time.
"""

from __future__ import annotations

import re
import time

from logicmodel.editing.edit import add_node, new_framework

from .conftest import wait_for_app
from .together import Together, one_server, people, together, two_servers  # noqa: F401  (fixtures)

SHOWN_WITHIN_MS = 5_000
"""The issue's promise: a save shows in every other open tab within 5 s."""
TYPING_REPORTED_MS = 1_500
"""Time for the watcher in the page to say a field is being typed into (it reports 0.3 s after the typing)."""


def _go(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(page)


def _add_box(page, label: str) -> None:
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add the box"))
    form.get_by_label("Label").fill(label)
    form.get_by_role("button", name="Add the box").click()
    wait_for_app(page)


def _edit_box_form(page, label: str):
    """Open Build's "Edit a box" on the box ``label``; the box's form."""
    page.get_by_text("Edit a box", exact=True).click()
    wait_for_app(page)
    picker = page.get_by_role("combobox", name="Box to edit")
    if label not in picker.locator("xpath=ancestor::*[@data-testid='stSelectbox']").inner_text():
        picker.click()
        page.get_by_role("option", name=re.compile(re.escape(label))).click()
        wait_for_app(page)
    return page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Save the box"))


def _sidebar_says(page, text: str, timeout: float = 60_000) -> None:
    page.get_by_test_id("stSidebar").get_by_text(text).first.wait_for(timeout=timeout)


def _two_tabs(browser, people: Together, title: str):  # noqa: F811
    """A framework of two boxes in the library (version 1), open on Build in Ann's tab (the first server) and
    Sam's (the other server, when there are two)."""
    fw = new_framework(title)
    for n, label in enumerate(("Health walks", "Swimming lessons"), 1):
        fw = add_node(fw, {"id": f"act-{n}", "label": label, "level": "activity"})
    framework = people.framework(fw)
    a = people.tab(browser, "Ann Officer", f"/build?framework={framework}")
    b = people.tab(browser, "Sam Patel", f"/build?framework={framework}")
    _sidebar_says(a, "2 boxes, 0 links")
    _sidebar_says(b, "2 boxes, 0 links")
    return a, b


def test_a_save_in_one_tab_shows_in_the_other_within_5_s_and_the_text_typed_there_stays(
    browser,
    people: Together,  # noqa: F811
):
    a, b = _two_tabs(browser, people, "Live typing, other box")
    try:
        form = _edit_box_form(b, "Health walks")
        description = form.get_by_label("Description")
        description.fill("Weekly walks led by volunteers")  # typed, not submitted
        b.wait_for_timeout(TYPING_REPORTED_MS)
        _add_box(a, "Chair yoga")  # a change elsewhere: a new box
        _sidebar_says(a, "3 boxes, 0 links")
        saved_at = time.monotonic()
        _sidebar_says(b, "3 boxes, 0 links", timeout=SHOWN_WITHIN_MS)
        shown_after = time.monotonic() - saved_at
        assert shown_after < SHOWN_WITHIN_MS / 1000
        b.wait_for_timeout(500)  # the page has redrawn the newer version
        assert description.input_value() == "Weekly walks led by volunteers"  # the typing stayed
        form.get_by_role("button", name="Save the box").click()
        wait_for_app(b)
        _sidebar_says(b, "as version 3")  # saved over the newer version: nothing clashed
        assert b.get_by_test_id("stAlertContainer").filter(has_text="Not saved:").count() == 0
        assert _edit_box_form(b, "Health walks").get_by_label("Description").input_value() == (
            "Weekly walks led by volunteers"
        )
        assert a.outside_requests == [] and b.outside_requests == []
    finally:
        a.context.close()
        b.context.close()


def test_when_both_change_the_same_field_the_typing_stays_and_its_save_offers_the_conflict_choices(
    browser,
    people: Together,  # noqa: F811
):
    a, b = _two_tabs(browser, people, "Live typing, same field")
    try:
        on_b = _edit_box_form(b, "Health walks").get_by_label("Description")
        on_b.fill("B's words about the walks")
        b.wait_for_timeout(TYPING_REPORTED_MS)
        on_a = _edit_box_form(a, "Health walks")
        on_a.get_by_label("Description").fill("A's words about the walks")
        on_a.get_by_role("button", name="Save the box").click()
        wait_for_app(a)
        _sidebar_says(a, "as version 2")
        _sidebar_says(b, "as version 2", timeout=SHOWN_WITHIN_MS)  # B has the newer version
        b.wait_for_timeout(500)
        assert on_b.input_value() == "B's words about the walks"  # not overwritten under B's hands
        _edit_box_form(b, "Health walks").get_by_role("button", name="Save the box").click()
        wait_for_app(b)
        alert = b.get_by_test_id("stAlertContainer").filter(has_text="Not saved:")
        alert.first.wait_for()
        b.get_by_role("button", name="Reload theirs").wait_for()
        b.get_by_role("button", name="Keep mine as a copy").click()
        wait_for_app(b)
        b.get_by_test_id("stAlertContainer").get_by_text("Your change is saved in a new framework").first.wait_for()
        assert _edit_box_form(b, "Health walks").get_by_label("Description").input_value() == (
            "B's words about the walks"
        )  # B's words kept, in the copy
        a.reload()
        wait_for_app(a)
        assert _edit_box_form(a, "Health walks").get_by_label("Description").input_value() == (
            "A's words about the walks"
        )  # and A's kept in the original
    finally:
        a.context.close()
        b.context.close()
