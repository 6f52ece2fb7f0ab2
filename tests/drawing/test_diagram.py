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
    """The data the page's own scripts read (where boxes and links are drawn, box ids, details, links)."""
    match = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', page)
    assert match, "no data for the page's script"
    return json.loads(match.group(1))


def _boxes(page: str) -> dict[str, dict[str, Any]]:
    """The boxes the page draws, by their ids in the framework (the page numbers them): centre, label as drawn,
    level's number and height."""
    data = _page_data(page)
    return {
        node_id: {"x": data["x"][k], "y": data["y"][k], "label": data["labels"][k], "level": data["levels"][k],
                  "height": data["boxHeight"][k]}
        for k, node_id in enumerate(data["ids"])
    }  # fmt: skip


def _links(page: str) -> dict[tuple[str, str], dict[str, Any]]:
    """The links the page draws, by their ends' ids: width, dashed (strength not stated), routed."""
    data = _page_data(page)
    ids, widths, routed = data["ids"], dict(data["widths"]), {j for j, _points in data["routes"]}
    return {
        (ids[a], ids[b]): {"width": widths.get(j, data["linkWidth"]), "dashed": j not in widths, "routed": j in routed}
        for j, (a, b) in enumerate(zip(data["from"], data["to"], strict=True))
    }


def test_the_page_loads_nothing_from_anywhere() -> None:
    page = diagram_html(from_data(synthetic_data(60)), standalone=True)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page), "a remote script or stylesheet"
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    assert f'content="{CSP}"' in page and "connect-src 'none'" in CSP
    assert "logicModelCanvas" in page and "vis-network" not in page and "vis.Network" not in page  # our own, inline


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
    edges = _links(page)
    strong, weak, unknown = edges[("walk", "sessions")], edges[("sessions", "active")], edges[("swim", "sessions")]
    assert strong["width"] > edges[("active", "falls")]["width"] > weak["width"]
    assert unknown["dashed"] and not strong["dashed"] and not weak["dashed"]


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
    assert _page_data(projector)["font"] >= 1.5 * _page_data(normal)["font"]
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
    assert set(_page_data(page)["from"]) <= set(range(len(names)))
    assert not _keys(_page_data(page)) & set(names), "a box id is a key of an object the script reads"


def test_the_pages_script_keeps_its_tables_in_maps_and_arrays() -> None:
    """No empty object literal (the usual id table) and nothing that reads an object's own keys as a table."""
    for name in ("diagram.js", "canvas.js"):
        script = diagram._own(name)
        assert not re.search(r"\{\s*\}", script), f"an empty object {{}} in {name}: use a Map or an array"
        for risky in ("hasOwnProperty", "Object.keys", " in details", "Object.create("):
            assert risky not in script
        assert "new Map(" in script


def test_a_quickly_laid_out_diagram_comes_with_a_note_and_every_box() -> None:
    fw = from_data(synthetic_data(150, links_per_node=30, seed=2))
    page, note = diagram_and_note(fw)
    assert "laid out quickly" in note and len(_boxes(page)) == 150
    assert page is diagram_html(fw)
    assert diagram_and_note(_framework())[1] == ""
