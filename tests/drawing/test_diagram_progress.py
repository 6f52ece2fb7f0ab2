"""Colour by progress on the diagram and the presentation: each box with indicators is marked by its status
in colour AND in words on its first line, a box without indicators is drawn as usual, the legend lists the
statuses shown with their marks and meanings, and every text typed by a person stays escaped."""

from __future__ import annotations

import copy
import json
import re

from paths import ROOT
from test_diagram import PAYLOAD, _page_data

from logicmodel import formats
from logicmodel.analysis.progress import BOX_RULE, STATUSES, box_status
from logicmodel.core.readwrite import from_data, load
from logicmodel.drawing.diagram import diagram_html, present_stories
from logicmodel.drawing.style import GLYPHS, NO_STATUS, PROGRESS_STYLES, contrast_ratio, progress_mark
from logicmodel.drawing.svg import poster_svg

MEASURED = ROOT / "tests" / "fixtures" / "progress" / "measured.json"
EXPECTED = {
    "volunteers": "no target",
    "walkers": "met",
    "attend": "no change",
    "active": "improving",
    "strength": "worsening",
    "falls": "no change",
    "connected": "no data",
}
"""Each box's status in the fixture, worked out by hand (``falls``: the baseline is inside the interval)."""


def _boxes(data: dict) -> dict[str, dict]:
    """Each box's label as drawn and its own look (fill, border, border width, dashed), if it has one."""
    own = {k: look for k, *look in data["own"]}
    return {node_id: {"label": data["labels"][k], "look": own.get(k)} for k, node_id in enumerate(data["ids"])}


def test_the_fixture_has_every_status_a_box_can_show():
    assert {k: v.status for k, v in box_status(load(MEASURED)).items()} == EXPECTED
    assert set(EXPECTED.values()) == set(STATUSES)


def test_each_box_with_indicators_carries_its_status_in_words_and_colour():
    fw = load(MEASURED)
    page = diagram_html(fw, progress=True)
    boxes = _boxes(_page_data(page))
    for box_id, status in EXPECTED.items():
        colour, sign, dashed = PROGRESS_STYLES[status]
        assert boxes[box_id]["label"].split("\n")[0] == f"{sign} {status}", box_id
        _fill, border, _width, drawn_dashed = boxes[box_id]["look"]
        assert border == colour and drawn_dashed == bool(dashed)
    for plain in ("walks", "classes"):  # no indicators: no status, white, so no level's colour reads as one
        assert boxes[plain]["look"] == ["#ffffff", NO_STATUS, 2, False]
        assert boxes[plain]["label"].split("\n")[0].startswith(GLYPHS["square"])


def test_the_legend_lists_each_status_shown_with_its_mark_and_meaning():
    page = diagram_html(load(MEASURED), progress=True)
    legend = page[page.index('aria-label="Legend"') : page.index("</ul>", page.index('aria-label="Legend"'))]
    for status, meaning in STATUSES.items():
        assert f">{progress_mark(status).words}</span>" in legend
        assert f"<dd>{meaning.replace(chr(39), '&#39;')}</dd>" in legend
    assert "What each status means" in legend and BOX_RULE[:40] in legend
    order = [legend.index(f">{progress_mark(status).words}</span>") for status in STATUSES]
    assert order == sorted(order)


def test_only_the_statuses_shown_are_in_the_legend():
    fw = load(MEASURED)
    page = diagram_html(fw, progress=True, levels=("activity", "output"))
    legend = page[page.index('aria-label="Legend"') : page.index("</dl>")]
    assert "√ met" in legend and "= no change" in legend and "○ no target" in legend
    assert "↓ worsening" not in legend and "↑ improving" not in legend


def test_without_the_choice_nothing_is_coloured_by_progress():
    page = diagram_html(load(MEASURED))
    assert "What each status means" not in page and "↑ improving" not in page
    assert _page_data(page)["own"] == []


def test_the_box_details_say_the_summary_and_each_indicators_status():
    data = _page_data(diagram_html(load(MEASURED), progress=True))
    k = data["ids"].index("active")
    assert data["boxes"]["progress"][k] == "Improving: 1 of 2 indicators improving; 1 no data"
    assert data["boxes"]["indicators"][k][0].startswith("Physically inactive adults (%): improving, down 2 ")
    assert data["boxes"]["progress"][data["ids"].index("walks")] == ""


def test_status_colours_are_told_apart_and_box_text_is_readable():
    fills = {progress_mark(s).background for s in STATUSES if not PROGRESS_STYLES[s][2]}
    assert len(fills) == 4  # the judged statuses: four different colours
    for status in STATUSES:
        assert contrast_ratio("#1a1a1a", progress_mark(status).background) >= 4.5
        assert PROGRESS_STYLES[status][1] not in GLYPHS.values()  # no status sign is a level's mark


def test_typed_text_stays_escaped_when_coloured_by_progress():
    data = json.loads(MEASURED.read_text())
    hostile = copy.deepcopy(data)
    hostile["meta"]["title"] = PAYLOAD
    for n in hostile["nodes"]:
        n["label"] = PAYLOAD
        for indicator in n.get("indicators", []):
            indicator["name"] = PAYLOAD
    fw = from_data(hostile)
    for page in (diagram_html(fw, progress=True), diagram_html(fw, stories=present_stories(fw)[:1], progress=True)):
        assert "<script>window.pwned" not in page and "<img src=x" not in page
        assert 'onerror="window' not in page
        data = _page_data(page)
        assert PAYLOAD in data["boxes"]["label"]  # carried whole, as text for the script
        assert any(item.startswith(PAYLOAD + ": ") for items in data["boxes"]["indicators"] for item in items)


def test_the_presentation_colours_boxes_and_lists_the_statuses_in_its_panel():
    fw = load(MEASURED)
    stories = present_stories(fw)
    page = diagram_html(fw, stories=stories[:1], progress=True)
    boxes = _boxes(_page_data(page))
    assert boxes["strength"]["label"].startswith("↓ worsening\n")
    assert boxes["strength"]["look"][1] == PROGRESS_STYLES["worsening"][0]
    assert boxes["walks"]["look"][0] == "#ffffff" and boxes["walks"]["label"].startswith("■")
    panel = page[page.index('id="lm-panel"') :]
    shown = re.findall(r'class="lm-swatch lm-status"[^>]*>([^<]*)</span>', panel)
    assert shown == [progress_mark(s).words for s in STATUSES]
    plain = diagram_html(fw, stories=stories[:1])
    assert "lm-swatch lm-status" not in plain and "↓ worsening" not in plain


def test_the_poster_colours_boxes_by_progress_with_words_a_legend_and_the_meanings():
    from xml.etree import ElementTree

    fw = load(MEASURED)
    svg = poster_svg(fw, progress=True)
    root = ElementTree.fromstring(svg.encode())  # well-formed, whatever the labels hold
    ns = {"s": "http://www.w3.org/2000/svg"}
    boxes = {g.get("data-id"): g for g in root.iterfind(".//s:g[@class='boxes']/s:g", ns)}
    for box_id, status in EXPECTED.items():
        first = boxes[box_id].find("s:text/s:tspan", ns)
        assert first.text == progress_mark(status).words and first.get("font-weight") == "bold"
        assert boxes[box_id].find("s:rect", ns).get("stroke") == PROGRESS_STYLES[status][0]
    assert boxes["walks"].find("s:rect", ns).get("fill") == "#ffffff"
    legend = "".join(root.find(".//s:g[@class='legend']", ns).itertext())
    key = " ".join(span.text for span in root.find(".//s:text[@class='key']", ns))  # one line a tspan
    for status, meaning in STATUSES.items():
        assert progress_mark(status).words in legend
        assert f"{progress_mark(status).words}: {meaning[:30]}" in key
    assert "&lt;stronger&gt;" in svg and "<stronger>" not in svg
    plain = poster_svg(fw)
    assert "↓ worsening" not in plain and 'class="key"' not in plain


def test_the_offline_page_and_the_poster_take_the_progress_choice():
    fw = load(MEASURED)
    assert "progress" in formats.get("html").options and "progress" in formats.get("svg").options
    page = formats.get("html").write(fw, formats.Choices(progress=True)).decode()
    assert "↓ worsening" in page and "What each status means" in page
    assert "↓ worsening" in formats.get("svg").write(fw, formats.Choices(progress=True)).decode()
