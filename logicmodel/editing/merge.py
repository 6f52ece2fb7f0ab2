"""Merge: bring another framework's boxes, links, levels and stakeholders into mine, dropping nothing unlisted.

- A part of theirs that is the same as one of mine (the same content, whatever its id) is merged into it.
- A part of theirs whose id is one of mine but whose content differs is added under a new id, and reported.
- Their levels that I do not have (by id or label) are added after the level before them in theirs.
- Their links are added between the boxes they now are, unless mine has that link already.
- My title and details stay; where theirs differ, that is reported.

The result goes through the one loader: it is valid, or the merge is refused with the reasons (a link of theirs
that would run backwards between my levels, say). Merging the same framework in again changes nothing.

>>> from logicmodel.core.samples import find
>>> mine = find("enfield").load()
>>> merged, report = merge(mine, mine)
>>> merged == mine, report
(True, [])
"""

from __future__ import annotations

from typing import Any

from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.ids import new_id
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data, to_data

__all__ = ["merge"]


def _content(item: dict[str, Any]) -> str:
    """What a part says, without its id: two parts alike in this are the same part."""
    import json

    return json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True, ensure_ascii=False)


def merge(mine: Framework, theirs: Framework) -> tuple[Framework, list[str]]:
    """Mine with theirs merged in, and what was merged, added under a new id or left as mine, one a line.

    Raises ``FrameworkError`` (the merge refused, with the reasons) when the result would not be valid.
    """
    report: list[str] = []
    data = to_data(mine)
    other = to_data(theirs)
    for name in ("title", "organisation", "area"):
        if other["meta"].get(name) != data["meta"].get(name) and other["meta"].get(name):
            report.append(f"details: kept my {name}, not theirs ({other['meta'][name]!r})")
    levels = [dict(level) for level in data.get("levels", [lv.model_dump(exclude_defaults=True) for lv in mine.levels])]
    level_of: dict[str, str] = {}
    for index, level in enumerate(other.get("levels", [lv.model_dump(exclude_defaults=True) for lv in theirs.levels])):
        same = next((lv for lv in levels if lv["label"].lower() == level["label"].lower()), None)
        if same is not None:
            level_of[level["id"]] = same["id"]
            continue
        level = dict(level)
        if any(lv["id"] == level["id"] for lv in levels):  # my level of that id is called something else
            level["id"] = new_id(f"{level['id']}-theirs", {lv["id"] for lv in levels}, "level")
        previous = [level_of.get(lv.id) for lv in theirs.levels[:index]]
        position = max((i + 1 for i, lv in enumerate(levels) if lv["id"] in previous), default=len(levels))
        levels.insert(position, level)
        level_of[theirs.levels[index].id] = level["id"]
        report.append(f"level '{level['label']}': added")
    if levels != [lv.model_dump(exclude_defaults=True) for lv in mine.levels] or "levels" in data:
        data["levels"] = levels
    people = list(data.get("stakeholders", []))
    person_of = _merge_parts(people, other.get("stakeholders", []), "stakeholder", "name", report, {})
    if people:
        data["stakeholders"] = people
    nodes = list(data.get("nodes", []))
    box_of = _merge_parts(
        nodes,
        [
            {**n, "level": level_of.get(n["level"], n["level"]),
             **({"stakeholders": [person_of.get(s, s) for s in n["stakeholders"]]} if n.get("stakeholders") else {})}
            for n in other.get("nodes", [])
        ],
        "box",
        "label",
        report,
        {},
    )  # fmt: skip
    data["nodes"] = nodes
    links = list(data.get("links", []))
    pairs = {(link["source"], link["target"]): link for link in links}
    for link in other.get("links", []):
        pair = (box_of[link["source"]], box_of[link["target"]])
        if pair in pairs:
            if {**link, "source": pair[0], "target": pair[1]} != pairs[pair]:
                report.append(f"link {pair[0]} -> {pair[1]}: kept mine (theirs says it differently)")
            continue
        added = {**link, "source": pair[0], "target": pair[1]}
        links.append(added)
        pairs[pair] = added
        report.append(f"link {pair[0]} -> {pair[1]}: added")
    data["links"] = links
    try:
        merged = from_data(data)
    except FrameworkError as exc:
        raise FrameworkError([Problem("", "the merge was refused: the merged framework would not be valid"),
                              *exc.problems]) from None  # fmt: skip
    return merged, report


def _merge_parts(
    mine: list[dict[str, Any]],
    theirs: list[dict[str, Any]],
    kind: str,
    name: str,
    report: list[str],
    renamed: dict[str, str],
) -> dict[str, str]:
    """Their parts merged into ``mine`` (changed in place); returns the id each of theirs now has."""
    by_content = {_content(part): part["id"] for part in mine}
    ids = {part["id"] for part in mine}
    for part in theirs:
        same = by_content.get(_content(part))
        if same is not None:
            renamed[part["id"]] = same
            continue
        new = dict(part)
        if new["id"] in ids:
            new["id"] = new_id(f"{part['id']}-theirs", ids, kind)
            report.append(f"{kind} '{part.get(name)}': their id '{part['id']}' is one of mine, so it is '{new['id']}'")
        else:
            report.append(f"{kind} '{part.get(name)}': added")
        ids.add(new["id"])
        mine.append(new)
        by_content[_content(new)] = new["id"]
        renamed[part["id"]] = new["id"]
    return renamed
