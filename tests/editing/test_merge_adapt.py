"""Merge is idempotent, merges identical parts, renames and reports clashing ids, and refuses what would not be
valid; adapt relabels, records its source in meta.provenance (round-tripped) and leaves out what does not apply."""

from __future__ import annotations

import io

import pytest

from logicmodel import formats
from logicmodel.cli.main import main
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Link, Node
from logicmodel.core.readwrite import dumps, load, loads, save
from logicmodel.core.samples import find, samples
from logicmodel.editing.adapt import adapt
from logicmodel.editing.merge import merge

ENFIELD = find("enfield").load()
SLOUGH = find("slough").load()


@pytest.mark.parametrize("theirs", samples(), ids=lambda s: s.name)
def test_merging_is_idempotent_and_keeps_every_box_of_both(theirs):
    other = theirs.load()
    merged, _ = merge(ENFIELD, other)
    assert merge(merged, other)[0] == merged
    assert merge(merged, ENFIELD)[0] == merged
    assert merge(ENFIELD, ENFIELD) == (ENFIELD, [])
    labels = {n.label for n in merged.nodes}
    assert {n.label for n in ENFIELD.nodes} <= labels and {n.label for n in other.nodes} <= labels


def test_a_clashing_id_is_renamed_and_reported_and_its_links_follow():
    mine = ENFIELD
    first = mine.nodes[0]
    clash = Node(id=first.id, level=first.level, label="Something else entirely")
    theirs = mine.model_copy(update={"nodes": (*mine.nodes, clash)[1:]})  # same id, other words
    theirs = theirs.model_copy(update={"links": tuple(k for k in mine.links if first.id not in (k.source, k.target))})
    theirs = theirs.model_copy(update={"links": (*theirs.links, Link(source=first.id, target=mine.nodes[-1].id))})
    merged, report = merge(mine, theirs)
    renamed = f"{first.id}-theirs"
    assert merged.node_by_id[renamed].label == "Something else entirely"
    assert f"box 'Something else entirely': their id '{first.id}' is one of mine, so it is '{renamed}'" in report
    assert (renamed, mine.nodes[-1].id) in merged.link_pairs


def test_a_merge_that_would_not_be_valid_is_refused_with_the_reasons():
    a, b = ENFIELD.nodes[0], ENFIELD.nodes[-1]
    backwards = ENFIELD.model_copy(update={"links": (Link(source=b.id, target=a.id),)})
    with pytest.raises(FrameworkError) as caught:
        merge(ENFIELD, backwards.model_copy(update={"nodes": ENFIELD.nodes}))
    assert str(caught.value).startswith("the merge was refused") and "goes backwards" in str(caught.value)


def test_adapt_relabels_records_the_source_and_leaves_out_what_does_not_apply():
    mine, report = adapt(
        SLOUGH,
        title="Active Windsor",
        organisation="Royal Borough of Windsor and Maidenhead",
        authors=["A. Officer"],
        leave_out=[SLOUGH.nodes[0].id],
        date="2026-11-23",
    )
    assert (mine.meta.title, mine.meta.organisation, mine.meta.authors) == (
        "Active Windsor",
        "Royal Borough of Windsor and Maidenhead",
        ("A. Officer",),
    )
    (source,) = mine.meta.provenance
    assert (source.title, source.organisation, source.date) == (
        SLOUGH.meta.title,
        SLOUGH.meta.organisation,
        "2026-11-23",
    )
    assert SLOUGH.nodes[0].id not in mine.node_by_id and report[0] == f"box '{SLOUGH.nodes[0].label}': left out"
    assert loads(dumps(mine)) == mine  # provenance is part of the file
    xlsx = formats.get("xlsx")
    assert formats.read(xlsx, xlsx.write(mine, formats.Choices())) == mine


def test_merge_and_adapt_on_the_command_line(tmp_path):
    save(ENFIELD, tmp_path / "mine.json")
    save(SLOUGH, tmp_path / "theirs.json")
    out = io.StringIO()
    argv = ["merge", str(tmp_path / "mine.json"), str(tmp_path / "theirs.json"), "-o", str(tmp_path / "out.json")]
    assert main(argv, out) == 0
    assert load(tmp_path / "out.json") == merge(ENFIELD, SLOUGH)[0]
    assert out.getvalue().splitlines()[-1].endswith(f"out.json: written ({len(merge(ENFIELD, SLOUGH)[0].nodes)} boxes, "
                                                    f"{len(merge(ENFIELD, SLOUGH)[0].links)} links)")  # fmt: skip
    out = io.StringIO()
    argv = ["adapt", str(tmp_path / "theirs.json"), "--title", "Active Windsor", "--leave-out", "nope", "-o", "x.json"]
    assert main(argv, out) == 1 and "no box or level has the id nope" in out.getvalue()
    argv = ["adapt", str(tmp_path / "theirs.json"), "--title", "Active Windsor", "--leave-out-level", "strategic",
            "-o", str(tmp_path / "adapted.json")]  # fmt: skip
    assert main(argv, io.StringIO()) == 0
    adapted = load(tmp_path / "adapted.json")
    assert adapted.meta.provenance[0].title == SLOUGH.meta.title
    assert not [n for n in adapted.nodes if n.level == "strategic"]


def test_adapt_leaves_out_the_source_areas_measurements_delivery_and_area_code_and_says_so():
    """Another council's figures are never shown as mine: what was measured and delivered there stays there."""
    from paths import ROOT

    source = load(ROOT / "tests" / "fixtures" / "v1" / "additions" / "measurements.json")
    mine, report = adapt(source, title="Active Elsewhere", date="2026-12-06")
    assert mine.meta.area_code is None
    assert all(not i.measurements for n in mine.nodes for i in n.indicators)
    assert all(not n.delivery for n in mine.nodes)
    assert [i.fingertips_id for i in mine.node_by_id["active"].indicators] == [93015, None]  # the same indicator
    assert "box 'Health walks': 2 period(s) of delivery left out: they are the source's" in report
    assert "box 'Fewer inactive adults': 3 measurement(s) left out: they are the source area's" in report
