"""What a format's files carry of a framework, and so what they leave out: worked out from the models.

A format whose writer makes a copy of the framework for another tool declares, next to that writer, the fields
it writes (``Format.carries``): paths into the models such as ``"nodes.label"``, or ``"meta.provenance"`` for
a part with all its fields. What it cannot carry is every field of the models (``logicmodel.core.models``, walked
to their ends) that it does not declare, said in the words a council officer uses. A field added to the models
is so reported as left out by every such format until its writer carries it, and a test writes a framework
with every field filled in through each format and reads it back, to check the declarations against what
the writer really writes.

>>> lost(frozenset({"meta.title", "levels", "nodes", "links"}))[:2]
('meta.organisation', 'meta.area')
>>> in_words(lost(frozenset({"meta.title", "levels", "nodes", "links", "stakeholders"})))
'details but the title, stories and the appraisal'
>>> in_words(("nodes.benefit.amount", "nodes.benefit.currency", "nodes.benefit.period", "nodes.benefit.basis"))
'benefit estimates'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from logicmodel.core.fields import part_model
from logicmodel.core.models import Framework

__all__ = [
    "EVERY_FIELD",
    "NOT_CONTENT",
    "check_carries",
    "field_paths",
    "in_words",
    "leaf_paths",
    "lost",
    "phrases",
    "values_at",
]

NOT_CONTENT = frozenset({"schema_version"})
"""Fields that say how a file is written, not what the framework holds: every reader fills them in itself."""

EVERY_FIELD: frozenset[str] = frozenset(set(Framework.model_fields) - NOT_CONTENT)
"""What a format that writes the whole model declares (the framework file itself): every part, with all its fields."""

_WORDS = {
    "meta": "the title and details",
    "meta.title": "the title",
    "meta.provenance": "the frameworks it was adapted from",
    "levels": "levels",
    "levels.id": "level ids",
    "levels.label": "level names",
    "levels.kind": "level kinds",
    "stakeholders": "stakeholders",
    "nodes": "boxes",
    "nodes.id": "box ids",
    "nodes.level": "the boxes' levels",
    "nodes.label": "box labels",
    "nodes.description": "descriptions",
    "nodes.stakeholders": "stakeholders",
    "nodes.cohorts": "cohorts",
    "nodes.indicators": "indicators",
    "nodes.cost": "costs",
    "nodes.reach": "reach",
    "nodes.benefit": "benefit estimates",
    "nodes.evidence": "evidence",
    "nodes.tags": "tags",
    "nodes.valuation": "valuations",
    "links": "links",
    "links.rationale": "link reasons",
    "links.assumptions": "link assumptions",
    "links.strength": "link strength",
    "links.evidence": "link evidence",
    "stories": "stories",
    "appraisal": "the appraisal",
}
"""Words for a part, or a field, left out whole. A field without words here is named from its owner's words and
its own name (a new ``nodes.priority``: "box priority"), so a new field is never left out unnamed."""

_ALL_BUT = {
    "meta": (frozenset({"meta.title"}), "details but the title"),
    "links": (frozenset({"links.source", "links.target"}), "link details"),
}
"""Words for a part left out but for a few fields: a file that keeps the title and no other detail."""

_OWNER = {
    "meta": "the framework's",
    "meta.provenance": "source",
    "levels": "level",
    "stakeholders": "stakeholder",
    "nodes": "box",
    "nodes.indicators": "indicator",
    "nodes.evidence": "evidence",
    "links": "link",
    "links.evidence": "link evidence",
    "stories": "story",
    "stories.steps": "story step",
}
"""How a field's owner is named before the field's own name, for a field without words of its own."""


def _walk(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, bool]]:
    for name, info in model.model_fields.items():
        if not prefix and name in NOT_CONTENT:
            continue
        path = f"{prefix}{name}"
        inner = part_model(info.annotation)
        yield path, inner is None
        if inner is not None:
            yield from _walk(inner, path + ".")


@functools.cache
def field_paths(model: type[BaseModel] = Framework) -> tuple[str, ...]:
    """Every field of the models, parts and their fields, as dotted paths in the models' order (``"nodes"``,
    ``"nodes.cost"``, ``"nodes.cost.amount"``...); lists are walked through (``"nodes.indicators.name"``)."""
    return tuple(path for path, _ in _walk(model, ""))


@functools.cache
def leaf_paths(model: type[BaseModel] = Framework) -> tuple[str, ...]:
    """The fields that hold values (text, numbers, lists of ids), not other fields: what a file writes."""
    return tuple(path for path, leaf in _walk(model, "") if leaf)


def _under(path: str, part: str) -> bool:
    return path == part or path.startswith(part + ".")


def check_carries(carries: Iterable[str], model: type[BaseModel] = Framework) -> None:
    """``ValueError`` naming a declared path that is no field of the models (a typo would hide a loss)."""
    known = set(field_paths(model))
    unknown = sorted(set(carries) - known)
    if unknown:
        raise ValueError(f"no such field of a framework: {', '.join(unknown)} (fields are paths like 'nodes.label')")


def lost(carries: frozenset[str], model: type[BaseModel] = Framework) -> tuple[str, ...]:
    """The fields holding values that a format carrying ``carries`` (fields, or parts with all their fields)
    leaves out, in the models' order."""
    return tuple(path for path in leaf_paths(model) if not any(_under(path, part) for part in carries))


def in_words(paths: Iterable[str], also: Iterable[str] = (), model: type[BaseModel] = Framework) -> str:
    """Fields left out (``lost``) in readable words, parts left out whole named once, then ``also`` (losses that
    are no field, such as "empty levels"): ``"the title and details, indicators, benefit estimates, link evidence
    and stories"``; empty for none."""
    words: list[str] = []
    for phrase in [*(phrase for phrase, _ in phrases(paths, model)), *also]:
        if phrase not in words:  # a framework's stakeholders and a box's are both "stakeholders"
            words.append(phrase)
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def phrases(paths: Iterable[str], model: type[BaseModel] = Framework) -> list[tuple[str, frozenset[str]]]:
    """Each phrase that names fields left out, with the fields it names: ``("benefit estimates",
    {"nodes.benefit.amount", ...})``. Every field given is named by one phrase."""
    return list(_phrases(set(paths), model, model, ""))


def _phrases(
    gone: set[str], root: type[BaseModel], model: type[BaseModel], prefix: str
) -> Iterator[tuple[str, frozenset[str]]]:
    for name, info in model.model_fields.items():
        if not prefix and name in NOT_CONTENT:
            continue
        path = f"{prefix}{name}"
        below = {leaf for leaf in leaf_paths(root) if _under(leaf, path)}
        missing = frozenset(below & gone)
        if not missing:
            continue
        if missing == below:
            yield _WORDS.get(path) or _generated(path), missing
            continue
        kept, all_but = _ALL_BUT.get(path, (frozenset(), ""))
        if all_but and missing == below - kept:
            yield all_but, missing
            continue
        inner = part_model(info.annotation)
        assert inner is not None  # a field holding a value is either gone or not
        yield from _phrases(gone, root, inner, path + ".")


def _generated(path: str) -> str:
    owner, _, name = path.rpartition(".")
    words = name.replace("_", " ")
    if not owner:
        return words
    return f"{_OWNER.get(owner, owner.rpartition('.')[2].replace('_', ' '))} {words}"


def values_at(data: Any, path: str) -> list[Any]:
    """The values at a dotted path in a framework's plain data (``Framework.model_dump()``), through lists, in
    order: ``values_at(data, "nodes.indicators.name")`` is every indicator's name, box by box."""
    found = [data]
    for part in path.split("."):
        step: list[Any] = []
        for item in found:
            value = item.get(part) if isinstance(item, dict) else None
            if isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
                step.extend(value)
            elif value is not None:
                step.append(value)
        found = step
    return found
