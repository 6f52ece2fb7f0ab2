"""The diagram in a real browser: nothing leaves the machine, the canvas draws, a click shows the pathway.

Runs both inside the app (the Diagram page of an opened sample) and as the standalone offline page
(the file ``python -m logicmodel export --to html`` writes), opened from disk with every request to
anything but the local machine refused and recorded.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from logicmodel.core.graph import nodes_for_cohort, pathway
from logicmodel.core.readwrite import from_data
from logicmodel.core.synthetic import synthetic_data
from logicmodel.drawing.diagram import diagram_html
from logicmodel.drawing.style import OKABE_ITO, tint

from .diagram_view import DRAWN_PIXELS, FIRST_VIEW, MOVE_TO_BOX, SETTLED, click_box


def _guarded_page(browser, tmp_path: Path):
    """A tab that refuses, and records, every request that is not a local file or the local machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    outside: list[str] = []
    problems: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        local = url.startswith(("file://", "data:", "blob:", "about:"))
        local = local or url.split("/")[2].split(":")[0] in ("localhost", "127.0.0.1") if "://" in url else local
        if local:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: problems.append(str(exc)))
    return context, tab, outside, problems


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
def test_standalone_page_draws_offline_and_highlights_a_pathway(browser, tmp_path: Path, projector: bool) -> None:
    fw = from_data(synthetic_data(60, seed=7))
    path = tmp_path / "diagram.html"
    path.write_text(diagram_html(fw, projector=projector, standalone=True), encoding="utf-8")
    context, tab, outside, problems = _guarded_page(browser, tmp_path)
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        assert tab.evaluate(DRAWN_PIXELS) > 2_000, "the canvas is blank"
        node_id = "int-5"
        tab.evaluate(MOVE_TO_BOX, node_id)
        tab.wait_for_timeout(100)
        click_box(tab, node_id)
        tab.locator("#lm-details").wait_for(state="visible")
        assert tab.evaluate("window.logicModelPathway") == sorted(pathway(fw, node_id))
        assert fw.node_by_id[node_id].label in tab.locator("#lm-details h2").inner_text()
        tab.evaluate(SETTLED)
        tab.evaluate("logicModelView.fit()")
        tab.locator("#mynetwork canvas").click(position={"x": 3, "y": 3})  # the background
        tab.locator("#lm-details").wait_for(state="hidden")
        assert tab.evaluate("window.logicModelPathway") == []
    finally:
        context.close()
    assert outside == [], f"the page tried to reach other machines: {outside}"
    assert problems == [], f"the page logged errors (a refused request shows here too): {problems}"


def test_picking_a_box_from_the_list_shows_its_pathway_without_a_mouse(browser, tmp_path: Path) -> None:
    fw = from_data(synthetic_data(40, seed=2))
    path = tmp_path / "diagram.html"
    path.write_text(diagram_html(fw, standalone=True), encoding="utf-8")
    context, tab, outside, problems = _guarded_page(browser, tmp_path)
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        tab.get_by_label("Pathway of").select_option(label=fw.node_by_id["out-3"].label)
        assert tab.evaluate("window.logicModelPathway") == sorted(pathway(fw, "out-3"))
        tab.get_by_role("button", name="Clear").click()
        assert tab.evaluate("window.logicModelPathway") == []
        colours = tab.evaluate("[logicModelView.box('out-3').fill, logicModelView.link(0).colour]")
        assert colours == [tint(OKABE_ITO[1]), "#4d4d4d"], "clearing did not restore the colours"
        tab.get_by_label("Cohort").select_option(label="older people")
        serving = {n.id for n in nodes_for_cohort(fw, "older people")}
        assert tab.evaluate("window.logicModelHidden") == sorted(set(fw.node_by_id) - serving)
        tab.get_by_label("Level").select_option(label="Activities")
        shown = {n.id for n in fw.nodes if n.id in serving and n.level == "activity"}
        assert tab.evaluate("window.logicModelHidden") == sorted(set(fw.node_by_id) - shown)
    finally:
        context.close()
    assert outside == [] and problems == []


def test_clicking_a_link_shows_why_it_holds(browser, tmp_path: Path) -> None:
    fw = from_data(
        {
            "schema_version": 1,
            "meta": {"title": "Links"},
            "nodes": [
                {"id": "walk", "level": "activity", "label": "Walking groups"},
                {"id": "falls", "level": "strategic", "label": "Fewer falls"},
            ],
            "links": [
                {"source": "walk", "target": "falls", "strength": "moderate",
                 "rationale": "Strength and balance <b>work</b>", "assumptions": ["People keep coming"]},
            ],
        }
    )  # fmt: skip
    path = tmp_path / "diagram.html"
    path.write_text(diagram_html(fw), encoding="utf-8")
    context, tab, outside, problems = _guarded_page(browser, tmp_path)
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        middle = tab.evaluate(
            "(() => { const v = logicModelView, walk = v.box('walk'), falls = v.box('falls');"
            " return v.toScreen({x: (walk.x + falls.x) / 2, y: (walk.y + falls.y) / 2}); })()"
        )
        tab.locator("#mynetwork canvas").click(position={"x": middle["x"], "y": middle["y"]})
        panel = tab.locator("#lm-details")
        panel.wait_for(state="visible")
        text = panel.inner_text()
        assert "Walking groups → Fewer falls" in text and "Moderate evidence" in text
        assert "Strength and balance <b>work</b>" in text and "People keep coming" in text
    finally:
        context.close()
    assert outside == [] and problems == []


def test_diagram_page_in_the_app_draws_a_sample_and_stays_offline(page, wait_for_app, tmp_path: Path) -> None:
    page.get_by_role("button", name="Open Get Swindon Active").first.click()
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Diagram").click()
    wait_for_app(page)
    frame = page.locator("iframe").first.element_handle(timeout=20_000).content_frame()
    frame.wait_for_selector("html[data-drawn]", timeout=20_000)
    assert frame.evaluate(DRAWN_PIXELS) > 2_000, "the canvas is blank"
    frame.get_by_label("Pathway of").select_option(index=1)
    frame.locator("#lm-details").wait_for(state="visible")
    for button, suffix, start in [
        ("Poster to print (SVG, A3)", "-poster.svg", "<?xml"),
        ("Interactive diagram (HTML, works offline)", "-diagram.html", "<!DOCTYPE html>"),
    ]:
        if not page.get_by_role("button", name=button).is_visible():  # the drawings are under "Download"
            page.get_by_role("button", name="Download").click()
        with page.expect_download() as download:
            page.get_by_role("button", name=button).click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name.endswith(suffix) and saved.read_text(encoding="utf-8").startswith(start)
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests}"


JS_NAMES = [
    "__proto__",
    "constructor",
    "toString",
    "toLocaleString",
    "valueOf",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "prototype",
    "__defineGetter__",
    "__lookupSetter__",
    "length",
]
"""Valid box ids that are also names every JavaScript object answers to (Object.prototype's and a few more)."""


def _js_names_framework(names: list[str]):
    """Boxes named ``names`` in the middle of a pathway: led to by an activity, leading to an outcome."""
    middle = [{"id": name, "level": "output", "label": f"Output called {name}"} for name in names]
    return from_data(
        {
            "schema_version": 1,
            "meta": {"title": "JavaScript names"},
            "stakeholders": [{"id": "ph", "name": "__proto__", "role": "commissioner"}],
            "nodes": [
                {"id": "walk", "level": "activity", "label": "Walking groups", "stakeholders": ["ph"],
                 "cohorts": ["constructor"]},
                *middle,
                {"id": "active", "level": "intermediate", "label": "More people active"},
                {"id": "hasOwnProperty" if "hasOwnProperty" not in names else "falls", "level": "strategic",
                 "label": "Fewer falls"},
            ],
            "links": [
                *({"source": "walk", "target": name} for name in names),
                *({"source": name, "target": "active"} for name in names),
                {"source": "active", "target": "hasOwnProperty" if "hasOwnProperty" not in names else "falls"},
            ],
        }
    )  # fmt: skip


@pytest.mark.parametrize("names", [[name] for name in JS_NAMES] + [JS_NAMES], ids=[*JS_NAMES, "all-together"])
def test_box_ids_that_are_javascript_names_are_drawn_and_pickable(browser, tmp_path: Path, names: list[str]) -> None:
    fw = _js_names_framework(names)
    path = tmp_path / "diagram.html"
    path.write_text(diagram_html(fw, standalone=True), encoding="utf-8")
    context, tab, outside, problems = _guarded_page(browser, tmp_path)
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        every = sorted(node.id for node in fw.nodes)
        drawn = tab.evaluate(
            "(ids) => ids.filter((id) => { const b = logicModelView.box(id);"
            " return b !== null && b.id === id && isFinite(b.x) && isFinite(b.y) && !b.hidden; })",
            every,
        )
        assert sorted(drawn) == every, "a box is missing from the drawing"
        held = tab.evaluate("logicModelView.boxes().map((b) => b.id)")
        assert sorted(held) == every, "the drawing holds other boxes than the framework has"
        assert tab.locator("#lm-count").inner_text() == f"{len(every)} boxes"
        assert tab.locator("#lm-pick option").count() == len(every) + 1  # "(choose a box)" first
        for node in fw.nodes:
            tab.get_by_label("Pathway of").select_option(label=node.label)
            assert tab.evaluate("window.logicModelPathway") == sorted(pathway(fw, node.id)), node.id
            assert tab.locator("#lm-details h2").inner_text() == node.label
        tab.get_by_role("button", name="Clear").click()
        tab.evaluate(SETTLED)  # the zoom to the last pathway chosen has finished, so it cannot undo the fit
        tab.evaluate("logicModelView.fit()")
        click_box(tab, names[0])
        assert tab.locator("#lm-details h2").inner_text() == f"Output called {names[0]}"
        assert tab.evaluate("window.logicModelPathway") == sorted(pathway(fw, names[0]))
        tab.get_by_label("Stakeholder").select_option(label="__proto__")
        tab.get_by_label("Cohort").select_option(label="constructor")
        assert tab.evaluate("window.logicModelHidden") == sorted(set(every) - {"walk"})
        assert tab.locator("#lm-count").inner_text() == f"1 of {len(every)} boxes shown"
    finally:
        context.close()
    assert outside == []
    assert problems == [], f"the page failed: {problems}"


@pytest.mark.parametrize("viewport", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_diagram_page_fits_every_sample_across_its_frame_with_labels_readable(
    browser, app_url, wait_for_app, viewport
) -> None:
    """At first draw every box of every sample is inside the frame's width (nothing cut off on the right) and the
    labels are at least the engine's readable size on screen (11 px: 14 px type at a scale of 11/14 or more)."""
    from logicmodel.core import samples
    from logicmodel.core.wording import sample_button
    from logicmodel.drawing.diagram import _metrics

    from .conftest import new_tab

    normal = _metrics(False)
    floor = normal["readable"]  # px on screen
    shots = Path(os.environ.get("LM_SCREENSHOTS", "/tmp/lm-screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    tab = new_tab(browser, app_url, viewport={"width": viewport[0], "height": viewport[1]})
    try:
        for sample in samples.samples():
            nav = tab.get_by_test_id("stSidebarNav")
            nav.get_by_role("link", name="Home").click()
            wait_for_app(tab)
            tab.get_by_role("button", name=sample_button(sample.title)).first.click()
            wait_for_app(tab)
            nav.get_by_role("link", name="Diagram").click()
            wait_for_app(tab)
            frame = tab.locator("iframe").first.element_handle(timeout=20_000).content_frame()
            frame.wait_for_selector("html[data-drawn]", timeout=20_000)
            seen = frame.evaluate(FIRST_VIEW)
            label_px = normal["font"] * seen["scale"]
            tab.screenshot(path=str(shots / f"diagram-{sample.name}-{viewport[0]}x{viewport[1]}.png"))
            assert seen["out"] == [], f"{sample.name}: boxes cut off at {viewport}: {seen['out']}"
            assert label_px >= floor - 0.01, f"{sample.name}: labels {label_px:.1f} px at {viewport}, under {floor} px"
    finally:
        tab.context.close()
