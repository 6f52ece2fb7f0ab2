"""Zips from outside (a workbook, a zip of CSV files) opened and unpacked so that any damage is one line.

A zip is untrusted: it may not be a zip at all, its directory may lie, a file in it may be encrypted, packed by
a method or a version Python does not know, cut short, or fail its checksum. ``zipfile`` and ``zlib`` say so
with a dozen kinds of exception (``zlib.error``, ``RuntimeError: ... is encrypted``, ``ValueError: negative
seek value``, ``NotImplementedError: zip file version 10.8`` ...); here each becomes the engine's own
``FrameworkError``, naming the file in the zip.

>>> import io, zipfile
>>> out = io.BytesIO()
>>> with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
...     z.writestr("boxes.csv", "level,label\\n" * 50)
>>> with open_zip(out.getvalue(), "a zip") as archive:
...     len(member_bytes(archive, archive.infolist()[0], "boxes.csv", 1_000))
600
>>> from logicmodel.core.errors import FrameworkError
>>> try:
...     with open_zip(b"PK\\x03\\x04 not really", "a zip") as archive:
...         pass
... except FrameworkError as refused:
...     print(refused)
not a zip: it is damaged, perhaps cut short in a download: open it and save it again
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from logicmodel.core.errors import FrameworkError, Problem, excerpt
from logicmodel.core.files import too_large

__all__ = ["member_bytes", "open_zip", "reason"]


def reason(exc: BaseException) -> str:
    """What went wrong, in one line: the exception's own words, or its kind when it has none."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__


@contextmanager
def open_zip(data: bytes, what: str) -> Iterator[zipfile.ZipFile]:
    """The zip in ``data``, or ``FrameworkError`` saying it is not ``what`` (e.g. "an Excel workbook (.xlsx)")."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FrameworkError([Problem("", f"not {what}: {_not_a_zip(data)}")]) from None
    except Exception as exc:  # what a damaged directory raises (NotImplementedError, ValueError, OSError ...)
        raise FrameworkError([Problem("", f"not {what} that can be unpacked ({reason(exc)})")]) from None
    with archive:
        yield archive


def _not_a_zip(data: bytes) -> str:
    """Why bytes that should be a zip (an .xlsx is one) are not, as a person can act on it.

    >>> _not_a_zip(b"PK\\x03\\x04 cut"), _not_a_zip(b"")
    ('it is damaged, perhaps cut short in a download: open it and save it again', 'the file is empty')
    """
    if not data:
        return "the file is empty"
    if data.startswith(b"PK"):
        return "it is damaged, perhaps cut short in a download: open it and save it again"
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: Excel 97-2003, or a workbook saved with a password
        return "it is an old Excel workbook (.xls) or one with a password: save it from Excel as .xlsx, no password"
    head = data[:512]
    if b"\x00" not in head and all(byte >= 9 for byte in head):
        return text_kind(data) or "it holds text (a CSV file named like a workbook?): open it as what it is"
    return "it is some other kind of file, or damaged: open it and save it again"


def text_kind(data: bytes) -> str | None:
    """What a text file that is not a table holds, when its start says so (JSON, or XML such as GraphML), as a
    person can act on it; None for anything else. A JSON file given as a workbook or a CSV table is told so,
    not called "a CSV file named like a workbook" or read as a table whose one header is '{'.

    >>> text_kind(b'  {"elements": []}'), text_kind(b"level,label")
    ('it holds JSON (a Kumu map, ToC-Maker chart, KOICA PDM or framework file?): open it as that', None)
    """
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        try:
            json.loads(data)
        except (ValueError, RecursionError):
            return None
        return "it holds JSON (a Kumu map, ToC-Maker chart, KOICA PDM or framework file?): open it as that"
    if head.startswith((b"<?xml", b"<graphml")):
        return "it holds XML (GraphML from yEd?): open it as that"
    return None


def member_bytes(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, most: int) -> bytes:
    """A file in the zip, unpacked in memory (never to disk), at most ``most`` bytes; ``FrameworkError`` naming
    ``name`` when it is larger, encrypted, packed in a way Python cannot unpack, or damaged."""
    if member.flag_bits & 0x1:
        raise FrameworkError(
            [Problem(_one_line(name), "cannot be unpacked: it is encrypted (save it again without a password)")]
        )
    try:
        with archive.open(member) as opened:
            data = opened.read(most + 1)
    except Exception as exc:  # zlib.error, BadZipFile, RuntimeError (encrypted), NotImplementedError, ValueError ...
        raise FrameworkError([Problem(_one_line(name), f"cannot be unpacked ({reason(exc)})")]) from None
    if len(data) > most:
        raise FrameworkError([Problem(_one_line(name), too_large(member.file_size, most))])
    return data


def _one_line(name: str) -> str:
    return excerpt(" ".join(name.split()), 100)
