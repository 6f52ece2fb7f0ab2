"""The Diagram page: says what to do when nothing is open, draws the open framework, filters it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from app_helpers import open_page

from logicmodel.core.readwrite import from_data
from logicmodel.core.synthetic import synthetic_data


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def _framework():
    data = synthetic_data(30, seed=1)
    data["stakeholders"] = [{"id": "ph", "name": "Public Health", "role": "commissioner"}]
    data["nodes"][0]["stakeholders"] = ["ph"]
    data["nodes"][0]["label"] = "Walking <b>groups</b> & more"
    return from_data(data)


def _iframe_html(at) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1, "expected one diagram"
    proto = frames[0].proto
    return proto.srcdoc or proto.src


def test_without_a_framework_the_page_says_how_to_start() -> None:
    at = open_page("diagram", None)
    assert not at.exception
    assert any("No framework is open yet" in info.value for info in at.info)
    assert not at.get("iframe")


def test_the_open_framework_is_drawn_with_every_box() -> None:
    fw = _framework()
    at = open_page("diagram", fw)
    assert not at.exception
    page = _iframe_html(at)
    assert "window.logicModelView" in page and "30 boxes" in page  # the diagram's script, whichever draws it
    assert "Walking <b>groups</b>" not in page  # user text only as escaped JSON


def test_choosing_a_stakeholder_draws_only_their_boxes() -> None:
    at = open_page("diagram", _framework())
    at.selectbox(key="diagram_stakeholder").select("ph").run()
    assert not at.exception
    assert "1 box<" in _iframe_html(at) or "1 box</span>" in _iframe_html(at)


def test_projector_mode_redraws_with_large_type() -> None:
    at = open_page("diagram", _framework())
    at.toggle(key="diagram_projector").set_value(True).run()
    assert not at.exception
    assert 'class="lm-projector"' in _iframe_html(at)


def test_no_level_chosen_asks_for_one() -> None:
    at = open_page("diagram", _framework())
    at.multiselect(key="diagram_levels").set_value([]).run()
    assert not at.exception
    assert any("Choose at least one level" in info.value for info in at.info)


def test_the_poster_paper_can_be_chosen() -> None:
    at = open_page("diagram", _framework())
    at.selectbox(key="diagram_paper").select("A1").run()
    assert not at.exception
    assert any(b.label == "Poster to print (SVG, A1)" for b in at.get("download_button"))


def test_a_densely_linked_framework_is_drawn_and_the_page_says_it_was_laid_out_quickly() -> None:
    at = open_page("diagram", from_data(synthetic_data(150, links_per_node=30, seed=2)))
    assert not at.exception
    assert "150 boxes" in _iframe_html(at)
    assert any("laid out quickly" in caption.value for caption in at.caption)


def test_an_ordinary_framework_says_nothing_about_a_quick_layout() -> None:
    at = open_page("diagram", _framework())
    assert not at.exception
    assert not any("laid out quickly" in caption.value for caption in at.caption)


def _popovers(at) -> dict[str, object]:
    """The page's popovers by their label's first word (Filter, Comments, Download)."""
    return {block.proto.popover.label.split(":")[0].split(" (")[0]: block for block in at.main.get("popover")}


def test_the_filters_comments_and_downloads_are_each_behind_a_button_above_the_diagram() -> None:
    """Each opens as a popover (the browser draws it only when opened, so that a page switch does not wait for
    it); what each holds is inside it, and the buttons come before the diagram."""
    at = open_page("diagram", _framework())
    assert not at.exception
    shown = _popovers(at)
    assert list(shown) == ["Filter", "Comments", "Download"]
    inside = {
        word: {getattr(w, "key", None) for w in block.get("selectbox") + block.get("multiselect")}
        for word, block in shown.items()
    }
    assert {"diagram_stakeholder", "diagram_cohort", "diagram_levels"} <= inside["Filter"]
    assert "diagram_comments_box" in inside["Comments"]
    assert "diagram_paper" in inside["Download"]
    assert {b.proto.label for b in shown["Download"].get("download_button")} == {
        b.proto.label for b in at.get("download_button")
    }, "every drawing downloads from the Download button"
    assert at.selectbox(key="diagram_group") and at.toggle(key="diagram_projector")  # in sight, beside them


def test_the_filter_button_says_what_the_diagram_shows() -> None:
    fw = _framework()
    at = open_page("diagram", fw)
    assert _popovers(at)["Filter"].proto.popover.label == "Filter"  # everything shown
    at.selectbox(key="diagram_stakeholder").select("ph").run()
    assert _popovers(at)["Filter"].proto.popover.label == "Filter: Public Health"
    at.multiselect(key="diagram_levels").set_value(fw.level_ids[:2]).run()
    words = f"Filter: Public Health, 2 of {len(fw.level_ids)} levels"
    assert _popovers(at)["Filter"].proto.popover.label == words
    assert not at.exception
