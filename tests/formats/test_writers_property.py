"""Any text in any field: the model refuses it in one line naming the field, or every writer writes it well.

Hypothesis puts arbitrary text (any character but a surrogate half, control characters included) into a
few of the framework's text fields at a time. Either ``from_data`` refuses the framework, each problem
one line at one of those fields, or the framework goes through every writer and comes back intact:
canonical JSON reads back equal, the SVG poster is well-formed XML whose title is the framework's, the
diagram's HTML holds only the page's own elements and the title as text, and the All boxes CSV reads
back (Python's csv module) as the table's cells, formula-like text behind a single quote.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from typing import Any

import openpyxl
import pytest
from factories import TEXT_FIELDS, every_text_field
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from logicmodel import FrameworkError, dumps, formats, from_data, loads
from logicmodel.core.characters import NONCHARACTERS, unwritable, without_noncharacters
from logicmodel.core.spreadsheet import FORMULA_STARTS
from logicmodel.drawing.diagram import diagram_html
from logicmodel.drawing.svg import poster_svg
from logicmodel.formats.report_docx import png_of
from ui.tables import boxes_csv, boxes_table

NS = "{http://www.w3.org/2000/svg}"
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
URL_FIELD = ("nodes", 0, "evidence", 0, "url")


def _path(loc: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def _put(data: dict[str, Any], loc: tuple, value: str) -> None:
    target = data
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = "https://example.org/" + value if loc == URL_FIELD else value


class _Page(HTMLParser):
    """The tags of an HTML page and the text of its ``<title>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


PAGE_TAGS = _parse(diagram_html(from_data(every_text_field()), standalone=True)).tags
"""The elements the diagram page is made of; user text may add none."""


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.dictionaries(st.sampled_from(TEXT_FIELDS), ANY_TEXT, min_size=1, max_size=4))
def test_any_text_is_refused_in_one_line_or_round_trips_through_every_writer(texts: dict[tuple, str]) -> None:
    data = copy.deepcopy(every_text_field())
    for loc, text in texts.items():
        _put(data, loc, text)
    try:
        fw = from_data(data)
    except FrameworkError as err:
        event("refused")
        changed = {_path(loc) for loc in texts}
        for problem in err.problems:
            assert "\n" not in str(problem) and "\r" not in str(problem), f"not one line: {problem!r}"
            assert problem.path in changed, f"{problem} does not name a field that was changed ({changed})"
        return

    event("written")
    # canonical JSON
    text = dumps(fw)
    assert loads(text) == fw and dumps(loads(text)) == text

    # the poster: well-formed XML, the title exactly as written (XML reads a line break as \n)
    root = ET.fromstring(poster_svg(fw).encode("utf-8"))
    title = fw.meta.title.replace("\r\n", "\n").replace("\r", "\n")
    assert root.find(f"{NS}title").text == title

    # the diagram: no element from user text, the title as text
    page = _parse(diagram_html(fw, standalone=True))
    assert page.tags <= PAGE_TAGS, f"user text made elements: {page.tags - PAGE_TAGS}"
    assert page.title == fw.meta.title

    # the All boxes CSV: the table's cells, text that could start a formula behind a quote
    rows = list(csv.reader(io.StringIO(boxes_csv(fw).decode("utf-8-sig"), newline="")))
    table = boxes_table(fw)
    assert rows[0] == list(table.columns)
    for row, cells in zip(rows[1:], table.itertuples(index=False), strict=True):
        for written, cell in zip(row, cells, strict=True):
            if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
                assert written == "'" + cell
            else:
                assert written == str(cell)


# --- every writer, on the whole accepted range of characters (issue 19, finding 10) ----------------------------

SPECIAL = [
    *sorted(NONCHARACTERS - {"\ufffe", "\uffff"}),  # dropped as read: Cairo (the Word report's pictures) refuses them
    "\ue000", "\uf8ff", "\U000f0000", "\U0010fffd",  # private use, in the BMP and the astral planes
    "\U0001f600", "\U00020000", "\U0001d11e", "\U000e0001",  # emoji, CJK extension B, music, a tag character
    "e\u0301", "\u0301", "\u20dd", "a\u0338",  # combining marks, on a letter and alone
    "\u200b", "\u200d", "\u2028", "\u2029", "\ufeff", "\u202e", "\u00ad",  # format characters, separators
    "\x7f", "\x85", "\x9f", "\t", "\n", "\r",  # DEL, C1 controls, and the three controls XML carries
    "&", "<", "]]>", '"', "'", "=", "@",  # markup and formula starters
]  # fmt: skip
"""Characters (and a few pieces of text) a writer could trip on that the model accepts (noncharacters: accepted,
and dropped as read)."""

ACCEPTED = st.one_of(
    st.characters(exclude_categories=("Cs",)).filter(lambda c: unwritable(c) is None), st.sampled_from(SPECIAL)
)
ACCEPTED_TEXT = st.lists(ACCEPTED, min_size=1, max_size=12).map("".join)
FIELDS = [("meta", "title"), ("nodes", 0, "label"), ("stakeholders", 1, "name"), ("levels", 2, "label")]
FIELDS += [("nodes", 0, "indicators", 0, "name"), ("links", 0, "rationale"), ("nodes", 0, "cohorts", 0)]


def _readable(fmt: formats.Format, data: bytes) -> None:
    """The file opens as what its format says it is (its media type, whether it is zipped): XML parses, zips
    open and their XML parses, a workbook opens in openpyxl, HTML parses, CSV reads, JSON loads, text decodes."""
    kind = fmt.media_type
    if fmt.zipped:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                if member.endswith(".xml") or member.endswith(".rels"):
                    ET.fromstring(archive.read(member))
                elif member.endswith(".csv"):
                    list(csv.reader(io.StringIO(archive.read(member).decode("utf-8-sig"), newline="")))
        if kind.endswith(".sheet"):
            openpyxl.load_workbook(io.BytesIO(data), read_only=True).close()
    elif kind.endswith(("/xml", "+xml")):
        ET.fromstring(data)
    elif kind == "text/html":
        _parse(data.decode("utf-8"))
    elif kind == "text/csv":
        list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    elif kind.endswith(("/json", "+json")):
        json.loads(data.decode("utf-8"))
    else:
        data.decode("utf-8")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.dictionaries(st.sampled_from(FIELDS), ACCEPTED_TEXT, min_size=1, max_size=4))
def test_every_writer_writes_any_accepted_text_and_cairo_draws_it(texts: dict[tuple, str]) -> None:
    """Text of any character the model accepts goes through every writer of the registry (Word, the poster and
    Cairo's picture of it, XML, GraphML, workbooks, HTML reports, CSV...) without an error, each file readable."""
    data = copy.deepcopy(every_text_field())
    for loc, text in texts.items():
        _put(data, loc, "A" + text)  # "A": a field that must hold something visible does
    fw = from_data(data)
    for text in (fw.meta.title, fw.nodes[0].label, fw.stakeholders[1].name):
        assert not NONCHARACTERS & set(text) or set(text) & {"\ufffe", "\uffff"}
    assert fw.meta.title == without_noncharacters(data["meta"]["title"])
    for fmt in formats.writers():
        written = fmt.write(fw, formats.Choices())
        assert written, fmt.name
        _readable(fmt, written)
    picture = png_of(poster_svg(fw), width=300)
    assert picture is None or picture.startswith(b"\x89PNG")
    assert loads(dumps(fw)) == fw


def test_a_file_written_before_with_noncharacters_still_loads_without_them_and_the_word_report_is_written():
    """The issue's case: a label with U+FDD0 or U+1FFFE passed validate, then the Word report crashed."""
    data = copy.deepcopy(every_text_field())
    data["nodes"][0]["label"] = "Walks \ufdd0for all\U0001fffe"
    data["meta"]["title"] = "\U0010ffffActive Slough"
    fw = loads(json.dumps(data, ensure_ascii=False))
    assert (fw.nodes[0].label, fw.meta.title) == ("Walks for all", "Active Slough")
    assert formats.get("docx").write(fw, formats.Choices()).startswith(b"PK")
    data["meta"]["title"] = "\ufdd0\U0001ffff"  # nothing but noncharacters: as empty as it reads
    with pytest.raises(FrameworkError, match=r"meta\.title"):
        from_data(data)
