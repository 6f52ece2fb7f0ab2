"""The layered layout: columns follow levels, chains run left to right, few crossings, same result every time."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

from logicmodel.core.limits import MAX_LINKS
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data, load
from logicmodel.core.synthetic import dense_data, synthetic_data
from logicmodel.drawing import layout as layout_module
from logicmodel.drawing.layout import (
    LINKS_STRAIGHT,
    SWAPS_CUT_SHORT,
    SWAPS_SKIPPED,
    SWEEPS_CUT_SHORT,
    count_crossings,
    layout,
)

SAMPLES = sorted((ROOT / "sample_frameworks").rglob("*.json"))
LEVELS = ("activity", "output", "intermediate", "strategic")


def _dense(per_level: int, n_links: int, seed: int = 0) -> Framework:
    """Four levels of ``per_level`` boxes and ``n_links`` random links from each level to the next."""
    return from_data(dense_data(per_level, n_links, seed))


def _framework(nodes: list[tuple[str, str]], links: list[tuple[str, str]], **extra: object) -> Framework:
    return from_data(
        {
            "schema_version": 1,
            "meta": {"title": "Test"},
            "nodes": [{"id": i, "level": level, "label": f"Box {i}"} for i, level in nodes],
            "links": [{"source": s, "target": t} for s, t in links],
            **extra,
        }
    )


def _segments(result) -> dict[int, list[tuple[float, float]]]:
    """Each link cut into column-to-column pieces, as (y at left column, y at right column)."""
    pieces: dict[int, list[tuple[float, float]]] = {}
    for link in result.links:
        source, target = link
        ys = [result.y[source]] + [y for _, y in result.routes.get(link, [])] + [result.y[target]]
        for k, (a, b) in enumerate(itertools.pairwise(ys)):
            pieces.setdefault(result.column[source] + k, []).append((a, b))
    return pieces


def _drawn_crossings(result) -> int:
    """Crossings counted pair by pair on the drawing: the slow, obvious way."""
    total = 0
    for pieces in _segments(result).values():
        for (a1, b1), (a2, b2) in itertools.combinations(pieces, 2):
            if (a1 - a2) * (b1 - b2) < 0:
                total += 1
    return total


@pytest.mark.parametrize("n_nodes", [12, 60, 200])
def test_every_link_runs_left_to_right_and_levels_keep_their_order(n_nodes: int) -> None:
    fw = from_data(synthetic_data(n_nodes, seed=n_nodes))
    result = layout(fw)
    for source, target in fw.link_pairs:
        assert result.column[source] < result.column[target]
    rank = fw.node_rank
    for a, b in itertools.combinations(fw.nodes[:60], 2):
        if rank[a.id] < rank[b.id]:
            assert result.x[a.id] < result.x[b.id]


def test_a_chain_inside_a_level_gets_one_column_per_step() -> None:
    fw = _framework(
        [("a", "activity"), ("o", "output"), ("i1", "intermediate"), ("i2", "intermediate"), ("i3", "intermediate"),
         ("s", "strategic")],
        [("a", "o"), ("o", "i1"), ("i1", "i2"), ("i2", "i3"), ("o", "i3"), ("i3", "s")],
    )  # fmt: skip
    result = layout(fw)
    assert [result.column[n] for n in ("i1", "i2", "i3", "s")] == [2, 3, 4, 5]
    assert result.x["i1"] < result.x["i2"] < result.x["i3"] < result.x["s"]
    band = next(b for b in result.bands if b.level == "intermediate")
    assert (band.first, band.count) == (2, 3)
    assert len(result.routes[("o", "i3")]) == 2  # bends in the two columns it skips


def test_the_same_framework_gives_the_same_layout() -> None:
    data = synthetic_data(300, seed=3)
    first, second = layout(from_data(data)), layout(from_data(data))
    assert first == second


@settings(max_examples=25, deadline=None)
@given(n_nodes=st.integers(5, 150), links_per_node=st.floats(1.0, 3.0), seed=st.integers(0, 10_000))
def test_crossings_never_worse_than_the_framework_order(n_nodes: int, links_per_node: float, seed: int) -> None:
    result = layout(from_data(synthetic_data(n_nodes, links_per_node, seed)))
    assert result.crossings <= result.input_crossings


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_crossings_clearly_fewer_than_the_framework_order_on_a_generated_model(seed: int) -> None:
    result = layout(from_data(synthetic_data(400, seed=seed)))
    assert result.crossings < 0.7 * result.input_crossings


@settings(max_examples=20, deadline=None)
@given(n_nodes=st.integers(4, 60), seed=st.integers(0, 10_000))
def test_reported_crossings_are_the_crossings_drawn(n_nodes: int, seed: int) -> None:
    result = layout(from_data(synthetic_data(n_nodes, seed=seed)))
    assert result.crossings == _drawn_crossings(result)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_crossing_count_matches_pair_by_pair_count(data: st.DataObject) -> None:
    """Both ways of counting (many links a box, few links a box) agree with counting pair by pair."""
    size = data.draw(st.sampled_from([6, 80]), label="boxes a column")
    box = st.integers(0, size - 1)
    pairs = data.draw(st.lists(st.tuples(box, box), max_size=25 if size < 10 else 120, unique=True), label="links")
    order = [list(range(size)), list(range(size, 2 * size))]
    succs: list[list[int]] = [[] for _ in range(2 * size)]
    for u, v in pairs:
        succs[u].append(size + v)
    slow = sum(1 for (a, b), (c, d) in itertools.combinations(pairs, 2) if (a - c) * (b - d) < 0)
    assert count_crossings(order, succs) == slow


@pytest.mark.parametrize("group_by", ["cohort", "stakeholder"])
def test_grouped_boxes_stay_together_in_each_column(group_by: str) -> None:
    data = synthetic_data(150, seed=5)
    data["stakeholders"] = [{"id": f"s{k}", "name": f"Partner {k}", "role": "partner"} for k in range(3)]
    for k, node in enumerate(data["nodes"]):
        if k % 4:
            node["stakeholders"] = [f"s{(k * 7) % 3}"]
    result = layout(from_data(data), group_by=group_by)
    for column in result.columns:
        groups = [result.group[node_id] for node_id in column]
        runs = [key for key, _ in itertools.groupby(groups)]
        assert len(runs) == len(set(runs)), f"a group is split in a column: {runs}"


def test_unknown_grouping_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="cannot group by 'colour'"):
        layout(from_data(synthetic_data(10)), group_by="colour")  # type: ignore[arg-type]


def test_only_the_chosen_boxes_and_levels_are_laid_out() -> None:
    fw = from_data(synthetic_data(80))
    chosen = [n.id for n in fw.nodes[::3]]
    result = layout(fw, node_ids=chosen, levels=["activity", "intermediate"])
    expected = {n.id for n in fw.nodes[::3] if n.level in ("activity", "intermediate")}
    assert set(result.x) == expected
    assert [b.level for b in result.bands] == ["activity", "intermediate"]
    assert all(s in expected and t in expected for s, t in result.links)


@pytest.mark.parametrize("n_nodes", [1, 30, 250])
def test_no_two_boxes_overlap(n_nodes: int) -> None:
    fw = from_data(synthetic_data(n_nodes, seed=9))
    result = layout(fw, size=lambda node: (150.0, 40.0 + 10 * (len(node.label) % 3)))
    boxes = [
        (result.x[i] - result.width[i] / 2, result.y[i] - result.height[i] / 2,
         result.x[i] + result.width[i] / 2, result.y[i] + result.height[i] / 2)
        for i in result.x
    ]  # fmt: skip
    boxes.sort()
    for k, (_x0, y0, x1, y1) in enumerate(boxes):
        for a0, b0, _a1, b1 in boxes[k + 1 :]:
            if a0 >= x1:
                break
            assert b0 >= y1 or b1 <= y0, "two boxes overlap"
    assert all(x0 >= 0 and x1 <= result.total_width + 1e-6 for x0, _, x1, _ in boxes)
    assert all(y0 >= 0 and y1 <= result.total_height + 1e-6 for _, y0, _, y1 in boxes)


def test_an_empty_framework_lays_out_empty_columns() -> None:
    result = layout(_framework([], []))
    assert result.x == {} and result.crossings == 0
    assert [b.level for b in result.bands] == ["activity", "output", "intermediate", "strategic"]


def _overlaps(result) -> list[tuple[str, str]]:
    """Boxes of one column whose extents overlap, top to bottom."""
    found = []
    for column in result.columns:
        for upper, lower in itertools.pairwise(column):
            if result.y[upper] + result.height[upper] / 2 > result.y[lower] - result.height[lower] / 2 + 1e-6:
                found.append((upper, lower))
    return found


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_samples_get_every_pass_that_untangles_links(path: Path) -> None:
    for group_by in (None, "stakeholder", "cohort"):
        result = layout(load(path), group_by=group_by)
        assert result.shortcuts == (), f"{path.name} grouped by {group_by}: {result.shortcuts}"
    assert layout(load(path)).crossings <= layout(load(path)).input_crossings


def test_a_densely_linked_framework_is_drawn_whole_and_says_the_swaps_were_cut_short() -> None:
    """1,200 boxes and the most links the format allows: neighbour swaps stop at their budget."""
    fw = _dense(300, MAX_LINKS)
    result = layout(fw, size=(150.0, 40.0))
    assert SWAPS_CUT_SHORT in result.shortcuts
    assert len(result.x) == len(fw.nodes) and len(result.links) == MAX_LINKS
    for column, level in enumerate(LEVELS):
        assert sorted(result.columns[column]) == sorted(n.id for n in fw.nodes if n.level == level)
        assert {result.x[node_id] for node_id in result.columns[column]} == {result.x[result.columns[column][0]]}
    assert _overlaps(result) == []
    assert result.crossings < result.input_crossings


def test_a_framework_too_big_for_the_swaps_says_they_were_skipped() -> None:
    result = layout(from_data(synthetic_data(2000, seed=3)))
    assert SWAPS_SKIPPED in result.shortcuts and SWAPS_CUT_SHORT not in result.shortcuts
    assert result.crossings < 0.7 * result.input_crossings
    assert _overlaps(result) == []


def test_links_left_without_bend_points_are_said_to_be_drawn_straight() -> None:
    fw = _framework([("a", "activity"), ("b", "output"), ("c", "strategic")], [("a", "b"), ("b", "c"), ("a", "c")])
    assert LINKS_STRAIGHT not in layout(fw).shortcuts
    result = layout(fw, max_bends=1)  # b -> c needs one bend point, a -> c two: a -> c goes straight
    assert LINKS_STRAIGHT in result.shortcuts
    assert (("a", "c") not in result.routes) and len(result.routes[("b", "c")]) == 1
    assert set(result.links) == set(fw.link_pairs)


def test_sweeps_out_of_budget_stop_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    fw = from_data(synthetic_data(120, seed=6))
    full = layout(fw)
    monkeypatch.setattr(layout_module, "SWEEP_FLOOR", 0)
    monkeypatch.setattr(layout_module, "SWEEP_WORK", 1)
    quick = layout(fw)
    assert SWEEPS_CUT_SHORT in quick.shortcuts and SWEEPS_CUT_SHORT not in full.shortcuts
    assert set(quick.x) == set(full.x) and _overlaps(quick) == []
    assert full.crossings <= quick.crossings <= quick.input_crossings
    assert quick.crossings == _drawn_crossings(quick)


def test_box_sizes_move_the_boxes_but_never_change_their_order_or_the_boxes_chosen() -> None:
    fw = from_data(synthetic_data(150, seed=8))
    small, big = layout(fw, size=(100.0, 30.0)), layout(fw, size=(300.0, 90.0))
    assert small.columns == big.columns and small.crossings == big.crossings
    assert big.total_width > small.total_width and big.total_height > small.total_height
    assert _overlaps(big) == [] and _overlaps(small) == []
    half = [n.id for n in fw.nodes[::2]]
    assert set(layout(fw, node_ids=half).x) == set(half)
    assert set(layout(fw, levels=["output"]).x) == {n.id for n in fw.nodes if n.level == "output"}
    assert set(layout(fw, size=(100.0, 30.0)).x) == {n.id for n in fw.nodes}
