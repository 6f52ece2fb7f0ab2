"""Heavy work in a child process with a time and a memory limit, so one person's file never holds the server.

The app's pages run as threads of one process. A reader that works for a minute on a hostile upload, holding
Python's interpreter lock, would stall every other user's clicks; one that takes gigabytes would take the
server down with it. ``run(task, *args, seconds=..., megabytes=...)`` calls ``task(*args)`` in a new child
process instead and waits for its answer, the interpreter lock free for everyone else meanwhile:

- the child is forked from a clean server process that has the engine imported already (multiprocessing's
  ``forkserver``), so a call costs tens of milliseconds (``bench/worker.py``), not the seconds a fresh
  interpreter would take to import the engine, and nothing of the app's threads or sessions is copied into it;
- the memory it may write to is limited to ``megabytes`` beyond what it starts with (``RLIMIT_DATA``: its heap
  and private mappings, not address space merely reserved, so the chart library's JavaScript engine, which
  reserves gigabytes of address space and uses a few hundred megabytes, can draw a report's charts), and its
  processor time to a little more than ``seconds`` (``RLIMIT_CPU``, so a child left behind stops on its own);
- the caller waits at most ``seconds`` of wall clock, then kills the child.

What comes back is ``task``'s result, or the error it raised (the engine's own errors keep their message and
their problems), or ``WorkStopped``: a ``FrameworkError`` whose one line says which limit was reached, in the
words the caller gives (``subject`` and ``verb``), e.g. "This file took more than 20 s to read, so it was
stopped." ``task`` and its arguments are pickled: a function defined at the top of a module, and plain data
(bytes, a framework, a format's name). Keep the result small: a framework, problems, bytes of a document.

>>> run(pow, 2, 10, seconds=30, megabytes=100)
1024

Never imports Streamlit: the same call serves the app, a benchmark and a test.
"""

from __future__ import annotations

import io
import math
import multiprocessing
import os
import pickle
import resource
import threading
from collections.abc import Callable
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerProcess, set_spawning_popen
from typing import Any, Literal, TypeVar

from logicmodel.core.errors import FrameworkError, Problem

__all__ = ["PRELOAD", "WorkStopped", "run"]

T = TypeVar("T")

PRELOAD = ["logicmodel.jobs.preload"]
"""Modules the server process imports once, before it forks any child: every child starts with them loaded
(``logicmodel.jobs.preload``: the formats, the reports, diff and merge, warmed up)."""

Reason = Literal["time", "memory", "stopped"]


class WorkStopped(FrameworkError):
    """The work was stopped before it finished: it took longer than its time limit (``reason`` "time"), needed
    more memory than its limit ("memory"), or its process ended without an answer ("stopped"). One problem,
    one line, that says which and what the limit was."""

    def __init__(self, problems: list[Problem], more: int = 0, reason: Reason = "stopped"):
        super().__init__(problems, more)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.found, self.hidden, self.reason))


_lock = threading.Lock()
_ready = False


def _start() -> None:
    """Tell multiprocessing's forkserver what to import first (once per process, before it starts)."""
    global _ready
    with _lock:
        if not _ready:
            multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
            _ready = True


class _Popen(popen_forkserver.Popen):
    """multiprocessing's forkserver launch (Python 3.11), less one thing: the child is not told to run the
    parent's main module again. In the app that module is the page's script (Streamlit runs it as
    ``__main__``), which must never run in a worker; a task is a function in an importable module anyway."""

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)  # the child's sign that this parent is alive, as multiprocessing keeps it
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Worker(ForkServerProcess):
    """A child process forked by the forkserver, without the parent's main module."""

    @staticmethod
    def _Popen(process_obj: Any) -> _Popen:  # multiprocessing's name for it
        return _Popen(process_obj)


def run(
    task: Callable[..., T],
    *args: Any,
    seconds: float,
    megabytes: int,
    subject: str = "This work",
    verb: str = "finish",
) -> T:
    """``task(*args)`` in a child process, with at most ``seconds`` of wall clock and ``megabytes`` of memory.

    Returns what ``task`` returns; raises what it raises (pickled back, with its message), or ``WorkStopped``
    saying "``subject`` took more than ``seconds`` s to ``verb``" or "needed more than ``megabytes`` MB".
    """
    _start()
    receive, send = multiprocessing.Pipe(duplex=False)
    child = _Worker(target=_child, args=(send, task, args, seconds, megabytes), daemon=True)
    try:
        child.start()
    finally:
        send.close()  # the child holds its own end: when it ends, this end reads "end of file"
    try:
        if not receive.poll(seconds):
            raise _stopped("time", subject, verb, seconds, megabytes)
        try:
            kind, value = receive.recv()
        except (EOFError, OSError):  # it ended without an answer: killed by its limits or the system
            kind, value = "died", None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "memory":
        raise _stopped("memory", subject, verb, seconds, megabytes)
    if child.exitcode is not None and child.exitcode < 0 and -child.exitcode in _CPU_SIGNALS:
        raise _stopped("time", subject, verb, seconds, megabytes)
    raise _stopped("stopped", subject, verb, seconds, megabytes)


_CPU_SIGNALS = {24, 9}
"""SIGXCPU (its processor time ran out) and SIGKILL (after the hard processor limit) on Linux."""


def _stopped(reason: Reason, subject: str, verb: str, seconds: float, megabytes: int) -> WorkStopped:
    if reason == "time":
        line = f"{subject} took more than {seconds:g} s to {verb}, so it was stopped."
    elif reason == "memory":
        line = f"{subject} needed more than {megabytes:,} MB of memory to {verb}, so it was stopped."
    else:
        line = f"{subject} could not {verb}: the work stopped before it finished (it may have needed more than "
        line += f"{megabytes:,} MB of memory)."
    return WorkStopped([Problem("", line)], reason=reason)


def _child(send: Connection, task: Callable[..., Any], args: tuple, seconds: float, megabytes: int) -> None:
    """In the child: set the limits, do the work, send back ("ok", result), ("error", exc) or ("memory", None)."""
    _limit(seconds, megabytes)
    try:
        message: tuple[str, Any] = ("ok", task(*args))
    except MemoryError:
        message = ("memory", None)
    except Exception as exc:  # the engine's own errors go back as they are; anything else, by its message
        message = ("error", _portable(exc))
    try:
        send.send(message)
    except MemoryError:  # the result itself was too large to send within the limit
        send.send(("memory", None))
    except Exception as exc:  # a result that cannot be pickled: the caller's mistake, said plainly
        send.send(("error", TypeError(f"the work's result could not be sent back: {exc}")))
    finally:
        send.close()


def _limit(seconds: float, megabytes: int) -> None:
    """Limit this process's processor time and the memory it writes to (``megabytes`` beyond what it has now)."""
    cpu = math.ceil(seconds) + 1  # the wall clock stops it first; this stops a child whose parent has gone
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))
    now = _data_size()
    if now is not None:
        limit = now + megabytes * 1_000_000
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _data_size() -> int | None:
    """The memory this process may write to, in bytes (Linux's ``VmData``: what ``RLIMIT_DATA`` counts), or None
    where the system does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _portable(exc: Exception) -> Exception:
    """The error as it can be sent back: itself when it pickles and comes back equal in words, else a
    ``RuntimeError`` with its type and message."""
    try:
        back = pickle.loads(pickle.dumps(exc))
        if str(back) == str(exc):
            return exc
    except Exception:  # an error that does not survive pickling is sent by its words below
        pass
    return RuntimeError(f"{type(exc).__name__}: {exc}")
