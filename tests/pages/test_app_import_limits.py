"""A file that reaches the worker's limits on Home or Compare: the user is told in one line, what is open stays
open, and the page reads an upload once (redrawing it, or opening it anyway, never reads it again)."""

from __future__ import annotations

import json

import pytest
import slow_format
from app_helpers import framework, library, messages, open_page, plain

from logicmodel.core import limits
from logicmodel.core.samples import find
from logicmodel.editing.edit import new_framework
from logicmodel.jobs import tasks


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch):
    """The slow test format registered, and limits a test can wait for."""
    monkeypatch.setattr(limits, "UPLOAD_SECONDS", 2)
    monkeypatch.setattr(limits, "UPLOAD_MB", 200)
    with slow_format.registered() as fmt:
        yield fmt


def titles() -> list[str]:
    return sorted(s.title for s in library().list())


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"spin", "This file took more than 2 s to read, so it was stopped."),
        (b"eat", "This file needed more than 200 MB of memory to read, so it was stopped."),
    ],
)
def test_a_hostile_file_on_home_is_refused_in_one_line_and_what_is_open_stays(slow, monkeypatch, content, line):
    if content == b"eat":  # time enough to reach the memory limit first, on a busy machine
        monkeypatch.setattr(limits, "UPLOAD_SECONDS", 60)
    at = open_page("home", new_framework("Already open"))
    before = titles()
    at.file_uploader(key="import_file").set_value(("hostile.slow", content, "text/plain")).run()
    assert not at.exception
    assert messages(at) == [f"hostile.slow could not be opened, so nothing has changed. {line}"]
    assert framework(at).meta.title == "Already open" and titles() == before
    assert "import_anyway" not in [b.key for b in at.button] and not at.selectbox  # nothing else is offered


def test_home_reads_a_refused_upload_once_and_opens_it_anyway_from_that_reading(monkeypatch):
    calls = []

    def counted(*args):
        calls.append(args[2:])
        return tasks.read_upload_in_worker(*args)

    monkeypatch.setattr("ui.forms.start.read_upload_in_worker", counted)
    broken = {"schema_version": 1, "meta": {"title": "Active Slough", "notes": "x"}, "nodes": [], "links": []}
    at = open_page("home", new_framework("Already open"))
    at.file_uploader(key="import_file").set_value(("broken.json", json.dumps(broken).encode(), "text/plain")).run()
    at.text_input(key="new_title").input("Something typed").run()  # redrawn: not read again
    assert len(calls) == 1 and framework(at).meta.title == "Already open"
    anyway = at.button(key="import_anyway")
    assert plain(anyway.label) == "Open anyway: the unknown field 'notes' will be left out"
    anyway.click().run()
    assert len(calls) == 1 and framework(at).meta.title == "Active Slough"


def test_a_hostile_file_on_compare_is_refused_in_one_line_and_compared_once(slow, monkeypatch):
    calls, compare_in_worker = [], tasks.compare_in_worker

    def counted(*args):
        calls.append(1)
        return compare_in_worker(*args)

    monkeypatch.setattr(tasks, "compare_in_worker", counted)
    at = open_page("compare", find("enfield").load())
    at.radio(key="compare_source").set_value("file").run()
    calls.clear()  # the sample first shown was compared
    at.file_uploader(key="compare_file").set_value(("hostile.slow", b"spin", "text/plain")).run()
    assert not at.exception
    assert messages(at) == [
        "Nothing to compare: Reading and comparing this file took more than 2 s to finish, so it was stopped."
    ]
    at.run()  # redrawn: the file is not read again
    assert len(calls) == 1 and len(messages(at)) == 1 and not at.dataframe
