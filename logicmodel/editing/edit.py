"""Edits of a framework: each takes a framework and returns a new, checked one, or says why not.

Frameworks are immutable, so an edit never changes the one it is given: the
library keeps the old one as a version (undo returns to it). Every edit checks
the result with the same rules as the file reader (``logicmodel.core.rules``) and
raises ``FrameworkError`` with the reason in plain words when the edit would
break the framework (a loop, a link that runs backwards, a repeated id); the
framework it was given is then still the one to use.

>>> from logicmodel.core.models import Framework
>>> fw = Framework.model_validate({"schema_version": 1, "meta": {"title": "Active Enfield"}, "nodes": [], "links": []})
>>> fw = add_node(fw, {"id": "swim", "level": "activity", "label": "Free summer swimming"})
>>> fw = add_node(fw, {"id": "weight", "level": "strategic", "label": "Fewer overweight children"})
>>> allowed_targets(fw, "swim")
['weight']
>>> fw = add_link(fw, {"source": "swim", "target": "weight"})
>>> try:
...     add_link(fw, {"source": "weight", "target": "swim"})
... except FrameworkError as err:
...     refused = err.problems[0]
>>> refused.nodes  # the new link's ends: from, to
('weight', 'swim')
>>> print(refused.words())
'Free summer swimming' (Activities) comes before 'Fewer overweight children' (Strategic outcomes): \
links run from earlier levels to later ones
>>> delete_node_impact(fw, "swim")
"Deleting 'Free summer swimming' also removes 1 link: 'Free summer swimming' → 'Fewer overweight children'."
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from logicmodel.analysis.stories import stories_with_box_renamed, stories_without_box, story_impact
from logicmodel.core.errors import Box, FrameworkError, Problem, Where, validation_problems
from logicmodel.core.graph import reaching, to_graph
from logicmodel.core.ids import new_id
from logicmodel.core.models import Framework, Level, Link, Node, Stakeholder, Story
from logicmodel.core.rules import Refusal, checked_problems, link_refusal, new_link_problem, target_words
from logicmodel.core.wording import plural

__all__ = [
    "add_level",
    "add_link",
    "add_node",
    "add_stakeholder",
    "allowed_targets",
    "delete_level",
    "delete_level_impact",
    "delete_link",
    "delete_node",
    "delete_node_impact",
    "delete_stakeholder",
    "delete_stakeholder_impact",
    "delete_story",
    "move_level",
    "new_framework",
    "rename_node",
    "rename_node_impact",
    "replace_parts",
    "save_story",
    "suggest_id",
    "unavailable_targets",
    "update_level",
    "update_link",
    "update_meta",
    "update_node",
    "update_stakeholder",
]

Fields = Mapping[str, Any]
MAX_LISTED = 5
"""Most links an impact description names one by one; the rest are counted."""


# --- building and checking -------------------------------------------------------------------


def new_framework(title: str, organisation: str | None = None) -> Framework:
    """A blank framework with the default levels (activities, outputs, intermediate and strategic outcomes).

    >>> new_framework("Active Swindon").level_ids
    ['activity', 'output', 'intermediate', 'strategic']
    """
    meta: dict[str, Any] = {"title": title}
    if organisation:
        meta["organisation"] = organisation
    return _checked(lambda: Framework.model_validate({"schema_version": 1, "meta": meta, "nodes": [], "links": []}))


def _problems(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    return validation_problems(exc, prefix)


def _checked(build: Any) -> Any:
    try:
        return build()
    except ValidationError as exc:
        raise FrameworkError(_problems(exc)) from None


def _model(cls: type[BaseModel], fields: Fields | BaseModel) -> Any:
    """Validate one part (a node, a link...) from its fields; field errors name the field."""
    if isinstance(fields, cls):
        return fields
    if isinstance(fields, BaseModel):
        fields = fields.model_dump()
    try:
        return cls.model_validate(dict(fields))
    except ValidationError as exc:
        raise FrameworkError(_problems(exc)) from None


def _changed(part: BaseModel, changes: Fields) -> Any:
    """``part`` with ``changes`` applied, validated again."""
    unknown = set(changes) - set(type(part).model_fields)
    if unknown:
        raise FrameworkError([Problem(name, "unknown field") for name in sorted(unknown)])
    return _model(type(part), {**part.model_dump(exclude_unset=False), **changes})


def replace_parts(fw: Framework, **parts: Any) -> Framework:
    """A new framework with some of its parts replaced, checked by every rule of the format: every edit ends
    here, and so does every grid's batch (``logicmodel.editing.grid``). Raises ``FrameworkError`` with the rules'
    problems, each naming its boxes as data."""
    data = {
        "schema_version": fw.schema_version,
        "meta": fw.meta,
        "levels": list(fw.levels),
        "stakeholders": list(fw.stakeholders),
        "nodes": list(fw.nodes),
        "links": list(fw.links),
        "stories": list(fw.stories),
        "appraisal": fw.appraisal,  # kept by every edit: an edit of a box must not drop the discount rate
    } | parts
    candidate = _checked(lambda: Framework.model_validate(data))
    problems = checked_problems(candidate)
    if problems:  # each names its boxes and link as data (``Problem.nodes``); the screen names them by label
        raise FrameworkError(problems)
    return candidate


def _box(fw: Framework, node_id: str) -> Box:
    node = fw.node_by_id.get(node_id)
    return Box(node_id, node.label if node else "")


def _label(fw: Framework, node_id: str) -> str:
    node = fw.node_by_id.get(node_id)
    return f"'{node.label}'" if node else f"'{node_id}'"


def _link_words(fw: Framework, source: str, target: str) -> str:
    return f"{_label(fw, source)} → {_label(fw, target)}"


def _link_parts(fw: Framework, source: str, target: str) -> tuple[str | Box, ...]:
    return (_box(fw, source), " → ", _box(fw, target))


def _new_link(fw: Framework, source: str, target: str) -> Where:
    """A link an edit would add (it is not in the framework yet: it takes the next place)."""
    return Where("new link", len(fw.links), (_box(fw, source), _box(fw, target)))


def _require_node(fw: Framework, node_id: str) -> Node:
    try:
        return fw.node_by_id[node_id]
    except KeyError:
        raise FrameworkError([Problem.about("", "no box has the id ", Box(node_id))]) from None


def _link_index(fw: Framework, source: str, target: str) -> int:
    try:
        return fw.link_pairs.index((source, target))
    except ValueError:
        words, where = _link_parts(fw, source, target), _new_link(fw, source, target)
        raise FrameworkError([Problem.about("", "there is no link ", *words, where=where)]) from None


# --- ids ---------------------------------------------------------------------------------------


def suggest_id(fw: Framework, label: str, taken: Iterable[str] = ()) -> str:
    """An unused box id made from a label (``logicmodel.core.ids.new_id``), for boxes the user names but does not
    number; ``taken`` are ids already given to boxes not yet in ``fw``.

    >>> fw = new_framework("T")
    >>> suggest_id(fw, "Free swimming for children (summer)")
    'free-swimming-for-children-summer'
    >>> suggest_id(add_node(fw, {"id": "walks", "level": "activity", "label": "Walks"}), "Walks")
    'walks-2'
    """
    return new_id(label, {*fw.node_by_id, *taken})


# --- meta ------------------------------------------------------------------------------------


def update_meta(fw: Framework, /, **changes: Any) -> Framework:
    """Change the framework's details (title, organisation, area, description, authors, tags...)."""
    meta = _changed(fw.meta, changes)
    return replace_parts(fw, meta=meta)


# --- nodes -----------------------------------------------------------------------------------


def add_node(fw: Framework, node: Fields | Node) -> Framework:
    """Add a box. Refused when its id is taken or its level or a stakeholder is unknown."""
    node = _model(Node, node)
    if node.id in fw.node_by_id:
        raise FrameworkError([_taken(fw, node.id)])
    _require_level(fw, node.level)
    return replace_parts(fw, nodes=[*fw.nodes, node])


def _taken(fw: Framework, node_id: str) -> Problem:
    """An id already in use: the problem names the box that has it."""
    index = next(i for i, n in enumerate(fw.nodes) if n.id == node_id)
    return Problem(
        "id", f"a box with the id '{node_id}' already exists", where=Where("box", index, (_box(fw, node_id),), "id")
    )


def _require_level(fw: Framework, level_id: str) -> None:
    if level_id not in fw.level_rank:
        known = ", ".join(level.label for level in fw.levels)
        raise FrameworkError([Problem("level", f"no level has the id '{level_id}' (levels: {known})")])


def update_node(fw: Framework, node_id: str, /, **changes: Any) -> Framework:
    """Change a box's fields (not its id: see ``rename_node``). Refused if a link would then run backwards."""
    if "id" in changes and changes["id"] != node_id:
        raise FrameworkError([Problem("id", "change an id with rename_node, which also rewrites its links")])
    old = _require_node(fw, node_id)
    node = _changed(old, changes)
    if node.level != old.level:
        _require_level(fw, node.level)
    nodes = [node if n.id == node_id else n for n in fw.nodes]
    return replace_parts(fw, nodes=nodes)


def delete_node(fw: Framework, node_id: str) -> Framework:
    """Delete a box and every link to or from it (``delete_node_impact`` says which)."""
    _require_node(fw, node_id)
    nodes = [n for n in fw.nodes if n.id != node_id]
    links = [link for link in fw.links if node_id not in (link.source, link.target)]
    return replace_parts(fw, nodes=nodes, links=links, stories=stories_without_box(fw.stories, node_id))


def delete_node_impact(fw: Framework, node_id: str) -> str:
    """What deleting a box also changes, in a sentence to show before the user confirms."""
    _require_node(fw, node_id)
    pairs = [(s, t) for s, t in fw.link_pairs if node_id in (s, t)]
    stories = (" " + story_impact(fw, node_id)).rstrip()
    if not pairs:
        return f"Deleting {_label(fw, node_id)} removes no links: it has none.{stories}"
    return (
        f"Deleting {_label(fw, node_id)} also removes {plural(len(pairs), 'link')}: {_list_links(fw, pairs)}.{stories}"
    )


def rename_node(fw: Framework, old_id: str, new_id: str) -> Framework:
    """Give a box a new id, rewriting every link that uses it."""
    node = _require_node(fw, old_id)
    if new_id == old_id:
        return fw
    if new_id in fw.node_by_id:
        raise FrameworkError([_taken(fw, new_id)])
    renamed = _changed(node, {"id": new_id})
    nodes = [renamed if n.id == old_id else n for n in fw.nodes]
    links = [
        link.model_copy(
            update={
                "source": new_id if link.source == old_id else link.source,
                "target": new_id if link.target == old_id else link.target,
            }
        )
        if old_id in (link.source, link.target)
        else link
        for link in fw.links
    ]
    stories = stories_with_box_renamed(fw.stories, old_id, new_id)
    return replace_parts(fw, nodes=nodes, links=links, stories=stories)


def rename_node_impact(fw: Framework, old_id: str, new_id: str) -> str:
    """What renaming a box's id changes: the links that use it are rewritten."""
    _require_node(fw, old_id)
    count = sum(1 for s, t in fw.link_pairs if old_id in (s, t))
    told = sum(1 for story in fw.stories if any(old_id in step.nodes for step in story.steps))
    stories = f" and {plural(told, 'story', 'stories')}" if told else ""
    return f"Changing the id '{old_id}' to '{new_id}' rewrites {plural(count, 'link')}{stories} that use it."


def _list_links(fw: Framework, pairs: list[tuple[str, str]]) -> str:
    shown = "; ".join(_link_words(fw, s, t) for s, t in pairs[:MAX_LISTED])
    hidden = len(pairs) - MAX_LISTED
    return f"{shown} and {hidden} more" if hidden > 0 else shown


# --- links -----------------------------------------------------------------------------------


def allowed_targets(fw: Framework, source_id: str) -> list[str]:
    """The boxes a new link from ``source_id`` may go to, in the framework's order: those the rule for links
    (``logicmodel.core.rules.link_refusal``) allows. One search of the framework, so linear in its size."""
    return [n.id for n, refusal in _targets(fw, source_id) if refusal is None]


def unavailable_targets(fw: Framework, source_id: str) -> list[tuple[str, str]]:
    """The boxes a new link from ``source_id`` may not go to, each with the reason, in the framework's order.

    The complement of ``allowed_targets``: it tells the user why a box they
    expected is not offered (the box itself, an earlier level, already linked, or a loop).
    """
    return [
        (n.id, _joined(target_words(fw, refusal, source_id, n.id)))
        for n, refusal in _targets(fw, source_id)
        if refusal is not None
    ]


def _targets(fw: Framework, source_id: str) -> list[tuple[Node, Refusal | None]]:
    """Every box with why a new link from ``source_id`` to it is refused (None: it is allowed)."""
    _require_node(fw, source_id)
    rank = fw.node_rank
    linked = {(source_id, target) for target in to_graph(fw).succ[source_id]}
    upstream = reaching(fw, [source_id])  # includes source_id itself
    return [(n, link_refusal(rank, source_id, n.id, linked, upstream)) for n in fw.nodes]


def _joined(parts: tuple[str | Box, ...]) -> str:
    return Problem.worded("", *parts).message


def add_link(fw: Framework, link: Fields | Link) -> Framework:
    """Add a link. Refused, with the reason, when it is to itself, backwards, repeated or makes a loop
    (``logicmodel.core.rules.new_link_problem``: the problem names the new link's boxes, as ``grid.link_to``'s does)."""
    link = _model(Link, link)
    for node_id in (link.source, link.target):
        _require_node(fw, node_id)
    problem = new_link_problem(fw, link.source, link.target)
    if problem is not None:
        raise FrameworkError([problem])
    return replace_parts(fw, links=[*fw.links, link])


def update_link(fw: Framework, source: str, target: str, /, **changes: Any) -> Framework:
    """Change a link's rationale, assumptions or strength (to change its ends, delete it and add another)."""
    if {"source", "target"} & set(changes):
        raise FrameworkError([Problem("", "to change where a link runs, delete it and add a new one")])
    index = _link_index(fw, source, target)
    links = list(fw.links)
    links[index] = _changed(links[index], changes)
    return replace_parts(fw, links=links)


def delete_link(fw: Framework, source: str, target: str) -> Framework:
    """Delete the link from ``source`` to ``target``."""
    index = _link_index(fw, source, target)
    return replace_parts(fw, links=fw.links[:index] + fw.links[index + 1 :])


# --- levels ----------------------------------------------------------------------------------


def add_level(fw: Framework, level: Fields | Level, position: int | None = None) -> Framework:
    """Add a level (a column), at the end or at ``position`` (0 for the first)."""
    level = _model(Level, level)
    if level.id in fw.level_rank:
        raise FrameworkError([Problem("id", f"a level with the id '{level.id}' already exists")])
    levels = list(fw.levels)
    levels.insert(len(levels) if position is None else position, level)
    return replace_parts(fw, levels=levels)


def update_level(fw: Framework, level_id: str, /, **changes: Any) -> Framework:
    """Change a level's label or kind (its id is what boxes refer to, so it stays)."""
    if "id" in changes and changes["id"] != level_id:
        raise FrameworkError([Problem("id", "a level's id cannot be changed; change its label instead")])
    index = _level_index(fw, level_id)
    levels = list(fw.levels)
    levels[index] = _changed(levels[index], changes)
    return replace_parts(fw, levels=levels)


def move_level(fw: Framework, level_id: str, position: int) -> Framework:
    """Move a level to ``position``. Refused if a link would then run backwards."""
    index = _level_index(fw, level_id)
    levels = list(fw.levels)
    level = levels.pop(index)
    levels.insert(max(0, min(position, len(levels))), level)
    return replace_parts(fw, levels=levels)


def delete_level(fw: Framework, level_id: str) -> Framework:
    """Delete an empty level. Refused while boxes are at it (``delete_level_impact`` says how many)."""
    index = _level_index(fw, level_id)
    count = sum(1 for n in fw.nodes if n.level == level_id)
    if count:
        raise FrameworkError(
            [
                Problem(
                    "",
                    f"{plural(count, 'box')} {'is' if count == 1 else 'are'} at this level: move or delete them first",
                )
            ]
        )
    if len(fw.levels) == 1:
        raise FrameworkError([Problem("", "a framework needs at least one level")])
    return replace_parts(fw, levels=fw.levels[:index] + fw.levels[index + 1 :])


def delete_level_impact(fw: Framework, level_id: str) -> str:
    """Whether a level can be deleted, in a sentence."""
    index = _level_index(fw, level_id)
    count = sum(1 for n in fw.nodes if n.level == level_id)
    label = fw.levels[index].label
    if count:
        return f"'{label}' holds {plural(count, 'box')}: move or delete them before deleting the level."
    return f"'{label}' is empty: deleting it changes nothing else."


def _level_index(fw: Framework, level_id: str) -> int:
    try:
        return fw.level_ids.index(level_id)
    except ValueError:
        raise FrameworkError([Problem("", f"no level has the id '{level_id}'")]) from None


# --- stakeholders ----------------------------------------------------------------------------


def add_stakeholder(fw: Framework, stakeholder: Fields | Stakeholder) -> Framework:
    """Add a stakeholder (a commissioner, provider, partner, funder or community)."""
    stakeholder = _model(Stakeholder, stakeholder)
    if any(s.id == stakeholder.id for s in fw.stakeholders):
        raise FrameworkError([Problem("id", f"a stakeholder with the id '{stakeholder.id}' already exists")])
    return replace_parts(fw, stakeholders=[*fw.stakeholders, stakeholder])


def update_stakeholder(fw: Framework, stakeholder_id: str, /, **changes: Any) -> Framework:
    """Change a stakeholder's name or role (its id is what boxes refer to, so it stays)."""
    if "id" in changes and changes["id"] != stakeholder_id:
        raise FrameworkError([Problem("id", "a stakeholder's id cannot be changed; change its name instead")])
    index = _stakeholder_index(fw, stakeholder_id)
    stakeholders = list(fw.stakeholders)
    stakeholders[index] = _changed(stakeholders[index], changes)
    return replace_parts(fw, stakeholders=stakeholders)


def delete_stakeholder(fw: Framework, stakeholder_id: str) -> Framework:
    """Delete a stakeholder and take it off every box it was attached to; an outcome's valuation that named it
    as the beneficiary then says none (the appraisal lists it as not said)."""
    index = _stakeholder_index(fw, stakeholder_id)
    nodes = [_without_stakeholder(n, stakeholder_id) for n in fw.nodes]
    return replace_parts(fw, stakeholders=fw.stakeholders[:index] + fw.stakeholders[index + 1 :], nodes=nodes)


def _without_stakeholder(node: Node, stakeholder_id: str) -> Node:
    """A box with the stakeholder taken off it, and out of its valuation as the beneficiary."""
    changes: dict[str, Any] = {}
    if stakeholder_id in node.stakeholders:
        changes["stakeholders"] = [s for s in node.stakeholders if s != stakeholder_id]
    if node.valuation is not None and node.valuation.beneficiary == stakeholder_id:
        changes["valuation"] = node.valuation.model_copy(update={"beneficiary": None})
    return _changed(node, changes) if changes else node


def delete_stakeholder_impact(fw: Framework, stakeholder_id: str) -> str:
    """What deleting a stakeholder also changes: the boxes it is taken off, the valuations it gains from."""
    index = _stakeholder_index(fw, stakeholder_id)
    name = fw.stakeholders[index].name
    labels = [f"'{n.label}'" for n in fw.nodes if stakeholder_id in n.stakeholders]
    gains = [f"'{n.label}'" for n in fw.nodes if n.valuation is not None and n.valuation.beneficiary == stakeholder_id]
    one = len(gains) == 1
    also = (
        f" {_listed(gains)} then {'has' if one else 'have'} no beneficiary in {'its' if one else 'their'} valuation."
        if gains
        else ""
    )
    if not labels:
        return f"Deleting '{name}' changes no boxes: none is attached to it.{also}"
    return f"Deleting '{name}' also takes it off {plural(len(labels), 'box')}: {_listed(labels)}.{also}"


def _listed(labels: list[str]) -> str:
    return ", ".join(labels[:MAX_LISTED]) + (
        f" and {len(labels) - MAX_LISTED} more" if len(labels) > MAX_LISTED else ""
    )


def _stakeholder_index(fw: Framework, stakeholder_id: str) -> int:
    for i, s in enumerate(fw.stakeholders):
        if s.id == stakeholder_id:
            return i
    raise FrameworkError([Problem("", f"no stakeholder has the id '{stakeholder_id}'")])


# --- stories ---------------------------------------------------------------------------------


def save_story(fw: Framework, story: Fields | Story) -> Framework:
    """Keep a story in the framework: replace the one with its id, or add it (a ready-made one saved, say).
    Refused when a step names a box that does not exist."""
    story = _model(Story, story)
    stories = list(fw.stories)
    at = next((i for i, s in enumerate(stories) if s.id == story.id), None)
    if at is None:
        stories.append(story)
    else:
        stories[at] = story
    return replace_parts(fw, stories=stories)


def delete_story(fw: Framework, story_id: str) -> Framework:
    """Take a story out of the framework (the boxes it showed stay)."""
    if all(s.id != story_id for s in fw.stories):
        raise FrameworkError([Problem("", f"there is no story with the id '{story_id}'")])
    return replace_parts(fw, stories=[s for s in fw.stories if s.id != story_id])
