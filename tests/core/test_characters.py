"""Control characters: refused in every text field with one line naming it, and never written to the poster.

A label holding U+0007 (bell) used to pass ``validate`` and then make the SVG poster a file no browser
opens. The format now refuses every character XML cannot carry, in the models, the JSON Schema and
therefore the app's edits; the writers drop any that get past the model all the same.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import jsonschema
import pytest
from factories import TEXT_FIELDS, every_text_field, walking

from logicmodel import FrameworkError, from_data, loads
from logicmodel.core.characters import NONCHARACTERS
from logicmodel.core.readwrite import dumps
from logicmodel.core.schema import json_schema
from logicmodel.drawing.diagram import diagram_html
from logicmodel.drawing.svg import poster_svg

UNWRITABLE = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]
UNWRITABLE += ["\ufffe", "\uffff", "\ud800", "\udfff"]
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def _path(loc: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def _with(data: dict[str, Any], loc: tuple, transform) -> dict[str, Any]:
    target = data
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = transform(target[loc[-1]])
    return data


def _refusal(data: dict[str, Any]) -> str:
    with pytest.raises(FrameworkError) as caught:
        from_data(data)
    return str(caught.value)


def test_the_sample_with_every_field_is_valid() -> None:
    from_data(every_text_field())


@pytest.mark.parametrize("loc", TEXT_FIELDS, ids=_path)
def test_a_control_character_in_any_text_field_is_refused_naming_the_field(loc: tuple) -> None:
    before: list[str] = []
    data = _with(every_text_field(), loc, lambda text: before.append(text) or text + "\x07more")
    message = _refusal(data)
    assert message == f"{_path(loc)}: contains a control character (U+0007) at position {len(before[0]) + 1}"
    assert not VALIDATOR.is_valid(data), "the published schema refuses what the reader refuses"


@pytest.mark.parametrize("char", UNWRITABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_every_character_xml_cannot_carry_is_refused_in_one_line(char: str) -> None:
    data = every_text_field()
    data["nodes"][3]["label"] = "Patients" + char + " referred"
    message = _refusal(data)
    assert "\n" not in message
    if "\ud800" <= char <= "\udfff":  # pydantic refuses these before the model looks for the others
        assert message == "nodes[3].label: contains half a character (a lone surrogate), which is not text"
    else:
        assert message.startswith("nodes[3].label: contains a ")
        assert message.endswith(f"(U+{ord(char):04X}) at position 9")
    assert not VALIDATOR.is_valid(data)


def test_the_json_reader_refuses_them_with_the_same_message() -> None:
    data = every_text_field()
    data["levels"][1]["label"] = "Out\x1bputs"
    with pytest.raises(FrameworkError) as caught:
        loads(json.dumps(data))
    assert str(caught.value) == "levels[1].label: contains a control character (U+001B) at position 4"


@pytest.mark.parametrize("loc", [("meta", "description"), ("links", 0, "rationale"), ("nodes", 0, "label")], ids=_path)
def test_tabs_and_line_breaks_stay_allowed(loc: tuple) -> None:
    data = _with(every_text_field(), loc, lambda text: text + "\tand\r\nmore\nlines")
    fw = from_data(data)
    assert VALIDATOR.is_valid(data)
    assert loads(dumps(fw)) == fw


def _smuggled(text: str):
    """A framework whose title and a label hold ``text``, built without the model's checks (as a bug could)."""
    fw = from_data(walking())
    walk = fw.nodes[0].model_copy(update={"label": "Health " + text + " walks"})
    return fw.model_copy(update={"meta": fw.meta.model_copy(update={"title": text}), "nodes": (walk, *fw.nodes[1:])})


def test_the_poster_is_well_formed_xml_even_if_one_got_past_the_model() -> None:
    svg = poster_svg(_smuggled("".join(UNWRITABLE)))
    root = ET.fromstring(svg.encode("utf-8", "surrogatepass"))
    words = " ".join(root.itertext()).split()
    assert "Health" in words and "walks" in words  # the label is drawn, less what cannot be written


def test_the_diagram_page_holds_none_either() -> None:
    page = diagram_html(_smuggled("".join(UNWRITABLE)), standalone=True)
    assert not any(char in page for char in UNWRITABLE)


DROPPED = sorted(NONCHARACTERS - {"\ufffe", "\uffff"})


@pytest.mark.parametrize("loc", TEXT_FIELDS, ids=_path)
def test_noncharacters_are_dropped_from_any_text_field_as_it_is_read(loc: tuple) -> None:
    """Issue 19: U+FDD0 or U+1FFFE passed ``validate`` and then crashed the Word report (Cairo refuses them).
    The model reads text without them: a file written before still loads, and no writer ever sees one."""
    before: list[str] = []
    data = _with(every_text_field(), loc, lambda text: before.append(text) or text + "".join(DROPPED))
    assert VALIDATOR.is_valid(data), "the schema accepts them: the reader accepts them too, and drops them"
    fw = from_data(data)
    assert NONCHARACTERS.isdisjoint(dumps(fw)) and "\\ufdd0" not in dumps(fw).casefold()
    assert fw == from_data(every_text_field()) or loc[-1] == "url"  # the same framework as without them


def test_a_library_version_saved_before_with_a_noncharacter_still_opens(tmp_path) -> None:
    from logicmodel.store import Library
    from logicmodel.store.tables import versions

    with Library.open(f"sqlite:///{tmp_path / 'library.db'}") as lib:
        saved = lib.create(from_data(walking()), author="Ann")
        with lib._engine.begin() as conn:  # as an older version of the tool could have stored it
            document = dumps(saved.framework).replace("Health walks", "Health\ufdd0 walks\U0001fffe")
            conn.execute(versions.update().values(document=document))
        assert lib.get(saved.id).framework.nodes[0].label == "Health walks"
