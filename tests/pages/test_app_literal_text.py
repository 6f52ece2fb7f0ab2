"""Text from a framework is shown as typed on every page: no outside links, icons, emoji, colours or formulas.

A framework (``hostile_text.hostile_data``) has web and e-mail addresses, ``:material/home:``,
``:streamlit:``, ``:smile:``, ``:red[...]``, ``:blue-background[...]``, ``$x^2$`` and ``->`` in every
text field and a web address as a box's id; it is imported on Home under a file name made of the same,
and every page and every Build section is drawn. Each Markdown string the app hands Streamlit (text,
captions, alerts, toasts, headings, labels, help, radio options and captions, metric, expander and tab
labels) is read the way Streamlit's renderer reads it, and none may hold a live pattern.
"""

from __future__ import annotations

import json

import pytest
from app_helpers import open_page, plain
from google.protobuf.descriptor import FieldDescriptor
from hostile_text import FILE_NAME, PAYLOAD, hostile_data, live_patterns

from logicmodel import dumps, from_data
from ui.sections import Section

MARKDOWN_FIELDS = {"body", "label", "help", "captions"}
"""The fields of Streamlit's element protos that it renders as Markdown."""
MARKDOWN_OPTIONS = {"radio"}
"""Elements whose options are Markdown too (a select box's are plain text)."""
SECTIONS = [section.value for section in Section]  # Build's sections, as the page names them


def _strings(message, options_too: bool) -> list[str]:
    found = []
    for field, value in message.ListFields():
        repeated = field.is_repeated
        values = value if repeated else [value]
        if field.type == FieldDescriptor.TYPE_MESSAGE:
            for item in values:
                found += _strings(item, options_too)
        elif field.type == FieldDescriptor.TYPE_STRING and (
            field.name in MARKDOWN_FIELDS or (options_too and field.name == "options")
        ):
            found += [v for v in values if v]
    return found


def markdown_shown(at) -> list[str]:
    """Every Markdown string of the page as run, sidebar and toasts included."""
    found: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            found.extend(_strings(proto, getattr(node, "type", "") in MARKDOWN_OPTIONS))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def assert_literal(at, where: str, must_show: list[str]) -> None:
    """No live pattern in any Markdown string, and the hostile text is there to be seen (else the check is idle)."""
    assert not at.exception, f"{where}: {at.exception}"
    shown = markdown_shown(at)
    live = {text: live_patterns(text) for text in shown if live_patterns(text)}
    assert not live, f"{where}: Streamlit would not show these as typed: {live}"
    readable = " ".join(plain(text) for text in shown)
    for words in must_show:
        assert f"{PAYLOAD} {words}" in readable, f"{where}: '{words}' with the payload is not shown"


@pytest.fixture(scope="module")
def hostile():
    return from_data(hostile_data())


def test_home_import_message_and_open_framework_show_the_file_name_and_title_as_typed() -> None:
    at = open_page("home")
    at.file_uploader(key="import_file").set_value((FILE_NAME, dumps(from_data(hostile_data())).encode(), "x"))
    at.run()
    assert any(FILE_NAME in plain(s.value) for s in at.success), "the import message names the file"
    assert_literal(at, "Home after an import", ["Title"])


def test_home_refusal_names_the_hostile_file_and_labels_as_typed() -> None:
    data = hostile_data()
    data["links"].append({"source": "alone", "target": "nowhere"})
    at = open_page("home")
    at.file_uploader(key="import_file").set_value((FILE_NAME, json.dumps(data).encode(), "x"))
    at.run()
    [error] = at.error
    assert plain(error.value).startswith(f"{FILE_NAME} could not be opened")
    assert f"link from '{PAYLOAD[:50]}" in plain(error.value)  # the box named by its label in the file
    assert_literal(at, "Home after a refused import", [])


@pytest.mark.parametrize("section", SECTIONS)
def test_every_build_section_shows_the_text_as_typed(hostile, section: str) -> None:
    at = open_page("build", hostile)
    at.radio(key="build_section").set_value(section).run()
    must = {
        "Levels": ["Activities", "Strategic"],
        "Stakeholders": ["Public Health", "Leisure trust"],
        "Edit a box": ["Sessions"],  # the first box's links; the box has evidence
        "Links": ["Sessions"],
    }.get(section, [])
    assert_literal(at, f"Build, {section}", ["Title", *must])


def test_a_box_with_indicators_and_evidence_shows_them_as_typed(hostile) -> None:
    at = open_page("build", hostile)
    at.radio(key="build_section").set_value("Edit a box").run()
    assert_literal(at, "Build, Edit a box, the first box", ["Evaluation", "Sessions"])
    at.selectbox(key="build_node").set_value("falls").run()
    assert_literal(at, "Build, Edit a box, an outcome", ["Falls admissions", "PHOF", "Unit"])


@pytest.mark.parametrize(("page", "must"), [("diagram", []), ("check", ["Unlinked"]), ("export", [])])
def test_diagram_check_and_export_show_the_text_as_typed(hostile, page: str, must: list[str]) -> None:
    at = open_page(page, hostile)
    assert_literal(at, page, ["Title", *must])


def test_the_check_catches_what_the_escaper_prevents() -> None:
    """Without the escaper every pattern would be live: the test above can fail."""
    assert set(live_patterns(PAYLOAD)) == {
        "web address",
        "e-mail address",
        "icon code",
        "icon",
        "emoji",
        "colour or directive",
        "formula",
        "arrow or sign",
    }


def test_the_case_page_shows_the_text_as_typed() -> None:
    """The Case page with the falls outcome valued (its proxy's unit and source and its beneficiary's name all
    hostile) and the walks costed: the headline, who pays and who saves, the missing list, the form."""
    data = hostile_data()
    walks, falls = data["nodes"][0], next(n for n in data["nodes"] if n["id"] == "falls")
    walks["cost"]["period"] = "a year"
    falls["valuation"] = {
        "quantity": 10,
        "proxy": {"amount": 500, "unit": f"{PAYLOAD} Unit", "source": f"{PAYLOAD} Source"},
        "deadweight": 0.2,
        "displacement": 0,
        "attribution": 0.1,
        "duration": 1,
        "beneficiary": "evil.example",
    }
    at = open_page("case", from_data(data))
    assert_literal(at, "Case", ["Public Health", "Fewer falls"])
