"""A format that exists only for a test: the framework's title as plain text, written and read back.

``registered()`` adds it to the registry for one test and takes it off again, whatever happens.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data
from logicmodel.formats import Choices, Format, register, unregister


def _write(fw: Framework, choices: Choices) -> bytes:
    return f"TITLE: {fw.meta.title}\n".encode()


def _read(data: bytes) -> Framework:
    title = data.decode("utf-8", errors="replace").removeprefix("TITLE:").strip()
    return from_data({"schema_version": 1, "meta": {"title": title}, "nodes": [], "links": []})  # the one loader


THROWAWAY = Format(
    name="title-only",
    extension=".title",
    media_type="text/plain",
    description="just the title, as a line of text (a test's own format)",
    button="Download the title (text)",
    file_name="{title}-title",
    write=_write,
    read=_read,
    carries=frozenset({"meta.title"}),
)


@contextmanager
def registered() -> Iterator[Format]:
    register(THROWAWAY)
    try:
        yield THROWAWAY
    finally:
        unregister(THROWAWAY.name)
