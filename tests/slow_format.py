"""A format that exists only for tests: a file that keeps its reader busy, as a hostile file once did.

``spin`` makes the reader work, holding Python's interpreter lock in long calls as the quadratic Mermaid reader
did, for the seconds the file names (``spin 3``) or for ever (``spin``); ``eat`` makes it take memory until
none is left; anything else reads as an empty framework titled by the file. Registered for one test by
``registered()``, or in a whole app by ``LOGICMODEL_EXTRA_FORMATS=slow_format`` (with ``tests`` on
``PYTHONPATH``), as the browser test starts its server. Its functions are defined at the top of this module,
so the format itself goes to the worker process (``logicmodel.jobs.tasks``).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data
from logicmodel.formats import EXTRA_FORMATS, Choices, Format, register, unregister


def _read(data: bytes) -> Framework:
    words = data.decode("utf-8", errors="replace").split()
    if words[:1] == ["spin"]:
        end = time.monotonic() + (float(words[1]) if len(words) > 1 else math.inf)
        while time.monotonic() < end:
            sum(range(20_000_000))  # one call in C of about half a second: the interpreter lock held throughout
    elif words[:1] == ["eat"]:
        eaten = []
        while True:
            eaten.append(bytearray(50_000_000))
    title = " ".join(words) or "Slow"
    return from_data({"schema_version": 1, "meta": {"title": title[:200]}, "nodes": [], "links": []})


def _write(fw: Framework, choices: Choices) -> bytes:
    return fw.meta.title.encode()


SLOW = Format(
    name="slow",
    extension=".slow",
    media_type="text/plain",
    description="a file that keeps its reader busy (a test's own format)",
    button="Download a slow file",
    write=_write,
    read=_read,
    carries=frozenset({"meta.title"}),
)


@contextmanager
def registered() -> Iterator[Format]:
    """The slow format in the registry for the length of a test."""
    register(SLOW)
    try:
        yield SLOW
    finally:
        unregister(SLOW.name)


if __name__ in os.environ.get(EXTRA_FORMATS, "").replace(" ", "").split(","):
    register(SLOW)  # named in LOGICMODEL_EXTRA_FORMATS: in the app for good
