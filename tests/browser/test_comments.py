"""Comments in two real browsers, on one server and on two servers sharing one PostgreSQL (issue 24): a comment
and its reply show in the other tab within seconds without a click, while that tab keeps what its person is
typing; a resolved thread leaves the other's open list.

The limit is generous (a shared two-core machine): the page asks every ``ui.comments.WATCH_EVERY_S`` seconds.
"""

from __future__ import annotations

from logicmodel.core.readwrite import load
from ui.comments import WATCH_EVERY_S

from .conftest import ROOT, wait_for_app
from .together import Together, one_server, people, together, two_servers  # noqa: F401  (fixtures)

SHOWN_WITHIN_MS = int((WATCH_EVERY_S + 15) * 1000)
"""How long the other tab may take: one look of the page, and a slow machine's run."""


def test_a_comment_its_reply_and_its_resolving_reach_the_other_tab_keeping_what_it_types(
    browser,
    people: Together,  # noqa: F811
):
    framework_id = people.framework(load(ROOT / "sample_frameworks" / "swindon.json"), author="Priya Shah")
    # an officer on the first server, a commissioner on the other when there are two
    officer = people.tab(browser, "Priya Shah", f"/comments?framework={framework_id}")
    commissioner = people.tab(browser, "Chris Commissioner", f"/comments?framework={framework_id}")
    try:
        half_typed = "The commissioner's half-typed question"
        new_box = commissioner.get_by_placeholder("Ask a question or say what you think")
        new_box.fill(half_typed)

        officer.get_by_placeholder("Ask a question or say what you think").fill("Who signs this off?")
        officer.get_by_role("button", name="Comment").click()
        wait_for_app(officer)
        commissioner.get_by_text("Who signs this off?").first.wait_for(timeout=SHOWN_WITHIN_MS)
        assert new_box.input_value() == half_typed  # a field being typed in is not overwritten

        reply = commissioner.get_by_placeholder("Reply to this thread").first
        reply.fill("The director of public health")
        commissioner.get_by_role("button", name="Reply").first.click()
        wait_for_app(commissioner)
        officer.get_by_text("The director of public health").first.wait_for(timeout=SHOWN_WITHIN_MS)

        officer.get_by_role("button", name="Resolve").first.click()
        wait_for_app(officer)
        commissioner.get_by_text("Show 1 resolved thread").first.wait_for(timeout=SHOWN_WITHIN_MS)
        threads = commissioner.locator('[class*="st-key-comment_thread_"]', has_text="Who signs this off?")
        assert threads.count() == 0  # folded away (What is new still says it was written)
        assert new_box.input_value() == half_typed
    finally:
        officer.context.close()
        commissioner.context.close()
