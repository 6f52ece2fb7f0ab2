"""What changed between two versions of a framework, in the words of the person who built it.

The library keeps every saved version; its history view and its "someone else changed this" message
both need to say what is different, one plain line per change, with boxes and levels named by their
labels rather than their ids: "Added box 'Free swimming' (Activities)", "Removed link Free swimming →
More children active". Nothing is said when nothing changed: ``changes(a, b) == []`` exactly when the
two frameworks are equal.

Which fields are compared is walked from the models themselves (``logicmodel.core.fields``): each field this module
has words for is said in those words, and any other field (one added to a model later) in general ones, its
name made readable with its old and new values, so no change goes unsaid.

>>> from logicmodel.editing.edit import add_link, add_node, new_framework, update_meta
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

from pydantic import BaseModel

from logicmodel.core.fields import FieldChange, field_changes, plain, readable, shown
from logicmodel.core.models import Benefit, Cost, Framework, Link, Node, Step
from logicmodel.core.wording import kind_plural, plural

__all__ = ["changes", "in_brief", "renamed_boxes"]

T = TypeVar("T")

_META_FIELDS = {
    "organisation": "the organisation",
    "area": "the area it covers",
    "created": "the date it was created",
    "updated": "the date it was last updated",
}


def changes(old: Framework, new: Framework) -> list[str]:
    """Every difference between ``old`` and ``new``, one line each: details, levels, stakeholders, boxes, links,
    stories, in the order of the framework's fields."""
    if old == new:
        return []
    renamed = renamed_boxes(old, new)
    parts: dict[str, Callable[[], list[str]]] = {
        "meta": lambda: _meta(old, new),
        "levels": lambda: _levels(old, new),
        "stakeholders": lambda: _stakeholders(old, new),
        "nodes": lambda: _boxes(old, new, renamed),
        "links": lambda: _links(old, new, renamed),
        "stories": lambda: _stories(old, new),
    }
    lines: list[str] = []
    for name in Framework.model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            lines += parts[name]() if name in parts else _generic(name, before, after, "the framework")
    if not lines:  # nothing the words above say (a broken file's repeated ids): each part that differs, in general
        for name in Framework.model_fields:
            if getattr(old, name) != getattr(new, name):
                lines += _generic(name, getattr(old, name), getattr(new, name), "the framework")
    return lines


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
    if show(before) == show(after):  # a field the words leave out (one added later) changed
        return [f"Changed {what}"]
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


def _generic(name: str, before: Any, after: Any, of: str) -> list[str]:
    """General words for a field this module has none for (one added to a model later): its name made readable,
    and its old and new values in short; a part inside both is said field by field.

    >>> _generic("reach", 100, 250, "'Walks'")
    ["Changed the reach of 'Walks' from 100 to 250"]
    """
    if isinstance(before, BaseModel) and isinstance(after, BaseModel):
        found = [FieldChange(f"{name}.{c.field}", c.before, c.after) for c in field_changes(before, after)]
    else:
        found = [FieldChange(name, plain(before), plain(after))]
    lines = []
    for change in found:
        what = f"the {readable(change.field)} of {of}"
        was, now = shown(change.before), shown(change.after)
        if change.before in (None, [], ""):
            lines.append(f"Set {what} to {now}")
        elif change.after in (None, [], ""):
            lines.append(f"Removed {what} (was {was})")
        elif was == now:
            lines.append(f"Changed {what}")
        else:
            lines.append(f"Changed {what} from {was} to {now}")
    return lines


def _walked(a: BaseModel, b: BaseModel, words: dict[str, Callable[[Any, Any], list[str]]], of: str) -> list[str]:
    """Lines for two versions of one part: each field ``words`` has words for, in its order, then every other
    field of the model (but those ``words`` maps to None: ids, said elsewhere) in general words."""
    lines: list[str] = []
    for name, say in words.items():
        before, after = getattr(a, name), getattr(b, name)
        if say is not None and before != after:
            lines += say(before, after) or _generic(name, before, after, of)
    for name in type(a).model_fields:
        before, after = getattr(a, name), getattr(b, name)
        if name not in words and before != after:
            lines += _generic(name, before, after, of)
    return lines


def _reordered(before: Iterable[str], after: Iterable[str]) -> bool:
    """True when the ids both sides share are in a different order."""
    after_list = list(after)
    shared = set(before) & set(after_list)
    return [i for i in before if i in shared] != [i for i in after_list if i in shared]


# --- the framework's details -------------------------------------------------------------------


def _meta(old: Framework, new: Framework) -> list[str]:
    words: dict[str, Any] = {"title": lambda a, b: [f"Renamed the framework {_q(a)} to {_q(b)}"]}
    for field, what in _META_FIELDS.items():
        words[field] = lambda a, b, what=what: _value_change(what, a, b)
    words["description"] = lambda a, b: _text_change("description", "of the framework", "to the framework", a, b)
    words["authors"] = lambda a, b: _list_words("author", a, b, "the framework")
    words["tags"] = lambda a, b: _list_words("tag", a, b, "the framework")
    words["provenance"] = lambda a, b: _items_added_removed(
        "source framework", a, b, lambda s: s.title, "the framework", "the framework"
    )
    return _walked(old.meta, new.meta, words, "the framework")


def _list_words(thing: str, before: Sequence[str], after: Sequence[str], of: str) -> list[str]:
    """Lines for a list of short texts (authors, tags, cohorts, assumptions)."""
    return _items_added_removed(thing, before, after, str, of, of)


# --- levels and stakeholders ---------------------------------------------------------------------


def _levels(old: Framework, new: Framework) -> list[str]:
    before = {level.id: level for level in old.levels}
    after = {level.id: level for level in new.levels}
    lines = [f"Removed level {_q(level.label)}" for level_id, level in before.items() if level_id not in after]
    lines += [f"Added level {_q(level.label)}" for level_id, level in after.items() if level_id not in before]
    for level_id in [i for i in before if i in after]:
        a, b = before[level_id], after[level_id]

        def kind(_: Any, __: Any, level_id: str = level_id, b: Any = b) -> list[str]:
            was, now = old.level_kinds[level_id], new.level_kinds[level_id]
            said = f" (it held {kind_plural(was)})" if was != now else ""
            return [f"Level {_q(b.label)} now holds {kind_plural(now)}{said}"]

        words = {
            "id": None,
            "label": lambda x, y: [f"Changed the label of level {_q(x)} to {_q(y)}"],
            "kind": kind,
        }
        lines += _walked(a, b, words, f"level {_q(b.label)}")
    if _reordered(before, after):
        lines.append("Reordered the levels: " + " → ".join(level.label for level in new.levels))
    return lines


def _stakeholders(old: Framework, new: Framework) -> list[str]:
    before = {s.id: s for s in old.stakeholders}
    after = {s.id: s for s in new.stakeholders}
    lines = [f"Removed stakeholder {_q(s.name)}" for sid, s in before.items() if sid not in after]
    lines += [f"Added stakeholder {_q(s.name)} ({s.role})" for sid, s in after.items() if sid not in before]
    for sid in [i for i in before if i in after]:
        a, b = before[sid], after[sid]
        words = {
            "id": None,
            "name": lambda x, y: [f"Renamed stakeholder {_q(x)} to {_q(y)}"],
            "role": lambda x, y, b=b: [f"Changed the role of {_q(b.name)} from {x} to {y}"],
        }
        lines += _walked(a, b, words, f"stakeholder {_q(b.name)}")
    if _reordered(before, after):
        lines.append("Reordered the stakeholders")
    return lines


# --- boxes -------------------------------------------------------------------------------------


def renamed_boxes(old: Framework, new: Framework) -> dict[str, str]:
    """Boxes whose id alone changed (``rename_node``): old id -> new id (what history says, and what the
    library's comments on a box follow)."""
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
    for node_id in [i for i in before if i in after]:
        if before[node_id] != after[node_id]:
            lines += _box_changes(old, new, before[node_id], after[node_id])
    old_order = [renamed.get(n.id, n.id) for n in old.nodes]
    if _reordered(old_order, (n.id for n in new.nodes)):
        lines.append("Reordered the boxes")
    return lines


def _box_changes(old: Framework, new: Framework, a: Node, b: Node) -> list[str]:
    name = _q(b.label)
    old_names = {s.id: s.name for s in old.stakeholders}
    new_names = {s.id: s.name for s in new.stakeholders}

    def stakeholders(x: Sequence[str], y: Sequence[str]) -> list[str]:
        lines = [f"Took stakeholder {_q(old_names.get(sid, sid))} off {name}" for sid in x if sid not in y]
        lines += [f"Added stakeholder {_q(new_names.get(sid, sid))} to {name}" for sid in y if sid not in x]
        if set(x) == set(y) and x != y:
            lines.append(f"Reordered the stakeholders of {name}")
        return lines

    words: dict[str, Any] = {
        "id": None,  # said by ``_boxes``: a box whose id alone changed
        "label": lambda x, y: [f"Changed the label of {_q(x)} to {name}"],
        "level": lambda x, y: [f"Moved {name} from {old.level_label(x)} to {new.level_label(y)}"],
        "description": lambda x, y: _text_change("description", f"of {name}", f"to {name}", x, y),
        "stakeholders": stakeholders,
        "cohorts": lambda x, y: _items_added_removed("cohort", x, y, str, name, name),
        "indicators": lambda x, y: _items_added_removed("indicator", x, y, lambda i: i.name, name, name),
        "evidence": lambda x, y: _items_added_removed("evidence", x, y, lambda e: e.title, name, name),
        "cost": lambda x, y: _value_change(f"the cost of {name}", x, y, _cost),
        "reach": lambda x, y: _value_change(f"the reach of {name}", x, y, lambda n: f"{n:,} a year"),
        "benefit": lambda x, y: _value_change(f"the estimated benefit of {name}", x, y, _benefit),
        "tags": lambda x, y: _items_added_removed("tag", x, y, str, name, name),
    }
    return _walked(a, b, words, name)


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
    for pair in [p for p in before if p in after]:
        a, b = before[pair], after[pair]
        if a.model_copy(update={"source": b.source, "target": b.target}) == b:
            continue  # the same link between boxes whose ids changed
        link = f"the link {named(new, pair)}"
        words: dict[str, Any] = {
            "source": None,  # the link's boxes: a link between others is another link
            "target": None,
            "rationale": lambda x, y, link=link: _text_change("reason", f"for {link}", f"to {link}", x, y),
            "assumptions": lambda x, y, link=link: _items_added_removed("assumption", x, y, str, link, link),
            "strength": lambda x, y, link=link: [f"Changed the strength of {link} from {x} to {y}"],
            "evidence": lambda x, y, link=link: _items_added_removed("evidence", x, y, lambda e: e.title, link, link),
        }
        lines += _walked(a, b, words, link)
    if _reordered(before, after):
        lines.append("Reordered the links")
    return lines


# --- stories -------------------------------------------------------------------------------------


def _stories(old: Framework, new: Framework) -> list[str]:
    before = {story.id: story for story in reversed(old.stories)}
    after = {story.id: story for story in reversed(new.stories)}
    lines = [f"Removed story {_q(s.title)}" for sid, s in before.items() if sid not in after]
    lines += [
        f"Added story {_q(s.title)} ({plural(len(s.steps), 'step')})" for sid, s in after.items() if sid not in before
    ]
    for sid in [i for i in before if i in after]:
        a, b = before[sid], after[sid]
        words = {
            "id": None,
            "title": lambda x, y: [f"Renamed story {_q(x)} to {_q(y)}"],
            "steps": lambda x, y, b=b: _steps(old, new, f"story {_q(b.title)}", x, y),
        }
        lines += _walked(a, b, words, f"story {_q(b.title)}")
    if _reordered(before, after):
        lines.append("Reordered the stories")
    return lines


def _steps(old: Framework, new: Framework, story: str, before: Sequence[Step], after: Sequence[Step]) -> list[str]:
    """A story's steps, by their place in it: added at the end, removed from the end, or changed."""
    lines = []
    for i in range(max(len(before), len(after))):
        at = f"step {i + 1} of {story}"
        if i >= len(before):
            lines.append(f"Added {at}")
        elif i >= len(after):
            lines.append(f"Removed {at}")
        elif before[i] != after[i]:
            words = {
                "nodes": lambda x, y, at=at: [
                    f"Changed the boxes {at} shows from {_labels(old, x)} to {_labels(new, y)}"
                ],
                "title": lambda x, y, at=at: _value_change(f"the title of {at}", x, y),
                "note": lambda x, y, at=at: _text_change("note", f"of {at}", f"to {at}", x, y),
            }
            lines += _walked(before[i], after[i], words, at)
    return lines


def _labels(fw: Framework, ids: Sequence[str], most: int = 3) -> str:
    """Boxes by their labels, the first few: ``'Health walks', 'Fewer falls' and 2 more``."""
    named = [_q(fw.node_by_id[i].label) if i in fw.node_by_id else _q(i) for i in ids]
    shown_ = ", ".join(named[:most])
    return shown_ + (f" and {len(named) - most} more" if len(named) > most else "")
