"""The words the app shows for templates, samples and kinds of level: no doubled or misspelt words."""

import pytest

from logicmodel import samples
from logicmodel.errors import Problem
from logicmodel.models import LEVEL_KINDS
from logicmodel.wording import kind_plural, problem_lines, sample_button, start_choice


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
    [None, b"", b"{", b"[1, 2]", b'{"nodes": 3}', b'{"nodes": [{"id": ["x"], "label": 5}], "links": [7]}', b"\xff"],
)
def test_problem_lines_survive_any_file(raw):
    problems = [Problem("nodes[0].label", "should be a text"), Problem("links[0].source", "x"), Problem("", "bad")]
    lines = problem_lines(problems, raw)
    assert lines[0].startswith("box 1") and lines[1].startswith("link 1") and lines[2] == "bad"


def test_ago_reads_as_people_say_it():
    from datetime import UTC, datetime, timedelta

    from logicmodel.wording import ago

    now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert ago(now, now) == "just now"
    assert ago(now + timedelta(seconds=30), now) == "just now"  # a clock a little ahead is not "-1 minutes"
    assert ago(now - timedelta(seconds=50), now) == "1 minute ago"
    assert ago(now - timedelta(minutes=59), now) == "59 minutes ago"
    assert ago(now - timedelta(hours=23), now) == "23 hours ago"
    assert ago(now - timedelta(days=2), now) == "2 days ago"
    assert ago(datetime(2025, 3, 3, tzinfo=UTC), now) == "on 3 March 2025"
