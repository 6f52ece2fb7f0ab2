"""Worst cases for every reader: generated files made to cost a reader the most time or memory, and a way to
read each in a process of its own held to the import budget (``limits.IMPORT_SECONDS``, ``limits.IMPORT_MB``).

Each registered reader (``logicmodel.formats.readers()``) has cases of its own (``CASES``, by format name: a
reader registered without any is an error the tests report) and shares the generic ones (random bytes, one
byte repeated, blank lines). Every file is within the size limit (``limits.MAX_FILE_BYTES``). The cases are
the shapes that have cost real readers minutes or gigabytes: long lines, many separators, wide rows, repeated
labels, merged ranges, entities declared in UTF-8, UTF-16 and UTF-32, deep nesting, damaged zips.

``run(format, case)`` reads one case in a child forked from a process that has only imported the engine, under
a memory limit (``RLIMIT_AS``: the process's size at the fork plus the budget) and a processor-time limit
(``RLIMIT_CPU``), and says how it ended: a framework, the engine's one-line error, or neither (killed, another
exception, or an error of many lines). ``python -m logicmodel.testing.worst_cases [FORMAT ...]`` prints each as a line
of JSON; ``tests/formats/test_hostile_files.py`` and ``bench/hostile.py`` read them.

>>> sorted(CASES) == sorted(f.name for f in __import__("logicmodel.formats").formats.readers())
True
"""

from __future__ import annotations

import io
import json
import os
import pickle
import random
import resource
import signal
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from logicmodel.core.limits import IMPORT_MB, IMPORT_SECONDS, MAX_FILE_BYTES

__all__ = ["CASES", "GENERIC", "Outcome", "cases_for", "run", "xlsx_bytes", "zip_bytes"]

SIZE = MAX_FILE_BYTES - 1_000
"""The size the long cases fill: just within the size limit."""

Make = Callable[[], bytes]


def _fill(head: bytes, unit: bytes, tail: bytes = b"", size: int = SIZE) -> bytes:
    """``head``, then ``unit`` as many times as fits in ``size`` bytes with ``tail``."""
    return head + unit * max(0, (size - len(head) - len(tail)) // len(unit)) + tail


def zip_bytes(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of these files, packed in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    b'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    b'<sheet name="Boxes table" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/></Relationships>'
)


def xlsx_bytes(rows: bytes, strings: list[bytes] | None = None, after: bytes = b"", head: bytes = b"") -> bytes:
    """A workbook of one sheet whose ``<sheetData>`` is ``rows`` (XML), its shared strings ``strings``,
    ``after`` the sheet data (merged cells) and ``head`` before it (a dimension): built as bytes, so a case of
    millions of cells is made in a moment."""
    xmlns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    sheet = b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + xmlns + b">" + head
    sheet += b"<sheetData>" + rows + b"</sheetData>" + after + b"</worksheet>"
    shared = b"".join(b"<si><t>" + s + b"</t></si>" for s in strings or [])
    count = str(len(strings or [])).encode()
    table = b'<?xml version="1.0" encoding="UTF-8"?><sst ' + xmlns + b' count="' + count + b'" uniqueCount="'
    table += count + b'">' + shared + b"</sst>"
    return zip_bytes(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _RELS,
            "xl/workbook.xml": _BOOK,
            "xl/_rels/workbook.xml.rels": _BOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet,
            "xl/sharedStrings.xml": table,
        }
    )


def _header_and_rows(count: int, row: Callable[[int], bytes]) -> bytes:
    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>level</t></is></c><c r="B1" t="inlineStr"><is><t>label'
    header += b"</t></is></c></row>"
    return header + b"".join(row(r) for r in range(2, count + 2))


def _labelled(r: int, label: bytes = b"<v>0</v>", kind: bytes = b' t="s"') -> bytes:
    """Row ``r``: an activity (inline) labelled by shared string 0 (or ``label``)."""
    n = str(r).encode()
    return (
        b'<row r="'
        + n
        + b'"><c r="A'
        + n
        + b'" t="inlineStr"><is><t>activity</t></is></c><c r="B'
        + n
        + b'"'
        + kind
        + b">"
        + label
        + b"</c></row>"
    )


def _damaged(data: bytes, how: str) -> bytes:
    """A zip broken as zips from outside are: ``deflate`` (its packed data garbled), ``encrypted`` (flagged as
    encrypted), ``seek`` (a file's offset pointing before the start), ``version`` (a version no one writes)."""
    data = bytearray(data)
    first = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    if how == "deflate":
        name_length = int.from_bytes(data[first + 26 : first + 28], "little")
        start = first + 30 + name_length + int.from_bytes(data[first + 28 : first + 30], "little")
        for i in range(start, min(start + 40, central)):
            data[i] ^= 0x5A
    elif how == "encrypted":
        for at in range(len(data)):
            if data[at : at + 4] == b"PK\x01\x02":
                data[at + 8] |= 1
            elif data[at : at + 4] == b"PK\x03\x04":
                data[at + 6] |= 1
    elif how == "seek":
        data[central + 42 : central + 46] = (0xFFFFFF00).to_bytes(4, "little")
    elif how == "version":
        data[central + 6 : central + 8] = (108).to_bytes(2, "little")  # "needed to extract": 10.8
        data[first + 4 : first + 6] = (108).to_bytes(2, "little")
    return bytes(data)


_ENCODINGS = {"utf-8": ("utf-8", "UTF-8"), "utf-16": ("utf-16", "UTF-16"), "utf-32": ("utf-32-le", "UTF-32")}
"""How each case writes its XML: UTF-8; UTF-16 with a byte-order mark; UTF-32 without one (its first bytes
say so)."""


def _entities(encoding: str, root: str) -> bytes:
    """XML declaring a "billion laughs" of entities, written in ``encoding`` (the declaration says so)."""
    codec, declared = _ENCODINGS[encoding]
    lines = [f'<?xml version="1.0" encoding="{declared}"?>']
    lines.append(f"<!DOCTYPE {root} [")
    lines.append('<!ENTITY a0 "laugh">')
    lines += [f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 9)]
    lines.append("]>")
    if root == "graphml":
        lines.append(
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="label"/>'
            '<key id="d1" for="node" attr.name="level"/><graph id="G" edgedefault="directed">'
            '<node id="n0"><data key="d0">&a8;</data><data key="d1">activity</data></node></graph></graphml>'
        )
    else:
        lines.append(f'<{root} xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&a8;</{root}>')
    return "\n".join(lines).encode(codec)


def _xlsx_with_entity(encoding: str) -> bytes:
    sheet = _entities(encoding, "worksheet")
    book = xlsx_bytes(_header_and_rows(1, _labelled), [b"Walks"])
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["xl/worksheets/sheet1.xml"] = sheet
    return zip_bytes(files)


def _graphml_nodes(count: int, label: str, nested: int = 0) -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="label"/><key id="d1" for="node" attr.name="level"/>'
        '<graph id="G" edgedefault="directed">'
    )
    groups = "".join(f'<node id="g{i}"><data key="d0">activity</data><graph id="g{i}:">' for i in range(nested))
    nodes = "".join(
        f'<node id="n {i}"><data key="d0">{label}</data><data key="d1">activity</data></node>' for i in range(count)
    )
    closing = "</graph></node>" * nested
    return (head + groups + nodes + closing + "</graph></graphml>").encode()


def _kumu(elements: list[dict[str, Any]], connections: list[dict[str, Any]]) -> bytes:
    return json.dumps({"elements": elements, "connections": connections}).encode()


def _csv_zip(boxes: bytes, **more: bytes) -> bytes:
    return zip_bytes({"boxes.csv": boxes, **{f"{name}.csv": data for name, data in more.items()}})


def _json_boxes(count: int, label: str) -> bytes:
    nodes = [{"id": f"b{i}", "level": "activity", "label": label} for i in range(count)]
    return json.dumps({"schema_version": 1, "meta": {"title": "t"}, "nodes": nodes, "links": []}).encode()


def _tocmaker(nodes: list[dict[str, Any]]) -> bytes:
    return json.dumps({"title": "t", "sections": [{"title": "Activities", "columns": [{"nodes": nodes}]}]}).encode()


def _prsm(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> bytes:
    styles = {"nodes": {"group0": {"groupLabel": "Activity"}}, "edges": {}}
    return json.dumps({"version": "2.3", "styles": styles, "nodes": nodes, "edges": edges}).encode()


def _lz_growing(words: int) -> bytes:
    """lz-string packing (``compressToUTF16``) whose every word is the one before and one character more: a few
    kilobytes that would unpack to ``words`` squared over two characters (PRSM's packed maps)."""
    bits: list[int] = []

    def put(value: int, width: int) -> None:
        bits.extend((value >> i) & 1 for i in range(width))

    put(0, 2)
    put(ord("a"), 8)
    size, width, enlarge_in = 4, 3, 4
    for _ in range(words):
        put(size, width)  # the next word: the last one and its first character again
        size += 1
        enlarge_in -= 1
        if enlarge_in == 0:
            enlarge_in = 1 << width
            width += 1
    put(2, width)
    bits.extend([0] * (-len(bits) % 15))
    chars = [sum(bits[i + j] << (14 - j) for j in range(15)) + 32 for i in range(0, len(bits), 15)]
    return ("\ufeff" + "".join(map(chr, chars)) + " ").encode()


def _logframe_rows(count: int, row: bytes) -> bytes:
    head = b"Level,Narrative summary,Indicators,Means of verification,Assumptions\nGoal,Healthier town,,,\n"
    return head + row * count


_MERMAID = b"flowchart LR\n"
_SAME = 20_000
"""How many boxes share one label in the repeated-label cases: a framework's most boxes."""

CASES: dict[str, dict[str, Make]] = {
    "mermaid": {
        "a; 5 million times": lambda: _fill(_MERMAID, b"a;"),
        "a&a&... on one line": lambda: _fill(_MERMAID + b"a", b"&a"),
        "a-->a-->... on one line": lambda: _fill(_MERMAID + b"a", b"-->a"),
        "1,500 names --- 1,500 names": lambda: (
            _MERMAID
            + b"&".join(b"a%d" % i for i in range(1_500))
            + b" --- "
            + b"&".join(b"b%d" % i for i in range(1_500))
        ),
        "3,000 names --> 3,000 names": lambda: (
            _MERMAID
            + b"subgraph s[Acts]\n"
            + b"&".join(b"a%d" % i for i in range(3_000))
            + b" --> "
            + b"&".join(b"b%d" % i for i in range(3_000))
        ),
        "blank lines": lambda: _fill(_MERMAID, b"\n"),
        "spaces inside a subgraph title": lambda: _fill(_MERMAID + b"subgraph a", b" ", b"b"),
        "spaces inside a link's text": lambda: _fill(_MERMAID + b"a -- ", b" ", b"x --> b"),
        "dashes inside a link's text": lambda: _fill(_MERMAID + b"a -- x", b"-", b"x"),
        "spaces after the header": lambda: _fill(b"flowchart", b" ", b"x"),
        "Hugo openings, no end": lambda: _fill(b"", b"{{< mermaid >}}"),
        "subgraphs 200,000 deep, 20,000 boxes": lambda: (
            _MERMAID + b'subgraph s["t"]\n' * 200_000 + b"".join(b"a%d\n" % i for i in range(_SAME))
        ),
        "20,000 boxes of one label": lambda: (
            _MERMAID + b"subgraph s[Acts]\n" + b"".join(f'ñ{i}["Same"]\n'.encode() for i in range(_SAME))
        ),
    },
    "csv": {
        "20,000 rows of one label": lambda: b"level,label\n" + b"activity,Walks\n" * _SAME,
        "60,000 names in each leads-to cell": lambda: _fill(
            b"level,label,leads to\n", b"activity,Walks," + b";".join([b"x"] * 60_000) + b"\n"
        ),
        "blank lines": lambda: _fill(b"level,label\n", b"\n"),
        "one row of commas": lambda: _fill(b"level,label\nactivity,Walks", b","),
        "one long cell": lambda: _fill(b"level,label\nactivity,", b"a"),
        "cells under no header": lambda: _fill(b"level,label\n", b"activity,Walks,Budget,x,y,z\n"),
        "many short rows": lambda: _fill(b"level,label\n", b"a,b\n"),
        "an open quote": lambda: _fill(b'level,label\nactivity,"', b"a\n"),
    },
    "csv-files": {
        "boxes.csv of 49 MB of line ends": lambda: _csv_zip(b"id,level,label\r\n" + b"\n" * 49_000_000),
        "boxes.csv of 4 million rows": lambda: _csv_zip(_fill(b"level,label\n", b"a\n")),
        "20,000 boxes of one label": lambda: _csv_zip(b"level,label\n" + b"activity,Walks\n" * _SAME),
        "links.csv of a million rows": lambda: _csv_zip(
            b"level,label\nactivity,Walks\n", links=b"from,to\n" + b"a,b\n" * 1_000_000
        ),
        "packed data garbled": lambda: _damaged(_csv_zip(b"level,label\n" + b"activity,Walks\n" * 50), "deflate"),
        "flagged encrypted": lambda: _damaged(_csv_zip(b"level,label\nactivity,Walks\n"), "encrypted"),
        "offset before the start": lambda: _damaged(_csv_zip(b"level,label\nactivity,Walks\n"), "seek"),
        "zip version 10.8": lambda: _damaged(_csv_zip(b"level,label\nactivity,Walks\n"), "version"),
        "60 files": lambda: zip_bytes({f"f{i}.csv": b"a" for i in range(60)}),
    },
    "xlsx": {
        "merged A3:XFD1048576": lambda: xlsx_bytes(
            _header_and_rows(1, _labelled),
            [b"Walks"],
            b'<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>',
        ),
        "merged C3:CX10002": lambda: xlsx_bytes(
            _header_and_rows(1, _labelled),
            [b"Walks"],
            b'<mergeCells count="1"><mergeCell ref="C3:CX10002"/></mergeCells>',
        ),
        "20,000 merged ranges": lambda: xlsx_bytes(
            _header_and_rows(1, _labelled),
            [b"Walks"],
            b"<mergeCells>"
            + b"".join(b'<mergeCell ref="D%d:E%d"/>' % (r, r) for r in range(3, 20_003))
            + b"</mergeCells>",
        ),
        "2.2 million short cells": lambda: xlsx_bytes((b"<row>" + b"<c><v>1</v></c>" * 4 + b"</row>") * 550_000),
        "a 40 MB shared string in 2,000 rows": lambda: xlsx_bytes(
            _header_and_rows(2_000, _labelled), [b"W" * 40_000_000]
        ),
        "20,000 rows of one label": lambda: xlsx_bytes(_header_and_rows(_SAME, _labelled), [b"Walks"]),
        "a cell at XFD1048576": lambda: xlsx_bytes(
            _header_and_rows(1, _labelled) + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
            [b"Walks"],
            head=b'<dimension ref="A1:XFD1048576"/>',
        ),
        "entities in UTF-8": lambda: _xlsx_with_entity("utf-8"),
        "entities in UTF-16": lambda: _xlsx_with_entity("utf-16"),
        "entities in UTF-32": lambda: _xlsx_with_entity("utf-32"),
        "packed data garbled": lambda: _damaged(xlsx_bytes(_header_and_rows(50, _labelled), [b"Walks"]), "deflate"),
        "flagged encrypted": lambda: _damaged(xlsx_bytes(_header_and_rows(1, _labelled), [b"Walks"]), "encrypted"),
        "offset before the start": lambda: _damaged(xlsx_bytes(_header_and_rows(1, _labelled), [b"Walks"]), "seek"),
        "zip version 10.8": lambda: _damaged(xlsx_bytes(_header_and_rows(1, _labelled), [b"Walks"]), "version"),
    },
    "kumu": {
        "20,000 elements of one label": lambda: _kumu([{"label": "Same", "type": "activity"}] * _SAME, []),
        "100,000 connections by label": lambda: _kumu(
            [{"label": f"b{i}", "type": "activity"} for i in range(200)],
            [{"from": "b1", "to": "b2"}] * 100_000,
        ),
        "100,000 connections to missing elements": lambda: _kumu(
            [{"label": "a", "type": "activity"}], [{"from": f"x{i}", "to": f"y{i}"} for i in range(100_000)]
        ),
        "nested 5 million deep": lambda: _fill(b'{"elements": ', b"[", b"]"),
        "one long label": lambda: _kumu([{"label": "a" * (SIZE - 100), "type": "activity"}], []),
    },
    "graphml": {
        "entities in UTF-8": lambda: _entities("utf-8", "graphml"),
        "entities in UTF-16": lambda: _entities("utf-16", "graphml"),
        "entities in UTF-32": lambda: _entities("utf-32", "graphml"),
        "groups 100,000 deep": lambda: _graphml_nodes(1, "a", nested=100_000),
        "20,000 nodes of one label": lambda: _graphml_nodes(_SAME, "Same"),
        "one long label": lambda: _graphml_nodes(1, "a" * (SIZE - 1_000)),
    },
    "tocmaker": {
        "20,000 nodes of one title": lambda: _tocmaker([{"title": "Same", "connectionIds": []}] * _SAME),
        "100,000 connections to missing nodes": lambda: _tocmaker(
            [
                {
                    "id": "a",
                    "title": "a",
                    "connections": [{"targetId": f"x{i}", "confidence": 50} for i in range(100_000)],
                }
            ]
        ),
        "20,000 nodes linked to every other by id": lambda: _tocmaker(
            [{"id": f"n{i}", "title": f"n{i}", "connectionIds": [f"n{i + 1}"] * 5} for i in range(_SAME)]
        ),
        "one long evidence text": lambda: _tocmaker(
            [{"id": "a", "title": "a", "connections": [{"targetId": "a", "evidence": "Walks. " * 1_400_000}]}]
        ),
        "nested 5 million deep": lambda: _fill(b'{"sections": ', b"[", b"]"),
    },
    "prsm": {
        "packed words each one longer": lambda: _lz_growing(20_000),
        "a megabyte of packed characters": lambda: (
            "\ufeff" + "".join(chr(32 + random.Random(7).randrange(1 << 15)) for _ in range(350_000))
        ).encode(),
        "20,000 factors of one label": lambda: _prsm([{"label": "Same", "grp": "group0"}] * _SAME, []),
        "100,000 links to missing factors": lambda: _prsm(
            [{"id": "a", "label": "a"}], [{"from": f"x{i}", "to": f"y{i}"} for i in range(100_000)]
        ),
        "nested 5 million deep": lambda: _fill(b'{"nodes": ', b"[", b"]"),
    },
    "logframe": {
        "20,000 output rows of one label": lambda: _logframe_rows(_SAME, b"Output,Walks,Walkers,Registers,\n"),
        "120,000 indicator lines": lambda: _logframe_rows(1, b'Output,Walks,"' + b"Walkers\n" * 6_000 + b'",,\n') * 1,
        "rows naming no level": lambda: _fill(b"Level,Narrative,Indicators,Assumptions\n", b"x,y,z,w\n"),
        "a PDM of 19,990 outputs from one activity": lambda: json.dumps(
            {
                "impact": {"id": "imp-1", "narrative": "Healthier"},
                "outcomes": [],
                "outputs": [
                    {"id": f"op-{i}", "narrative": "Same", "from_activities": ["act-1"]} for i in range(19_990)
                ],
                "activities": [{"id": "act-1", "text": "Walks"}],
            }
        ).encode(),
        "nested 5 million deep": lambda: _fill(b'{"outputs": ', b"[", b"]"),
    },
    "json": {
        "nested 5 million deep": lambda: _fill(b'{"nodes": ', b"[", b"]"),
        "20,000 boxes of one label": lambda: _json_boxes(_SAME, "Same"),
        "one long label": lambda: _json_boxes(1, "a" * (SIZE - 1_000)),
        "a million unknown fields": lambda: (
            b'{"schema_version": 1, "meta": {"title": "t"' + b"".join(b', "k%d": 1' % i for i in range(700_000)) + b"}}"
        ),
    },
}
"""Each reader's worst cases, by its format's name: what makes a file of that format cost the most."""

GENERIC: dict[str, Make] = {
    "a megabyte of random bytes": lambda: random.Random(19).randbytes(1_000_000),
    "one byte repeated": lambda: _fill(b"", b"a"),
    "line ends only": lambda: _fill(b"", b"\n"),
}
"""Cases every reader is given, whatever its format."""


def cases_for(name: str) -> dict[str, Make]:
    """The cases for the reader of format ``name``: its own, then the generic ones (``KeyError`` if it has none:
    every reader must say what its worst files are)."""
    return {**CASES[name], **GENERIC}


@dataclass(frozen=True)
class Outcome:
    """How reading one case ended."""

    format: str
    case: str
    size: int
    ended: str
    """``framework``, ``refused`` (the engine's error, each problem one line), or what went wrong: ``killed``
    (over a limit), ``crashed`` (another exception), ``many lines`` (an error whose problems span lines)."""
    message: str
    seconds: float
    """Processor time of the reading (user and system)."""
    peak_mb: float
    """Most memory the reading added to the process, in megabytes (its peak resident size over the process's
    size when it started)."""

    @property
    def ok(self) -> bool:
        return self.ended in ("framework", "refused")


def _status_mb(field: str) -> float:
    """A size from ``/proc/self/status`` (``VmRSS``, ``VmHWM``: its peak), in megabytes."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024 / 1e6
    return 0.0


def _start_peak() -> float:
    """Memory the process holds now, its peak reset to it (memory freed but kept by the allocator given back
    first), so that the peak after reading is what reading added."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to VmRSS (Linux)
    except OSError:
        pass
    return _status_mb("VmRSS")


def _vm_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _read(name: str, data: bytes) -> tuple[str, str]:
    from logicmodel import formats
    from logicmodel.core.errors import FrameworkError

    if name == "json.loads":  # the floor: the standard library parsing a file of the same size
        try:
            json.loads(data)
        except (ValueError, RecursionError) as exc:
            return "refused", type(exc).__name__
        return "framework", "parsed"
    try:
        fw = formats.read(formats.get(name), data)
    except FrameworkError as exc:
        lines = [str(p) for p in exc.problems]
        if not lines or any("\n" in line for line in lines):
            return "many lines", repr(lines[:3])
        return "refused", lines[0]
    return "framework", f"{len(fw.nodes)} boxes, {len(fw.links)} links"


def run(name: str, case: str, data: bytes, cpu_seconds: float = 4 * IMPORT_SECONDS, mb: int = 2 * IMPORT_MB) -> Outcome:
    """Read ``data`` as format ``name`` (or ``"json.loads"``) in a forked child held to ``cpu_seconds`` of
    processor time and ``mb`` megabytes more than this process's size; how it ended."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits, read, report, exit without running the parent's clean-ups
        try:
            os.close(read_end)
            cpu = int(cpu_seconds) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
            room = _vm_bytes() + mb * 1_000_000
            resource.setrlimit(resource.RLIMIT_AS, (room, room))
            baseline = _start_peak()
            start = time.process_time()
            try:
                ended, message = _read(name, data)
            except MemoryError:
                ended, message = "killed", f"over {mb} MB"
            except BaseException as exc:  # what the test is looking for: anything but the engine's error
                ended, message = "crashed", f"{type(exc).__name__}: {str(exc)[:200]}"
            result = (ended, message, time.process_time() - start, max(0.0, _status_mb("VmHWM") - baseline))
            with os.fdopen(write_end, "wb") as out:
                out.write(pickle.dumps(result))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as got:
        raw = got.read()
    _, status, usage = os.wait4(pid, 0)
    if raw:
        ended, message, seconds, peak = pickle.loads(raw)
    else:
        peak = float(mb)
        killed_by = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        why = signal.Signals(killed_by).name if killed_by else f"exit {os.WEXITSTATUS(status)}"
        ended, message, seconds = (
            "killed",
            f"{why} (over {cpu_seconds:g} s or {mb} MB)",
            usage.ru_utime + usage.ru_stime,
        )
    return Outcome(name, case, len(data), ended, message, seconds, peak)


def main(argv: list[str]) -> int:
    """Each case of the named readers (all readers when none is named) read under the limits, a line of JSON
    each; exit 1 if any ended otherwise than with a framework or a one-line error."""
    from logicmodel import formats

    names = argv or [f.name for f in formats.readers()]
    failed = 0
    for name in names:
        for case, make in cases_for(name).items():
            data = make()
            if len(data) > MAX_FILE_BYTES:
                raise ValueError(f"{name} case {case!r} is {len(data):,} bytes, over the size limit")
            outcome = run(name, case, data)
            failed += not outcome.ok
            print(json.dumps(outcome.__dict__), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
