"""The Diagram and Present pages' "Colour boxes by: Progress": on a framework with measurements, the boxes
carry their status in words and colour, the key lists each status shown with its meaning; on one with none
measured, or with no indicators at all, the page says why nothing moved rather than showing nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import streamlit as st
from app_helpers import button, open_page, plain
from paths import ROOT

from logicmodel.analysis.progress import STATUSES
from logicmodel.core.readwrite import from_data, load
from logicmodel.core.samples import find
from logicmodel.core.synthetic import synthetic_data

MEASURED = ROOT / "tests" / "fixtures" / "progress" / "measured.json"


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def _frame(at) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def _labels(page: str) -> dict[str, str]:
    data = json.loads(re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', page, re.S).group(1))
    return dict(zip(data["ids"], data["labels"], strict=True))


def _key_table(at) -> str:
    return next((plain(m.value) for m in at.markdown if "| On the box |" in plain(m.value)), "")


def _infos(at) -> list[str]:
    return [plain(i.value) for i in at.info]


def test_diagram_colours_boxes_by_progress_with_a_key():
    at = open_page("diagram", load(MEASURED))
    assert "↑ improving" not in _frame(at) and not _key_table(at)
    at.selectbox(key="diagram_colour").select("Progress").run()
    assert not at.exception
    labels = _labels(_frame(at))
    assert labels["strength"].startswith("↓ worsening\n") and labels["walkers"].startswith("√ met\n")
    assert not labels["walks"].startswith(("↓", "↑", "√", "=", "?", "○"))  # no indicators: drawn as usual
    table = _key_table(at)
    for status, meaning in STATUSES.items():
        assert status in table and meaning.split(",")[0] in table
    assert any("worst status" in plain(c.value) for c in at.caption)
    assert not _infos(at)  # measured: no note that nothing was measured


def test_diagram_on_a_framework_with_indicators_but_no_measurements_says_so():
    at = open_page("diagram", find("swindon").load())
    at.selectbox(key="diagram_colour").select("Progress").run()
    assert not at.exception
    assert any("Nothing has been measured" in i for i in _infos(at))
    labels = _labels(_frame(at))
    assert labels["str-fewer-falls"].startswith("? no data\n")


def test_diagram_on_a_framework_with_no_indicators_draws_boxes_as_usual_and_says_why():
    fw = from_data(synthetic_data(12, seed=3))
    fw = fw.model_copy(update={"nodes": tuple(n.model_copy(update={"indicators": ()}) for n in fw.nodes)})
    at = open_page("diagram", fw)
    at.selectbox(key="diagram_colour").select("Progress").run()
    assert not at.exception
    assert any("No box has an indicator yet" in i for i in _infos(at))
    assert "lm-swatch lm-status" not in _frame(at)  # no status in the legend either
    assert not any(label.startswith(("↓", "↑", "√", "=", "?", "○")) for label in _labels(_frame(at)).values())


def test_present_colours_boxes_by_progress_while_presenting_and_keeps_the_choice():
    at = open_page("present", load(MEASURED))
    at.selectbox(key="present_colour").select("Progress").run()
    assert not at.exception
    assert "↓ worsening" in _key_table(at)
    button(at, "Present").click().run()
    page = _frame(at)
    assert _labels(page)["falls"].startswith("= no change\n")
    panel = page[page.index('id="lm-panel"') :]
    assert "√ met" in panel and "↓ worsening" in panel  # the statuses shown, beside the diagram
    button(at, "Stop presenting").click().run()
    assert at.selectbox(key="present_colour").value == "Progress"
    at.selectbox(key="present_colour").select("Level").run()
    button(at, "Present").click().run()
    assert not _labels(_frame(at))["falls"].startswith("= no change")


def test_present_on_a_framework_with_nothing_measured_says_so():
    at = open_page("present", find("swindon").load())
    at.selectbox(key="present_colour").select("Progress").run()
    assert not at.exception
    assert any("Nothing has been measured" in i for i in _infos(at))
    button(at, "Present").click().run()
    assert "? no data" in _frame(at)
