"""Update a framework from a file: what an edited file says, brought onto the framework it was exported from.

A lead exports the workbook, edits it in Excel and brings it back: the result is the next version of the same
framework, not a new one. ``update_from(current, read, fmt)`` merges "what the file says" (``read``, the
framework the file's reader made) onto ``current``:

- boxes are matched by id, then by the same label (in the same level first), and, in a file whose format
  does not keep our ids (a Mermaid chart), by the most similar label; a matched box keeps the current id,
  so its links, stories and history stay its own; a box of the file that matches none is added, a current
  box the file lacks is removed;
- levels are matched by id, then by label in any case; a level the file renames keeps its id;
- whatever the file's format cannot carry is kept from the current version: which parts a format carries is
  found by writing the current framework in that format and reading it back (``carried``), never from a list
  written again, so a format added to the registry needs nothing here;
- the result passes the one loader's checks (``FrameworkError`` otherwise), and ``Update.diff`` is the
  comparison the Compare page shows (``logicmodel.analysis.diff``), from the current version to the result.

>>> from logicmodel.core.samples import find
>>> fw = find("enfield").load()
>>> edited = fw.model_copy(update={"nodes": fw.nodes[1:], "links": tuple(
...     k for k in fw.links if fw.nodes[0].id not in (k.source, k.target))})
>>> done = update_from(fw, edited)
>>> [n.label for n in done.diff.removed] == [fw.nodes[0].label], done.framework == edited
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from logicmodel.analysis.diff import Difference, compare, match_boxes
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework, Link, Meta, Node
from logicmodel.core.readwrite import from_data, to_data
from logicmodel.core.wording import plural
from logicmodel.formats.registry import Choices, Format

__all__ = ["Carried", "Update", "carried", "update_from"]

_BOX_FIELDS = tuple(name for name in Node.model_fields if name != "id")
_LINK_FIELDS = tuple(name for name in Link.model_fields if name not in ("source", "target"))
_META_FIELDS = tuple(Meta.model_fields)
_PARTS = tuple(name for name in Framework.model_fields if name not in ("schema_version", "meta", "nodes", "links"))
"""The framework's parts beside its details, boxes and links (levels, stakeholders, stories, the appraisal ...),
each carried by a format whole or not at all: read from the models, so a part added to them is kept from the
open version when a file that cannot carry it is brought back."""


@dataclass(frozen=True)
class Carried:
    """What of a framework a format's files carry: the details, box and link fields, and lists, by name."""

    meta: frozenset[str] = frozenset(_META_FIELDS)
    box: frozenset[str] = frozenset(_BOX_FIELDS)
    link: frozenset[str] = frozenset(_LINK_FIELDS)
    parts: frozenset[str] = frozenset(_PARTS)
    ids: bool = True
    """Whether the file keeps the boxes' ids (else boxes are matched by label)."""

    def everything(self) -> bool:
        return self == Carried()


@dataclass(frozen=True)
class Update:
    """The framework as the file says it, on top of the current one, and what changed and what was kept."""

    framework: Framework
    diff: Difference
    """From the current version to ``framework``: what applying the update changes."""
    kept: tuple[str, ...] = ()
    """What was kept from the current version because the file cannot carry it, one line each."""
    by_label: int = 0
    """Boxes of the file matched to a current box by their label (their ids differ or were lost)."""
    carried: Carried = field(default_factory=Carried)

    def lines(self, current: Framework) -> list[str]:
        """The update in words, one change a line (the command line): the changes, then what was kept."""
        out = self.diff.lines(current, self.framework)
        if self.by_label:
            out.append(f"note: {plural(self.by_label, 'box', 'boxes')} of the file matched by label, their ids kept")
        out += [f"kept: {line}" for line in self.kept]
        return out


def carried(current: Framework, fmt: Format | None) -> Carried:
    """What ``fmt``'s files carry of ``current``: found by writing it in that format and reading it back.

    A format that carries the whole format (``cannot_carry`` empty) is not tried; for one that only reads, what
    its reader declares it fills in (``Format.carries``) is taken. A field counts as carried
    when the read-back keeps it for at least one part that has it, or when no part of ``current`` has it (the
    file then says what it says). A format that cannot write, or cannot read back what it wrote (and no
    format at all, ``None``), is taken to carry everything: the file says what it says.
    """
    if fmt is not None and fmt.write is None and fmt.carries is not None:
        return _declared(fmt.carries)
    if fmt is None or not fmt.cannot_carry or fmt.write is None or fmt.read is None:
        return Carried()
    try:
        back = fmt.read(fmt.write(current, Choices()))
    except (FrameworkError, ValueError):
        return Carried()
    ids = all(n.id in back.node_by_id for n in current.nodes)  # Mermaid keeps only the ids it can use
    pairs = _pair_boxes(current, back)
    box_fields = _kept_fields(
        [(current.node_by_id[a], back.node_by_id[b]) for a, b in pairs.items()],
        _BOX_FIELDS,
        Node.model_fields,
        strict=("label",),
    )
    back_links = {(k.source, k.target): k for k in back.links}
    link_pairs = [
        (k, back_links[(pairs[k.source], pairs[k.target])])
        for k in current.links
        if (pairs.get(k.source), pairs.get(k.target)) in back_links
    ]
    link_fields = _kept_fields(link_pairs, _LINK_FIELDS, Link.model_fields)
    meta = frozenset(
        name
        for name in _META_FIELDS
        if getattr(current.meta, name) == Meta.model_fields[name].default
        or getattr(current.meta, name) == getattr(back.meta, name)
    )
    parts = set()
    if [(lv.id, lv.label) for lv in back.levels] == [(lv.id, lv.label) for lv in current.levels]:
        parts.add("levels")
    parts |= {part for part in _PARTS if part != "levels" and getattr(back, part) == getattr(current, part)}
    return Carried(meta, box_fields, link_fields, frozenset(parts), ids)


def _declared(carries: frozenset[str]) -> Carried:
    """What the files of a format that only reads carry: the fields its reader says it fills in
    (``Format.carries``), each detail, box or link field carried when any of its paths is."""

    def said(path: str) -> bool:
        return any(c == path or c.startswith(path + ".") or path.startswith(c + ".") for c in carries)

    return Carried(
        frozenset(name for name in _META_FIELDS if said(f"meta.{name}")),
        frozenset(name for name in _BOX_FIELDS if said(f"nodes.{name}")),
        frozenset(name for name in _LINK_FIELDS if said(f"links.{name}")),
        frozenset(part for part in _PARTS if said(part)),
        ids=said("nodes.id"),
    )


def _kept_fields(
    pairs: list[tuple[Any, Any]], names: tuple[str, ...], fields: dict[str, Any], strict: tuple[str, ...] = ()
) -> frozenset[str]:
    kept = set()
    for name in names:
        default = fields[name].default
        having = [(a, b) for a, b in pairs if getattr(a, name) != default]
        if name in strict or not having or any(getattr(a, name) == getattr(b, name) for a, b in having):
            kept.add(name)
    return frozenset(kept)


def _normal(label: str) -> str:
    return " ".join(label.casefold().split())


def _pair_boxes(current: Framework, theirs: Framework, level_of: dict[str, str] | None = None) -> dict[str, str]:
    """Each current box's id and the id of the file's box that is it: the same id, else the same label (in the
    same level first). A box of either side is in one pair at most."""
    level_of = level_of or {}
    pairs = {n.id: n.id for n in current.nodes if n.id in theirs.node_by_id}
    left = [n for n in theirs.nodes if n.id not in current.node_by_id]
    if not left:
        return pairs
    waiting: dict[str, list[Node]] = {}
    for node in left:
        waiting.setdefault(_normal(node.label), []).append(node)
    unmatched = [n for n in current.nodes if n.id not in pairs]
    for same_level in (True, False):
        for node in unmatched:
            if node.id in pairs:
                continue
            found = waiting.get(_normal(node.label))
            if not found:
                continue
            pick = next(
                (t for t in found if not same_level or level_of.get(t.level, t.level) == node.level),
                None,
            )
            if pick is not None:
                found.remove(pick)
                pairs[node.id] = pick.id
    return pairs


def _similar(current: Framework, theirs: Framework, pairs: dict[str, str]) -> dict[str, str]:
    """More pairs, of the boxes left on both sides, by the most similar labels (as the Compare page matches
    them, ``logicmodel.analysis.diff``: at least ``SIMILAR``, within a bounded work)."""
    taken = set(pairs.values())
    mine = current.model_copy(update={"nodes": tuple(n for n in current.nodes if n.id not in pairs)})
    other = theirs.model_copy(update={"nodes": tuple(n for n in theirs.nodes if n.id not in taken)})
    if not mine.nodes or not other.nodes:
        return {}
    return {
        m.first: m.second
        for m in match_boxes(mine, other)
        if m.rule.startswith("similar") and m.first not in pairs and m.second not in taken
    }


def _match_levels(current: Framework, theirs: Framework) -> dict[str, str]:
    """Each of the file's level ids and the current level it is (by id, then by label in any case); a level
    the file adds keeps its own id."""
    by_label = {_normal(level.label): level.id for level in current.levels}
    ids = set(current.level_ids)
    out = {}
    for level in theirs.levels:
        if level.id in ids:
            out[level.id] = level.id
        else:
            out[level.id] = by_label.get(_normal(level.label), level.id)
    return out


def update_from(
    current: Framework, read: Framework, fmt: Format | None = None, unsaid: frozenset[str] = frozenset()
) -> Update:
    """``current`` updated to say what ``read`` (a file read by ``fmt``'s reader) says, keeping the ids and
    whatever the format cannot carry, and the box fields and parts the file says nothing about (``unsaid``,
    ``Document.unsaid``: a workbook from before the Valuations sheet); ``FrameworkError`` when the result is not
    a valid framework."""
    carry = carried(current, fmt)
    if unsaid:
        carry = replace(carry, box=carry.box - unsaid, parts=carry.parts - unsaid)
    level_of = _match_levels(current, read) if "levels" not in carry.parts else {lv.id: lv.id for lv in read.levels}
    pairs = _pair_boxes(current, read, level_of)
    if not carry.ids:  # a file without our ids: a box renamed in it is found by its similar label
        pairs |= _similar(current, read, pairs)
    to_current = {theirs: mine for mine, theirs in pairs.items()}
    by_label = sum(1 for mine, theirs in pairs.items() if mine != theirs)
    kept: dict[str, int] = {}

    def keep(what: str) -> None:
        kept[what] = kept.get(what, 0) + 1

    data = to_data(read)
    mine_data = to_data(current)
    # details: field by field
    meta = dict(data["meta"])
    for name in _META_FIELDS:
        if name not in carry.meta:
            if name in mine_data["meta"]:
                meta[name] = mine_data["meta"][name]
                keep(f"the {name}")
            else:
                meta.pop(name, None)
    data["meta"] = meta
    # levels: the file's, renamed ones keeping their ids; or the current ones and any the file adds
    if "levels" not in carry.parts:
        levels = [lv.model_dump(mode="json", exclude_defaults=True) for lv in current.levels]
        known = set(current.level_ids)
        for level in read.levels:
            if level_of[level.id] not in known:
                levels.append(level.model_dump(mode="json", exclude_defaults=True))
                known.add(level.id)
        data["levels"] = levels
    for part in _PARTS:
        if part != "levels" and part not in carry.parts:
            data.pop(part, None)
            if part in mine_data:
                data[part] = mine_data[part]
                if part not in ("stakeholders", "stories"):  # stories are counted below; stakeholders go unsaid
                    keep(f"the {part.replace('_', ' ')}")
    # boxes: the file's, each matched one with the current id and what the file cannot carry
    mine_boxes = {n["id"]: n for n in mine_data["nodes"]}
    nodes = []
    for node in data["nodes"]:
        own = to_current.get(node["id"])
        node = dict(node)
        node["level"] = level_of.get(node["level"], node["level"])
        if own is not None:
            node["id"] = own
            for name in _BOX_FIELDS:
                if name in carry.box:
                    continue
                if name in mine_boxes[own]:
                    node[name] = mine_boxes[own][name]
                    keep(name)
                else:
                    node.pop(name, None)
        nodes.append(node)
    data["nodes"] = nodes
    # links: the file's, between the boxes as matched; a link the current version has keeps what is not carried
    mine_links = {(k["source"], k["target"]): k for k in mine_data["links"]}
    links = []
    for link in data["links"]:
        link = dict(link)
        link["source"] = to_current.get(link["source"], link["source"])
        link["target"] = to_current.get(link["target"], link["target"])
        own_link = mine_links.get((link["source"], link["target"]))
        for name in _LINK_FIELDS:
            if name in carry.link:
                continue
            if own_link is not None and name in own_link:
                link[name] = own_link[name]
                keep(f"link {name}")
            else:
                link.pop(name, None)
        links.append(link)
    data["links"] = links
    if "stories" in carry.parts:
        for story in data.get("stories", []):
            for step in story["steps"]:
                step["nodes"] = [to_current.get(box, box) for box in step["nodes"]]
    else:
        _stories_without_removed(data, {n["id"] for n in nodes}, keep)
    if "stakeholders" not in carry.parts:
        people = {s["id"] for s in data.get("stakeholders", [])}
        for node in nodes:
            if "stakeholders" in node:
                node["stakeholders"] = [s for s in node["stakeholders"] if s in people]
                if not node["stakeholders"]:
                    del node["stakeholders"]
    result = from_data(data)
    if _in_any_order(result) == _in_any_order(current):  # a format that writes boxes or links in its own order
        result = current
    return Update(result, compare(current, result), _kept_lines(kept, fmt, bool(unsaid)), by_label, carry)


def _in_any_order(fw: Framework) -> dict[str, Any]:
    """The framework as data with its boxes and links in one order: what a file read back says is the same."""
    data = to_data(fw)
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["links"] = sorted(data["links"], key=lambda k: (k["source"], k["target"]))
    return data


def _stories_without_removed(data: dict[str, Any], ids: set[str], keep: Any) -> None:
    """The current stories kept, less the boxes the file removed: a step left empty, or a story, goes."""
    stories = []
    for story in data.get("stories", []):
        steps = []
        for step in story["steps"]:
            boxes = [box for box in step["nodes"] if box in ids]
            if boxes:
                steps.append({**step, "nodes": boxes})
        if steps:
            stories.append({**story, "steps": steps})
        keep("story")
    if stories:
        data["stories"] = stories
    else:
        data.pop("stories", None)


def _kept_lines(kept: dict[str, int], fmt: Format | None, unsaid: bool = False) -> tuple[str, ...]:
    """What was kept from the current version, counted, with why: "the indicators of 12 boxes"."""
    if not kept:
        return ()
    why = f" ({fmt.name} files do not carry them)" if fmt is not None else ""
    if unsaid and fmt is not None and not fmt.cannot_carry:
        why = " (the file has no part for them: written before they were added)"
    details = [what.removeprefix("the ") for what in kept if what.startswith("the ")]
    lines = []
    if details:
        words = ", ".join(details[:-1]) + " and " + details[-1] if len(details) > 1 else details[0]
        lines.append(f"the {words} of the framework{why}")
    for what, count in kept.items():
        if what == "story":
            lines.append(f"{plural(count, 'story', 'stories')}{why}")
        elif what.startswith("link "):
            lines.append(f"the {what.removeprefix('link ')} of {plural(count, 'link')}{why}")
        elif not what.startswith("the "):
            lines.append(f"the {what} of {plural(count, 'box', 'boxes')}{why}")
    return tuple(lines)
