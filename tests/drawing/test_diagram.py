"""The interactive diagram's page: self-contained, escaped, laid out in columns, filtered, readable."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from logicmodel.core.readwrite import dumps, from_data, loads
from logicmodel.core.synthetic import synthetic_data
from logicmodel.drawing import diagram
from logicmodel.drawing.diagram import CSP, KEEP, diagram_and_note, diagram_html, fingerprint, json_for_script
from logicmodel.drawing.style import FADED_TEXT, OKABE_ITO, TEXT, contrast_ratio, level_styles, tint

PAYLOAD = '"></script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> href=javascript:alert(1)'


def _framework(**changes: Any):
    data = {
        "schema_version": 1,
        "meta": {"title": "Active Swindon"},
        "stakeholders": [
            {"id": "ph", "name": "Public Health", "role": "commissioner"},
            {"id": "leisure", "name": "Leisure Trust", "role": "provider"},
        ],
        "nodes": [
            {"id": "walk", "level": "activity", "label": "Walking groups", "stakeholders": ["leisure"],
             "cohorts": ["Older people"]},
            {"id": "swim", "level": "activity", "label": "Free swimming", "stakeholders": ["ph"],
             "cohorts": ["Young people"]},
            {"id": "sessions", "level": "output", "label": "Sessions run", "stakeholders": ["leisure"]},
            {"id": "active", "level": "intermediate", "label": "More people active", "cohorts": ["Older people"]},
            {"id": "falls", "level": "strategic", "label": "Fewer falls", "stakeholders": ["ph"]},
        ],
        "links": [
            {"source": "walk", "target": "sessions", "strength": "strong"},
            {"source": "swim", "target": "sessions"},
            {"source": "sessions", "target": "active", "strength": "weak"},
            {"source": "active", "target": "falls", "strength": "moderate"},
        ],
    }  # fmt: skip
    data.update(changes)
    return from_data(data)


def _page_data(page: str) -> dict[str, Any]:
    """The data the page's own script reads (vis-network's nodes, edges and options, box ids, details, links)."""
    match = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', page)
    assert match, "no data for the page's script"
    return json.loads(match.group(1))


def _dataset(page: str, name: str) -> list[dict[str, Any]]:
    """The nodes or edges the page gives vis-network."""
    return _page_data(page)[name]


def _boxes(page: str) -> dict[str, dict[str, Any]]:
    """vis-network's boxes by their ids in the framework (vis numbers them; level headings are named)."""
    ids = _page_data(page)["ids"]
    return {ids[n["id"]]: n for n in _dataset(page, "nodes") if isinstance(n["id"], int)}


def test_the_page_loads_nothing_from_anywhere() -> None:
    page = diagram_html(from_data(synthetic_data(60)), standalone=True)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page), "a remote script or stylesheet"
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    assert f'content="{CSP}"' in page and "connect-src 'none'" in CSP
    assert "vis.Network" in page and "vis-network" in page  # the library is inline


def test_user_text_never_reaches_the_page_as_markup() -> None:
    fw = _framework(meta={"title": PAYLOAD, "description": PAYLOAD})
    data = json.loads(dumps(fw))
    for node in data["nodes"]:
        node["label"] = PAYLOAD
        node["description"] = PAYLOAD
    data["levels"] = [{"id": lv, "label": PAYLOAD} for lv in ("activity", "output", "intermediate", "strategic")]
    page = diagram_html(from_data(data), standalone=True)
    assert "<script>window.pwned" not in page and "<img src=x" not in page and "</script><script>window" not in page
    assert page.count("<script") == diagram_html(_framework(), standalone=True).count("<script")
    assert "popup.innerHTML" not in page  # pyvis's link template (titles with href) is never used
    assert all("title" not in node for node in _dataset(page, "nodes"))
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page  # the title and the legend, escaped


def test_json_for_script_cannot_close_the_script() -> None:
    text = json_for_script({"label": "</script><!-- \u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"label": "</script><!-- \u2028"}


def test_boxes_sit_in_their_levels_columns_left_to_right() -> None:
    fw = from_data(synthetic_data(80, seed=4))
    boxes = _boxes(diagram_html(fw))
    rank = fw.node_rank
    by_rank: dict[int, list[float]] = {}
    for node_id, box in boxes.items():
        by_rank.setdefault(rank[node_id], []).append(box["x"])
    assert max(by_rank[0]) < min(by_rank[1]) and max(by_rank[1]) < min(by_rank[2])
    assert '"physics": {"enabled": false}' in diagram_html(fw)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, {"walk", "swim", "sessions", "active", "falls"}),
        ({"stakeholder": "ph"}, {"swim", "falls"}),
        ({"cohort": "older PEOPLE"}, {"walk", "active"}),
        ({"levels": ["activity", "strategic"]}, {"walk", "swim", "falls"}),
        ({"stakeholder": "leisure", "levels": ["output"]}, {"sessions"}),
    ],
)
def test_filters_show_only_the_matching_boxes(options: dict[str, Any], expected: set[str]) -> None:
    assert set(_boxes(diagram_html(_framework(), **options))) == expected


def test_link_width_follows_strength_and_unstated_strength_is_dashed() -> None:
    page = diagram_html(_framework())
    ids = _page_data(page)["ids"]
    default = _page_data(page)["options"]["edges"]
    edges = {(ids[e["from"]], ids[e["to"]]): {**default, **e} for e in _dataset(page, "edges")}
    strong, weak, unknown = edges[("walk", "sessions")], edges[("sessions", "active")], edges[("swim", "sessions")]
    assert strong["width"] > edges[("active", "falls")]["width"] > weak["width"]
    assert unknown["dashes"] and not strong["dashes"] and not weak["dashes"]


def test_every_level_has_its_own_colour_and_mark_in_the_legend() -> None:
    fw = _framework()
    page = diagram_html(fw)
    styles = level_styles(fw)
    assert len({s.colour for s in styles.values()}) == len({s.mark for s in styles.values()}) == 4
    legend = page[page.index('<ul class="lm-legend"') :]
    for style in styles.values():
        assert style.label in legend and style.glyph in legend
    for words in ("Strong evidence", "Weak evidence", "Strength not stated"):
        assert words in legend


@pytest.mark.parametrize("colour", OKABE_ITO)
def test_box_text_is_readable_on_every_level_colour(colour: str) -> None:
    assert contrast_ratio(TEXT, tint(colour)) >= 4.5
    assert contrast_ratio(FADED_TEXT, "#ffffff") >= 4.5


def test_projector_mode_uses_large_type() -> None:
    fw = _framework()
    normal, projector = diagram_html(fw), diagram_html(fw, projector=True)
    size = re.compile(r'"font": \{"color": "#1a1a1a", "size": (\d+)')
    assert int(size.search(projector).group(1)) >= 1.5 * int(size.search(normal).group(1))
    assert 'class="lm-projector"' in projector


def test_the_page_has_the_height_asked_for() -> None:
    assert "height: 555px" in diagram_html(_framework(), height=555)


def test_generating_again_for_the_same_framework_reuses_the_page() -> None:
    fw = _framework()
    assert diagram_html(fw) is diagram_html(fw)
    assert diagram_html(fw, projector=True) is not diagram_html(fw)


def test_only_the_last_few_pages_are_kept_on_a_framework() -> None:
    fw = _framework()
    first = diagram_html(fw)
    for height in range(500, 500 + KEEP):
        diagram_html(fw, height=height)
    assert len(fw.cached("diagram_pages", dict)) == KEEP
    assert diagram_html(fw) is not first and diagram_html(fw) == first


def test_fingerprint_follows_content_not_the_object() -> None:
    fw = _framework()
    assert fingerprint(fw) == fingerprint(loads(dumps(fw)))
    changed = _framework(meta={"title": "Active Swindon 2"})
    assert fingerprint(changed) != fingerprint(fw)


def test_an_empty_framework_draws_an_empty_diagram() -> None:
    page = diagram_html(from_data({"schema_version": 1, "meta": {"title": "New"}, "nodes": [], "links": []}))
    assert _boxes(page) == {} and "0 boxes" in page


def test_web_addresses_in_user_text_are_drawn_not_refused() -> None:
    data = json.loads(dumps(_framework()))
    data["nodes"][0]["label"] = "See href=https://example.org and src=//cdn.example.org/x.js url(http://x)"
    page = diagram_html(from_data(data))
    assert "href=https://example.org" in _boxes(page)["walk"]["label"].replace("\n", "")


def test_only_the_standalone_page_has_its_own_filters() -> None:
    fw = _framework()
    assert 'id="lm-filters"' in diagram_html(fw, standalone=True)
    assert 'id="lm-filters"' not in diagram_html(fw)  # in the app, the page's widgets filter


def test_a_grouped_diagram_names_its_groups() -> None:
    page = diagram_html(_framework(), group_by="stakeholder")
    assert "Kept together by stakeholder, top to bottom: Public Health · Leisure Trust · no stakeholder" in page


def _keys(value: Any) -> set[str]:
    """Every key of every JSON object inside ``value``."""
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_box_ids_never_become_property_names_in_the_page() -> None:
    """An id such as __proto__ or constructor is valid; as a property name it breaks the page's script."""
    names = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf"]
    data = json.loads(dumps(_framework()))
    for node, name in zip(data["nodes"], names, strict=True):
        rename = node["id"]
        node["id"] = name
        for link in data["links"]:
            link["source"] = name if link["source"] == rename else link["source"]
            link["target"] = name if link["target"] == rename else link["target"]
    page = diagram_html(from_data(data), standalone=True)
    assert sorted(_boxes(page)) == sorted(names)
    assert all(isinstance(n["id"], int) or n["id"].startswith("h") for n in _dataset(page, "nodes"))
    assert {e["from"] for e in _dataset(page, "edges")} <= set(range(len(names)))
    assert not _keys(_page_data(page)) & set(names), "a box id is a key of an object the script reads"


def test_the_pages_script_keeps_its_tables_in_maps_and_arrays() -> None:
    """No empty object literal (the usual id table) and nothing that reads an object's own keys as a table."""
    script = diagram._own("diagram.js")
    assert not re.search(r"\{\s*\}", script), "an empty object {} in the page's script: use a Map or an array"
    for risky in ("hasOwnProperty", "Object.keys", " in details", "Object.create("):
        assert risky not in script
    assert "new Map(" in script


def test_a_quickly_laid_out_diagram_comes_with_a_note_and_every_box() -> None:
    fw = from_data(synthetic_data(150, links_per_node=30, seed=2))
    page, note = diagram_and_note(fw)
    assert "laid out quickly" in note and len(_boxes(page)) == 150
    assert page is diagram_html(fw)
    assert diagram_and_note(_framework())[1] == ""
