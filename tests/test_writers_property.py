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
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

from factories import TEXT_FIELDS, every_text_field
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from logicmodel import FrameworkError, dumps, from_data, loads
from logicmodel.diagram import diagram_html
from logicmodel.spreadsheet import FORMULA_STARTS
from logicmodel.svg import poster_svg
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
