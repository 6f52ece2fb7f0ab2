"""The diagram as text in a real browser, as its script writes it from the page's data: every box with what it
leads to and comes from, hostile labels as text, read by screen readers while hidden, shown by "Show as text", a
box's pathway shown by Enter on it, the arrow keys moving between boxes, filtered boxes gone, and the lighter
form of a big framework naming a box's neighbours when it is chosen. Offline pages opened from disk
(test_diagram's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_text import PAYLOAD as MARKDOWN_PAYLOAD
from hostile_text import hostile_data

from logicmodel.analysis.marks import CHANGE_MARKS
from logicmodel.core.graph import nodes_for_cohort, pathway
from logicmodel.core.readwrite import from_data
from logicmodel.core.synthetic import synthetic_data
from logicmodel.drawing import diagram_text
from logicmodel.drawing.diagram import diagram_html, present_stories
from logicmodel.drawing.diagram_text import FADED, FULL_BOXES, grade_words

from .test_diagram import _guarded_page

BOX_ITEMS = "#lm-text ul.lm-text-boxes > li"
HTML_PAYLOAD = '"></script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> &amp; <b>bold</b>'


def _open(browser, tmp_path: Path, page: str):
    path = tmp_path / "diagram.html"
    path.write_text(page, encoding="utf-8")
    context, tab, outside, problems = _guarded_page(browser, tmp_path)
    tab.goto(path.as_uri())
    tab.wait_for_selector("html[data-drawn]", timeout=20_000)
    return context, tab, outside, problems


def _shown_labels(tab) -> list[str]:
    """The labels of the boxes the text shows (a filtered box's item is hidden), in order."""
    return tab.evaluate(
        f"""() => Array.from(document.querySelectorAll("{BOX_ITEMS}")).filter((li) => !li.hidden)
              .map((li) => li.querySelector("button").textContent)"""
    )


def _read_buttons(tab) -> list[str]:
    """The names of the buttons in Chromium's own accessibility tree (what a screen reader is given), not
    Playwright's idea of it: content the browser leaves out of it (display: none, content-visibility) is not there."""
    tree = tab.context.new_cdp_session(tab).send("Accessibility.getFullAXTree")["nodes"]
    return [
        node.get("name", {}).get("value", "")
        for node in tree
        if node.get("role", {}).get("value") == "button" and not node.get("ignored")
    ]


def _items(tab) -> dict[str, dict[str, list[str]]]:
    """Each box's item as the page shows it: its label, and the names listed under "Leads to" and "Comes from"."""
    return tab.evaluate(
        f"""() => Object.fromEntries(Array.from(document.querySelectorAll("{BOX_ITEMS}")).map((li) => {{
              const said = {{}};
              const named = li.querySelector(".lm-text-named");
              let words = null;
              for (const child of named ? named.childNodes : []) {{
                if (child.nodeType === Node.TEXT_NODE) words = child.textContent.trim();
                else said[words] = Array.from(child.children).map((item) => item.textContent);
              }}
              return [li.querySelector("button").textContent, said];
            }}))"""
    )


def _said(fw, node_id: str, leads: bool) -> list[str]:
    """What the text should say a box leads to (or comes from): each other box's label, with its link's grade."""
    found = []
    for link in fw.links:
        if (link.source if leads else link.target) == node_id:
            other = fw.node_by_id[link.target if leads else link.source].label
            words = grade_words(link.strength)
            found.append(f"{other} ({words})" if words else other)
    return sorted(found)


def test_every_box_is_written_with_what_it_leads_to_and_comes_from(browser, tmp_path: Path) -> None:
    fw = from_data(synthetic_data(40, seed=2))
    context, tab, outside, problems = _open(browser, tmp_path, diagram_html(fw, standalone=True))
    try:
        items = _items(tab)
        assert sorted(items) == sorted(n.label for n in fw.nodes), f"a box missing, or told twice ({problems})"
        for node in fw.nodes:
            said = items[node.label]
            assert sorted(said.get("Leads to:", [])) == _said(fw, node.id, leads=True), node.id
            assert sorted(said.get("Comes from:", [])) == _said(fw, node.id, leads=False), node.id
        headings = tab.locator("#lm-text h3").all_inner_texts()
        assert [h.split(" (")[0] for h in headings] == [fw.level_label(level) for level in fw.level_ids]
        assert tab.locator("#lm-text").get_attribute("aria-busy") is None, "still busy once written"
    finally:
        context.close()
    assert outside == [] and problems == []


def test_the_text_is_written_even_when_the_diagram_never_draws(browser, tmp_path: Path) -> None:
    """Should the diagram's script fail before its first frame, the text is written from the page's data all
    the same, a moment after the page is parsed."""
    fw = from_data(synthetic_data(40, seed=2))
    path = tmp_path / "diagram.html"
    path.write_text(diagram_html(fw, standalone=True), encoding="utf-8")
    context, tab, outside, problems = _guarded_page(browser, tmp_path)
    # The diagram's signal never comes, as when its script has failed.
    tab.add_init_script(
        """const dispatch = Document.prototype.dispatchEvent;
           Document.prototype.dispatchEvent = function (event) {
             return event.type === "lm-first-frame" ? true : dispatch.call(this, event);
           };"""
    )
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        tab.wait_for_selector("#lm-text:not([aria-busy])", state="attached", timeout=10_000)
        assert sorted(_items(tab)) == sorted(n.label for n in fw.nodes)
    finally:
        context.close()
    assert outside == [] and problems == []


def test_changes_and_fades_are_said_beside_each_box(browser, tmp_path: Path) -> None:
    fw = from_data(synthetic_data(12, seed=2))
    first, second = fw.nodes[0], fw.nodes[1]
    marks = ((first.id, CHANGE_MARKS["added"]),)
    page = diagram_html(fw, standalone=True, marks=marks, emphasis=frozenset({first.id}))
    context, tab, outside, problems = _open(browser, tmp_path, page)
    try:
        said = {
            li.locator("button").inner_text(): li.evaluate("(li) => li.firstElementChild.nextSibling.textContent")
            for li in tab.locator(BOX_ITEMS).all()
        }
        assert said[first.label] == " (Added)", said[first.label]
        assert said[second.label] == f" ({FADED})", said[second.label]
    finally:
        context.close()
    assert outside == [] and problems == []


@pytest.mark.parametrize("full", [True, False], ids=["full", "lighter"])
@pytest.mark.parametrize("payload", [HTML_PAYLOAD, MARKDOWN_PAYLOAD], ids=["html", "markdown"])
def test_hostile_labels_are_written_as_text(browser, tmp_path: Path, payload: str, full: bool, monkeypatch) -> None:
    if not full:
        monkeypatch.setattr(diagram_text, "FULL_BOXES", 0)
    fw = from_data(hostile_data(payload))
    context, tab, outside, problems = _open(browser, tmp_path, diagram_html(fw, standalone=True))
    try:
        assert sorted(_shown_labels(tab)) == sorted(n.label for n in fw.nodes), "a label does not read as typed"
        assert tab.locator("#lm-text img, #lm-text script, #lm-text li b").count() == 0, "a label became markup"
        assert tab.evaluate("window.pwned") is None, "a label ran as script"
        tab.get_by_role("button", name="Show as text").click()
        item = tab.locator(BOX_ITEMS).first
        item.locator("button").click()
        assert all(payload in said for said in item.locator(".lm-text-named li").all_inner_texts())
        assert tab.locator("#lm-text h3").first.inner_text().startswith(fw.level_label("activity"))
    finally:
        context.close()
    assert outside == [] and problems == []


def test_the_text_is_read_while_hidden_shown_on_demand_and_enter_shows_a_pathway(browser, tmp_path: Path) -> None:
    fw = from_data(synthetic_data(40, seed=2))
    context, tab, outside, problems = _open(browser, tmp_path, diagram_html(fw, standalone=True))
    try:
        section = tab.get_by_role("region", name="The diagram as text")
        size = section.bounding_box()
        assert size is not None and size["width"] <= 1 and size["height"] <= 1, "not hidden from sight at first"
        assert tab.get_by_role("heading", name="The diagram as text").count() == 1, "not in the accessibility tree"
        read = _read_buttons(tab)
        assert all(n.label in read for n in fw.nodes), "a box is not given to screen readers while hidden"
        assert sorted(_shown_labels(tab)) == sorted(n.label for n in fw.nodes)
        toggle = tab.get_by_role("button", name="Show as text")
        toggle.click()
        size = section.bounding_box()
        assert size["width"] > 300 and size["height"] > 300, "Show as text did not show it"
        assert tab.get_by_role("button", name="Hide the text").get_attribute("aria-expanded") == "true"
        first = tab.evaluate("document.activeElement.textContent")
        assert first == _shown_labels(tab)[0], "the focus is not on the first box"
        tab.keyboard.press("ArrowDown")
        tab.keyboard.press("ArrowDown")
        chosen = tab.evaluate("document.activeElement.getAttribute('data-id')")
        assert tab.evaluate("document.activeElement.textContent") == _shown_labels(tab)[2]
        tab.keyboard.press("Enter")
        assert tab.evaluate("window.logicModelPathway") == sorted(pathway(fw, chosen))
        assert fw.node_by_id[chosen].label in tab.locator("#lm-details h2").inner_text()
        assert tab.locator("#lm-text button[aria-current]").inner_text() == fw.node_by_id[chosen].label
        tab.keyboard.press("Tab")  # one tab stop for all the boxes: Tab leaves them
        assert tab.evaluate("document.activeElement.id") == "lm-text-hide"
        tab.keyboard.press("Escape")
        assert section.bounding_box()["width"] <= 1, "Escape did not hide the text"
        assert tab.evaluate("document.activeElement.id") == "lm-text-toggle", "the focus was lost"
        assert tab.get_by_role("button", name="Show as text").get_attribute("aria-expanded") == "false"
    finally:
        context.close()
    assert outside == [] and problems == []


def test_filtered_boxes_drop_out_of_the_text(browser, tmp_path: Path) -> None:
    fw = from_data(synthetic_data(40, seed=2))
    context, tab, outside, problems = _open(browser, tmp_path, diagram_html(fw, standalone=True))
    try:
        tab.get_by_label("Cohort").select_option(label="older people")
        serving = {n.id for n in nodes_for_cohort(fw, "older people")}
        assert sorted(_shown_labels(tab)) == sorted(fw.node_by_id[i].label for i in serving)
        mentioned = tab.evaluate(
            """() => Array.from(document.querySelectorAll("#lm-text li li[data-k]")).filter((li) => !li.hidden)
                  .map((li) => Number(li.getAttribute("data-k")))"""
        )
        kept = {tab.evaluate("(id) => logicModelNumber(id)", i) for i in serving}
        assert mentioned and set(mentioned) <= kept, "a filtered box is still named as a neighbour"
        tab.get_by_label("Level").select_option(label="Activities")
        shown = {n.id for n in fw.nodes if n.id in serving and n.level == "activity"}
        assert sorted(_shown_labels(tab)) == sorted(fw.node_by_id[i].label for i in shown)
        headings = "() => Array.from(document.querySelectorAll('#lm-text h3')).filter((h) => !h.hidden).length"
        assert tab.evaluate(headings) == 1, "a level with no box left keeps its heading"
        activities = sum(1 for n in fw.nodes if n.level == "activity")
        heading = tab.locator("#lm-text h3:not([hidden])").inner_text()
        assert heading.endswith(f"({len(shown)} of {activities} boxes shown)"), heading
        tab.get_by_role("button", name="Show as text").click()
        assert tab.evaluate("document.activeElement.textContent") == _shown_labels(tab)[0]
    finally:
        context.close()
    assert outside == [] and problems == []


def test_a_big_framework_names_a_boxs_neighbours_when_it_is_chosen(browser, tmp_path: Path) -> None:
    fw = from_data(synthetic_data(FULL_BOXES + 100, seed=4))
    context, tab, outside, problems = _open(browser, tmp_path, diagram_html(fw, standalone=True))
    try:
        read = set(_read_buttons(tab))
        assert all(n.label in read for n in fw.nodes), "a box is not given to screen readers"
        tab.get_by_role("button", name="Show as text").click()
        item = tab.locator(BOX_ITEMS).nth(5)
        node_id = item.locator("button").get_attribute("data-id")
        leads, comes = _said(fw, node_id, leads=True), _said(fw, node_id, leads=False)
        assert item.locator(".lm-text-named").count() == 0, "the lighter form named them before they were asked for"
        assert item.inner_text().endswith(f"leads to {len(leads)}, comes from {len(comes)}")
        item.locator("button").click()
        assert tab.evaluate("window.logicModelPathway") == sorted(pathway(fw, node_id))
        named = item.locator(".lm-text-named")
        said = named.inner_text()
        assert ("Leads to:" in said) == bool(leads) and ("Comes from:" in said) == bool(comes)
        assert sorted(named.locator("li").all_inner_texts()) == sorted(leads + comes)
    finally:
        context.close()
    assert outside == [] and problems == []


def test_in_a_presentation_the_keys_in_the_text_are_the_texts(browser, tmp_path: Path) -> None:
    fw = from_data(synthetic_data(30, seed=1))
    page = diagram_html(fw, stories=present_stories(fw))
    context, tab, outside, problems = _open(browser, tmp_path, page)
    try:
        tab.wait_for_selector("html[data-step='0:0']", state="attached")
        tab.get_by_role("button", name="Show as text").click()
        assert tab.get_by_role("region", name="The diagram as text").bounding_box()["width"] > 300
        assert tab.locator("#lm-text li > button").count() == 0, "nothing to pick in a presentation"
        tab.keyboard.press("Space")
        tab.keyboard.press("ArrowRight")
        assert tab.evaluate("document.documentElement.getAttribute('data-step')") == "0:0", "the slides moved on"
        tab.keyboard.press("Escape")
        assert tab.get_by_role("region", name="The diagram as text").bounding_box()["width"] <= 1
        assert tab.evaluate("document.activeElement.id") == "lm-text-toggle"
    finally:
        context.close()
    assert outside == [] and problems == []
