"""The models' own fields, walked: what differs between two parts of a framework, field by field.

Comparing frameworks (``logicmodel.analysis.diff``) and describing what changed between versions
(``logicmodel.analysis.changes``) both take their lists of fields from the models (``logicmodel.core.models``),
never from lists of their own, so a field added to a model is compared without touching either. Nested parts are walked
into (a box's cost, the details), lists of parts with ids are matched by id (levels, stakeholders, stories),
and anything else is compared whole.

>>> from logicmodel.core.models import Benefit, Node
>>> a = Node(id="walk", level="activity", label="Health walks")
>>> b = a.model_copy(update={"benefit": Benefit(amount=4000, basis="fewer falls")})
>>> field_changes(a, b)
[FieldChange(field='benefit', before=None, after={'amount': 4000.0, 'basis': 'fewer falls'})]
>>> readable("schema_version"), readable("cost.amount"), readable("steps.2.nodes")
('format version', 'cost amount', 'steps 2 boxes')
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

__all__ = [
    "SCREEN_WORDS",
    "FieldChange",
    "field_changes",
    "id_field",
    "keyed_changes",
    "part_model",
    "plain",
    "readable",
    "shown",
]


@dataclass(frozen=True)
class FieldChange:
    """One field of a box, link, stakeholder, level, story or the details, before and after (as plain data).

    ``field`` is the field's name, with the names of the parts it is inside before it (``cost.amount``), and
    the id of a part matched by id (``intermediate.kind``, or just ``intermediate`` when the whole level was
    added or removed) or the place, from 1, of an entry of a list without ids (``evidence.2.url``)."""

    field: str
    before: Any
    after: Any


def part_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside a field's type, e.g. ``Indicator`` in ``tuple[Indicator, ...]`` or ``Cost | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if arg is not Ellipsis and arg is not types.NoneType:
            found = part_model(arg)
            if found is not None:
                return found
    return None


def id_field(model: type[BaseModel]) -> str | None:
    """The field that tells a model's entries in a list apart (``id``), or None when it has none."""
    return "id" if "id" in model.model_fields else None


def plain(value: Any) -> Any:
    """A field's value as plain data, for comparing and showing: lists for tuples, dicts for models (without
    the fields left at their defaults)."""
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    return value


SCREEN_WORDS = {"nodes": "boxes", "rationale": "reason", "schema_version": "format version"}
"""Fields whose names are not the words on screen: a box is never a "node" to the people who use the app."""


def readable(name: str) -> str:
    """A field's name as words: ``provenance`` is "provenance", ``cost.amount`` "cost amount", ``nodes`` "boxes"
    (``SCREEN_WORDS``)."""
    return " ".join(SCREEN_WORDS.get(part, part.replace("_", " ")) for part in name.split("."))


def shown(value: Any, limit: int = 60) -> str:
    """A value in a few words on one line, cut at ``limit`` characters: text quoted, numbers as people write
    them, a part as its fields ("amount: 4,000, basis: 'fewer falls'"), a list as its entries.

    >>> shown({"amount": 40000.0, "basis": "fewer falls"}), shown(["Jo", "Sam"]), shown(None)
    ("amount: 40,000, basis: 'fewer falls'", "'Jo'; 'Sam'", 'none')
    """
    text = _words(plain(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words(value: Any) -> str:
    if isinstance(value, str):
        return "'" + " ".join(value.split()) + "'"
    if isinstance(value, dict):
        return ", ".join(f"{readable(k)}: {_words(v)}" for k, v in value.items()) or "nothing"
    if isinstance(value, list):
        return "; ".join(_words(v) for v in value) or "none"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,}"
    return "none" if value is None else str(value)


def field_changes(before: BaseModel, after: BaseModel, skip: Iterable[str] = (), prefix: str = "") -> list[FieldChange]:
    """Every field of ``before`` and ``after`` (two parts of the same model) that differs, in the model's order
    of fields, except those in ``skip``: a part inside both is walked into, a list of parts with ids is matched
    by id (``keyed_changes``), one without ids entry by entry (``evidence.2.url``, counted from 1; an entry
    only one side has is None on the other), anything else is compared whole."""
    model = type(before)
    left_out = set(skip)
    found: list[FieldChange] = []
    for name, info in model.model_fields.items():
        if name in left_out:
            continue
        a, b = getattr(before, name), getattr(after, name)
        if a == b:
            continue
        part = part_model(info.annotation)
        if part is not None and isinstance(a, BaseModel) and isinstance(b, BaseModel):
            found += field_changes(a, b, prefix=f"{prefix}{name}.")
        elif part is not None and id_field(part) and isinstance(a, tuple) and isinstance(b, tuple):
            found += keyed_changes(a, b, prefix=f"{prefix}{name}.")
        elif part is not None and isinstance(a, tuple) and isinstance(b, tuple):
            for number in range(1, max(len(a), len(b)) + 1):
                x, y = a[number - 1] if number <= len(a) else None, b[number - 1] if number <= len(b) else None
                if x is not None and y is not None and x != y:
                    found += field_changes(x, y, prefix=f"{prefix}{name}.{number}.")
                elif x != y:
                    found.append(FieldChange(f"{prefix}{name}.{number}", plain(x), plain(y)))
        else:
            found.append(FieldChange(prefix + name, plain(a), plain(b)))
    return found


def keyed_changes(before: Sequence[BaseModel], after: Sequence[BaseModel], prefix: str = "") -> list[FieldChange]:
    """How two lists of parts with ids differ: each part only in one (``id``: None on the other side), each
    part in both whose fields differ (``id.field``), and ``order`` when the parts in both are in another order.
    Two lists that differ otherwise (a broken file's repeated id) are one change of the whole list."""
    key = id_field(type(before[0] if before else after[0]))
    first = {getattr(part, key): part for part in reversed(before)}
    second = {getattr(part, key): part for part in reversed(after)}
    found: list[FieldChange] = []
    for part_id in dict.fromkeys([*(getattr(p, key) for p in before), *(getattr(p, key) for p in after)]):
        a, b = first.get(part_id), second.get(part_id)
        if a is None or b is None:
            found.append(FieldChange(f"{prefix}{part_id}", plain(a), plain(b)))
        elif a != b:
            found += field_changes(a, b, prefix=f"{prefix}{part_id}.")
    shared = first.keys() & second.keys()
    order_a = list(dict.fromkeys(getattr(p, key) for p in before if getattr(p, key) in shared))
    order_b = list(dict.fromkeys(getattr(p, key) for p in after if getattr(p, key) in shared))
    if order_a != order_b:
        found.append(FieldChange(f"{prefix}order", order_a, order_b))
    if not found and tuple(before) != tuple(after):
        found.append(FieldChange(prefix.removesuffix(".") or "all", plain(tuple(before)), plain(tuple(after))))
    return found
