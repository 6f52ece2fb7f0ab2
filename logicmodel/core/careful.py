"""Why a framework is refused, found at a bounded cost whatever the file holds.

pydantic checks a whole framework in one call and collects every problem: on
a hostile file, one for each of a million unknown keys or list entries, and
the memory for them (a 10 MB file of 876,000 unknown keys took 1.4 GB). Here
the same models check the parsed file a part at a time, keeping the first
``MAX_SHOWN`` problems and counting the rest:

- unknown keys are found by a walk along the models' own fields, and counted
  without building a problem for each (pydantic is told to ignore them);
- each level, stakeholder, box and link is checked on its own, so that the
  problems of several boxes are listed (the models' lists stop at their first
  bad entry, so no one entry costs much either);
- a list longer than the format allows is refused before its entries are read.

>>> problems, more = field_problems({"schema_version": 1, "meta": {"title": ""}, "links": [],
...     "nodes": [{"id": "a", "level": "activity", "label": "", "x": 1}], "y" * 1200: 2})
>>> for problem in problems:
...     print(problem)
meta.title: should not be empty
yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…: unknown field \
'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…' (1,200 characters)
nodes[0].label: should not be empty
nodes[0].x: unknown field 'x'
>>> more
0
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel, ValidationError

from logicmodel.core.errors import (
    MAX_SHOWN,
    Box,
    Problem,
    Where,
    format_path,
    quoted,
    validation_problem,
    validation_problems,
)
from logicmodel.core.fields import part_model
from logicmodel.core.models import Framework

__all__ = ["field_problems"]

Loc = tuple[str | int, ...]


class _Found:
    """The first ``limit`` problems, and a count of the rest."""

    def __init__(self, limit: int = MAX_SHOWN):
        self.limit = limit
        self.shown: list[Problem] = []
        self.more = 0

    @property
    def full(self) -> bool:
        return len(self.shown) >= self.limit

    def add(self, problem: Problem) -> None:
        if self.full:
            self.more += 1
        else:
            self.shown.append(problem)

    def add_errors(self, exc: ValidationError, prefix: Loc = (), at: _At | None = None) -> None:
        """pydantic's problems of one part; once full, only counted (without building them)."""
        if self.full:
            self.more += exc.error_count()
        else:
            for problem, error in zip(validation_problems(exc, prefix), exc.errors(include_url=False), strict=True):
                self.add(at.mark(problem, tuple(error["loc"])) if at else problem)


class _At:
    """A box or link of the file, as far as its data names it: a problem in it says which (``Where``)."""

    def __init__(self, kind: str, index: int, item: Any, labels: Callable[[], dict[str, str]]):
        self.kind, self.index, self.item, self.labels = kind, index, item, labels

    def where(self, loc: Loc) -> Where:
        item = self.item if isinstance(self.item, dict) else {}
        if self.kind == "box":
            label = item.get("label")
            boxes = (Box(_text(item.get("id")), label if isinstance(label, str) else ""),)
        else:
            ends = [_text(item.get(end)) for end in ("source", "target")]
            boxes = tuple(Box(end, self.labels().get(end, "")) for end in ends)
        return Where("box" if self.kind == "box" else "link", self.index, boxes, format_path(loc))

    def mark(self, problem: Problem, loc: Loc) -> Problem:
        return problem._replace(where=self.where(loc))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _labels(data: dict[str, Any]) -> dict[str, str]:
    """The boxes' labels by id, as far as the file gives them (to name a link's ends)."""
    nodes = data.get("nodes")
    out: dict[str, str] = {}
    for item in nodes if isinstance(nodes, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("label"), str):
            out.setdefault(item["id"], item["label"])
    return out


def field_problems(data: dict[str, Any]) -> tuple[list[Problem], int]:
    """The first ``MAX_SHOWN`` problems of ``data`` (a parsed framework file) field by field, and how many more.

    Cross-references (known levels, links between boxes) are ``logicmodel.core.rules``' job, on a valid framework.
    """
    found = _Found()
    root = {key: value for key, value in data.items() if key in Framework.model_fields}
    entries: list[tuple[str, type[BaseModel], list[Any]]] = []
    taken_out: set[str] = set()  # lists checked here rather than with the whole
    for name, model in _LISTS.items():
        value = data.get(name)
        if not isinstance(value, list):
            continue  # absent or not a list: the check of the whole says so
        least, most = _lengths(name)
        if len(value) > most:  # refused before a single entry is read
            found.add(validation_problem({"type": "too_long", "loc": (name,), "ctx": {"max_length": most}}))
            taken_out.add(name)
        elif len(value) >= least:
            entries.append((name, model, value))
            taken_out.add(name)
    for name in taken_out:
        del root[name]
    try:
        Framework.model_validate(root, extra="ignore")
    except ValidationError as exc:
        for error in exc.errors(include_url=False):  # few: each list left in stops at its first bad entry
            if not (error["loc"] and error["loc"][0] in taken_out):  # a list taken out is missing only here
                found.add(validation_problem(error))
    _unknown_fields(data, Framework, (), found, skip=taken_out)
    labels = functools.cache(lambda: _labels(data))
    for name, model, items in entries:
        kind = _KINDS.get(name)
        for index, item in enumerate(items):
            at = _At(kind, index, item, labels) if kind else None
            try:
                model.model_validate(item, extra="ignore")
            except ValidationError as exc:
                found.add_errors(exc, (name, index), at)
            _unknown_fields(item, model, (name, index), found, at=at)
    return found.shown, found.more


_KINDS = {"nodes": "box", "links": "link"}


def _unknown_fields(
    value: Any,
    model: type[BaseModel],
    prefix: Loc,
    found: _Found,
    skip: set[str] | None = None,
    at: _At | None = None,
) -> None:
    """Report each key of ``value`` (and of the parts inside it, but those named in ``skip``) that ``model``
    does not have."""
    if not isinstance(value, dict):
        return  # not an object: the model's check says so
    fields = model.model_fields
    for key, item in value.items():
        field = fields.get(key)
        if field is None:
            problem = Problem(format_path((*prefix, key)), f"unknown field {quoted(key)}")
            found.add(at.mark(problem, (*prefix[2:], key)) if at else problem)
            continue
        part = part_model(field.annotation)
        if part is None or (skip and key in skip):
            continue
        if isinstance(item, dict):
            _unknown_fields(item, part, (*prefix, key), found, at=at)
        elif isinstance(item, list):
            for index, entry in enumerate(item):
                _unknown_fields(entry, part, (*prefix, key, index), found, at=at)


def _lengths(name: str) -> tuple[int, int]:
    """The fewest and most entries the model allows in the framework's list ``name``."""
    metadata = Framework.model_fields[name].metadata
    least = next((m.min_length for m in metadata if isinstance(m, MinLen)), 0)
    most = next((m.max_length for m in metadata if isinstance(m, MaxLen)), 10**9)
    return least, most


_LISTS: dict[str, type[BaseModel]] = {
    name: part
    for name, field in Framework.model_fields.items()
    if typing.get_origin(field.annotation) is tuple and (part := part_model(field.annotation)) is not None
}
"""The framework's lists of parts (levels, stakeholders, nodes, links), checked an entry at a time."""
