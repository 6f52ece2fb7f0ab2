"""Read and write framework files: the one loader and the one canonical writer.

Every file is untrusted. Reading checks size, encoding, JSON syntax, number
range, nesting, version, every field and every cross-reference before a
``Framework`` exists, and reports all it finds as a ``FrameworkError``; there
is no half-loaded framework. Writing gives the canonical form: fields in the
format's order, two-space indent, defaults left out, so that a framework
under version control diffs cleanly.

>>> fw = loads('{"schema_version": 1, "meta": {"title": "Active Swindon"}, "nodes": [], "links": []}')
>>> fw.meta.title
'Active Swindon'
>>> print(dumps(fw))
{
  "schema_version": 1,
  "meta": {
    "title": "Active Swindon"
  },
  "nodes": [],
  "links": []
}
<BLANKLINE>
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from typing import Any

from pydantic import ValidationError

from logicmodel.core.bulk import gc_paused
from logicmodel.core.careful import field_problems
from logicmodel.core.errors import FrameworkError, Problem, excerpt, validation_problems
from logicmodel.core.files import FileProblem, read_file, too_large, write_file
from logicmodel.core.limits import MAX_DEPTH, MAX_FILE_BYTES
from logicmodel.core.migrate import migrate
from logicmodel.core.models import Framework
from logicmodel.core.rules import checked_problems

__all__ = [
    "content_digest",
    "dumps",
    "fingerprint",
    "from_data",
    "load",
    "loads",
    "read",
    "reference_dumps",
    "save",
    "to_data",
]


def load(path: str | os.PathLike[str]) -> Framework:
    """Read a framework file. Raises ``FrameworkError`` naming what is wrong and where."""
    return loads(read(path))


def read(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a framework file: a regular file within the size limit, or ``FrameworkError``.

    A FIFO, a device or a folder is refused before it is read (see ``logicmodel.core.files``).
    """
    try:
        return read_file(path, MAX_FILE_BYTES)
    except FileProblem as exc:
        raise FrameworkError([Problem("", str(exc))]) from None


@gc_paused
def loads(text: str | bytes) -> Framework:
    """Read a framework from JSON text or bytes (UTF-8, with or without a byte-order mark).

    A file of the current version is parsed and checked field by field in one
    pass by pydantic's own JSON parser. Only when that fails does the careful
    reader below run, to find and explain every problem (or to migrate an
    older version): the two agree on what is valid, which a test checks.
    """
    if len(text) > MAX_FILE_BYTES:
        raise FrameworkError([Problem("", too_large(len(text), MAX_FILE_BYTES))])
    try:
        fw = Framework.model_validate_json(_without_bom(text))
    except ValidationError:
        fw = None  # the careful reader says why, once this error (it may be large) is let go
    if fw is None:
        return _careful(parse_json(text))
    problems = checked_problems(fw)
    if problems:
        raise FrameworkError(problems)
    return fw


def _without_bom(text: str | bytes) -> str | bytes:
    if isinstance(text, bytes):
        return text[3:] if text.startswith(b"\xef\xbb\xbf") else text
    return text[1:] if text.startswith("\ufeff") else text


def parse_json(text: str | bytes) -> Any:
    """Parse untrusted JSON within the format's limits, or raise ``FrameworkError``."""
    if len(text) > MAX_FILE_BYTES:
        raise FrameworkError([Problem("", too_large(len(text), MAX_FILE_BYTES))])
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FrameworkError([Problem("", f"not UTF-8 text (bad byte at position {exc.start})")]) from None
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except json.JSONDecodeError as exc:
        raise FrameworkError(
            [Problem("", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]
        ) from None
    except _JsonValueError as exc:
        raise FrameworkError([Problem("", f"not valid JSON: {exc}")]) from None
    except RecursionError:
        raise _too_deep() from None
    _check_text(data)
    return data


def from_data(data: object) -> Framework:
    """Build a framework from parsed JSON (a dict), checking every field and rule."""
    data = migrate(data)
    try:
        fw = Framework.model_validate(data)
    except ValidationError:
        fw = None  # the careful reader says why, once this error (it may be large) is let go
    if fw is None:
        return _careful(data)
    problems = checked_problems(fw)
    if problems:
        raise FrameworkError(problems)
    return fw


def _careful(data: object) -> Framework:
    """The framework in parsed JSON that the models refused in one go: find why, at a bounded cost."""
    data = migrate(data)
    _check_depth(data)  # a valid framework is never too deep; an invalid one may be why
    problems, more = field_problems(data)
    if problems:
        raise FrameworkError(problems, more=more)
    try:  # found valid field by field (after a migration, say): build it whole
        fw = Framework.model_validate(data)
    except ValidationError as exc:
        raise FrameworkError(validation_problems(exc)) from None
    problems = checked_problems(fw)
    if problems:
        raise FrameworkError(problems)
    return fw


def to_data(fw: Framework) -> dict[str, Any]:
    """The framework as plain JSON data, in canonical form (defaults and empty values left out)."""
    return fw.model_dump(mode="json", exclude_defaults=True, exclude={"schema_version"}) | {
        "schema_version": fw.schema_version
    }


def dumps(fw: Framework) -> str:
    """The canonical JSON text of a framework: format order, two-space indent, final newline.

    Written by pydantic's own serializer, which gives the same text as
    ``json.dumps(to_data(fw), indent=2, ensure_ascii=False)`` five times
    faster (saving to the library dumps on every edit). Its one difference,
    how it writes floats under 1e-4 (``1e-7`` for ``1e-07``), sends such a
    framework to the reference writer below; a property test holds the two
    to the same text.
    """
    text = fw.model_dump_json(indent=2, exclude_defaults=True)
    if _FLOAT_WRITTEN_DIFFERENTLY.search(text):
        return reference_dumps(fw)
    return text + "\n"


def content_digest(text: str) -> str:
    """The content fingerprint of a framework's canonical text (SHA-256, in hex): the one hash the engine uses
    to tell contents apart (the library stores it; the app keys caches on it).

    >>> content_digest("{}\\n")[:12]
    'ca3d163bab05'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(fw: Framework) -> str:
    """``content_digest`` of the framework's canonical text: equal for equal frameworks, worked out once per object."""
    return fw.cached("fingerprint", lambda f: content_digest(dumps(f)))


_FLOAT_WRITTEN_DIFFERENTLY = re.compile(r": -?(?:\d+(?:\.\d+)?[eE]|0\.0000)")
"""A number value with an exponent, or under 1e-4. In format v1 every number is the value of a key (no lists of
numbers) and text values start with a quote, so labels never match; starting with a literal, the search costs
half a millisecond on a 1,000-box framework."""


def reference_dumps(fw: Framework) -> str:
    """The definition of the canonical text, with the standard library's ``json`` (see ``dumps``)."""
    data = to_data(fw)
    ordered = {"schema_version": data.pop("schema_version"), **data}
    ordered.setdefault("nodes", [])
    ordered.setdefault("links", [])
    for key in ("nodes", "links", "stories"):
        if key in ordered:
            ordered[key] = ordered.pop(key)
    return json.dumps(ordered, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def save(fw: Framework, path: str | os.PathLike[str]) -> None:
    """Write a framework file in canonical form, replacing the file in one step.

    Raises ``FileProblem`` (an ``OSError``) saying why when it cannot; the file is then unchanged.
    See ``logicmodel.core.files`` for why this is safe in a folder others can write to.
    """
    write_file(path, dumps(fw).encode("utf-8"))


class _JsonValueError(ValueError):
    pass


def _refuse_constant(name: str) -> None:
    raise _JsonValueError(f"{name} is not a number JSON allows")


MAX_NUMBER_TEXT = 100
"""Longest number the reader parses, in characters: any number the format allows is far shorter."""


def _finite_float(text: str) -> float:
    """A number with a fraction or an exponent, however large if finite: the models say where it is too large."""
    _short_number(text)
    value = float(text)
    if not math.isfinite(value):
        raise _JsonValueError(f"number {text} is too large")
    return value


def _bounded_int(text: str) -> int:
    """A whole number of at most ``MAX_NUMBER_TEXT`` digits: the models say where it is too large."""
    _short_number(text)
    return int(text)


def _short_number(text: str) -> None:
    if len(text) > MAX_NUMBER_TEXT:
        raise _JsonValueError(f"number {excerpt(text, 20)} is too long ({len(text):,} characters)")


def _check_text(data: Any) -> None:
    """Refuse a lone surrogate escape such as ``"\\ud800"``: it is not text, and could not be saved again."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise FrameworkError(
            [Problem("", "not valid text: a \\u escape names half a character (a lone surrogate)")]
        ) from None


def _check_depth(data: Any) -> None:
    """Refuse nesting deeper than the format needs, without recursion."""
    level = [data]
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH + 1:
            raise _too_deep()
        nxt = []
        for value in level:
            if isinstance(value, dict):
                nxt.extend(v for v in value.values() if isinstance(v, (dict, list)))
            elif isinstance(value, list):
                nxt.extend(v for v in value if isinstance(v, (dict, list)))
        level = nxt


def _too_deep() -> FrameworkError:
    return FrameworkError([Problem("", f"nested too deeply: the format needs at most {MAX_DEPTH} levels")])
