"""The diagram as text, as the engine gives it to the page: every shown box once, in drawing order, level by
level; statuses by progress; the lighter form for a big framework; a few bytes a box in the page; in every kind
of diagram page, with nothing of a label written as markup. (What the page's script writes from it, and how it
reads, is tested in the browser: tests/browser/test_diagram_text.py.)"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hostile_text import PAYLOAD as MARKDOWN_PAYLOAD
from hostile_text import hostile_data
from progress_fixture import illustrated

from logicmodel.analysis.marks import CHANGE_MARKS
from logicmodel.analysis.progress import box_status
from logicmodel.core.readwrite import from_data
from logicmodel.core.synthetic import synthetic_data
from logicmodel.drawing import diagram
from logicmodel.drawing.diagram import diagram_and_note, diagram_html
from logicmodel.drawing.diagram_text import FADED, FULL_BOXES, diagram_text, grade_words

HTML_PAYLOAD = '"></script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> &amp; <b>bold</b>'
SECTION = re.compile(r'<section id="lm-text".*?</section>', re.S)


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', page)
    assert match, "no data for the page's script"
    return json.loads(match.group(1))


def _told(page: str) -> list[tuple[str, list[str]]]:
    """The page's text as its script will write it: each level's name and its boxes' labels, in order."""
    data = _data(page)
    return [(label, [data["boxes"]["label"][k] for k in boxes]) for label, boxes in data["reading"]["levels"]]


def _framework(**extra: Any):
    return from_data(
        {
            "schema_version": 1,
            "meta": {"title": "Active Swindon"},
            "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
            "nodes": [
                {"id": "walk", "level": "activity", "label": "Walking groups", "stakeholders": ["ph"]},
                {"id": "swim", "level": "activity", "label": "Swimming lessons"},
                {"id": "sessions", "level": "output", "label": "Sessions run"},
                {"id": "active", "level": "intermediate", "label": "More people active"},
                {"id": "falls", "level": "strategic", "label": "Fewer falls"},
            ],
            "links": [
                {"source": "walk", "target": "sessions", "strength": "strong"},
                {"source": "swim", "target": "sessions"},
                {"source": "sessions", "target": "active", "strength": "weak"},
                {"source": "active", "target": "falls"},
                {"source": "walk", "target": "falls"},
            ],
        }
        | extra
    )


def test_every_box_is_told_once_level_by_level_with_the_words_for_each_strength() -> None:
    fw = _framework()
    page = diagram_html(fw)
    told = _told(page)
    assert [label for label, _ in told] == [fw.level_label(level) for level in fw.level_ids]
    assert sorted(told[0][1]) == ["Swimming lessons", "Walking groups"] and told[1][1] == ["Sessions run"]
    assert sorted(label for _, labels in told for label in labels) == sorted(n.label for n in fw.nodes)
    reading = _data(page)["reading"]
    assert reading["summary"] == "5 boxes in 4 levels, 5 links." and reading["full"] and reading["notes"] is None
    data = _data(page)
    said = {  # each link as the text will say it: its ends' labels and the strength's words
        (data["boxes"]["label"][s], data["boxes"]["label"][t], reading["grades"][g])
        for s, t, g in zip(data["from"], data["to"], data["links"]["strength"], strict=True)
    }
    assert ("Walking groups", "Sessions run", "strong evidence") in said
    assert ("Sessions run", "More people active", "weak evidence") in said
    assert ("Swimming lessons", "Sessions run", "") in said, "an unstated strength is not said"
    assert "5 boxes in 4 levels, 5 links." in SECTION.search(page).group(0), "the summary is in the page at once"


def test_the_boxes_are_in_drawing_order_column_by_column_top_to_bottom() -> None:
    fw = from_data(synthetic_data(60, seed=3))
    _, result, *_ = diagram._drawing(fw, False, None, None, None, None, None, None, False)
    ids = list(result.x)
    told = [ids[k] for level in diagram_text(fw, result).levels for k in level.boxes]
    drawn = sorted(result.x, key=lambda node_id: (result.x[node_id], result.y[node_id]))
    assert told == drawn


def test_filtered_boxes_drop_out_of_the_text() -> None:
    fw = _framework()
    told = _told(diagram_html(fw, stakeholder="ph"))
    assert [label for _, labels in told for label in labels] == ["Walking groups"]
    page = diagram_html(fw, levels=["activity", "output"])
    told = _told(page)
    assert sorted(label for _, labels in told for label in labels) == [
        "Sessions run",
        "Swimming lessons",
        "Walking groups",
    ]
    assert _data(page)["reading"]["summary"] == "3 boxes in 2 levels, 2 links."


@pytest.mark.parametrize("payload", [HTML_PAYLOAD, MARKDOWN_PAYLOAD], ids=["html", "markdown"])
def test_hostile_text_reaches_the_page_only_as_data(payload: str) -> None:
    fw = from_data(hostile_data(payload))
    page = diagram_html(fw, standalone=True)
    plain = diagram_html(_framework(), standalone=True)
    assert page.count("<script") == plain.count("<script"), "no script more than a plain page's"
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    section = SECTION.search(page).group(0)
    assert payload not in section and "<img" not in section, "a label written into the section's markup"
    told = _told(page)
    assert sorted(label for _, labels in told for label in labels) == sorted(n.label for n in fw.nodes)
    assert told[0][0] == fw.level_label("activity"), "a level's name does not read as typed"


def test_a_big_framework_gets_the_lighter_form_in_a_few_bytes_a_box() -> None:
    fw = from_data(synthetic_data(FULL_BOXES + 100))
    _, result, *_ = diagram._drawing(fw, False, None, None, None, None, None, None, False)
    text = diagram_text(fw, result)
    assert not text.full and text.boxes == len(fw.nodes)
    page = diagram_html(fw)
    reading = _data(page)["reading"]
    assert not reading["full"]
    assert len(json.dumps(reading)) < 1_000 + 6 * len(fw.nodes), "the text carries more than a box's number"
    assert len(SECTION.search(page).group(0)) < 1_000, "the section is written in the browser, not sent"


def test_every_kind_of_page_has_the_text() -> None:
    fw = from_data(synthetic_data(30, seed=1))
    for page in (
        diagram_html(fw),
        diagram_html(fw, projector=True),
        diagram_html(fw, standalone=True),
        diagram_and_note(fw)[0],
        diagram_html(fw, stories=diagram.present_stories(fw)),
    ):
        told = _told(page)
        assert sorted(label for _, labels in told for label in labels) == sorted(n.label for n in fw.nodes)
        assert 'id="lm-text-toggle"' in page and 'id="lm-text-levels"' in page and "lm-first-frame" in page
    present = SECTION.search(diagram_html(fw, stories=diagram.present_stories(fw))).group(0)
    assert "lm-text-present" in present, "a presentation's text would offer pathways it cannot show"


def test_statuses_by_progress_are_told() -> None:
    fw = illustrated("swindon")
    judged = box_status(fw)
    assert judged
    data = _data(diagram_html(fw, progress=True))
    notes = data["reading"]["notes"]
    for k, node_id in enumerate(data["ids"]):
        found = judged.get(node_id)
        assert notes[k] == (found.status.capitalize() if found else "")


def test_compares_changes_and_a_commissioners_fades_are_told() -> None:
    fw = _framework()
    marks = (("walk", CHANGE_MARKS["added"]), ("falls", CHANGE_MARKS["removed"]))
    data = _data(diagram_html(fw, marks=marks))
    said = dict(zip(data["ids"], data["reading"]["notes"], strict=True))
    assert said == {"walk": "Added", "falls": "Removed", "swim": "", "sessions": "", "active": ""}
    data = _data(diagram_html(fw, emphasis=frozenset({"walk", "sessions"})))
    said = dict(zip(data["ids"], data["reading"]["notes"], strict=True))
    assert said == {"walk": "", "sessions": "", "swim": FADED, "active": FADED, "falls": FADED}


def test_grade_words_say_each_stated_strength() -> None:
    assert [grade_words(s) for s in ("strong", "moderate", "weak", "unknown")] == [
        "strong evidence",
        "moderate evidence",
        "weak evidence",
        "",
    ]
