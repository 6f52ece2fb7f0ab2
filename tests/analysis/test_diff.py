"""Compare: a framework against itself is the same; against an edited copy the difference is exactly the edits;
boxes re-numbered in an adapted copy are matched by label, saying which rule matched; the command line's exit
status says equal (0), different (1) or trouble (2)."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.analysis.diff import compare, union
from logicmodel.cli.main import main
from logicmodel.core.models import Link, Node
from logicmodel.core.readwrite import from_data, save
from logicmodel.core.samples import find, samples
from logicmodel.core.synthetic import synthetic_data

BASE = from_data(synthetic_data(40))


def test_every_sample_against_itself_is_the_same():
    for sample in samples():
        fw = sample.load()
        assert compare(fw, fw).is_empty()


@settings(max_examples=40, deadline=None)
@given(
    removed=st.sets(st.integers(0, 39), max_size=4),
    relabelled=st.sets(st.integers(0, 39), max_size=4),
    added=st.integers(0, 3),
    new_title=st.booleans(),
)
def test_an_edited_copy_differs_by_exactly_the_edits(removed, relabelled, added, new_title):
    relabelled -= removed
    nodes = []
    for i, node in enumerate(BASE.nodes):
        if i in removed:
            continue
        nodes.append(node.model_copy(update={"label": f"Quite different words {i}"}) if i in relabelled else node)
    gone = {BASE.nodes[i].id for i in removed}
    links = [k for k in BASE.links if k.source not in gone and k.target not in gone]
    new = [Node(id=f"new-{k}", level="strategic", label=f"A new strategic outcome number {k}") for k in range(added)]
    new_links = [Link(source=BASE.nodes[0].id, target=n.id) for n in new if BASE.nodes[0].id not in gone]
    meta = BASE.meta.model_copy(update={"title": "Renamed"}) if new_title else BASE.meta
    edited = BASE.model_copy(update={"nodes": (*nodes, *new), "links": (*links, *new_links), "meta": meta})
    diff = compare(BASE, edited)
    assert sorted(n.id for n in diff.removed) == sorted(gone)
    assert sorted(n.id for n in diff.added) == sorted(n.id for n in new)
    assert sorted(c.second for c in diff.changed) == sorted(BASE.nodes[i].id for i in relabelled)
    assert all([f.field for f in c.fields] == ["label"] and c.rule == "same id" for c in diff.changed)
    assert len(diff.links_removed) == len(BASE.links) - len(links)
    assert diff.links_added == new_links and not diff.links_changed
    assert [c.field for c in diff.details] == (["title"] if new_title else [])
    assert diff.is_empty() == (not (removed or relabelled or added or new_title))


def test_renumbered_boxes_are_matched_by_label_and_say_so():
    fw = find("enfield").load()
    renamed = {n.id: f"x-{n.id}" for n in fw.nodes}
    nodes = [n.model_copy(update={"id": renamed[n.id]}) for n in fw.nodes]
    nodes[0] = nodes[0].model_copy(update={"label": nodes[0].label + "s"})
    links = [k.model_copy(update={"source": renamed[k.source], "target": renamed[k.target]}) for k in fw.links]
    copy = fw.model_copy(update={"nodes": tuple(nodes), "links": tuple(links)})
    diff = compare(fw, copy)
    assert not diff.added and not diff.removed and not diff.links_added and not diff.links_removed
    rules = {m.rule for m in diff.matches}
    assert "same label" in rules and any(rule.startswith("similar label (0.9") for rule in rules)
    (relabelled,) = [c for c in diff.changed if c.fields]
    assert relabelled.second == nodes[0].id and [f.field for f in relabelled.fields] == ["label"]


def test_the_union_draws_removed_boxes_beside_the_second_framework():
    fw = find("enfield").load()
    smaller = fw.model_copy(
        update={
            "nodes": fw.nodes[1:],
            "links": tuple(k for k in fw.links if fw.nodes[0].id not in (k.source, k.target)),
        }
    )
    both = union(fw, smaller, compare(fw, smaller))
    assert {n.id for n in both.nodes} == {n.id for n in fw.nodes} and set(both.links) == set(fw.links)


def test_diff_on_the_command_line_exits_0_1_or_2(tmp_path):
    fw = find("enfield").load()
    save(fw, tmp_path / "a.json")
    edited = fw.model_copy(update={"meta": fw.meta.model_copy(update={"area": "North Enfield"})})
    save(edited, tmp_path / "b.json")
    out = io.StringIO()
    assert main(["diff", str(tmp_path / "a.json"), str(tmp_path / "a.json")], out) == 0
    assert out.getvalue() == "the same framework\n"
    out = io.StringIO()
    assert main(["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json")], out) == 1
    assert out.getvalue() == "details: area changed from 'Enfield' to 'North Enfield'\n"
    out = io.StringIO()
    assert main(["diff", "--json", str(tmp_path / "a.json"), str(tmp_path / "b.json")], out) == 1
    data = json.loads(out.getvalue())
    assert data["equal"] is False and data["details"] == [
        {"field": "area", "before": "Enfield", "after": "North Enfield"}
    ]
    assert main(["diff", str(tmp_path / "a.json"), str(tmp_path / "none.json")], io.StringIO()) == 2


def test_stories_benefits_and_evidence_behind_a_link_changed_are_differences_too():
    from logicmodel.core.models import Benefit, Evidence, Step, Story
    from logicmodel.core.samples import find

    fw = find("enfield").load()
    story = Story(id="walk", title="A walk", steps=(Step(nodes=(fw.nodes[0].id,)),))
    before = fw.model_copy(update={"stories": (story,)})
    links = list(fw.links)
    links[0] = links[0].model_copy(update={"evidence": (Evidence(title="A study"),)})
    nodes = list(fw.nodes)
    nodes[1] = nodes[1].model_copy(update={"benefit": Benefit(amount=1000, basis="avoided falls")})
    after = fw.model_copy(
        update={
            "stories": (story.model_copy(update={"title": "A longer walk"}),),
            "links": tuple(links),
            "nodes": tuple(nodes),
        }
    )
    diff = compare(before, after)
    assert [c.field for c in diff.stories] == ["walk.title"] and [f.field for c in diff.changed for f in c.fields] == [
        "benefit"
    ]
    assert [f.field for c in diff.links_changed for f in c.fields] == ["evidence.1"]  # the first piece
    assert diff.in_words() == "1 box changed, 1 link changed, 1 story changed"
    assert "story walk title: 'A walk' -> 'A longer walk'" in diff.lines(before, after)
