"""One rule for which links are allowed: the reader, every edit and every grid allow and refuse the same links,
and a refused link names the same boxes whichever way the lead tried to make it."""

from __future__ import annotations

import contextlib

import pytest
from factories import link, minimal, node
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel import Framework, FrameworkError, from_data
from logicmodel.core.rules import find_problems, link_refusal
from logicmodel.core.wording import problem_line
from logicmodel.editing import edit as e
from logicmodel.editing.grid import GridChange, apply_links, level_pair, link_level_pair, link_to
from logicmodel.editing.repair import repair

LEVELS = ["activity", "intermediate", "intermediate", "strategic", "activity", "intermediate"]


def refused(call, *args):
    """The problems an edit was refused with, or None when it was made."""
    try:
        call(*args)
    except FrameworkError as err:
        return err.found
    return None


@st.composite
def frameworks(draw) -> Framework:
    """Up to six boxes over three levels (several within one level, where loops can be made) and the links
    the rules allowed of a drawn list, added one at a time."""
    count = draw(st.integers(2, 6))
    fw = from_data(minimal([node(f"b{i}", LEVELS[i], label=f"Box {i}") for i in range(count)]))
    pairs = draw(st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=10))
    for s, t in pairs:
        with contextlib.suppress(FrameworkError):  # a link the rules refuse is left out
            fw = e.add_link(fw, link(f"b{s}", f"b{t}"))
    return fw


@settings(max_examples=60, deadline=None)
@given(frameworks())
def test_the_reader_every_edit_and_every_grid_allow_the_same_links(fw: Framework) -> None:
    """For every box and every box it might lead to: offered as a target exactly when adding the link, ticking
    it (``link_to``), a row of the link grid, a tick between two levels and a file holding it are all allowed."""
    for s in fw.node_by_id:
        allowed = set(e.allowed_targets(fw, s))
        unavailable = dict(e.unavailable_targets(fw, s))
        assert allowed.isdisjoint(unavailable) and allowed | set(unavailable) == set(fw.node_by_id)
        mine = [t for a, t in fw.link_pairs if a == s]
        for t in fw.node_by_id:
            if (s, t) in fw.link_pairs:
                assert unavailable[t] == "the link already exists"
                continue
            verdicts = {
                "add_link": refused(e.add_link, fw, link(s, t)) is None,
                "link_to": refused(link_to, fw, s, [*mine, t]) is None,
                "link grid": refused(apply_links, fw, GridChange(added=[{"From": s, "Leads to": t}])) is None,
                "file": not _with_link(fw, s, t),
                "repair keeps every link": len(_repaired(fw, s, t).links) == len(fw.links) + 1,
            }
            level_s, level_t = fw.node_by_id[s].level, fw.node_by_id[t].level
            if fw.level_rank[level_t] >= fw.level_rank[level_s]:
                ticked = [*level_pair(fw, level_s, level_t).linked, (s, t)]
                verdicts["ticks"] = refused(link_level_pair, fw, level_s, level_t, ticked) is None
            assert set(verdicts.values()) == {t in allowed}, (s, t, verdicts, unavailable.get(t))


def _with_link(fw: Framework, s: str, t: str) -> list:
    """What the reader finds in the framework's file with the link from ``s`` to ``t`` added."""
    data = fw.model_dump(mode="json", exclude_none=True)
    data["links"] = [*data["links"], link(s, t)]
    try:
        return find_problems(Framework.model_validate(data))
    except FrameworkError as err:  # pragma: no cover - the file is well formed
        return err.found


def _repaired(fw: Framework, s: str, t: str) -> Framework:
    """The framework ``repair`` opens from the file with the link from ``s`` to ``t`` added."""
    data = fw.model_dump(mode="json", exclude_none=True)
    data["links"] = [*data["links"], link(s, t)]
    return repair(data)[0]


def test_the_rule_itself_has_known_answers() -> None:
    rank = {"walk": 0, "active": 2, "fitter": 2, "falls": 3}
    assert link_refusal(rank, "walk", "walk") == "itself"
    assert link_refusal(rank, "falls", "walk") == "backwards"
    assert link_refusal(rank, "walk", "falls", linked={("walk", "falls")}) == "exists"
    assert link_refusal(rank, "fitter", "active", upstream={"active", "fitter"}) == "loop"
    assert link_refusal(rank, "active", "fitter") is None and link_refusal(rank, "walk", "falls") is None


@pytest.fixture
def loop_ready() -> Framework:
    """Two intermediate outcomes, A leading to B: B to A would make a loop."""
    return from_data(
        minimal([node("a", "intermediate", label="A"), node("b", "intermediate", label="B")], [link("a", "b")])
    )


def test_a_loop_keeps_its_boxes_whichever_way_it_is_refused(loop_ready: Framework) -> None:
    """``add_link`` and ``link_to`` (the Links form's ticks) give the same problem with the same boxes; the
    link grid and the ticks between levels, each a batch at a row, name the same boxes and the same link."""
    (added,) = refused(e.add_link, loop_ready, link("b", "a"))
    (ticked,) = refused(link_to, loop_ready, "b", ["a"])
    assert ticked == added
    assert added.nodes == ("b", "a") and added.links == (("b", "a"),)
    assert added.words() == "the link 'B' → 'A' would make a loop: 'B' → 'A' → 'B'"
    (row,) = refused(apply_links, loop_ready, GridChange(added=[{"From": "B", "Leads to": "A"}]))
    (cell,) = refused(link_level_pair, loop_ready, "intermediate", "intermediate", [("a", "b"), ("b", "a")])
    for batch in (row, cell):
        assert batch.nodes == added.nodes and batch.links == added.links
    assert problem_line(row) == "Row 2, Leads to: the links would make a loop: 'A' → 'B' → 'A'"  # at its row
    assert problem_line(cell) == "Row 'B', column 'A': it already leads to 'B', so the link would make a loop"


def test_every_refusal_names_its_boxes_on_every_route() -> None:
    """A link to itself, backwards or repeated: the boxes are data on the problem, from an edit and a grid."""
    fw = from_data(minimal([node("w", label="Walks"), node("f", "strategic", label="Fewer falls")], [link("w", "f")]))
    for s, t in [("w", "w"), ("f", "w")]:
        (edit_problem,) = refused(e.add_link, fw, link(s, t))
        (tick_problem,) = refused(link_to, fw, s, [t])
        (row_problem,) = refused(apply_links, fw, GridChange(added=[{"From": s, "Leads to": t}]))
        assert tick_problem == edit_problem
        assert row_problem.nodes == edit_problem.nodes == tuple(dict.fromkeys((s, t)))
        assert row_problem.words() == edit_problem.words()  # the same words; the row says where
    (repeated,) = refused(apply_links, fw, GridChange(added=[{"From": "w", "Leads to": "f"}]))
    assert repeated.nodes == ("w", "f") and repeated.words() == "'Walks' → 'Fewer falls' is already row 1"


def test_a_file_from_another_tool_keeps_the_boxes_of_a_refused_link() -> None:
    """An import refused for a loop or a link running backwards names the boxes by label and keeps them as data,
    as an edit's refusal does (the Import page's "Open anyway" and the command line read the same problem)."""
    import json

    from logicmodel import formats

    def refusal(flat: dict, level_map: tuple = ()) -> object:
        reading = formats.Reading(level_map=level_map)
        with pytest.raises(FrameworkError) as caught:
            formats.read(formats.get("kumu"), json.dumps(flat).encode(), reading)
        (problem,) = caught.value.found
        return problem

    loop = refusal(
        {
            "elements": [{"label": "Trust", "type": "Factor"}, {"label": "Openness", "type": "Factor"}],
            "connections": [{"from": "Trust", "to": "Openness"}, {"from": "Openness", "to": "Trust"}],
        }
    )
    assert set(loop.nodes) == {"trust", "openness"}
    assert any(
        route in loop.words() for route in ("'Trust' -> 'Openness' -> 'Trust'", "'Openness' -> 'Trust' -> 'Openness'")
    )
    backwards = refusal(
        {
            "elements": [
                {"_id": "x1", "label": "Coaching", "type": "Support"},
                {"_id": "y2", "label": "Trust", "type": "Factor"},
            ],
            "connections": [{"from": "x1", "to": "y2"}],
        },
        (("Support", "output"), ("Factor", "activity")),
    )
    assert len(backwards.nodes) == 2 and backwards.links == (tuple(backwards.nodes),)
    assert backwards.words().startswith("goes backwards: 'Trust' (Activities) comes before 'Coaching' (Outputs)")
