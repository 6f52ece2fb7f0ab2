"""Frameworks that differ from one base in exactly one field, generated from the models (``logicmodel.core.models``).

For every field of every model, at every place in a framework where that model is found (a box's evidence and
a link's evidence are two places), ``variants()`` makes one framework document that is the base with that one
field changed to another valid value: one a file could hold, and, where one exists, one the rules accept too
(so the command line and the app read it). The values are found from the fields' own types, by trying a few
candidates of each kind and keeping the first the model accepts, so a field added to a model gets a variant
without anyone writing one: the tests built on these cover it by themselves.
"""

from __future__ import annotations

import copy
import json
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from factories import every_text_field
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticUndefined

from logicmodel.core.fields import part_model, readable
from logicmodel.core.models import Framework
from logicmodel.core.rules import find_problems

__all__ = ["BASE", "BASE_DOC", "Variant", "changed", "model_places", "place_in_base", "variants"]

Path = tuple[Any, ...]
"""A place in a framework document: keys and list indexes, e.g. ``("nodes", 0, "cost", "amount")``."""


def _base_doc() -> dict[str, Any]:
    """A small framework that follows the rules and holds every model at least once in every place it can be."""
    doc = every_text_field()
    doc["meta"] |= {"created": "2026-01-05", "provenance": [{"title": "Active Hampshire framework"}]}
    doc["levels"][2]["kind"] = "outcome"
    doc["nodes"][0] |= {"reach": 300, "stakeholders": ["ph"], "benefit": {"amount": 4000, "basis": "fewer falls"}}
    doc["nodes"][0]["delivery"] = [{"period": "2024/25", "period_end": "2025-03-31", "participants": 250}]
    doc["nodes"][0]["indicators"][0]["measurements"] = [{"period": "2024", "period_end": "2024-12-31", "value": 40}]
    doc["nodes"][-1]["valuation"] = {
        "quantity": 10,
        "proxy": {"amount": 1000, "unit": "a fall avoided", "source": "illustrative, made up for a test"},
        "duration": 2,
        "beneficiary": "ph",
    }
    doc["appraisal"] = {"price_year": 2025}
    doc["stories"] = [
        {"id": "walks", "title": "Why walks", "steps": [{"nodes": ["walk", "sessions"], "title": "Walks", "note": "N"}]}
    ]
    return doc


BASE_DOC = _base_doc()
BASE = Framework.model_validate_json(json.dumps(BASE_DOC))

MISSING = object()
"""A field left out of the document (so at its default)."""


@dataclass(frozen=True)
class Variant:
    """The base with one field of one model changed."""

    model: type[BaseModel]
    field: str
    path: Path
    """Where the field is in the document, e.g. ``("nodes", 0, "benefit")``."""
    value: Any
    doc: dict[str, Any]
    framework: Framework
    follows_rules: bool
    """Whether the rules accept it too (a command line or the app reads it)."""

    @property
    def optional(self) -> bool:
        return not self.model.model_fields[self.field].is_required()

    @property
    def name(self) -> str:
        return f"{self.model.__name__}.{self.field} at {'.'.join(map(str, self.path))}"


def model_places(model: type[BaseModel] = Framework, pattern: Path = ()) -> list[tuple[Path, type[BaseModel]]]:
    """Every place a model is found in a framework, as a pattern (``"[]"`` for any entry of a list), e.g.
    ``(("nodes", "[]", "evidence", "[]"), Evidence)``; the framework itself first."""
    found = [(pattern, model)]
    for name, info in model.model_fields.items():
        part = part_model(info.annotation)
        if part is not None:
            inner = (*pattern, name, "[]") if _is_list(info.annotation) else (*pattern, name)
            found += model_places(part, inner)
    return found


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is tuple:
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def place_in_base(pattern: Path, doc: Any = None) -> Path | None:
    """The first place in the base document that matches ``pattern``, or None when the base has none."""
    doc = BASE_DOC if doc is None else doc
    if not pattern:
        return ()
    head, *rest = pattern
    if head == "[]":
        for index, entry in enumerate(doc if isinstance(doc, list) else []):
            found = place_in_base(tuple(rest), entry)
            if found is not None:
                return (index, *found)
        return None
    if isinstance(doc, dict) and doc.get(head) is not None:
        found = place_in_base(tuple(rest), doc[head])
        return None if found is None else (head, *found)
    return None


def _get(doc: Any, path: Path) -> Any:
    for key in path:
        if isinstance(doc, dict) and key not in doc:
            return MISSING
        doc = doc[key]
    return doc


def changed(doc: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    """A copy of ``doc`` with ``value`` at ``path`` (``MISSING``: left out)."""
    doc = copy.deepcopy(doc)
    *parents, last = path
    holder = _get(doc, tuple(parents))
    if value is MISSING:
        holder.pop(last, None)
    else:
        holder[last] = copy.deepcopy(value)
    return doc


def _ids(doc: dict[str, Any]) -> list[str]:
    return [x["id"] for key in ("nodes", "levels", "stakeholders", "stories") for x in doc.get(key) or []]


SCALARS: tuple[Any, ...] = (
    "Other words",
    "https://example.org/other",
    "2027-02-03",
    "EUR",
    "E06000030",
    7,
    2.5,
    0.25,
    123456,
    True,
    False,
)
"""Plain values tried for a field, after the document's own ids and the field's allowed words (a ``Literal``)."""


STAKEHOLDER_IDS = frozenset({"beneficiary"})
"""Fields holding one stakeholder's id (a valuation's beneficiary): the stakeholders' ids are tried first, so
that a variant follows the rules."""


def _literals(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [x for arg in typing.get_args(annotation) for x in _literals(arg)]


def _adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


@cache
def full(model: type[BaseModel]) -> dict[str, Any]:
    """A document of ``model`` with every field given a value its type accepts (ids: the base's own)."""
    doc: dict[str, Any] = {}
    for name in model.model_fields:
        adapter = _adapter(model, name)
        for value in _candidates(model, name, MISSING, BASE_DOC):
            if value is MISSING or value is None:
                continue
            try:
                adapter.validate_json(json.dumps(value))
            except ValidationError:
                continue
            doc[name] = value
            break
    return doc


def _candidates(model: type[BaseModel], name: str, now: Any, doc: dict[str, Any]) -> Iterator[Any]:
    """Values to try for a field now holding ``now`` (``MISSING`` when left out), the likeliest first."""
    info = model.model_fields[name]
    part = part_model(info.annotation)
    if part is not None and _is_list(info.annotation):
        entries = [] if now is MISSING or now is None else list(now)
        yield [*entries, full(part)]
        if entries:
            yield entries[:-1]
            yield entries[::-1]
        yield [full(part)]
    elif part is not None:
        if now is MISSING or now is None:
            yield full(part)
        else:
            yield None
            yield MISSING
            yield full(part)
    else:
        fresh = ["new-id"] if name == "id" else []  # a new part's own id, not one the document has
        named = [x["id"] for x in doc.get("stakeholders") or []] if name in STAKEHOLDER_IDS else []
        plain = [*fresh, *named, *_ids(doc), *_literals(info.annotation), *SCALARS]
        if _is_list(info.annotation):
            entries = [] if now is MISSING or now is None else list(now)
            for value in plain:
                yield [*entries, value]
            if entries:
                yield entries[:-1]
            yield from ([value] for value in plain)
        else:
            yield from plain
            yield None
            yield MISSING


@cache
def variants() -> tuple[Variant, ...]:
    """One variant of the base for every field of every model at every place, the first value found that the
    rules accept too, else the first a file could hold; fields no other value fits are left out
    (``unchangeable()``)."""
    found = []
    for pattern, model in model_places():
        place = place_in_base(pattern)
        if place is None:
            continue  # test_the_base_holds_every_model_everywhere says so
        for name in model.model_fields:
            variant = _variant(model, name, (*place, name))
            if variant is not None:
                found.append(variant)
    return tuple(found)


def unchangeable() -> set[str]:
    """``Model.field`` of the fields no variant could be made for (a constant such as the format version)."""
    made = {(v.model, v.field) for v in variants()}
    return {
        f"{model.__name__}.{name}"
        for pattern, model in model_places()
        if place_in_base(pattern) is not None
        for name in model.model_fields
        if (model, name) not in made
    }


def _variant(model: type[BaseModel], name: str, path: Path) -> Variant | None:
    now = _get(BASE_DOC, path)
    if now is MISSING:
        default = model.model_fields[name].default
        now = MISSING if default is PydanticUndefined else default
    fallback = reordered = None
    for value in _candidates(model, name, now, BASE_DOC):
        doc = changed(BASE_DOC, path, value)
        try:
            fw = Framework.model_validate_json(json.dumps(doc))
        except ValidationError:
            continue
        if fw == BASE:
            continue
        variant = Variant(model, name, path, value, doc, fw, not find_problems(fw))
        if _same_entries(value, now):
            reordered = reordered or variant  # only when nothing else fits: a diff leaves box order aside
        elif variant.follows_rules:
            return variant
        else:
            fallback = fallback or variant
    return fallback or reordered


def _same_entries(value: Any, now: Any) -> bool:
    """Whether ``value`` is the list ``now`` in another order."""
    if not isinstance(value, list) or not isinstance(now, (list, tuple)):
        return False
    return sorted(map(json.dumps, value)) == sorted(map(json.dumps, now))


def words_for(variant) -> set[str]:
    """The names a description of the variant's change may use: the field's, or a field it is inside (a box's
    evidence is compared whole, so a change of its url is a change of the box's evidence)."""
    names = [part for part in variant.path if isinstance(part, str)][1:]  # the framework's own list aside
    return {readable(name) for name in names}
