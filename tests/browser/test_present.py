"""Presenting in a real browser: Swindon's ready-made story "Fewer falls among people aged 65 and over",
stepped through with the keys a presentation clicker sends, in the exported slides and on the app's Present
page, at 1366x768 and 1920x1080. Every step's boxes must be inside the view and drawn at the promised size
(28 px on 1920x1080, in proportion on a smaller screen), read from the diagram's scale times the boxes' type
size; every request to another host is refused and recorded; a story of script and HTML payloads runs none.

Set ``LOGICMODEL_SHOTS`` to a folder to keep a screenshot of every step there (to look at them).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from logicmodel import formats
from logicmodel.core.readwrite import from_data, load, to_data
from logicmodel.drawing.diagram import PRESENT, present_stories

from .conftest import choose, new_tab
from .diagram_view import BOX_ON_SCREEN, FOCUS, SETTLED, VIEW

ROOT = Path(__file__).resolve().parents[2]
FALLS = "Fewer falls among people aged 65 and over"
SIZES = [(1366, 768), (1920, 1080)]

STEP_CHECK = """() => {
  const step = window.logicModelStep, area = document.getElementById('mynetwork'), v = logicModelView;
  const scale = v.scale(), out = [];
  let smallest = Infinity;
  for (const id of step.nodes) {
    const b = v.box(id);
    smallest = Math.min(smallest, b.font * scale);
    const a = v.toScreen({x: b.x - b.width / 2, y: b.y - b.height / 2});
    const z = v.toScreen({x: b.x + b.width / 2, y: b.y + b.height / 2});
    if (a.x < -1 || a.y < -1 || z.x > area.clientWidth + 1 || z.y > area.clientHeight + 1) out.push(id);
  }
  const panel = document.getElementById('lm-panel').getBoundingClientRect();
  const view = area.getBoundingClientRect();
  return {step: step.step, nodes: step.nodes, px: smallest, outside: out, overlap: panel.left < view.right - 1,
    counter: document.getElementById('lm-counter').textContent};
}"""
"""Where the current step's boxes are drawn, in the page's own measures: the smallest label size in CSS pixels,
the boxes not wholly inside the diagram's view, and whether the text panel overlaps the view."""


def promised(width: int, height: int) -> float:
    """The smallest label size promised on a screen: 28 px at 1920x1080, in proportion elsewhere."""
    return PRESENT["readable"] * min(width / PRESENT["screen"][0], height / PRESENT["screen"][1])


def _guarded(browser, width: int, height: int, allowed: tuple[str, ...] = ("file://", "data:", "blob:", "about:")):
    context = browser.new_context(viewport={"width": width, "height": height})
    outside: list[str] = []
    problems: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.on("pageerror", lambda exc: problems.append(str(exc)))
    tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    tab.on("dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss()))
    return context, tab, outside, problems


def _wait_step(frame, index: int, story: int | None = None) -> None:
    frame.wait_for_function(
        "([i, s]) => { const at = document.documentElement.getAttribute('data-step');"
        " return at !== null && at.split(':')[1] === String(i) && (s === null || at.split(':')[0] === String(s)); }",
        arg=[index, story],
        timeout=20_000,
    )


def _shoot(tab, name: str) -> None:
    folder = os.environ.get("LOGICMODEL_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(folder) / f"{name}.png"))


def _step_through(tab, frame, expected: list[tuple[str, ...]], width: int, height: int, name: str) -> None:
    """Press → (and Space, Page Down) through every step and every part of a step told in parts, checking
    each; then back with ←, Page Up, Home, End."""
    forward = ["ArrowRight", "PageDown", " "]
    presses = 0
    parts = []
    for i, boxes in enumerate(expected):
        if i:
            tab.keyboard.press(forward[presses % len(forward)])
            presses += 1
        _wait_step(frame, i)
        seen = frame.evaluate(STEP_CHECK)
        _shoot(tab, f"{name}-{width}x{height}-step{i + 1}")
        parts.append(frame.evaluate("window.logicModelStep.parts"))
        step = f"Step {i + 1} of {len(expected)}"
        assert seen["counter"] == (step if parts[-1] == 1 else f"{step} · part 1 of {parts[-1]}")
        assert tuple(seen["nodes"]) == boxes
        assert seen["outside"] == [], f"step {i + 1}: boxes outside the view at {width}x{height}"
        assert seen["px"] >= promised(width, height) - 0.05, f"step {i + 1}: labels at {seen['px']:.1f} px"
        assert not seen["overlap"], "the text panel covers the diagram"
        for part in range(2, parts[-1] + 1):  # the rest of the step's text, the diagram staying put
            tab.keyboard.press(forward[presses % len(forward)])
            presses += 1
            _shoot(tab, f"{name}-{width}x{height}-step{i + 1}-part{part}")
            assert frame.evaluate(STEP_CHECK)["counter"] == f"{step} · part {part} of {parts[-1]}"
    last = len(expected) - 1
    counter = frame.evaluate(STEP_CHECK)["counter"]
    tab.keyboard.press("ArrowRight")  # past the end: stays on the last step's last part
    assert frame.evaluate(STEP_CHECK)["counter"] == counter
    tab.keyboard.press("Home")
    _wait_step(frame, 0)
    tab.keyboard.press("End")
    _wait_step(frame, last)
    tab.keyboard.press("ArrowLeft")  # back to the step before, at its last part
    _wait_step(frame, last - 1)
    assert frame.evaluate("[window.logicModelStep.part, window.logicModelStep.parts]") == [parts[-2] - 1, parts[-2]]
    tab.keyboard.press("PageUp")
    if parts[-2] > 1:
        frame.wait_for_function("(p) => window.logicModelStep.part === p", arg=parts[-2] - 2)
    else:
        _wait_step(frame, max(last - 2, 0))


def _swindon():
    return load(ROOT / "sample_frameworks" / "swindon.json")


def _falls_steps(fw) -> list[tuple[str, ...]]:
    story = next(s for s in present_stories(fw) if s.title == FALLS)
    return [step.nodes for step in story.steps]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_slides_present_a_story_with_the_keys_offline(browser, tmp_path: Path, width: int, height: int) -> None:
    fw = _swindon()
    path = tmp_path / "talk.html"
    path.write_bytes(formats.get("slides").write(fw, formats.Choices()))
    context, tab, outside, problems = _guarded(browser, width, height)
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        body = tab.evaluate("[document.documentElement.scrollHeight, document.documentElement.scrollWidth]")
        assert body == [height, width], "the slides do not fill the window exactly"
        tab.get_by_role("button", name=FALLS).click()
        _step_through(tab, tab, _falls_steps(fw), width, height, "slides")
        tab.keyboard.press("Escape")
        tab.get_by_role("button", name=FALLS).wait_for(state="visible")
        assert tab.get_attribute("html", "data-step") is None
    finally:
        context.close()
    assert outside == [], f"requests left the machine: {outside}"
    assert problems == [], f"the page failed: {problems}"


def test_a_clicker_starts_the_focused_story_from_the_slides_list(browser, tmp_path: Path) -> None:
    """Issue 27, finding 11: the offline slides open on the list of stories, where → and Page Down (what a
    presenter's clicker sends) did nothing. Now → , Page Down and Space start the focused story, or the first
    when none has the focus; ↓ and ↑ move along the list, and Esc comes back to the story just told."""
    fw = _swindon()
    titles = [s.title for s in present_stories(fw)]
    path = tmp_path / "talk.html"
    path.write_bytes(formats.get("slides").write(fw, formats.Choices()))
    context, tab, outside, problems = _guarded(browser, 1366, 768)

    def presented() -> str:
        _wait_step(tab, 0)
        return tab.evaluate("document.getElementById('lm-story').textContent")

    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        assert tab.evaluate("document.activeElement.textContent") == titles[0], "the first story has the focus"
        tab.keyboard.press("ArrowRight")
        assert presented() == titles[0]
        tab.keyboard.press("Escape")
        assert tab.evaluate("document.activeElement.textContent") == titles[0], "back on the story just told"
        tab.keyboard.press("ArrowDown")
        tab.keyboard.press("ArrowDown")
        tab.keyboard.press("ArrowUp")
        tab.keyboard.press("PageDown")
        assert presented() == titles[1]
        tab.keyboard.press("ArrowRight")
        _wait_step(tab, 1, 1)  # the keys go on to step through the story
        tab.keyboard.press("Escape")
        tab.locator("#lm-stories button").nth(2).focus()
        tab.keyboard.press(" ")
        assert presented() == titles[2]
        tab.keyboard.press("Escape")
        tab.evaluate("document.activeElement.blur()")  # nothing focused: the first story starts
        tab.keyboard.press("PageDown")
        assert presented() == titles[0]
    finally:
        context.close()
    assert outside == [], f"requests left the machine: {outside}"
    assert problems == [], f"the page failed: {problems}"


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_present_page_presents_a_story_with_the_keys(browser, app_url, wait_for_app, width, height) -> None:
    tab = new_tab(browser, app_url, viewport={"width": width, "height": height})
    try:
        tab.get_by_role("button", name="Open Get Swindon Active").first.click()
        wait_for_app(tab)
        tab.get_by_test_id("stSidebarNav").get_by_role("link", name="Present").click()
        wait_for_app(tab)
        choose(tab, "Story", FALLS)
        tab.get_by_role("button", name="Present", exact=True).click()
        wait_for_app(tab)
        frame = tab.locator("iframe").first.element_handle(timeout=20_000).content_frame()
        frame.wait_for_selector("html[data-drawn]", timeout=20_000)
        box = tab.locator("iframe").first.bounding_box()
        assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, width, height), "not the whole window"
        _wait_step(frame, 0)
        assert frame.evaluate("document.activeElement.id") == "mynetwork", "the keys would not reach the slides"
        _step_through(tab, frame, _falls_steps(_swindon()), width, height, "app")
        tab.keyboard.press("Escape")
        wait_for_app(tab)
        tab.get_by_role("button", name="Present", exact=True).wait_for(state="visible")
        assert tab.locator("iframe").count() == 0
    finally:
        tab.context.close()
    assert tab.outside_requests == [], f"requests left the machine: {tab.outside_requests}"


PANEL_CHECK = """() => {
  const panel = document.getElementById('lm-panel');
  let smallest = Infinity;
  for (const el of panel.querySelectorAll('*')) {
    const words = [...el.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
    if (words && el.getClientRects().length) smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
  }
  const said = [...document.querySelectorAll('#lm-step > *')].map((el) => el.innerText);
  return {scroll: panel.scrollHeight, client: panel.clientHeight, smallest: smallest,
    counter: document.getElementById('lm-counter').textContent, said: said.join(' '),
    continued: [...document.querySelectorAll('#lm-step h2')].filter((h) => h.textContent.endsWith(' (continued)'))
      .map((h) => h.textContent)};
}"""
"""The text panel as shown: its scroll and client heights, its smallest type in CSS pixels, the counter, and
what the step says on it (headings repeated on a part carried over listed apart, to be taken out)."""


def _said(seen: dict) -> str:
    text = seen["said"]
    for heading in seen["continued"]:
        text = text.replace(heading, " ", 1)
    return " ".join(text.split())


def _told(fw, story, step_index: int) -> list[str]:
    """What the panel must say of a step: its title and note, and the label and indicators of each box no
    earlier step showed."""
    step = story.steps[step_index]
    earlier = {n for s in story.steps[:step_index] for n in s.nodes}
    words = [w for w in (step.title, step.note) if w]
    for node_id in step.nodes:
        if node_id not in earlier:
            node = fw.node_by_id[node_id]
            words += [node.label, *(i.name for i in node.indicators)]
    return [" ".join(w.split()) for w in words]


@pytest.mark.slow
def test_every_step_of_every_samples_stories_fits_its_panel_in_large_type(browser, tmp_path: Path) -> None:
    """Issue 27, finding 2: at step 2 of Swindon's "Physical wellbeing" the panel held 1,983 px of text in a
    1,080 px window, its type shrunk to 20 px. Every step of every sample's ready-made stories, stepped through
    with → (and Page Down) in the slides at 1366x768 and 1920x1080: the panel never scrolls (scroll height not
    above client height), no type in it is under 24 px at 1920x1080 (in proportion at 1366x768), and the
    parts of a step together say everything it has to say."""
    from logicmodel.core import samples

    made = []
    for sample in samples.samples():
        fw = sample.load()
        path = tmp_path / f"{sample.name}.html"
        path.write_bytes(formats.get("slides").write(fw, formats.Choices()))
        made.append((sample.name, fw, present_stories(fw), path))
    context, tab, outside, problems = _guarded(browser, *SIZES[0])
    try:
        for width, height in SIZES:
            tab.set_viewport_size({"width": width, "height": height})
            least = PRESENT["text"] * min(width / PRESENT["screen"][0], height / PRESENT["screen"][1]) - 0.05
            for name, fw, stories, path in made:
                tab.goto(path.as_uri())
                tab.wait_for_selector("html[data-drawn]", timeout=20_000)
                for s, story in enumerate(stories):
                    tab.locator("#lm-stories button").nth(s).focus()
                    tab.keyboard.press("PageDown" if s % 2 else "ArrowRight")
                    said: dict[int, list[str]] = {}
                    while True:
                        seen = tab.evaluate(PANEL_CHECK)
                        where = f"{name}, {story.title!r}, {seen['counter']}, {width}x{height}"
                        assert seen["scroll"] <= seen["client"], f"{where}: {seen['scroll']} px in {seen['client']}"
                        assert seen["smallest"] >= least, f"{where}: type at {seen['smallest']} px"
                        at = re.fullmatch(r"Step (\d+) of (\d+)(?: · part (\d+) of (\d+))?", seen["counter"])
                        assert at, where
                        step, steps, part, parts = (int(g) if g else 1 for g in at.groups())
                        assert steps == len(story.steps) and part == len(said.get(step - 1, [])) + 1, where
                        said.setdefault(step - 1, []).append(_said(seen))
                        if step == steps and part == parts:
                            break
                        tab.keyboard.press("ArrowRight")
                    assert sorted(said) == list(range(len(story.steps))), f"{name}, {story.title!r}: steps missed"
                    for i, texts in said.items():
                        whole = " ".join(texts)
                        missing = [w for w in _told(fw, story, i) if w not in whole]
                        assert not missing, f"{name}, {story.title!r}, step {i + 1}: never said {missing}"
                    tab.keyboard.press("Escape")
    finally:
        context.close()
    assert outside == [], f"requests left the machine: {outside}"
    assert problems == [], f"the page failed: {problems}"


def _choose_story(tab, wait_for_app, title: str) -> None:
    choose(tab, "Story", title)


def _box_and_first_step(tab) -> tuple[str, str]:
    """What the Story box reads, and the first step listed below it."""
    box = tab.get_by_role("combobox", name="Story").input_value()
    first = tab.get_by_test_id("stMarkdown").filter(has_text="1. ").first.inner_text()
    return box.strip(), first.strip()


def _presented_story(tab) -> str:
    frame = tab.locator("iframe").first.element_handle(timeout=20_000).content_frame()
    frame.wait_for_selector("html[data-drawn]", timeout=20_000)
    _wait_step(frame, 0)
    return frame.evaluate("document.getElementById('lm-story').textContent")


def test_after_presenting_the_story_box_the_steps_and_present_agree(browser, app_url, wait_for_app) -> None:
    """Issue 27, finding 1: Present → "Mental wellbeing" → Present → Esc left the box reading "Physical
    wellbeing" over Mental wellbeing's steps, and choosing "Physical wellbeing" then changed nothing."""
    tab = new_tab(browser, app_url, viewport={"width": 1366, "height": 768})
    try:
        tab.get_by_role("button", name="Open Get Swindon Active").first.click()
        wait_for_app(tab)
        tab.get_by_test_id("stSidebarNav").get_by_role("link", name="Present").click()
        wait_for_app(tab)
        for title in ("Mental wellbeing", "Physical wellbeing", FALLS, "Mental wellbeing"):
            _choose_story(tab, wait_for_app, title)
            assert _box_and_first_step(tab) == (title, f"1. {title}: {title}"), "the box and the steps disagree"
            tab.get_by_role("button", name="Present", exact=True).click()
            wait_for_app(tab)
            assert _presented_story(tab) == title, "Present played another story than the one chosen"
            tab.keyboard.press("Escape")
            wait_for_app(tab)
            assert _box_and_first_step(tab) == (title, f"1. {title}: {title}"), "after Esc: box and steps disagree"
        tab.get_by_role("button", name="Present", exact=True).click()  # again, with no new choice
        wait_for_app(tab)
        assert _presented_story(tab) == "Mental wellbeing"
    finally:
        tab.context.close()


PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "\"></script><script>window.__pwned='breakout'</script>",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe>",
]


def test_a_story_of_script_and_html_payloads_runs_no_script(browser, tmp_path: Path) -> None:
    data = to_data(_swindon())
    data["stories"] = [
        {
            "id": "hostile",
            "title": PAYLOADS[0] + " summit",
            "steps": [
                {"nodes": ["str-fewer-falls"], "title": payload, "note": payload + " " + PAYLOADS[-1]}
                for payload in PAYLOADS
            ],
        }
    ]
    fw = from_data(data)
    path = tmp_path / "talk.html"
    path.write_bytes(formats.get("slides").write(fw, formats.Choices()))
    context, tab, outside, problems = _guarded(browser, 1366, 768)
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        assert tab.locator("#lm-stories button").inner_text() == PAYLOADS[0] + " summit"
        tab.locator("#lm-stories button").click()
        for i, payload in enumerate(PAYLOADS):
            if i:
                tab.keyboard.press("ArrowRight")
            _wait_step(tab, i)
            assert tab.locator("#lm-step h1").inner_text() == payload
            assert tab.locator("#lm-step .lm-note").inner_text() == payload + " " + PAYLOADS[-1]
        assert tab.evaluate(
            "[window.__pwned === undefined, document.querySelectorAll('#lm-panel img, "
            "#lm-panel script, #lm-panel svg, #lm-panel iframe').length]"
        ) == [True, 0]
    finally:
        context.close()
    assert outside == [], f"requests left the machine: {outside}"
    assert problems == [], f"the page failed: {problems}"


def test_the_offline_diagram_fills_the_window_moves_with_keys_and_frames_a_pathway_clear_of_details(
    browser, tmp_path: Path
) -> None:
    from logicmodel.core.graph import pathway
    from logicmodel.drawing.diagram import diagram_html

    fw = _swindon()
    path = tmp_path / "diagram.html"
    path.write_text(diagram_html(fw, standalone=True), encoding="utf-8")
    context, tab, outside, problems = _guarded(browser, 1366, 768)
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        area = tab.locator("#mynetwork").bounding_box()
        assert area["y"] + area["height"] == 768 and area["width"] == 1366, "the diagram does not fill the window"
        assert tab.evaluate(FOCUS), "the diagram cannot take the keyboard's focus"
        before = tab.evaluate(VIEW)
        for key in ("ArrowLeft", "="):  # held a moment, as a person does: the view moves while a key is down
            tab.keyboard.down(key)
            tab.wait_for_timeout(250)
            tab.keyboard.up(key)
        after = tab.evaluate(VIEW)
        assert after[0] > before[0], "= (the + key) did not zoom in"
        assert after[1] != before[1], "an arrow key did not move the diagram"
        tab.get_by_label("Pathway of").select_option(label=FALLS)
        tab.evaluate(SETTLED)  # the zoom to the pathway has finished
        details = tab.locator("#lm-details").bounding_box()
        boxes = tab.evaluate(BOX_ON_SCREEN, sorted(pathway(fw, "str-fewer-falls")))
        for left, top, right, bottom in boxes:
            assert left >= 0 and top >= 0 and bottom <= area["height"], "a box of the pathway is out of view"
            assert right <= details["x"] - area["x"], "the details cover a box of the pathway"
    finally:
        context.close()
    assert outside == [] and problems == []
