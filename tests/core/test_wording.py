"""The words the app shows for templates, samples and kinds of level: no doubled or misspelt words."""

import pytest

from logicmodel import loads
from logicmodel.core import samples
from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.models import LEVEL_KINDS
from logicmodel.core.wording import kind_plural, problem_lines, sample_button, start_choice


@pytest.mark.parametrize("kind", LEVEL_KINDS)
def test_every_kind_of_level_has_a_real_plural(kind):
    word = kind_plural(kind)
    assert word.endswith("s") and not word.endswith("ys")


@pytest.mark.parametrize("template", samples.templates(), ids=lambda t: t.name)
def test_a_template_choice_says_template_at_most_once_and_lists_its_columns(template):
    text = start_choice(template.title, template.levels)
    assert "(template)" not in text.lower()
    assert text.endswith(" → ".join(template.levels))


@pytest.mark.parametrize("sample", samples.samples(), ids=lambda s: s.name)
def test_a_sample_button_is_short_and_names_the_sample(sample):
    text = sample_button(sample.title)
    assert text.startswith("Open ") and len(text) <= 65
    assert text.removeprefix("Open ").rstrip("…") in sample.title


def test_sample_buttons_are_told_apart():
    names = [sample_button(s.title) for s in samples.samples()]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"[1, 2]",
        b'{"schema_version": 1, "meta": {"title": "T"}, "nodes": 3}',
        b'{"schema_version": 1, "meta": {"title": "T"}, "nodes": [{"id": ["x"], "label": 5}], "links": [7]}',
        b'{"schema_version": 1, "meta": {"title": "T"}, "nodes": [{"id": "a", "level": "x", "label": "Walks"}]}',
        b"\xff",
    ],
)
def test_problem_lines_of_any_refused_file_name_boxes_by_label_or_place_never_by_path(raw):
    with pytest.raises(FrameworkError) as caught:
        loads(raw)
    lines = problem_lines(caught.value.found, caught.value.hidden)
    assert lines and all(isinstance(line, str) and "nodes[" not in line for line in lines), lines


def test_a_box_is_named_by_its_label_from_the_file_and_a_link_by_its_ends():
    raw = (
        b'{"schema_version": 1, "meta": {"title": "T"}, "nodes": [{"id": "a", "level": "activity", "label": "Walks"},'
        b' {"id": "b", "level": "activity", "label": ""}], "links": [{"source": "a", "target": "zz", "strength": 1}]}'
    )
    with pytest.raises(FrameworkError) as caught:
        loads(raw)
    assert problem_lines(caught.value.found) == [
        "box 2, label: should not be empty",
        "link from 'Walks' to 'zz', strength: should be 'strong', 'moderate', 'weak' or 'unknown'",
    ]


def test_more_problems_than_shown_are_counted_once():
    problems = [Problem("", f"problem {i}") for i in range(5)]
    assert problem_lines(problems, hidden=45, limit=2) == ["problem 0", "problem 1", "... and 48 more problems"]


def test_ago_reads_as_people_say_it():
    from datetime import UTC, datetime, timedelta

    from logicmodel.core.wording import ago

    now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert ago(now, now) == "just now"
    assert ago(now + timedelta(seconds=30), now) == "just now"  # a clock a little ahead is not "-1 minutes"
    assert ago(now - timedelta(seconds=50), now) == "1 minute ago"
    assert ago(now - timedelta(minutes=59), now) == "59 minutes ago"
    assert ago(now - timedelta(hours=23), now) == "23 hours ago"
    assert ago(now - timedelta(days=2), now) == "2 days ago"
    assert ago(datetime(2025, 3, 3, tzinfo=UTC), now) == "on 3 March 2025"
