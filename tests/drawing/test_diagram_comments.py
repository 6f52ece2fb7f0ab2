"""Counts of open comment threads on the diagram: a box (or link) with threads carries its count for the page's
script to mark; none carries nothing; the boxes keep their sizes and places; hostile ids and labels stay text."""

from __future__ import annotations

import json
import re
from typing import Any

from hostile_text import PAYLOAD

from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import find
from logicmodel.core.synthetic import synthetic_data
from logicmodel.drawing.diagram import diagram_html, present_stories


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', page)
    assert match, "no data for the page's script"
    return json.loads(match.group(1))


def _counts_by_id(data: dict[str, Any]) -> dict[str, int]:
    """The counts the page will mark, by the boxes' own ids (the page numbers boxes)."""
    return {data["ids"][k]: n for k, n in data["comments"]["boxes"]}


def _geometry(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Where every box is drawn and how big: what a mark must not change."""
    boxes = list(zip(data["x"], data["y"], data["labels"], strict=True))
    return [*boxes, tuple(data["boxHeight"]), data["boxWidth"], tuple(data["extent"])]


def test_a_box_with_two_open_threads_carries_2_and_the_others_nothing():
    fw = find("swindon").load()
    box = fw.nodes[3].id
    data = _data(diagram_html(fw, comment_counts={box: 2}))
    assert _counts_by_id(data) == {box: 2}
    assert data["comments"]["links"] == []
    assert data["comments"]["size"] >= 14  # the mark's type is no smaller than a label's


def test_without_counts_the_page_marks_nothing():
    fw = find("swindon").load()
    assert _data(diagram_html(fw))["comments"] is None
    assert _data(diagram_html(fw, comment_counts={}))["comments"] is None
    assert _data(diagram_html(fw, comment_counts={fw.nodes[0].id: 0}))["comments"] is None  # resolved: gone


def test_marks_leave_every_box_where_it_was_and_as_big():
    fw = find("swindon").load()
    counts = {n.id: k + 1 for k, n in enumerate(fw.nodes[:6])}
    plain = _data(diagram_html(fw))
    marked = _data(diagram_html(fw, comment_counts=counts, link_comment_counts={fw.link_pairs[0]: 3}))
    assert _geometry(marked) == _geometry(plain)  # the count is drawn over the box, not written in its label


def test_a_link_with_open_threads_carries_its_count_by_its_number():
    fw = find("swindon").load()
    pair = fw.link_pairs[2]
    data = _data(diagram_html(fw, link_comment_counts={pair: 1}))
    [[j, count]] = data["comments"]["links"]
    assert (data["ids"][data["from"][j]], data["ids"][data["to"][j]]) == pair and count == 1
    assert data["comments"]["boxes"] == []


def test_counts_of_boxes_not_drawn_are_left_out():
    fw = find("swindon").load()
    shown = fw.nodes[0]
    other_level = next(n for n in fw.nodes if n.level != shown.level)
    data = _data(diagram_html(fw, levels=[shown.level], comment_counts={shown.id: 1, other_level.id: 4, "nope": 2}))
    assert _counts_by_id(data) == {shown.id: 1}


def test_a_changed_count_makes_a_new_page_and_the_same_count_the_kept_one():
    fw = find("swindon").load()
    box = fw.nodes[0].id
    one = diagram_html(fw, comment_counts={box: 1})
    assert diagram_html(fw, comment_counts={box: 1}) is one  # kept, not drawn again
    assert _counts_by_id(_data(diagram_html(fw, comment_counts={box: 2}))) == {box: 2}
    assert _data(diagram_html(fw))["comments"] is None  # the plain page is not the marked one


def test_hostile_ids_and_labels_with_counts_stay_text():
    data = synthetic_data(12, seed=3)
    old = data["nodes"][0]["id"]
    data["nodes"][0]["id"] = "__proto__"
    data["nodes"][0]["label"] = "</script><script>window.pwned=1</script> " + PAYLOAD
    for link in data["links"]:
        link["source"], link["target"] = (
            ("__proto__" if end == old else end) for end in (link["source"], link["target"])
        )
    fw = from_data(data)
    page = diagram_html(fw, comment_counts={"__proto__": 2, "constructor": 5})
    assert "<script>window.pwned" not in page
    assert page.count("<script") == diagram_html(fw).count("<script")
    assert _counts_by_id(_data(page)) == {"__proto__": 2}  # by number: no property of an object is named


def test_the_presentation_has_no_place_for_counts():
    fw = find("swindon").load()
    data = _data(diagram_html(fw, stories=present_stories(fw)[:1]))
    assert data["comments"] is None and data["stories"]


def test_a_new_count_of_comments_does_not_lay_the_framework_out_again(monkeypatch):
    """A comment made elsewhere changes only the marks: the Diagram page is made anew, the drawing is kept."""
    from logicmodel.drawing import diagram

    fw = from_data(synthetic_data(40, seed=11))  # its own: no page of it made before
    calls = []
    real = diagram.layout
    monkeypatch.setattr(diagram, "layout", lambda *a, **k: calls.append(1) or real(*a, **k))
    diagram_html(fw)
    laid_out = len(calls)
    assert laid_out >= 1
    for n in (1, 2, 3):
        assert _counts_by_id(_data(diagram_html(fw, comment_counts={fw.nodes[0].id: n}))) == {fw.nodes[0].id: n}
    assert len(calls) == laid_out
