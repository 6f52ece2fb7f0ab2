"""Compare (``logicmodel diff``, the Compare page) and the history's "what changed" see a change in every field of
every model, wherever the model is found in a framework: the frameworks are generated from the models
(``model_variants``), so a field added to a model is covered here without anyone writing a test for it.

Before, ``diff`` kept its own list of fields and said two files differing only in a box's estimated benefit, a
link's evidence or the source frameworks were "the same framework"; the history's descriptions said nothing of
a story's changes.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from model_variants import BASE, BASE_DOC, changed, model_places, place_in_base, unchangeable, variants, words_for

from logicmodel.analysis.changes import changes
from logicmodel.analysis.diff import compare, table_rows
from logicmodel.cli.main import main
from logicmodel.core.models import Framework
from logicmodel.core.rules import find_problems

VARIANTS = variants()
OPTIONAL = [v for v in VARIANTS if v.optional]
KEYS = {"id", "source", "target"}
"""Fields that say which part an entry is: changing one makes another part, said as one added and one removed."""


def test_the_base_holds_every_model_everywhere_it_can_be():
    missing = [pattern for pattern, _ in model_places() if place_in_base(pattern) is None]
    assert not missing, f"add one of each to model_variants._base_doc(): {missing}"


def test_every_field_but_the_format_version_gets_a_variant():
    assert unchangeable() == {"Framework.schema_version"}
    assert len(OPTIONAL) >= 40  # every optional field of the 14 models, at each of their places


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_compare_sees_a_change_in_the_field_and_names_it(variant):
    diff = compare(BASE, variant.framework)
    if variant.model is Framework and variant.field in ("nodes", "links") and _reordered(variant):
        assert diff.is_empty()  # box and link order are not content, as the diff says
        return
    assert not diff.is_empty(), variant.name
    assert not compare(variant.framework, BASE).is_empty()
    lines = "\n".join(diff.lines(BASE, variant.framework))
    rows = table_rows(diff, BASE, variant.framework)
    assert lines and rows
    assert "node" not in (lines + json.dumps(rows)).lower()  # "box" on screen, never "node"
    if variant.model is not Framework and variant.field not in KEYS:
        said = lines + json.dumps(rows, ensure_ascii=False)
        assert any(word in said for word in words_for(variant)), (variant.name, lines)


def _reordered(variant) -> bool:
    before = [json.dumps(x, sort_keys=True) for x in BASE_DOC[variant.field]]
    return sorted(before) == sorted(json.dumps(x, sort_keys=True) for x in variant.value)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_the_history_says_what_changed_in_the_field_both_ways(variant):
    forth, back = changes(BASE, variant.framework), changes(variant.framework, BASE)
    assert forth and back, variant.name
    assert all("\n" not in line and len(line) < 400 for line in forth + back)
    assert not any("node" in line.lower() for line in forth + back)  # "box" on screen, never "node"


@pytest.mark.parametrize("variant", [v for v in OPTIONAL if v.follows_rules], ids=lambda v: v.name)
def test_the_command_line_says_two_files_differing_in_the_field_differ(variant, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(BASE_DOC), encoding="utf-8")
    second.write_text(json.dumps(variant.doc), encoding="utf-8")
    out = io.StringIO()
    assert main(["diff", str(first), str(second)], out) == 1, out.getvalue()
    assert out.getvalue() != "the same framework\n"
    out = io.StringIO()
    assert main(["diff", "--json", str(first), str(second)], out) == 1
    assert json.loads(out.getvalue())["equal"] is False


def test_every_optional_field_has_a_variant_the_command_line_can_read():
    unread = [v.name for v in OPTIONAL if not v.follows_rules]
    assert not unread


def test_a_box_s_estimated_benefit_is_a_change(tmp_path):
    """The bug reported: two files differing only in a box's benefit were "the same framework"."""
    doc = changed(BASE_DOC, ("nodes", 0, "benefit", "amount"), 9000)
    diff = compare(BASE, Framework.model_validate_json(json.dumps(doc)))
    (box,) = diff.changed
    assert [(f.field, f.before, f.after) for f in box.fields] == [("benefit.amount", 4000.0, 9000.0)]
    assert diff.lines(BASE, BASE) == ["~ box 'Health walks': benefit amount 4,000 -> 9,000"]
    assert changes(BASE, Framework.model_validate_json(json.dumps(doc))) == [
        "Changed the estimated benefit of 'Health walks' from 4,000 GBP (fewer falls) to 9,000 GBP (fewer falls)"
    ]


def test_a_story_s_steps_are_described_by_their_boxes_labels():
    doc = changed(BASE_DOC, ("stories", 0, "steps", 0, "nodes"), ["walk"])
    after = Framework.model_validate_json(json.dumps(doc))
    assert changes(BASE, after) == [
        "Changed the boxes step 1 of story 'Why walks' shows from 'Health walks', 'Weekly walks delivered' to "
        "'Health walks'"
    ]
    (change,) = compare(BASE, after).stories
    assert (change.field, change.before, change.after) == ("walks.steps.1.nodes", ["walk", "sessions"], ["walk"])
    assert compare(BASE, after).lines(BASE, after) == ["story walks steps 1 boxes: 'walk'; 'sessions' -> 'walk'"]


# --- property-based: any number of fields changed at once -------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(VARIANTS), max_size=5, unique_by=lambda v: v.path))
def test_any_fields_changed_together_are_seen_and_nothing_is_said_of_no_change(chosen):
    doc = BASE_DOC
    for variant in chosen:
        if any(variant.path[: len(v.path)] == v.path for v in chosen if v is not variant):
            continue  # inside a part another choice replaces whole
        doc = changed(doc, variant.path, variant.value)
    try:
        after = Framework.model_validate_json(json.dumps(doc))
    except ValueError:
        return  # two changes that cannot stand together (a step's box and the box's id)
    assume(not find_problems(after))  # as a file is read: a link to no box is refused before any comparing
    diff = compare(BASE, after)
    order_only = (
        after.model_copy(update={"nodes": BASE.nodes, "links": BASE.links}) == BASE
        and sorted(map(repr, after.nodes)) == sorted(map(repr, BASE.nodes))
        and sorted(map(repr, after.links)) == sorted(map(repr, BASE.links))
    )
    assert diff.is_empty() == (after == BASE or order_only)
    assert bool(changes(BASE, after)) == (after != BASE)
    assert compare(after, after).is_empty() and changes(after, after) == []
