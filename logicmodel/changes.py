"""What changed between two versions of a framework, in the words of the person who built it.

The library keeps every saved version; its history view and its "someone else changed this" message
both need to say what is different, one plain line per change, with boxes and levels named by their
labels rather than their ids: "Added box 'Free swimming' (Activities)", "Removed link Free swimming →
More children active". Nothing is said when nothing changed: ``changes(a, b) == []`` exactly when the
two frameworks are equal.

>>> from logicmodel.edit import add_link, add_node, new_framework, update_meta
>>> before = add_node(new_framework("Active Slough"), {"id": "swim", "level": "activity", "label": "Free swimming"})
>>> after = add_node(before, {"id": "kids", "level": "intermediate", "label": "More children active"})
>>> after = update_meta(add_link(after, {"source": "swim", "target": "kids"}), title="Active Slough 2027")
>>> for line in changes(before, after):
...     print(line)
Renamed the framework 'Active Slough' to 'Active Slough 2027'
Added box 'More children active' (Intermediate outcomes)
Added link Free swimming → More children active
>>> changes(after, after)
[]
>>> in_brief(changes(before, after), most=1)
"Renamed the framework 'Active Slough' to 'Active Slough 2027', and 2 more changes"
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from logicmodel.models import Benefit, Cost, Framework, Link, Node
from logicmodel.wording import kind_plural, plural

__all__ = ["changes", "in_brief"]

T = TypeVar("T")

_META_FIELDS = {
    "organisation": "the organisation",
    "area": "the area it covers",
    "created": "the date it was created",
    "updated": "the date it was last updated",
}


def changes(old: Framework, new: Framework) -> list[str]:
    """Every difference between ``old`` and ``new``, one line each: details, levels, stakeholders, boxes, links."""
    if old == new:
        return []
    renamed = _renamed_boxes(old, new)
    return [
        *_meta(old, new),
        *_levels(old, new),
        *_stakeholders(old, new),
        *_boxes(old, new, renamed),
        *_links(old, new, renamed),
    ]


def in_brief(lines: Sequence[str], most: int = 3) -> str:
    """The first ``most`` changes on one line, and how many more: a version's summary, a message's first line.

    >>> in_brief(["Added box 'Walks' (Activities)"])
    "Added box 'Walks' (Activities)"
    >>> in_brief(["A", "B", "C", "D"], most=2)
    'A; B, and 2 more changes'
    >>> in_brief([])
    'No changes'
    """
    if not lines:
        return "No changes"
    shown = "; ".join(lines[:most])
    hidden = len(lines) - most
    if hidden > 0:
        shown += f", and {plural(hidden, 'more change')}"
    return shown


# --- shared helpers --------------------------------------------------------------------------


def _q(text: object) -> str:
    """A user's text in quotes, on one line."""
    return "'" + " ".join(str(text).split()) + "'"


def _value_change(what: str, before: Any, after: Any, show: Callable[[Any], str] = _q) -> list[str]:
    """Set / removed / changed wording for one optional value."""
    if before == after:
        return []
    if before is None:
        return [f"Set {what} to {show(after)}"]
    if after is None:
        return [f"Removed {what} (was {show(before)})"]
    return [f"Changed {what} from {show(before)} to {show(after)}"]


def _text_change(noun: str, of: str, to: str, before: str | None, after: str | None) -> list[str]:
    """Long text (a description, a reason) is not quoted whole: only that it was added, changed or removed.

    >>> _text_change("description", "of 'Walks'", "to 'Walks'", None, "Weekly")
    ["Added a description to 'Walks'"]
    """
    if before == after:
        return []
    if after and not before:
        return [f"Added a {noun} {to}"]
    if before and not after:
        return [f"Removed the {noun} {of}"]
    return [f"Changed the {noun} {of}"]


def _items_added_removed(
    thing: str, before: Sequence[T], after: Sequence[T], name: Callable[[T], str], to: str, off: str
) -> list[str]:
    """Lines for a list of parts (indicators, evidence, cohorts...), matched by equality and then by name.

    A part present on both sides under the same name but with other content is "changed"; the same parts
    in another order are "reordered".
    """
    gone = list((Counter(before) - Counter(after)).elements())
    came = list((Counter(after) - Counter(before)).elements())
    lines: list[str] = []
    came_names = [name(item) for item in came]
    for item in gone:
        if name(item) in came_names:
            came.pop(came_names.index(name(item)))
            came_names.remove(name(item))
            lines.append(f"Changed {thing} {_q(name(item))} of {to}")
        else:
            lines.append(f"Removed {thing} {_q(name(item))} from {off}")
    lines += [f"Added {thing} {_q(name(item))} to {to}" for item in came]
    if not lines and tuple(before) != tuple(after):
        lines.append(f"Reordered the {thing}s of {to}")
    return lines


def _reordered(before: Iterable[str], after: Iterable[str]) -> bool:
    """True when the ids both sides share are in a different order."""
    after_list = list(after)
    shared = set(before) & set(after_list)
    return [i for i in before if i in shared] != [i for i in after_list if i in shared]


# --- the framework's details -------------------------------------------------------------------


def _meta(old: Framework, new: Framework) -> list[str]:
    a, b = old.meta, new.meta
    lines = []
    if a.title != b.title:
        lines.append(f"Renamed the framework {_q(a.title)} to {_q(b.title)}")
    for field, what in _META_FIELDS.items():
        lines += _value_change(what, getattr(a, field), getattr(b, field))
    lines += _text_change("description", "of the framework", "to the framework", a.description, b.description)
    lines += _list_words("author", a.authors, b.authors, "the framework")
    lines += _list_words("tag", a.tags, b.tags, "the framework")
    return lines


def _list_words(thing: str, before: Sequence[str], after: Sequence[str], of: str) -> list[str]:
    """Lines for a list of short texts (authors, tags, cohorts, assumptions)."""
    return _items_added_removed(thing, before, after, str, of, of)


# --- levels and stakeholders ---------------------------------------------------------------------


def _levels(old: Framework, new: Framework) -> list[str]:
    before = {level.id: level for level in old.levels}
    after = {level.id: level for level in new.levels}
    lines = [f"Removed level {_q(level.label)}" for level_id, level in before.items() if level_id not in after]
    lines += [f"Added level {_q(level.label)}" for level_id, level in after.items() if level_id not in before]
    for level_id in before.keys() & after.keys():
        a, b = before[level_id], after[level_id]
        if a.label != b.label:
            lines.append(f"Changed the label of level {_q(a.label)} to {_q(b.label)}")
        if a.kind != b.kind:
            was, now = old.level_kinds[level_id], new.level_kinds[level_id]
            said = f" (it held {kind_plural(was)})" if was != now else ""
            lines.append(f"Level {_q(b.label)} now holds {kind_plural(now)}{said}")
    if _reordered(before, after):
        lines.append("Reordered the levels: " + " → ".join(level.label for level in new.levels))
    return lines


def _stakeholders(old: Framework, new: Framework) -> list[str]:
    before = {s.id: s for s in old.stakeholders}
    after = {s.id: s for s in new.stakeholders}
    lines = [f"Removed stakeholder {_q(s.name)}" for sid, s in before.items() if sid not in after]
    lines += [f"Added stakeholder {_q(s.name)} ({s.role})" for sid, s in after.items() if sid not in before]
    for sid in before.keys() & after.keys():
        a, b = before[sid], after[sid]
        if a.name != b.name:
            lines.append(f"Renamed stakeholder {_q(a.name)} to {_q(b.name)}")
        if a.role != b.role:
            lines.append(f"Changed the role of {_q(b.name)} from {a.role} to {b.role}")
    if _reordered(before, after):
        lines.append("Reordered the stakeholders")
    return lines


# --- boxes -------------------------------------------------------------------------------------


def _renamed_boxes(old: Framework, new: Framework) -> dict[str, str]:
    """Boxes whose id alone changed (``rename_node``): old id -> new id."""
    before, after = old.node_by_id, new.node_by_id
    gone = [node_id for node_id in before if node_id not in after]
    came = {}
    for node_id in after:
        if node_id not in before:
            came.setdefault(_without_id(after[node_id]), []).append(node_id)
    renamed = {}
    for node_id in gone:
        matches = came.get(_without_id(before[node_id]))
        if matches:
            renamed[node_id] = matches.pop(0)
    return renamed


def _without_id(node: Node) -> Node:
    return node.model_copy(update={"id": ""})


def _box(fw: Framework, node: Node) -> str:
    return f"box {_q(node.label)} ({fw.level_label(node.level)})"


def _boxes(old: Framework, new: Framework, renamed: dict[str, str]) -> list[str]:
    before, after = old.node_by_id, new.node_by_id
    came_by_rename = set(renamed.values())
    lines = []
    for node_id, node in before.items():
        if node_id in renamed:
            lines.append(f"Changed the id of {_q(node.label)} from {_q(node_id)} to {_q(renamed[node_id])}")
        elif node_id not in after:
            lines.append(f"Removed {_box(old, node)}")
    lines += [
        f"Added {_box(new, node)}"
        for node_id, node in after.items()
        if node_id not in before and node_id not in came_by_rename
    ]
    for node_id in before.keys() & after.keys():
        if before[node_id] != after[node_id]:
            lines += _box_changes(old, new, before[node_id], after[node_id])
    old_order = [renamed.get(n.id, n.id) for n in old.nodes]
    if _reordered(old_order, (n.id for n in new.nodes)):
        lines.append("Reordered the boxes")
    return lines


def _box_changes(old: Framework, new: Framework, a: Node, b: Node) -> list[str]:
    name = _q(b.label)
    lines = []
    if a.label != b.label:
        lines.append(f"Changed the label of {_q(a.label)} to {name}")
    if a.level != b.level:
        lines.append(f"Moved {name} from {old.level_label(a.level)} to {new.level_label(b.level)}")
    lines += _text_change("description", f"of {name}", f"to {name}", a.description, b.description)
    old_names = {s.id: s.name for s in old.stakeholders}
    new_names = {s.id: s.name for s in new.stakeholders}
    for sid in a.stakeholders:
        if sid not in b.stakeholders:
            lines.append(f"Took stakeholder {_q(old_names.get(sid, sid))} off {name}")
    for sid in b.stakeholders:
        if sid not in a.stakeholders:
            lines.append(f"Added stakeholder {_q(new_names.get(sid, sid))} to {name}")
    if set(a.stakeholders) == set(b.stakeholders) and a.stakeholders != b.stakeholders:
        lines.append(f"Reordered the stakeholders of {name}")
    lines += _items_added_removed("cohort", a.cohorts, b.cohorts, str, name, name)
    lines += _items_added_removed("indicator", a.indicators, b.indicators, lambda i: i.name, name, name)
    lines += _items_added_removed("evidence", a.evidence, b.evidence, lambda e: e.title, name, name)
    lines += _value_change(f"the cost of {name}", a.cost, b.cost, _cost)
    lines += _value_change(f"the reach of {name}", a.reach, b.reach, lambda n: f"{n:,} a year")
    lines += _value_change(f"the estimated benefit of {name}", a.benefit, b.benefit, _benefit)
    lines += _items_added_removed("tag", a.tags, b.tags, str, name, name)
    return lines


def _cost(cost: Cost) -> str:
    """A cost as a commissioner writes it: ``12,000 GBP a year``."""
    amount = f"{int(cost.amount):,}" if cost.amount == int(cost.amount) else f"{cost.amount:,.2f}"
    return f"{amount} {cost.currency}" + (f" {cost.period}" if cost.period else "")


def _benefit(benefit: Benefit) -> str:
    """An estimated benefit as its cost would read, with its basis: ``40,000 GBP a year (avoided admissions)``."""
    return f"{_cost(Cost(amount=benefit.amount, currency=benefit.currency, period=benefit.period))} ({benefit.basis})"


# --- links -------------------------------------------------------------------------------------


def _links(old: Framework, new: Framework, renamed: dict[str, str]) -> list[str]:
    def moved(link: Link) -> tuple[str, str]:
        return renamed.get(link.source, link.source), renamed.get(link.target, link.target)

    before = {moved(link): link for link in old.links}
    after = {(link.source, link.target): link for link in new.links}
    back = {v: k for k, v in renamed.items()}

    def named(fw: Framework, pair: tuple[str, str], ids: Callable[[str], str] = str) -> str:
        labels = fw.node_by_id
        ends = [labels[ids(end)].label if ids(end) in labels else ids(end) for end in pair]
        return " → ".join(" ".join(end.split()) for end in ends)

    lines = [f"Removed link {named(old, pair, lambda i: back.get(i, i))}" for pair in before if pair not in after]
    lines += [f"Added link {named(new, pair)}" for pair in after if pair not in before]
    for pair in before.keys() & after.keys():
        a, b = before[pair], after[pair]
        words = f"the link {named(new, pair)}"
        lines += _text_change("reason", f"for {words}", f"to {words}", a.rationale, b.rationale)
        lines += _items_added_removed("assumption", a.assumptions, b.assumptions, str, words, words)
        if a.strength != b.strength:
            lines.append(f"Changed the strength of {words} from {a.strength} to {b.strength}")
        lines += _items_added_removed("evidence", a.evidence, b.evidence, lambda e: e.title, words, words)
    if _reordered(before, after):
        lines.append("Reordered the links")
    return lines
