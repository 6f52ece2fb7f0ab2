"""Saving an indicator on the Build page keeps what the form does not show: its measurements and its Fingertips
id (added within format v1), so editing a name or a target never throws a year's figures away."""

from __future__ import annotations

from app_helpers import button, framework, open_page
from builder_data import new_forest

from logicmodel.core.models import Measurement
from ui.sections import SECTION, Section


def test_saving_an_indicator_keeps_its_measurements_and_fingertips_id():
    fw = new_forest()
    box = fw.node_by_id["active"]
    measured = (Measurement(period="2023/24", period_end="2024-03-31", value=23.5),)
    first = box.indicators[0].model_copy(update={"measurements": measured, "fingertips_id": 93015})
    box = box.model_copy(update={"indicators": (first, *box.indicators[1:])})
    fw = fw.model_copy(update={"nodes": tuple(box if n.id == "active" else n for n in fw.nodes)})
    at = open_page("build", fw)
    at.radio(key=SECTION).set_value(Section.EDIT).run()
    at.selectbox(key="build_node").set_value("active").run()
    button(at, "Save the indicator").click().run()
    assert not at.exception, at.exception
    saved = framework(at).node_by_id["active"].indicators[0]
    assert (saved.name, saved.fingertips_id, saved.measurements) == (first.name, 93015, measured)
