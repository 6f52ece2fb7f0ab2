"""What changed between two versions, in plain words: each kind of edit is named, nothing is said of no change.

The history view and the "someone else saved first" message show these lines to a council officer, so each
names boxes, levels and stakeholders by what the officer called them, never by an id (except when the id
itself changed). hypothesis runs random runs of real edits and checks that every difference is said, and
that going back says the mirror image.
"""

from __future__ import annotations

import re

import pytest
from factories import walking
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logicmodel import FrameworkError, from_data
from logicmodel.analysis.changes import changes, in_brief
from logicmodel.core.models import Framework
from logicmodel.editing import edit as e


@pytest.fixture
def fw() -> Framework:
    return from_data(walking())


def test_no_change_says_nothing(fw):
    assert changes(fw, fw) == []
    assert changes(fw, from_data(walking())) == []


def test_adding_and_removing_a_box_names_it_and_its_level(fw):
    added = e.add_node(fw, {"id": "swim", "level": "activity", "label": "Free swimming"})
    assert changes(fw, added) == ["Added box 'Free swimming' (Activities)"]
    assert changes(added, fw) == ["Removed box 'Free swimming' (Activities)"]


def test_deleting_a_box_also_says_which_links_went(fw):
    lines = changes(fw, e.delete_node(fw, "sessions"))
    assert lines == [
        "Removed box 'Weekly walks delivered' (Outputs)",
        "Removed link Health walks → Weekly walks delivered",
        "Removed link Weekly walks delivered → More older people active",
    ]


def test_links_are_named_by_the_labels_of_their_boxes(fw):
    fw = e.add_node(fw, {"id": "swim", "level": "activity", "label": "Free swimming"})
    linked = e.add_link(fw, {"source": "swim", "target": "active"})
    assert changes(fw, linked) == ["Added link Free swimming → More older people active"]
    assert changes(linked, fw) == ["Removed link Free swimming → More older people active"]


def test_a_box_whose_label_and_level_change(fw):
    after = e.update_node(fw, "advisers", label="Activity advisers", level="output")
    assert changes(fw, after) == [
        "Changed the label of 'Active lifestyles advisers in GP surgeries' to 'Activity advisers'",
        "Moved 'Activity advisers' from Activities to Outputs",
    ]


def test_every_part_of_a_box(fw):
    after = e.update_node(
        fw,
        "walk",
        description="Weekly led walks",
        stakeholders=["ph"],
        cohorts=["Older people", "Carers"],
        indicators=[{"name": "Walkers a week"}],
        evidence=[{"title": "Walking for Health evaluation", "strength": "moderate"}],
        cost={"amount": 12000, "currency": "GBP", "period": "a year"},
        reach=1500,
        tags=["pilot"],
    )
    assert changes(fw, after) == [
        "Added a description to 'Health walks'",
        "Added stakeholder 'Public Health' to 'Health walks'",
        "Added cohort 'Carers' to 'Health walks'",
        "Added indicator 'Walkers a week' to 'Health walks'",
        "Added evidence 'Walking for Health evaluation' to 'Health walks'",
        "Set the cost of 'Health walks' to 12,000 GBP a year",
        "Set the reach of 'Health walks' to 1,500 a year",
        "Added tag 'pilot' to 'Health walks'",
    ]
    later = e.update_node(
        after,
        "walk",
        description=None,
        stakeholders=[],
        indicators=[{"name": "Walkers a week", "baseline": 40}],
        cost={"amount": 12500.5, "currency": "GBP"},
        reach=None,
    )
    assert changes(after, later) == [
        "Removed the description of 'Health walks'",
        "Took stakeholder 'Public Health' off 'Health walks'",
        "Changed indicator 'Walkers a week' of 'Health walks'",
        "Changed the cost of 'Health walks' from 12,000 GBP a year to 12,500.50 GBP",
        "Removed the reach of 'Health walks' (was 1,500 a year)",
    ]


def test_changing_a_box_id_is_one_line_and_its_links_follow_quietly(fw):
    after = e.rename_node(fw, "sessions", "weekly-walks")
    assert changes(fw, after) == ["Changed the id of 'Weekly walks delivered' from 'sessions' to 'weekly-walks'"]


def test_a_link_s_reason_assumptions_and_strength(fw):
    after = e.update_link(
        fw, "active", "falls", rationale="Stronger legs", assumptions=["Walks are brisk"], strength="moderate"
    )
    words = "the link More older people active → Fewer falls"
    assert changes(fw, after) == [
        f"Added a reason to {words}",
        f"Removed assumption 'Activity includes strength and balance' from {words}",
        f"Added assumption 'Walks are brisk' to {words}",
        f"Changed the strength of {words} from unknown to moderate",
    ]


def test_the_framework_details(fw):
    after = e.update_meta(
        fw,
        title="Active Ageing 2027",
        organisation=None,
        area="New Forest",
        description="What we fund",
        authors=["Sam Patel"],
        tags=["ageing"],
    )
    assert changes(fw, after) == [
        "Renamed the framework 'Active Ageing, New Forest' to 'Active Ageing 2027'",
        "Removed the organisation (was 'New Forest District Council')",
        "Set the area it covers to 'New Forest'",
        "Added a description to the framework",
        "Added author 'Sam Patel' to the framework",
        "Added tag 'ageing' to the framework",
    ]


def test_levels(fw):
    after = e.add_level(fw, {"id": "short", "label": "Short-term outcomes", "kind": "outcome"}, 2)
    assert changes(fw, after) == ["Added level 'Short-term outcomes'"]
    relabelled = e.update_level(after, "short", label="Early outcomes", kind="output")
    assert changes(after, relabelled) == [
        "Changed the label of level 'Short-term outcomes' to 'Early outcomes'",
        "Level 'Early outcomes' now holds outputs (it held outcomes)",
    ]
    moved = e.move_level(after, "short", 4)
    assert changes(after, moved) == [
        "Reordered the levels: Activities → Outputs → Intermediate outcomes → Strategic outcomes → Short-term outcomes"
    ]
    assert changes(after, e.delete_level(after, "short")) == ["Removed level 'Short-term outcomes'"]


def test_stakeholders(fw):
    after = e.add_stakeholder(fw, {"id": "sport", "name": "Active Partnership", "role": "partner"})
    assert changes(fw, after) == ["Added stakeholder 'Active Partnership' (partner)"]
    changed = e.update_stakeholder(after, "sport", name="Energise Me", role="funder")
    assert changes(after, changed) == [
        "Renamed stakeholder 'Active Partnership' to 'Energise Me'",
        "Changed the role of 'Energise Me' from partner to funder",
    ]
    gone = e.delete_stakeholder(fw, "ph")
    assert changes(fw, gone) == [
        "Removed stakeholder 'Public Health'",
        "Took stakeholder 'Public Health' off 'More older people active'",
    ]


def test_user_text_with_line_breaks_stays_on_one_line(fw):
    after = e.update_node(fw, "walk", label="Health\nwalks   for all")
    (line,) = changes(fw, after)
    assert "\n" not in line and line.endswith("'Health walks for all'")


def test_in_brief_counts_what_it_leaves_out():
    assert in_brief(["A", "B"], most=1) == "A, and 1 more change"
    assert in_brief(["A", "B"], most=5) == "A; B"


# --- property-based: random runs of real edits -------------------------------------------------

TEXT = st.text(alphabet="abcdefgh ÄéĳŁ→'’-", min_size=1, max_size=12).filter(lambda s: s.strip())
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def edited(draw: st.DrawFn, fw: Framework, max_edits: int = 6) -> Framework:
    """``fw`` after up to ``max_edits`` random edits from ``logicmodel.editing.edit`` (refused ones are skipped)."""
    for _ in range(draw(st.integers(0, max_edits))):
        ids = [n.id for n in fw.nodes]
        pairs = fw.link_pairs
        levels = fw.level_ids
        sids = [s.id for s in fw.stakeholders]
        kind = draw(st.sampled_from(EDITS))
        try:
            if kind == "add_node":
                level = draw(st.sampled_from(levels))
                fw = e.add_node(fw, {"id": draw(IDS), "level": level, "label": draw(TEXT)})
            elif kind == "delete_node" and ids:
                fw = e.delete_node(fw, draw(st.sampled_from(ids)))
            elif kind == "update_node" and ids:
                node_id = draw(st.sampled_from(ids))
                field = draw(st.sampled_from(NODE_FIELDS))
                value = {
                    "label": TEXT,
                    "level": st.sampled_from(levels),
                    "description": st.none() | TEXT,
                    "stakeholders": st.lists(st.sampled_from(sids), unique=True) if sids else st.just([]),
                    "cohorts": st.lists(TEXT, max_size=3, unique=True),
                    "indicators": st.lists(st.builds(dict, name=TEXT), max_size=2),
                    "evidence": st.lists(st.builds(dict, title=TEXT), max_size=2),
                    "cost": st.none() | st.builds(dict, amount=st.integers(0, 10**6)),
                    "reach": st.none() | st.integers(0, 10**6),
                    "tags": st.lists(TEXT, max_size=3, unique=True),
                }[field]
                fw = e.update_node(fw, node_id, **{field: draw(value)})
            elif kind == "rename_node" and ids:
                fw = e.rename_node(fw, draw(st.sampled_from(ids)), draw(IDS))
            elif kind == "add_link" and ids:
                source = draw(st.sampled_from(ids))
                targets = e.allowed_targets(fw, source)
                if targets:
                    fw = e.add_link(fw, {"source": source, "target": draw(st.sampled_from(targets))})
            elif kind == "delete_link" and pairs:
                fw = e.delete_link(fw, *draw(st.sampled_from(pairs)))
            elif kind == "update_link" and pairs:
                fw = e.update_link(
                    fw,
                    *draw(st.sampled_from(pairs)),
                    rationale=draw(st.none() | TEXT),
                    assumptions=draw(st.lists(TEXT, max_size=2, unique=True)),
                    strength=draw(st.sampled_from(["strong", "moderate", "weak", "unknown"])),
                )
            elif kind == "update_meta":
                field = draw(st.sampled_from(["title", "organisation", "area", "description", "authors", "tags"]))
                value = (
                    TEXT
                    if field == "title"
                    else st.lists(TEXT, max_size=2)
                    if field in ("authors", "tags")
                    else st.none() | TEXT
                )
                fw = e.update_meta(fw, **{field: draw(value)})
            elif kind == "add_level":
                level = {"id": draw(IDS), "label": draw(TEXT), "kind": draw(st.sampled_from(["output", "outcome"]))}
                fw = e.add_level(fw, level, draw(st.integers(0, len(levels))))
            elif kind == "update_level":
                fw = e.update_level(fw, draw(st.sampled_from(levels)), label=draw(TEXT))
            elif kind == "move_level":
                fw = e.move_level(fw, draw(st.sampled_from(levels)), draw(st.integers(0, len(levels) - 1)))
            elif kind == "delete_level":
                fw = e.delete_level(fw, draw(st.sampled_from(levels)))
            elif kind == "add_stakeholder":
                role = draw(st.sampled_from(["commissioner", "provider", "partner", "funder", "community"]))
                fw = e.add_stakeholder(fw, {"id": draw(IDS), "name": draw(TEXT), "role": role})
            elif kind == "update_stakeholder" and sids:
                fw = e.update_stakeholder(fw, draw(st.sampled_from(sids)), name=draw(TEXT))
            elif kind == "delete_stakeholder" and sids:
                fw = e.delete_stakeholder(fw, draw(st.sampled_from(sids)))
        except FrameworkError:
            pass
    return fw


EDITS = [
    "add_node",
    "delete_node",
    "update_node",
    "rename_node",
    "add_link",
    "delete_link",
    "update_link",
    "update_meta",
    "add_level",
    "update_level",
    "move_level",
    "delete_level",
    "add_stakeholder",
    "update_stakeholder",
    "delete_stakeholder",
]
NODE_FIELDS = [
    "label",
    "level",
    "description",
    "stakeholders",
    "cohorts",
    "indicators",
    "evidence",
    "cost",
    "reach",
    "tags",
]
BASE = from_data(walking())
RUNS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RUNS
@given(edited(BASE), edited(BASE))
def test_something_is_said_exactly_when_something_changed(a, b):
    lines = changes(a, b)
    assert bool(lines) == (a != b), lines
    assert changes(a, a) == [] and changes(b, b) == []


def _count(lines: list[str], pattern: str) -> int:
    return sum(1 for line in lines if re.match(pattern, line))


@RUNS
@given(edited(BASE), edited(BASE))
def test_going_back_says_the_mirror_image(a, b):
    forth, back = changes(a, b), changes(b, a)
    for added, removed in [
        (r"Added box ", r"Removed box "),
        (r"Added link ", r"Removed link "),
        (r"Added level ", r"Removed level "),
        (r"Added stakeholder .* \((commissioner|provider|partner|funder|community)\)$", r"Removed stakeholder "),
    ]:
        assert _count(forth, added) == _count(back, removed), (added, forth, back)
        assert _count(forth, removed) == _count(back, added), (removed, forth, back)
    assert len(forth) > 0 or len(back) == 0


@RUNS
@given(edited(BASE))
def test_every_new_box_is_named_by_its_label_and_level(after):
    lines = changes(BASE, after)
    renamed_to = {m.group(1) for line in lines if (m := re.match(r"Changed the id of .* to '([^' ]+)'$", line))}
    for node in after.nodes:
        if node.id not in BASE.node_by_id and node.id not in renamed_to:
            label = " ".join(node.label.split())
            assert f"Added box '{label}' ({after.level_label(node.level)})" in lines, lines


def test_an_estimated_benefit_set_and_changed(fw):
    after = e.update_node(fw, "walk", benefit={"amount": 40000, "period": "a year", "basis": "fewer falls"})
    assert changes(fw, after) == ["Set the estimated benefit of 'Health walks' to 40,000 GBP a year (fewer falls)"]
    later = e.update_node(after, "walk", benefit=None)
    assert changes(after, later) == [
        "Removed the estimated benefit of 'Health walks' (was 40,000 GBP a year (fewer falls))"
    ]
