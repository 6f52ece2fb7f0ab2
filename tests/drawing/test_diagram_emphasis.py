"""The diagram's emphasis: a set of boxes (a commissioner's pathways) drawn as usual, the rest faded."""

from __future__ import annotations

import json
import re

from logicmodel.analysis.offer import offer
from logicmodel.core.samples import find
from logicmodel.drawing.diagram import diagram_html


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', page)
    assert match
    return json.loads(match.group(1))


def test_emphasis_fades_every_box_and_link_off_the_pathways():
    fw = find("swindon").load()
    o = offer(fw, "adult-social-care")
    data = _data(diagram_html(fw, emphasis=frozenset(o.boxes)))
    ids = data["ids"]
    faded = {ids[k] for k in data["fadedBoxes"]}
    assert faded == {n.id for n in fw.nodes} - o.boxes
    gone = set(data["fadedLinks"])
    kept = {(ids[a], ids[b]) for j, (a, b) in enumerate(zip(data["from"], data["to"], strict=True)) if j not in gone}
    assert kept == {(link.source, link.target) for link in o.links}  # every link between pathway boxes stays
    assert gone & {j for j, _points in data["routes"]}  # links routed round boxes are faded too, not drawn in full


def test_without_emphasis_nothing_is_faded():
    data = _data(diagram_html(find("swindon").load()))
    assert data["fadedBoxes"] == [] and data["fadedLinks"] == []
