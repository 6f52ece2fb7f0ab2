"""The JSON Schema of the format (draft 2020-12), for other tools that read or write framework files.

Whatever the framework, the file is the same: the schema of the format it is written in (``logicmodel.core.schema``).
"""

from __future__ import annotations

from functools import cache

from logicmodel.core.models import Framework
from logicmodel.core.schema import SCHEMA_FILE_NAME, schema_text
from logicmodel.formats.registry import Choices, Format

__all__ = ["FORMAT"]


@cache
def _schema_bytes() -> bytes:
    """Built once: the schema depends only on the code."""
    return schema_text().encode("utf-8")


def _write(fw: Framework, choices: Choices) -> bytes:
    return _schema_bytes()


FORMAT = Format(
    name="schema",
    extension=".json",
    media_type="application/schema+json",
    description="the JSON Schema of the format: every field, for other tools that read or write frameworks",
    button="Download the JSON Schema",
    file_name=SCHEMA_FILE_NAME.removesuffix(".json"),
    write=_write,
)
