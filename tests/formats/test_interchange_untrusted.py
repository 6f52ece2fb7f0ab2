"""Untrusted input: whatever bytes an importer is given, it gives a framework or the engine's FrameworkError,
in lines that name where, never another exception (a traceback in the app or on the command line)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logicmodel import formats
from logicmodel.core.errors import FrameworkError
from logicmodel.core.samples import find
from logicmodel.editing.repair import repair

READERS = [f.name for f in formats.readers()]
"""Every reader of the registry: a format added there is given these bytes too."""
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


WRITTEN_AND_READ = [f.name for f in formats.readers() if f.write is not None]
"""The readers whose format also writes: each is given its own writer's file, damaged."""
_OWN = {name: formats.get(name).write(find("enfield").load(), formats.Choices()) for name in WRITTEN_AND_READ}


@pytest.mark.parametrize("name", WRITTEN_AND_READ)
@SETTINGS
@given(where=st.floats(0, 1), cut=st.integers(0, 64), put=st.binary(max_size=64), text=st.booleans())
def test_a_file_the_format_wrote_with_a_piece_changed_is_read_or_refused_in_lines(
    name: str, where: float, cut: int, put: bytes, text: bool
) -> None:
    """Every reader of the registry, given its own writer's file with a piece cut out and something put in its
    place (bytes, or characters of the file itself): a framework or the engine's one-line problems."""
    own = _OWN[name]
    at = int(where * len(own))
    if text:  # characters of the file's own syntax, so the damage goes deep into a reader that decodes text
        alphabet = sorted(set(own[:4096].decode("utf-8", errors="ignore"))) or ["a"]
        put = "".join(alphabet[b % len(alphabet)] for b in put).encode("utf-8")
    _read_or_refuse(name, own[:at] + put + own[at + cut :])


@SETTINGS
@given(nodes=_JSONISH, connections=_JSONISH, title=_JSONISH)
def test_any_tocmaker_shaped_json_is_read_or_refused(nodes: object, connections: object, title: object) -> None:
    node = {"id": "a", "title": title, "connections": connections}
    sections = [{"title": title, "columns": [{"nodes": nodes}]}, {"title": "Outcomes", "columns": [{"nodes": [node]}]}]
    _read_or_refuse("tocmaker", json.dumps({"title": title, "sections": sections}).encode())


@SETTINGS
@given(nodes=_JSONISH, edges=_JSONISH, styles=_JSONISH)
def test_any_prsm_shaped_json_is_read_or_refused(nodes: object, edges: object, styles: object) -> None:
    _read_or_refuse("prsm", json.dumps({"nodes": nodes, "edges": edges, "styles": styles}).encode())
    if isinstance(nodes, list):
        factor = {"id": "a", "label": "A", "grp": "group0", "note": styles}
        data = {"nodes": [factor, *nodes], "edges": [{"from": "a", "to": "b", "arrows": edges}], "styles": styles}
        _read_or_refuse("prsm", json.dumps(data).encode())


@SETTINGS
@given(impact=_JSONISH, outcomes=_JSONISH, outputs=_JSONISH, activities=_JSONISH)
def test_any_pdm_shaped_json_is_read_or_refused(impact: object, outcomes: object, outputs: object, activities: object):
    parts = {"impact": impact, "outcomes": outcomes, "outputs": outputs, "activities": activities}
    _read_or_refuse("logframe", json.dumps(parts).encode())
    output = {"id": "op-1", "narrative": "Walks", "indicators": outputs, "from_activities": activities}
    parts = {"outcomes": [], "outputs": [output], "activities": [{"id": "act-1", "text": "x", "sub": outcomes}]}
    _read_or_refuse("logframe", json.dumps(parts).encode())


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list('ab,"\n.:12 GoalPurposOtcmAivyIndr')), max_size=200))
def test_any_logframe_text_is_read_or_refused(text: str) -> None:
    head = "Level,Narrative summary,Indicators,Baseline,Target,Means of verification,Assumptions\n"
    _read_or_refuse("logframe", (head + text).encode())
