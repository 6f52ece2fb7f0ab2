"""The framework file itself: format v1, JSON, in canonical form (``docs/format.md``).

Written by ``logicmodel.core.readwrite.dumps`` and read by ``logicmodel.core.readwrite.loads``, the one writer and
the one loader: the same framework always gives the same file, and a file reads back as the same framework.

>>> from logicmodel.core.readwrite import from_data
>>> fw = from_data({"schema_version": 1, "meta": {"title": "Active Slough"}, "nodes": [], "links": []})
>>> FORMAT.read(FORMAT.write(fw, Choices())) == fw
True
"""

from __future__ import annotations

from logicmodel.core.models import Framework
from logicmodel.core.readwrite import dumps, loads, parse_json
from logicmodel.formats.carrying import EVERY_FIELD
from logicmodel.formats.registry import Choices, Format, Reading

__all__ = ["FORMAT"]


def _parse(data: bytes, reading: Reading) -> dict:
    """The file parsed (size, encoding, syntax checked), before its fields are: for the repair."""
    return parse_json(data)


def _write(fw: Framework, choices: Choices) -> bytes:
    return fw.cached("ui_canonical_json", dumps).encode("utf-8")


FORMAT = Format(
    name="json",
    extension=".json",
    media_type="application/json",
    description="the framework file that this builder opens again; the same framework always gives the same file",
    button="Download the framework (JSON)",
    write=_write,
    read=loads,
    parse=_parse,
    carries=EVERY_FIELD,  # the models written whole (``readwrite.dumps``)
)
