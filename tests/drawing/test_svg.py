"""The printed poster: valid XML on A3, every label in full, no box on top of another; and its command."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from paths import ROOT

from logicmodel.cli.main import main
from logicmodel.core.readwrite import dumps, from_data, load
from logicmodel.core.synthetic import synthetic_data
from logicmodel.drawing.svg import PAPER, poster_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
SAMPLES = sorted(ROOT.glob("sample_frameworks/*.json"))
HOSTILE = '<script>alert(1)</script> & "quotes" ]]> <img src=x onerror=alert(2)>'


def _boxes(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg.encode("utf-8"))
    return {g.get("data-id"): g for g in root.iter(f"{{{NS['svg']}}}g") if "box" in (g.get("class") or "").split()}


def _text(box: ET.Element) -> str:
    return " ".join("".join(span.itertext()) for span in box.iter(f"{{{NS['svg']}}}tspan"))


def _rect(box: ET.Element) -> tuple[float, float, float, float]:
    rect = box.find("svg:rect", NS)
    x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
    return x, y, x + w, y + h


def _frameworks() -> list:
    long_label = "Fewer older people admitted to hospital after a fall at home " * 4
    data = synthetic_data(60, seed=2)
    data["nodes"][0]["label"] = long_label.strip()[:300]
    return [from_data(data), *[load(path) for path in SAMPLES]]


@pytest.mark.parametrize("fw", _frameworks(), ids=lambda fw: fw.meta.title[:30])
def test_every_label_appears_in_full_and_no_boxes_overlap(fw) -> None:
    svg = poster_svg(fw)
    boxes = _boxes(svg)
    assert set(boxes) == {n.id for n in fw.nodes}
    for node in fw.nodes:
        assert _text(boxes[node.id]).replace(" ", "") == "".join(node.label.split()), node.id
    for (a, ra), (b, rb) in itertools.combinations(((k, _rect(g)) for k, g in boxes.items()), 2):
        apart = ra[2] <= rb[0] or rb[2] <= ra[0] or ra[3] <= rb[1] or rb[3] <= ra[1]
        assert apart, f"boxes {a} and {b} overlap"


@pytest.mark.parametrize("paper", ["A3", "A1"])
def test_the_poster_is_landscape_on_its_paper_with_a_title_and_legend(paper: str) -> None:
    fw = from_data(synthetic_data(30))
    root = ET.fromstring(poster_svg(fw, paper=paper).encode("utf-8"))
    width, height = PAPER[paper]
    assert (root.get("width"), root.get("height")) == (f"{width:g}mm", f"{height:g}mm")
    assert root.find("svg:title", NS).text == fw.meta.title
    legend = " ".join(root.find(".//svg:g[@class='legend']", NS).itertext())
    for words in ("Activities", "Strategic outcomes", "Strong evidence", "Strength not stated"):
        assert words in legend


def test_hostile_text_is_escaped_and_the_poster_still_parses() -> None:
    data = json.loads(dumps(from_data(synthetic_data(12))))
    data["meta"] = {"title": HOSTILE, "organisation": HOSTILE}
    data["levels"] = [{"id": lv, "label": HOSTILE} for lv in ("activity", "output", "intermediate", "strategic")]
    for node in data["nodes"]:
        node["label"] = HOSTILE
    svg = poster_svg(from_data(data))
    root = ET.fromstring(svg.encode("utf-8"))
    assert not list(root.iter("{http://www.w3.org/2000/svg}script")) and "<script>" not in svg
    assert "<img" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_a_framework_too_big_for_the_paper_says_so() -> None:
    svg = poster_svg(from_data(synthetic_data(400)))
    assert "Too many boxes for this paper" in svg
    assert "Too many boxes" not in poster_svg(from_data(synthetic_data(20)))


def test_grouped_poster_names_its_groups_in_order() -> None:
    data = synthetic_data(30, seed=3)
    svg = poster_svg(from_data(data), group_by="cohort")
    assert "Boxes kept together by cohort, top to bottom in each column: inactive adults · older people" in svg


def test_filters_keep_only_the_chosen_levels() -> None:
    fw = from_data(synthetic_data(40))
    svg = poster_svg(fw, levels=["activity", "output"])
    assert set(_boxes(svg)) == {n.id for n in fw.nodes if n.level in ("activity", "output")}


@pytest.mark.parametrize(("to", "start"), [("svg", "<?xml"), ("html", "<!DOCTYPE html>")])
def test_export_command_writes_the_file(tmp_path: Path, to: str, start: str) -> None:
    source = tmp_path / "fw.json"
    source.write_text(dumps(from_data(synthetic_data(15))), encoding="utf-8")
    target = tmp_path / f"out.{to}"
    assert main(["export", str(source), "--to", to, "-o", str(target)], out=(log := _Log())) == 0
    assert target.read_text(encoding="utf-8").startswith(start)
    assert f"{target}: written ({to}, 15 boxes)" in log.text


def test_export_command_refuses_a_broken_file_in_one_line(tmp_path: Path) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{"schema_version": 1, "meta": {"title": "T"}, "nodes": [], "links": [{}]}', encoding="utf-8")
    target = tmp_path / "out.svg"
    log = _Log()
    assert main(["export", str(source), "--to", "svg", "-o", str(target)], out=log) == 1
    assert not target.exists() and "Traceback" not in log.text and str(source) in log.text


class _Log:
    """A stand-in for stdout that keeps what was printed."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_the_legend_and_title_stay_on_the_paper(paper: str) -> None:
    data = synthetic_data(20)
    data["meta"]["title"] = "Suffolk: physical activity for people at risk of common mental health problems"
    root = ET.fromstring(poster_svg(from_data(data), paper=paper).encode("utf-8"))
    width = PAPER[paper][0]
    legend = root.find(".//svg:g[@class='legend']", NS)
    for text in legend.iter(f"{{{NS['svg']}}}text"):
        assert float(text.get("x")) + len(text.text) * 3.4 * 0.52 <= width - 10 + 0.5, text.text
    title = next(root.iter(f"{{{NS['svg']}}}text"))
    assert title.text == data["meta"]["title"]  # shrunk to fit, not cut
    assert len(title.text) * float(title.get("font-size")) * 0.56 <= width - 20
