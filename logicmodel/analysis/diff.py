"""How two frameworks differ: boxes added, removed and changed (with the fields that changed), links added,
removed and changed, and changes to levels, stakeholders, stories and details (title, organisation, area ...).

Every field of every part is compared, walked from the models themselves (``logicmodel.core.fields``): a field
added to a model is compared without touching this module.

Boxes are matched by id first; the boxes left over are matched by label, the same words first and then the
most similar (at least ``SIMILAR``, by difflib's ratio, within the same level first), and each pair says which
rule matched it. Comparing labels for similarity is bounded: at most ``MAX_PAIRS`` pairs, and at most
``SIMILAR_WORK`` characters compared in all (difflib's cost grows with the product of two labels' lengths);
past that, the boxes left are added and removed, and ``Difference.unchecked`` says how many were not compared.
Links are compared through those matches, so a box renamed in an adapted copy keeps its links.

>>> from logicmodel.core.samples import find
>>> fw = find("enfield").load()
>>> compare(fw, fw).is_empty()
True
>>> edited = fw.model_copy(update={"nodes": fw.nodes[1:]})
>>> [box.label for box in compare(fw, edited).removed] == [fw.nodes[0].label]
True
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from logicmodel.analysis.marks import CHANGE_MARKS, Mark
from logicmodel.core.fields import (
    FieldChange,
    field_changes,
    id_field,
    keyed_changes,
    part_model,
    plain,
    readable,
    shown,
)
from logicmodel.core.models import Framework, Link, Node
from logicmodel.core.wording import plural

__all__ = [
    "CHANGE_MARKS",
    "SIMILAR",
    "BoxChange",
    "Difference",
    "FieldChange",
    "LinkChange",
    "Match",
    "change_marks",
    "compare",
    "table_rows",
    "union",
]

SIMILAR = 0.75
"""The least label similarity (difflib's ratio, 0 to 1) for two boxes of different ids to count as one."""

MAX_PAIRS = 250_000
"""Most label pairs compared for similarity; beyond that only the same words match (a 1,000-box framework
against a wholly re-numbered copy is 1,000,000 pairs)."""

SIMILAR_WORK = 10_000_000
"""Most work spent comparing labels for similarity, counted as difflib does it: a length check costs 1, a count
of shared characters the two labels' lengths added, a full comparison their lengths multiplied (two labels of
200 characters: 40,000). About a second: two frameworks of 500 boxes of long, alike labels (250,000 pairs)
would otherwise take half an hour."""

_MATCHED = {"nodes": ("id",), "links": ("source", "target")}
"""The framework's lists whose entries are matched apart (boxes by id or label, links by their boxes), and the
fields that matching compares: every other field of a box or a link is compared as a change of it."""

_PARTS = {"meta": "details", "levels": "levels", "stakeholders": "stakeholders", "stories": "stories"}
"""Which of ``Difference``'s lists each of the framework's other fields is reported in; a field not named here
(``schema_version``, or one added later) is reported in ``details`` under its own name."""


@dataclass(frozen=True)
class Match:
    """A box of the first framework and the box of the second it is, and the rule that matched them."""

    first: str
    second: str
    rule: str
    """``same id``, ``same label`` or ``similar label (0.86)``."""


@dataclass(frozen=True)
class BoxChange:
    """A box in both frameworks whose fields differ (or whose id changed)."""

    first: str
    second: str
    label: str
    rule: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class LinkChange:
    """A link in both frameworks whose fields (rationale, assumptions, strength, evidence...) differ (ids of the
    second)."""

    source: str
    target: str
    fields: tuple[FieldChange, ...]


@dataclass
class Difference:
    """What changed from ``first`` to ``second``."""

    matches: list[Match] = field(default_factory=list)
    added: list[Node] = field(default_factory=list)
    removed: list[Node] = field(default_factory=list)
    changed: list[BoxChange] = field(default_factory=list)
    links_added: list[Link] = field(default_factory=list)
    links_removed: list[Link] = field(default_factory=list)
    links_changed: list[LinkChange] = field(default_factory=list)
    levels: list[FieldChange] = field(default_factory=list)
    stakeholders: list[FieldChange] = field(default_factory=list)
    details: list[FieldChange] = field(default_factory=list)
    stories: list[FieldChange] = field(default_factory=list)
    unchecked: int = 0
    """Boxes of the first framework whose labels were not compared with every box left in the second, because
    ``SIMILAR_WORK`` was spent: some of them may be renamed boxes shown as removed and added."""

    def is_empty(self) -> bool:
        """Whether the two frameworks are the same in content (box and link order aside)."""
        return not any(
            (
                self.added,
                self.removed,
                self.changed,
                self.links_added,
                self.links_removed,
                self.links_changed,
                self.levels,
                self.stakeholders,
                self.details,
                self.stories,
            )
        )

    def counts(self) -> dict[str, int]:
        """How many of each kind of change, e.g. ``{"boxes added": 2, ...}``."""
        return {
            "boxes added": len(self.added),
            "boxes removed": len(self.removed),
            "boxes changed": len(self.changed),
            "links added": len(self.links_added),
            "links removed": len(self.links_removed),
            "links changed": len(self.links_changed),
            "levels changed": len(self.levels),
            "stakeholders changed": len(self.stakeholders),
            "details changed": len(self.details),
            "stories changed": len(self.stories),
        }

    def in_words(self) -> str:
        """The counts in words, those that are not 0 ("" when nothing changed).

        >>> Difference(added=[None, None], links_changed=[None]).in_words()
        '2 boxes added, 1 link changed'
        """
        words = {"boxes": ("box", "boxes"), "stories": ("story", "stories")}
        parts = []
        for what, n in self.counts().items():
            if n:
                noun, how = what.split(" ", 1)
                parts.append(f"{plural(n, *words.get(noun, (noun.removesuffix('s'), noun)))} {how}")
        return ", ".join(parts)

    def to_data(self) -> dict[str, Any]:
        """The difference as plain JSON data (``logicmodel diff --json``)."""

        def fields(changes: tuple[FieldChange, ...] | list[FieldChange]) -> list[dict[str, Any]]:
            return [{"field": c.field, "before": c.before, "after": c.after} for c in changes]

        return {
            "equal": self.is_empty(),
            "counts": self.counts(),
            "boxes": {
                "added": [{"id": n.id, "label": n.label, "level": n.level} for n in self.added],
                "removed": [{"id": n.id, "label": n.label, "level": n.level} for n in self.removed],
                "changed": [
                    {"first": c.first, "second": c.second, "label": c.label, "rule": c.rule, "fields": fields(c.fields)}
                    for c in self.changed
                ],
                "matched": [{"first": m.first, "second": m.second, "rule": m.rule} for m in self.matches],
            },
            "links": {
                "added": [{"source": k.source, "target": k.target} for k in self.links_added],
                "removed": [{"source": k.source, "target": k.target} for k in self.links_removed],
                "changed": [
                    {"source": c.source, "target": c.target, "fields": fields(c.fields)} for c in self.links_changed
                ],
            },
            "levels": fields(self.levels),
            "stakeholders": fields(self.stakeholders),
            "details": fields(self.details),
            "stories": fields(self.stories),
            "unchecked": self.unchecked,
        }

    def lines(self, first: Framework, second: Framework) -> list[str]:
        """The difference in words, one change a line (``logicmodel diff``)."""
        out: list[str] = [
            f"details: {readable(c.field)} changed from {_short(c.before)} to {_short(c.after)}" for c in self.details
        ]
        if self.unchecked:
            out.append(
                f"note: {self.unchecked} boxes were not compared by similar labels (too many long labels to compare); "
                "some shown as removed and added may be the same box renamed"
            )
        out += [f"level {_named(c.field)}: {_short(c.before)} -> {_short(c.after)}" for c in self.levels]
        out += [f"stakeholder {_named(c.field)}: {_short(c.before)} -> {_short(c.after)}" for c in self.stakeholders]
        out += [f"story {_named(c.field)}: {_short(c.before)} -> {_short(c.after)}" for c in self.stories]
        out += [f"+ box '{n.label}' ({second.level_label(n.level)}, id {n.id})" for n in self.added]
        out += [f"- box '{n.label}' ({first.level_label(n.level)}, id {n.id})" for n in self.removed]
        for c in self.changed:
            what = ", ".join(f"{readable(f.field)} {_short(f.before)} -> {_short(f.after)}" for f in c.fields) or "id"
            renamed = f" (id {c.first} -> {c.second}, {c.rule})" if c.first != c.second else ""
            out.append(f"~ box '{c.label}'{renamed}: {what}")
        second_label = {n.id: n.label for n in second.nodes}
        first_label = {n.id: n.label for n in first.nodes}
        out += [
            f"+ link '{second_label.get(k.source, k.source)}' -> '{second_label.get(k.target, k.target)}'"
            for k in self.links_added
        ]
        out += [
            f"- link '{first_label.get(k.source, k.source)}' -> '{first_label.get(k.target, k.target)}'"
            for k in self.links_removed
        ]
        for c in self.links_changed:
            what = ", ".join(f"{readable(f.field)} {_short(f.before)} -> {_short(f.after)}" for f in c.fields)
            out.append(
                f"~ link '{second_label.get(c.source, c.source)}' -> '{second_label.get(c.target, c.target)}': {what}"
            )
        return out


def _short(value: Any, limit: int = 60) -> str:
    """A value before or after, in a few words (``logicmodel.core.fields.shown``)."""
    return shown(value, limit)


def _named(path: str) -> str:
    """A change's field within a level, stakeholder or story: its id, then the field's name as words
    (``intermediate.kind`` is "intermediate kind"); an id's own dots are kept."""
    part_id, dot, rest = path.partition(".")
    return f"{part_id} {readable(rest)}" if dot else part_id


def _normal(label: str) -> str:
    return " ".join(label.lower().split())


def match_boxes(first: Framework, second: Framework) -> list[Match]:
    """Pairs of boxes that are the same box: by id, then by the same label, then by the most similar label."""
    return _match_boxes(first, second)[0]


def _match_boxes(first: Framework, second: Framework) -> tuple[list[Match], int]:
    """``match_boxes``, and how many boxes of the first were not compared with all left in the second."""
    second_ids = second.node_by_id
    matches = [Match(n.id, n.id, "same id") for n in first.nodes if n.id in second_ids]
    matched_first = {m.first for m in matches}
    left_first = [n for n in first.nodes if n.id not in matched_first]
    left_second = [n for n in second.nodes if n.id not in first.node_by_id]
    by_label: dict[str, list[Node]] = {}
    for node in left_second:
        by_label.setdefault(_normal(node.label), []).append(node)
    still_first = []
    for node in left_first:
        same = by_label.get(_normal(node.label))
        if same:
            matches.append(Match(node.id, same.pop(0).id, "same label"))
        else:
            still_first.append(node)
    still_second = [n for nodes in by_label.values() for n in nodes]
    unchecked = 0
    if still_first and still_second and len(still_first) * len(still_second) <= MAX_PAIRS:
        scored = []
        work = 0
        seconds = [(b, _normal(b.label)) for b in still_second]
        for done, a in enumerate(still_first):
            label = _normal(a.label)
            matcher = difflib.SequenceMatcher(None, "", label)  # seq2 is the one cached
            for b, other in seconds:
                if work > SIMILAR_WORK:
                    break
                matcher.set_seq1(other)
                work += 1
                if matcher.real_quick_ratio() < SIMILAR:
                    continue
                work += len(label) + len(other)
                if matcher.quick_ratio() < SIMILAR:
                    continue
                work += len(label) * len(other)
                ratio = matcher.ratio()
                if ratio >= SIMILAR:
                    scored.append((ratio + (0.01 if a.level == b.level else 0), ratio, a.id, b.id))
            if work > SIMILAR_WORK:
                unchecked = len(still_first) - done
                break
        taken_first: set[str] = set()
        taken_second: set[str] = set()
        for _, ratio, a_id, b_id in sorted(scored, key=lambda s: (-s[0], s[2], s[3])):
            if a_id in taken_first or b_id in taken_second:
                continue
            taken_first.add(a_id)
            taken_second.add(b_id)
            matches.append(Match(a_id, b_id, f"similar label ({ratio:.2f})"))
    return matches, unchecked


def compare(first: Framework, second: Framework) -> Difference:
    """What changed from ``first`` to ``second`` (see the module's docstring for how boxes are matched)."""
    diff = Difference()
    for name, info in Framework.model_fields.items():
        a, b = getattr(first, name), getattr(second, name)
        if name in _MATCHED or a == b:
            continue
        part = part_model(info.annotation)
        if part is not None and isinstance(a, BaseModel) and isinstance(b, BaseModel):
            found = field_changes(a, b)
        elif part is not None and isinstance(a, tuple):
            found = keyed_changes(a, b) if id_field(part) else [FieldChange("all", plain(a), plain(b))]
        else:
            found = [FieldChange(name, plain(a), plain(b))]
        if name not in _PARTS:
            found = [FieldChange(name if c.field == name else f"{name}.{c.field}", c.before, c.after) for c in found]
        getattr(diff, _PARTS.get(name, "details")).extend(found)
    diff.matches, diff.unchecked = _match_boxes(first, second)
    to_second = {m.first: m.second for m in diff.matches}
    matched_second = set(to_second.values())
    diff.removed = [n for n in first.nodes if n.id not in to_second]
    diff.added = [n for n in second.nodes if n.id not in matched_second]
    for match in diff.matches:
        a, b = first.node_by_id[match.first], second.node_by_id[match.second]
        fields = tuple(field_changes(a, b, skip=_MATCHED["nodes"]))
        if fields or match.first != match.second:
            diff.changed.append(BoxChange(match.first, match.second, b.label, match.rule, fields))
    first_links = {}
    for link in first.links:
        if link.source in to_second and link.target in to_second:
            first_links[(to_second[link.source], to_second[link.target])] = link
        else:
            diff.links_removed.append(link)
    second_links = {(link.source, link.target): link for link in second.links}
    for pair, link in first_links.items():
        other = second_links.get(pair)
        if other is None:
            diff.links_removed.append(link)
        elif other != link.model_copy(update={"source": pair[0], "target": pair[1]}):
            fields = tuple(field_changes(link, other, skip=_MATCHED["links"]))
            diff.links_changed.append(LinkChange(pair[0], pair[1], fields))
    diff.links_added = [link for pair, link in second_links.items() if pair not in first_links]
    return diff


def union(first: Framework, second: Framework, diff: Difference) -> Framework:
    """The second framework with the first's removed boxes (and their links) put back, to draw every change on
    one diagram. A removed box of a level the second does not have, or a link that would run backwards, is
    left off the drawing. Not checked: for drawing only."""
    levels = set(second.level_ids)
    removed = [n for n in diff.removed if n.level in levels]
    ids = {n.id for n in second.nodes}
    extra_ids = {n.id for n in removed if n.id not in ids}
    removed = [n for n in removed if n.id in extra_ids]
    to_second = {m.first: m.second for m in diff.matches}
    rank = second.level_rank
    levels_of = {n.id: n.level for n in second.nodes} | {n.id: n.level for n in removed}
    links = list(second.links)
    for link in diff.links_removed:
        source = link.source if link.source in extra_ids else to_second.get(link.source)
        target = link.target if link.target in extra_ids else to_second.get(link.target)
        if source and target and source != target and rank[levels_of[source]] <= rank[levels_of[target]]:
            links.append(link.model_copy(update={"source": source, "target": target}))
    return second.model_copy(update={"nodes": (*second.nodes, *removed), "links": tuple(dict.fromkeys(links))})


def change_marks(diff: Difference) -> tuple[tuple[str, Mark], ...]:
    """The marks (``logicmodel.analysis.marks.Mark``, as ``CHANGE_MARKS`` says) for the boxes of ``union``: added,
    removed, changed."""
    marks: dict[str, Mark] = {}
    for kind, nodes in (
        ("added", [n.id for n in diff.added]),
        ("changed", [c.second for c in diff.changed if c.fields]),
    ):
        for node_id in nodes:
            marks[node_id] = CHANGE_MARKS[kind]
    for node in diff.removed:
        marks.setdefault(node.id, CHANGE_MARKS["removed"])
    return tuple(marks.items())


def table_rows(diff: Difference, first: Framework, second: Framework) -> list[dict[str, str]]:
    """The difference as rows of a table (the Compare page): change, what, level, detail, matched by."""
    rows = []
    for node in diff.added:
        rows.append({"Change": "+ added", "Box or link": node.label, "Level": second.level_label(node.level),
                     "What changed": "", "Matched by": ""})  # fmt: skip
    for node in diff.removed:
        rows.append({"Change": "− removed", "Box or link": node.label, "Level": first.level_label(node.level),
                     "What changed": "", "Matched by": ""})  # fmt: skip
    for change in diff.changed:
        what = "; ".join(f"{readable(f.field)}: {_short(f.before)} → {_short(f.after)}" for f in change.fields)
        if change.first != change.second:
            what = "; ".join(x for x in (f"id {change.first} → {change.second}", what) if x)
        level = second.level_label(second.node_by_id[change.second].level)
        rows.append({"Change": "~ changed", "Box or link": change.label, "Level": level, "What changed": what,
                     "Matched by": change.rule})  # fmt: skip
    first_label = {n.id: n.label for n in first.nodes}
    second_label = {n.id: n.label for n in second.nodes}
    for link in diff.links_added:
        name = f"{second_label.get(link.source, link.source)} → {second_label.get(link.target, link.target)}"
        rows.append({"Change": "+ link added", "Box or link": name, "Level": "", "What changed": "", "Matched by": ""})
    for link in diff.links_removed:
        name = f"{first_label.get(link.source, link.source)} → {first_label.get(link.target, link.target)}"
        rows.append(
            {"Change": "− link removed", "Box or link": name, "Level": "", "What changed": "", "Matched by": ""}
        )
    for change in diff.links_changed:
        name = f"{second_label.get(change.source, change.source)} → {second_label.get(change.target, change.target)}"
        what = "; ".join(f"{readable(f.field)}: {_short(f.before)} → {_short(f.after)}" for f in change.fields)
        rows.append(
            {"Change": "~ link changed", "Box or link": name, "Level": "", "What changed": what, "Matched by": ""}
        )
    for kind, changes in (
        ("detail", diff.details),
        ("level", diff.levels),
        ("stakeholder", diff.stakeholders),
        ("story", diff.stories),
    ):
        for f in changes:
            name = readable(f.field) if kind == "detail" else _named(f.field)
            rows.append({"Change": f"~ {kind}", "Box or link": name, "Level": "",
                         "What changed": f"{_short(f.before)} → {_short(f.after)}", "Matched by": ""})  # fmt: skip
    return rows
