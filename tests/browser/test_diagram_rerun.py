"""A rerun that changes nothing the diagram shows leaves the diagram as it is: its frame is not loaded again.

A message shown on one run and not the next (a flash such as "Not commented", a toast) used to shift the
page's elements, so Streamlit made the diagram's frame afresh: the diagram flashed white, was drawn again
and lost what the person had zoomed to or picked. The test marks the frame's window, makes such runs, and
checks the mark (and the zoom) is still there.
"""

from __future__ import annotations

import re
from pathlib import Path

from logicmodel.core.samples import find
from logicmodel.store import Library

from .conftest import AppServer, library_env, new_tab, wait_for_app

MARK = "window.__lmUntouched = 'still here'"
"""Set in the diagram frame's window: gone if the frame is loaded again."""


def _diagram(tab):
    frame = tab.locator("iframe").first.element_handle(timeout=30_000).content_frame()
    frame.wait_for_selector("html[data-drawn]", timeout=30_000)
    return frame


def _untouched(tab) -> object:
    return _diagram(tab).evaluate("window.__lmUntouched")


def _comment_button(tab):
    """The form's Comment button, in the Comments popover above the diagram (opened when it is not)."""
    button = tab.get_by_role("button", name="Comment", exact=True)
    if not button.is_visible():
        tab.get_by_role("button", name=re.compile(r"^Comments")).click()
        button.wait_for()
    return button


def test_a_message_shown_or_gone_does_not_reload_the_diagram(browser, tmp_path: Path) -> None:
    env = library_env(tmp_path)
    with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
        framework_id = lib.create(find("swindon").load(), author="Sam", summary="Opened for a test").id
    with AppServer(tmp_path / "streamlit.log", env) as server:
        tab = new_tab(browser, server.url, f"/diagram?framework={framework_id}")
        try:
            _diagram(tab).evaluate(MARK)
            _comment_button(tab).click()  # nothing typed: a flash says so, above the diagram
            wait_for_app(tab)
            tab.get_by_text("Not commented: type a comment first.").first.wait_for(state="visible")
            tab.get_by_test_id("stToast").filter(has_text="Not commented").first.wait_for()  # still in view too
            assert _untouched(tab) == "still here", "a flash shown above it reloaded the diagram"

            _comment_button(tab)
            tab.get_by_label("Comment", exact=True).fill("Who pays for the outreach?")
            _comment_button(tab).click()  # on the framework itself: nothing marked on a box, the diagram unchanged
            wait_for_app(tab)
            tab.get_by_text("Comment added.").first.wait_for(state="visible")
            assert _untouched(tab) == "still here", "a different flash reloaded the diagram"

            _comment_button(tab).click()  # the flash before: gone; a new one
            wait_for_app(tab)
            tab.get_by_text("Not commented: type a comment first.").first.wait_for(state="visible")
            with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
                assert [t.first.body for t in lib.threads(framework_id)] == ["Who pays for the outreach?"]
            assert _untouched(tab) == "still here"
            assert tab.outside_requests == []
        finally:
            tab.context.close()
