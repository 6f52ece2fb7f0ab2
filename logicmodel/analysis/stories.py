"""Stories: a framework told one pathway at a time, for a summit or a meeting with commissioners.

A story (``models.Story``) is a list of steps, each framing a few boxes. A framework may keep its own
stories in its file; where it has none, ``ready_made_stories`` offers one per strategic outcome (the
outcome, then what leads to it, level by level, back to the activities) and one per commissioner (what
they commission, then what it leads to, level by level). Edits that delete or rename a box keep the
stories right (``stories_without_box``, ``stories_with_box_renamed``).

A step frames its boxes on a projector, so it must not hold more than a screen can show at a readable size:
the steps of a ready-made story are cut to what ``fits`` says fits (the diagram knows where boxes are,
``logicmodel.drawing.diagram.present_stories``; by default, a few boxes a step) and to what ``tells`` says the side
panel says in one part (``logicmodel.analysis.step_text``): a long step's boxes move on to the next step.

>>> from logicmodel.core.readwrite import from_data
>>> fw = from_data({"schema_version": 1, "meta": {"title": "T"},
...     "nodes": [{"id": "walk", "level": "activity", "label": "Health walks"},
...               {"id": "active", "level": "intermediate", "label": "Older people more active"},
...               {"id": "falls", "level": "strategic", "label": "Fewer falls"}],
...     "links": [{"source": "walk", "target": "active"}, {"source": "active", "target": "falls"}]})
>>> story = outcome_story(fw, "falls")
>>> [step.nodes for step in story.steps]
[('falls',), ('active', 'falls'), ('walk', 'active')]
>>> [step.title for step in story.steps]
['Fewer falls', 'What leads to it: Intermediate outcomes', 'What leads to it: Activities']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from logicmodel.core.graph import last_level_ids, reached_from, reaching, to_graph
from logicmodel.core.limits import MAX_ID, MAX_STEP_NODES, MAX_STEPS, MAX_STORIES, MAX_TITLE
from logicmodel.core.models import Framework, Step, Story

__all__ = [
    "Fits",
    "Framing",
    "Order",
    "Tells",
    "commissioner_story",
    "outcome_story",
    "ready_made_stories",
    "stories_of",
    "stories_with_box_renamed",
    "stories_without_box",
    "story_impact",
]

Fits = Callable[[Sequence[str]], bool]
"""Whether the boxes of a step, by id, fit on one screen at a readable size."""
Order = Callable[[str], float]
"""Where a box is, top to bottom, for the boxes of a step to be cut in that order."""
Tells = Callable[[Sequence[str], frozenset[str]], bool]
"""Whether what the side panel says of a step's boxes (the second set: boxes an earlier step described) fits it in
one part (``logicmodel.analysis.step_text.tells``)."""
Framing = Callable[[frozenset[str]], tuple[Fits, Order]]
"""Given every box a story shows, what fits on a screen and in what order the boxes are (the diagram lays out
each story with its boxes together, ``logicmodel.drawing.diagram.present_stories``)."""

FEW = 5
"""Boxes a step holds when nothing better says what fits (``Fits``)."""


def _few(ids: Sequence[str]) -> bool:
    return len(ids) <= FEW


def _anything(ids: Sequence[str], told: frozenset[str]) -> bool:
    return True


def stories_of(fw: Framework) -> list[Story]:
    """The stories to offer: the framework's own, or the ready-made ones when it has none."""
    return list(fw.stories) or ready_made_stories(fw)


def ready_made_stories(
    fw: Framework,
    fits: Fits = _few,
    order: Order | None = None,
    framing: Framing | None = None,
    tells: Tells = _anything,
) -> list[Story]:
    """One story per strategic outcome (the last level's boxes), then one per commissioner with boxes; at
    most ``MAX_STORIES``. ``order`` sorts a step's boxes (top to bottom on screen); by default, the
    framework's order. ``framing``, when given, says both for each story's boxes instead. ``tells`` says
    whether the side panel holds what a step says (by default, anything)."""
    stories: list[Story] = []
    taken: set[str] = set()
    for node_id in last_level_ids(fw)[:MAX_STORIES]:
        stories.append(outcome_story(fw, node_id, fits, order, taken, framing, tells))
    for stakeholder in fw.stakeholders:
        if stakeholder.role == "commissioner" and len(stories) < MAX_STORIES:
            story = commissioner_story(fw, stakeholder.id, fits, order, taken, framing, tells)
            if story is not None:
                stories.append(story)
    return stories


def _id(prefix: str, name: str, taken: set[str]) -> str:
    """A story id from a box's or stakeholder's id, short enough for the format and not taken."""
    base = f"{prefix}-{name}"[:MAX_ID]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = base[: MAX_ID - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def _position(fw: Framework, order: Order | None) -> Order:
    if order is not None:
        return order
    index = {node.id: i for i, node in enumerate(fw.nodes)}
    return index.__getitem__


def outcome_story(
    fw: Framework,
    node_id: str,
    fits: Fits = _few,
    order: Order | None = None,
    taken: set[str] | None = None,
    framing: Framing | None = None,
    tells: Tells = _anything,
) -> Story:
    """The outcome ``node_id``, then what leads to it level by level back to the activities: each step the
    boxes of one level on its pathway, with the boxes already shown that they lead to (so their links show)."""
    node = fw.node_by_id[node_id]
    rank = fw.node_rank
    kinds = fw.level_kinds
    shown = {node_id}
    before = reaching(fw, [node_id]) - shown
    before = {b for b in before if kinds.get(fw.node_by_id[b].level) != "input"}
    succ = to_graph(fw)._succ
    if framing is not None:
        fits, order = framing(frozenset(before | shown))
    first = Step(nodes=(node_id,), title=_short(node.label), note=_outcome_note(fw, node_id, before))
    steps = [first]
    for level_rank in sorted({rank[b] for b in before}, reverse=True):
        level = fw.levels[level_rank]
        new = [b for b in before if rank[b] == level_rank]
        title = f"What leads to it: {level.label}"
        says = _told(tells, shown)
        steps += _level_steps(new, succ, shown, fits, _position(fw, order), title, says)
        shown.update(new)
    story_id = _id("outcome", node_id, taken if taken is not None else set())
    return Story(id=story_id, title=_short(node.label), steps=steps[:MAX_STEPS])


def _outcome_note(fw: Framework, node_id: str, before: set[str]) -> str:
    kinds = fw.level_kinds
    activities = sum(1 for b in before if kinds.get(fw.node_by_id[b].level) == "activity")
    level = fw.level_label(fw.node_by_id[node_id].level)
    if not before:
        return f"One of the {level.lower()}. Nothing in the framework leads to it yet."
    lead = "leads" if len(before) == 1 else "lead"
    return (
        f"One of the {level.lower()}. {_count(len(before), 'box', 'boxes')} {lead} to it, "
        f"starting from {_count(activities, 'activity', 'activities')}; the next steps walk back to them."
    )


def commissioner_story(
    fw: Framework,
    stakeholder_id: str,
    fits: Fits = _few,
    order: Order | None = None,
    taken: set[str] | None = None,
    framing: Framing | None = None,
    tells: Tells = _anything,
) -> Story | None:
    """What a commissioner's boxes are, then what they lead to, level by level; None if it has no boxes."""
    stakeholder = next(s for s in fw.stakeholders if s.id == stakeholder_id)
    own = [n.id for n in fw.nodes if stakeholder_id in n.stakeholders]
    if not own:
        return None
    rank = fw.node_rank
    after = reached_from(fw, own)
    pred = to_graph(fw)._pred
    if framing is not None:
        fits, order = framing(frozenset(after))
    shown: set[str] = set()
    steps: list[Step] = []
    for i, level_rank in enumerate(sorted({rank[b] for b in after})):
        level = fw.levels[level_rank]
        new = [b for b in after if rank[b] == level_rank]
        words = f"What {stakeholder.name} is part of: {level.label}" if i == 0 else f"What it leads to: {level.label}"
        says = _told(tells, shown)
        steps += _level_steps(new, pred, shown, fits, _position(fw, order), _short(words, 190), says)
        shown.update(new)
    note = f"{_count(len(own), 'box', 'boxes')} of the framework name {stakeholder.name}."
    steps[0] = steps[0].model_copy(update={"note": note})
    title = _short(f"What {stakeholder.name} commissions, and what it leads to")
    story_id = _id("commissioner", stakeholder_id, taken if taken is not None else set())
    return Story(id=story_id, title=title, steps=steps[:MAX_STEPS])


def _told(tells: Tells, shown: set[str]) -> Fits:
    """Whether the side panel holds what a step says, the boxes ``shown`` by earlier levels already described."""
    told = frozenset(shown)
    return lambda ids: tells(ids, told)


def _level_steps(
    new: list[str],
    neighbours: dict[str, dict],
    shown: set[str],
    fits: Fits,
    order: Order,
    title: str,
    says: Fits = lambda ids: True,
) -> list[Step]:
    """Steps showing the boxes ``new`` of one level, each with the boxes already shown that they link to,
    cut so that each step fits the screen (``fits``) and a box joins a step only if the side panel still holds
    what the step says (``says``; a box alone, with the boxes it links to, makes a step whatever it says: its
    text is then told in parts); boxes in ``order``."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for box in sorted(new, key=order):
        linked = sorted((n for n in neighbours[box] if n in shown), key=order)
        candidate = _union(current, [box, *linked])
        if len(candidate) <= MAX_STEP_NODES and fits(candidate) and (not current or says(candidate)):
            current = candidate
            continue
        if current:
            chunks.append(current)
        current = [box]
        for other in linked:  # alone: as many of the boxes it links to as fit beside it
            if fits(_union(current, [other])) and len(current) < MAX_STEP_NODES:
                current = _union(current, [other])
    if current:
        chunks.append(current)
    if len(chunks) == 1:
        return [Step(nodes=tuple(chunks[0]), title=title)]
    return [Step(nodes=tuple(c), title=f"{title} ({i} of {len(chunks)})") for i, c in enumerate(chunks, 1)]


def _short(text: str, most: int = MAX_TITLE) -> str:
    """``text`` cut to a title's length, "…" ending a cut one."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _union(first: list[str], more: Iterable[str]) -> list[str]:
    seen = set(first)
    return first + [m for m in more if not (m in seen or seen.add(m))]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def stories_without_box(stories: Sequence[Story], node_id: str) -> list[Story]:
    """``stories`` once a box is deleted: it leaves every step; a step left with no box goes, and a story
    left with no step goes too (``story_impact`` says which, before the user confirms).

    >>> story = Story(id="s", title="S", steps=[Step(nodes=["a", "b"]), Step(nodes=["a"])])
    >>> [[step.nodes for step in s.steps] for s in stories_without_box([story], "a")]
    [[('b',)]]
    """
    kept = []
    for story in stories:
        if not any(node_id in step.nodes for step in story.steps):
            kept.append(story)
            continue
        steps = [
            step.model_copy(update={"nodes": tuple(n for n in step.nodes if n != node_id)})
            for step in story.steps
            if step.nodes != (node_id,) and set(step.nodes) != {node_id}
        ]
        if steps:
            kept.append(story.model_copy(update={"steps": tuple(steps)}))
    return kept


def stories_with_box_renamed(stories: Sequence[Story], old_id: str, new_id: str) -> list[Story]:
    """``stories`` with a box's old id replaced by its new one in every step."""
    renamed = []
    for story in stories:
        if any(old_id in step.nodes for step in story.steps):
            steps = tuple(
                step.model_copy(update={"nodes": tuple(new_id if n == old_id else n for n in step.nodes)})
                for step in story.steps
            )
            story = story.model_copy(update={"steps": steps})
        renamed.append(story)
    return renamed


def story_impact(fw: Framework, node_id: str) -> str:
    """What deleting a box does to the framework's stories, in a sentence ("" when no story shows it).

    >>> from logicmodel.core.readwrite import from_data
    >>> fw = from_data({"schema_version": 1, "meta": {"title": "T"}, "links": [],
    ...     "nodes": [{"id": "a", "level": "activity", "label": "A"}, {"id": "b", "level": "activity", "label": "B"}],
    ...     "stories": [{"id": "s", "title": "Summit", "steps": [{"nodes": ["a"]}, {"nodes": ["a", "b"]}]}]})
    >>> story_impact(fw, "a")
    "It also leaves the story 'Summit', which loses 1 step."
    """
    words = []
    for story in fw.stories:
        using = [step for step in story.steps if node_id in step.nodes]
        if not using:
            continue
        emptied = sum(1 for step in using if set(step.nodes) == {node_id})
        if emptied == len(story.steps):
            words.append(f"the story '{story.title}', which is deleted (it shows only this box)")
        elif emptied:
            words.append(f"the story '{story.title}', which loses {_count(emptied, 'step', 'steps')}")
        else:
            words.append(f"the story '{story.title}'")
    if not words:
        return ""
    return "It also leaves " + "; ".join(words) + "."
