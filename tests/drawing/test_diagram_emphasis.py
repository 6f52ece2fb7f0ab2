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


def _faded(edge: dict) -> bool:
    """A link drawn faded: by vis-network in the faded colour, or, for a link routed round boxes (which
    vis-network draws clear), painted faded by the page's script."""
    return "paint" in edge or edge.get("color", {}).get("color") == "#e3e3e3"


def test_emphasis_fades_every_box_and_link_off_the_pathways():
    fw = find("swindon").load()
    o = offer(fw, "adult-social-care")
    data = _data(diagram_html(fw, emphasis=frozenset(o.boxes)))
    ids = data["ids"]
    faded = {ids[n["id"]] for n in data["nodes"] if isinstance(n["id"], int) and "color" in n}
    assert faded == {n.id for n in fw.nodes} - o.boxes
    kept = {(ids[e["from"]], ids[e["to"]]) for e in data["edges"] if not _faded(e)}
    assert kept == {(link.source, link.target) for link in o.links}  # every link between pathway boxes stays
    assert any("paint" in e for e in data["edges"])  # links routed round boxes are faded too, not drawn in full


def test_without_emphasis_nothing_is_faded():
    data = _data(diagram_html(find("swindon").load()))
    assert not [n for n in data["nodes"] if "color" in n] and not [e for e in data["edges"] if _faded(e)]
