"""The worker process (``logicmodel.jobs.worker``): work that runs past its time or memory limit is stopped and said in
one line, ordinary work returns its result, and the engine's own errors come back with their message; the
import task (``logicmodel.jobs.tasks``) turns a limit reached into the upload's one-line error."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import slow_format

from logicmodel.core import limits
from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.samples import find
from logicmodel.jobs.tasks import compare_in_worker, read_upload, read_upload_in_worker, write_in_worker
from logicmodel.jobs.worker import WorkStopped, run

# Tasks run in the child: each is defined at the top of this module, so that the child imports it by name.


def sleep_saying_pid(folder: str, seconds: float) -> str:
    Path(folder, "pid").write_text(str(os.getpid()))
    time.sleep(seconds)
    return "woke up"


def spin(seconds: float) -> int:
    """Work in long calls that hold the interpreter lock, as a quadratic reader did."""
    end, total = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        total += sum(range(1_000_000))
    return total


def allocate(megabytes: int) -> int:
    """Take memory a chunk at a time and keep it (as a reader that builds a cell object per merged cell)."""
    kept = [bytearray(10_000_000) for _ in range(megabytes // 10)]
    return len(kept)


def refuse() -> None:
    raise FrameworkError([Problem("nodes[3].level", "unknown level 'outcome'"), Problem("links[0]", "loops")], 7)


def unknown_stakeholder() -> None:
    raise KeyError("no stakeholder has the id 'nhs'")


class Unpicklable(Exception):
    def __init__(self, message: str, handle: object) -> None:
        super().__init__(message)
        self.handle = handle


def raise_unpicklable() -> None:
    raise Unpicklable("a lock inside", handle=lambda: None)


def test_ordinary_work_returns_its_result():
    assert run(pow, 2, 10, seconds=30, megabytes=200) == 1024
    fw = find("swindon").load()
    assert run(len, fw.nodes, seconds=30, megabytes=200) == len(fw.nodes)


def test_work_that_sleeps_past_the_time_limit_is_killed_and_said_in_one_line(tmp_path):
    start = time.monotonic()
    with pytest.raises(WorkStopped) as stopped:
        run(sleep_saying_pid, str(tmp_path), 60, seconds=2, megabytes=200, subject="This file", verb="read")
    assert time.monotonic() - start < 30  # not the 60 s it asked for (a generous bound on a shared machine)
    assert str(stopped.value) == "This file took more than 2 s to read, so it was stopped."
    assert stopped.value.reason == "time" and len(stopped.value.problems) == 1
    pid = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):  # killed and reaped: no process left behind
        os.kill(pid, 0)


def test_work_that_holds_the_interpreter_lock_past_the_limit_is_stopped_too():
    with pytest.raises(WorkStopped, match=r"^This work took more than 2 s to finish, so it was stopped\.$"):
        run(spin, 120, seconds=2, megabytes=200)


def test_work_that_takes_more_memory_than_the_limit_is_said_in_one_line():
    with pytest.raises(WorkStopped) as stopped:
        run(allocate, 3000, seconds=120, megabytes=300, subject="This file", verb="read")
    assert str(stopped.value) == "This file needed more than 300 MB of memory to read, so it was stopped."
    assert stopped.value.reason == "memory"


def test_work_within_the_memory_limit_is_not_stopped():
    assert run(allocate, 100, seconds=120, megabytes=300) == 10


def test_engine_errors_come_back_with_their_problems():
    with pytest.raises(FrameworkError) as refused:
        run(refuse, seconds=30, megabytes=200)
    assert not isinstance(refused.value, WorkStopped)
    assert [str(p) for p in refused.value.found] == ["nodes[3].level: unknown level 'outcome'", "links[0]: loops"]
    assert refused.value.hidden == 7 and str(refused.value).endswith("... and 7 more problems")
    with pytest.raises(KeyError, match="no stakeholder has the id 'nhs'"):
        run(unknown_stakeholder, seconds=30, megabytes=200)


def test_an_error_that_cannot_travel_comes_back_by_its_words():
    with pytest.raises(RuntimeError, match=r"^Unpicklable: a lock inside$"):
        run(raise_unpicklable, seconds=30, megabytes=200)


def test_a_stopped_error_survives_the_trip_itself():
    """A ``WorkStopped`` raised inside a task (a nested worker) keeps its words and its reason."""
    err = WorkStopped([Problem("", "This file took more than 1 s to read, so it was stopped.")], reason="time")
    back = run(_identity, err, seconds=30, megabytes=200)
    assert str(back) == str(err) and back.reason == "time"


def _identity(value: object) -> object:
    return value


def test_a_hostile_upload_is_the_uploads_one_line_error(monkeypatch):
    monkeypatch.setattr(limits, "UPLOAD_SECONDS", 2)
    with slow_format.registered():
        upload = read_upload_in_worker("hostile.slow", b"spin")
        assert upload.framework is None and upload.stopped and upload.repaired is None
        assert str(upload.error) == "This file took more than 2 s to read, so it was stopped."
        monkeypatch.setattr(limits, "UPLOAD_MB", 200)
        monkeypatch.setattr(limits, "UPLOAD_SECONDS", 60)
        eaten = read_upload_in_worker("hostile.slow", b"eat")
        assert str(eaten.error) == "This file needed more than 200 MB of memory to read, so it was stopped."
        assert read_upload_in_worker("fine.slow", b"spin 0.1").framework.meta.title == "spin 0.1"


def test_an_upload_read_in_the_worker_is_the_upload_read_here():
    broken = b'{"schema_version": 1, "meta": {"title": "T", "notes": "x"}, "nodes": [], "links": []}'
    here, there = read_upload("b.json", broken), read_upload_in_worker("b.json", broken)
    assert str(there.error) == str(here.error) and there.changes == here.changes and there.repaired == here.repaired
    chart = b'flowchart LR\n  subgraph A["Doing"]\n    a["Walks"]\n  end\n'
    chart += b'  subgraph B["Getting"]\n    b["Fitter"]\n  end\n  b --> a\n  c["Loose"]\n'
    refused = read_upload_in_worker("toc.mmd", chart)  # a box in no subgraph; the levels in their links' order
    assert refused.framework is None and refused.level_names == ("Getting", "Doing")
    mapped = read_upload_in_worker("toc.mmd", chart, (("Doing", "output"), ("Getting", "activity")))
    assert [(n.label, n.level) for n in mapped.repaired.nodes] == [("Walks", "output"), ("Fitter", "activity")]
    assert "not a file this builder reads" in str(read_upload_in_worker("notes.txt", b"hello").error)


def test_reports_and_comparisons_made_in_the_worker_are_those_made_here():
    from logicmodel import formats
    from logicmodel.analysis.diff import compare

    fw, other = find("swindon").load(), find("southend").load()
    fmt = formats.get("report")
    assert write_in_worker(fmt, fw, formats.Choices()) == fmt.write(fw, formats.Choices())
    found = compare_in_worker(fw, other)
    assert found.other == other and found.diff == compare(fw, other)
