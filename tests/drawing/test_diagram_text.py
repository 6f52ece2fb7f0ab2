"""The diagram as text: every shown box once, in drawing order, with what it leads to and comes from; escaped;
the lighter form for a big framework; in every kind of diagram page."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from hostile_text import PAYLOAD as MARKDOWN_PAYLOAD
from hostile_text import hostile_data
from progress_fixture import illustrated

from logicmodel.analysis.progress import box_status
from logicmodel.core.readwrite import from_data
from logicmodel.core.synthetic import synthetic_data
from logicmodel.drawing import diagram
from logicmodel.drawing import diagram_text as diagram_text_module
from logicmodel.drawing.diagram import diagram_and_note, diagram_html
from logicmodel.drawing.diagram_text import FULL_BOXES, diagram_text, text_section

HTML_PAYLOAD = '"></script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> &amp; <b>bold</b>'
VOID = {"br", "meta", "img", "input", "hr", "link"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Any] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str) -> list[Element]:
        found = []
        for c in self.children:
            if isinstance(c, Element):
                found += [c] if c.tag == tag else []
                found += c.all(tag)
        return found


class _Tree(HTMLParser):
    """A page as a tree of elements, as a browser parses it (enough of it for these pages)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _section(page: str) -> Element:
    tree = _Tree()
    tree.feed(page)
    sections = [s for s in tree.root.all("section") if s.attrs.get("id") == "lm-text"]
    assert len(sections) == 1, "one text section in the page"
    return sections[0]


def _boxes(section: Element) -> list[Element]:
    """The section's box items, in order (each level's list's own items)."""
    return [li for ul in section.all("ul") if ul.attrs.get("class") == "lm-text-boxes" for li in ul.children
            if isinstance(li, Element) and li.tag == "li"]  # fmt: skip


def _label(li: Element) -> str:
    return next(c for c in li.children if isinstance(c, Element) and c.tag in ("button", "b")).text()


def _said(li: Element, words: str) -> list[str]:
    """The names listed after ``words`` ("Leads to:" or "Comes from:") in a box's item."""
    children = li.children
    for i, c in enumerate(children):
        if isinstance(c, str) and c.strip().endswith(words):
            return [item.text() for item in children[i + 1].children if isinstance(item, Element)]
    return []


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


def test_every_box_is_told_once_level_by_level_with_what_it_leads_to_and_comes_from() -> None:
    fw = _framework()
    section = _section(diagram_html(fw))
    headings = [h.text() for h in section.all("h3")]
    assert [h.split(" (")[0] for h in headings] == [fw.level_label(level) for level in fw.level_ids]
    assert headings[0].endswith("(2 boxes)") and headings[1].endswith("(1 box)")
    boxes = {_label(li): li for li in _boxes(section)}
    assert sorted(boxes) == sorted(n.label for n in fw.nodes)
    assert _said(boxes["Sessions run"], "Leads to:") == ["More people active (weak evidence)"]
    came = sorted(_said(boxes["Sessions run"], "Comes from:"))
    assert came == ["Swimming lessons", "Walking groups (strong evidence)"]
    assert sorted(_said(boxes["Walking groups"], "Leads to:")) == ["Fewer falls", "Sessions run (strong evidence)"]
    assert _said(boxes["Walking groups"], "Comes from:") == []
    assert "5 boxes in 4 levels, 5 links." in section.text()
    assert all(li.all("button") for li in boxes.values()), "each box is a button that shows its pathway"


def test_the_boxes_are_in_drawing_order_column_by_column_top_to_bottom() -> None:
    fw = from_data(synthetic_data(60, seed=3))
    _, result, *_ = diagram._drawing(fw, False, None, None, None, None, None, None, False)
    told = [box.id for level in diagram_text(fw, result).levels for box in level.boxes]
    drawn = sorted(result.x, key=lambda node_id: (result.x[node_id], result.y[node_id]))
    assert told == drawn


def test_filtered_boxes_drop_out_of_the_text() -> None:
    fw = _framework()
    section = _section(diagram_html(fw, stakeholder="ph"))
    labels = sorted(_label(li) for li in _boxes(section))
    assert labels == ["Walking groups"]
    assert "Sessions run" not in section.text() and "Fewer falls" not in section.text()
    section = _section(diagram_html(fw, levels=["activity", "output"]))
    boxes = {_label(li): li for li in _boxes(section)}
    assert sorted(boxes) == ["Sessions run", "Swimming lessons", "Walking groups"]
    assert _said(boxes["Walking groups"], "Leads to:") == ["Sessions run (strong evidence)"]


@pytest.mark.parametrize("full", [True, False], ids=["full", "lighter"])
@pytest.mark.parametrize("payload", [HTML_PAYLOAD, MARKDOWN_PAYLOAD], ids=["html", "markdown"])
def test_hostile_text_is_only_text_in_the_text(payload: str, full: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not full:  # the lighter form's items are made in Python, not by the template: escaped all the same
        monkeypatch.setattr(diagram_text_module, "FULL_BOXES", 0)
    fw = from_data(hostile_data(payload))
    page = diagram_html(fw, standalone=True)
    section = _section(page)
    assert section.all("script") == [] and section.all("img") == [] and section.all("b") == []
    plain = _Tree()
    plain.feed(diagram_html(_framework(), standalone=True))
    hostile = _Tree()
    hostile.feed(page)
    assert len(hostile.root.all("script")) == len(plain.root.all("script")), "no script more than a plain page's"
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    labels = sorted(_label(li) for li in _boxes(section))
    assert labels == sorted(n.label for n in fw.nodes), "every label reads exactly as typed, as text"
    assert all(li.all("button")[0].attrs["data-id"] in fw.node_by_id for li in _boxes(section))
    assert section.all("h3")[0].text().split(" (")[0] == fw.level_label("activity")
    assert section.attrs["data-full"] == ("1" if full else "0")


def test_a_big_framework_gets_the_lighter_form_of_a_few_bytes_a_box() -> None:
    fw = from_data(synthetic_data(FULL_BOXES + 100))
    _, result, *_ = diagram._drawing(fw, False, None, None, None, None, None, None, False)
    text = diagram_text(fw, result)
    assert not text.full
    page = diagram_html(fw)
    section = _section(page)
    boxes = _boxes(section)
    assert len(boxes) == len(fw.nodes)
    number = {node_id: k for k, node_id in enumerate(result.x)}
    for li in boxes[:50]:
        node_id = li.all("button")[0].attrs["data-id"]
        leads = [number[t] for s, t in result.links if s == node_id]
        comes = [s for s, t in result.links if t == node_id]
        assert li.attrs["data-to"] == " ".join(map(str, leads))
        assert li.text().endswith(f"leads to {len(leads)}, comes from {len(comes)}")
        assert _said(li, "Leads to:") == []
    own = len(text_section(fw, result).encode())
    labels = sum(len(label.encode()) for label in text.labels)
    assert own < 12_000 + labels + 120 * len(fw.nodes), "the text costs a label and a little more a box"


def test_every_kind_of_page_has_the_text() -> None:
    fw = from_data(synthetic_data(30, seed=1))
    for page in (
        diagram_html(fw),
        diagram_html(fw, projector=True),
        diagram_html(fw, standalone=True),
        diagram_and_note(fw)[0],
    ):
        section = _section(page)
        assert len(_boxes(section)) == len(fw.nodes) and 'id="lm-text-toggle"' in page
    present = diagram_html(fw, stories=diagram.present_stories(fw))
    section = _section(present)
    assert len(_boxes(section)) == len(fw.nodes)
    assert section.all("button") == [section.all("button")[-1]], "no box buttons in a presentation, only Back"


def test_statuses_by_progress_are_told() -> None:
    fw = illustrated("swindon")
    judged = box_status(fw)
    section = _section(diagram_html(fw, progress=True))
    boxes = {li.all("button")[0].attrs["data-id"]: li for li in _boxes(section)}
    assert judged
    for node_id, li in boxes.items():
        after = li.text().split(_label(li), 1)[1].split("Leads to")[0].split("Comes from")[0]
        found = judged.get(node_id)
        assert after.strip() == (f"({found.status.capitalize()})" if found else "")
