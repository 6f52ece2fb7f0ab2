"""Untrusted input: whatever bytes an importer is given, it gives a framework or the engine's FrameworkError,
in lines that name where, never another exception (a traceback in the app or on the command line)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logicmodel import formats
from logicmodel.errors import FrameworkError
from logicmodel.repair import repair

READERS = ["xlsx", "csv-files", "csv", "kumu", "graphml", "mermaid"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _read_or_refuse(name: str, data: bytes) -> None:
    fmt = formats.get(name)
    try:
        formats.read(fmt, data)
    except FrameworkError as exc:
        assert exc.problems and all("\n" not in str(p) for p in exc.problems)
    try:
        repair(formats.parse(fmt, data))
    except FrameworkError as exc:
        assert exc.problems


@pytest.mark.parametrize("name", READERS)
@SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes_are_read_or_refused_in_lines(name: str, data: bytes) -> None:
    _read_or_refuse(name, data)


@pytest.mark.parametrize("name", ["csv", "mermaid"])
@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("ab;,\n\"'-->|[](){}&:subgraphendflowchartLR =")), max_size=200))
def test_any_text_made_of_the_formats_own_syntax_is_read_or_refused(name: str, text: str) -> None:
    prefix = "flowchart LR\n" if name == "mermaid" else "level,label,leads to\n"
    _read_or_refuse(name, (prefix + text).encode())


@SETTINGS
@given(elements=_JSONISH, connections=_JSONISH)
def test_any_kumu_shaped_json_is_read_or_refused(elements: object, connections: object) -> None:
    _read_or_refuse("kumu", json.dumps({"elements": elements, "connections": connections}).encode())
    if isinstance(elements, list):
        _read_or_refuse("kumu", json.dumps({"elements": elements, "connections": []}).encode())
