"""The report as a Word document (python-docx): the same content as the printable HTML (``logicmodel.drawing.report``),
its headings as Word headings so that the navigation pane lists them, the diagram as a picture.

Every text of the framework goes into Word as text runs, never as markup. The picture is the poster's SVG
(``logicmodel.drawing.svg``) turned into a PNG by CairoSVG, which draws with the system's Cairo library (Debian's
``libcairo2``) and, left in its default safe mode, fetches nothing that the SVG names.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from lxml.etree import Comment, SubElement

from logicmodel.core.characters import without_unwritable
from logicmodel.core.models import Framework
from logicmodel.drawing.progress_chart import chart_png
from logicmodel.drawing.report import Chart, Drawing, Paragraph, Report, Table, report
from logicmodel.formats.registry import Choices, Format

__all__ = [
    "CHART_WIDTH_PX",
    "FORMAT",
    "NO_CAIRO",
    "OUTLINE_WIDTH_PX",
    "PICTURE_WIDTH_PX",
    "png_of",
    "report_docx",
]

PICTURE_WIDTH_PX = 1800
"""The diagram's width in pixels: sharp on A4 at 17 cm (about 270 dots an inch)."""
OUTLINE_WIDTH_PX = 1200
"""An outline's width (``Drawing.outline``): blocks and lines, no words in them, need fewer dots."""
CHART_WIDTH_PX = 1200
"""An indicator's chart's width in pixels: sharp at 13 cm on A4 (about 230 dots an inch)."""
CHART_WIDTH_CM = 13
_GREY = "4D4D4D"


NO_CAIRO = (
    "The diagram could not be drawn here: this machine lacks the Cairo graphics library (Debian: libcairo2). "
    "The poster downloads as SVG on Diagram, and the HTML report holds it."
)


def png_of(svg: str, width: int = PICTURE_WIDTH_PX) -> bytes | None:
    """The SVG drawing as a PNG picture ``width`` pixels wide; None when the system's Cairo library is missing."""
    try:
        import cairosvg  # loads libcairo when first imported: imported here so the formats load without it
    except (OSError, ImportError):  # no libcairo on this machine (OSError), or no CairoSVG installed
        return None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width)


_R, _RPR, _B, _COLOR, _SZ, _T, _VAL = (qn(t) for t in ("w:r", "w:rPr", "w:b", "w:color", "w:sz", "w:t", "w:val"))
_TR, _TC, _P = qn("w:tr"), qn("w:tc"), qn("w:p")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _run(
    parent: BaseOxmlElement, text: str, *, bold: bool = False, size: float | None = None, grey: bool = False
) -> None:
    """A text run: the text set as an element's text (lxml escapes it), never parsed as markup."""
    run = SubElement(parent, _R)
    if bold or size or grey:
        props = SubElement(run, _RPR)
        if bold:
            SubElement(props, _B)
        if grey:
            SubElement(props, _COLOR).set(_VAL, _GREY)
        if size:
            SubElement(props, _SZ).set(_VAL, str(int(size * 2)))
    t = SubElement(run, _T)
    t.set(_SPACE, "preserve")
    t.text = text


class _Writer:
    """Adds paragraphs, headings and tables to a document's body, before its section properties.

    Built with lxml rather than python-docx's ``add_paragraph`` and ``add_table``: the same XML, but each of
    those searches the body for its end, which made a report of thousands of paragraphs take seconds.
    """

    def __init__(self, doc: DocumentType, table_size: float = 9) -> None:
        self.doc = doc
        self.end = doc.element.body.sectPr
        self.table_size = table_size
        section = doc.sections[0]  # once: python-docx finds a section by searching the whole body
        self.body_width = section.page_width - section.left_margin - section.right_margin
        self.rows: list[str] = []
        """Each table's body rows as WordprocessingML text, put in its place when the document is saved."""

    def paragraph(self, text: str = "", *, style: str | None = None, bold: bool = False, grey: bool = False) -> None:
        para = OxmlElement("w:p")
        if style:
            SubElement(SubElement(para, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), style)
        if text:
            _run(para, text, bold=bold, size=self.table_size - 0.5 if grey else None, grey=grey)
        self.end.addprevious(para)

    def heading(self, text: str, level: int) -> None:
        """A Word heading (Title for 0), so that the navigation pane lists it."""
        self.paragraph(text, style="Title" if level == 0 else f"Heading{level}")

    def block(self, block: Paragraph | Table | Drawing | Chart) -> None:
        if isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.doc.add_picture(io.BytesIO(chart_png(block.chart, CHART_WIDTH_PX)), width=Cm(CHART_WIDTH_CM))
            self.paragraph(block.caption, grey=True)
        elif isinstance(block, Drawing):
            png = png_of(block.outline, OUTLINE_WIDTH_PX) if block.outline else png_of(block.svg)
            if png is None:
                self.paragraph(NO_CAIRO, bold=True)
            else:
                self.doc.add_picture(io.BytesIO(png), width=Cm(18))
            self.paragraph(block.caption + (" " + block.outline_note if block.outline else ""), grey=True)
        else:
            self.paragraph(block.text, bold=block.kind == "lead", grey=block.kind == "note")

    def widths(self, block: Table) -> list[int]:
        """Column widths in twips across the page, wider where the text is longer (up to a point), so that a
        short column (a count, a sum) does not take a third of the page."""
        longest = [
            min(max(len(row[k]) for row in [block.headers, *block.rows]), 60) + 6 for k in range(len(block.headers))
        ]
        return [int(self.body_width / 635 * n / sum(longest)) for n in longest]  # 635 EMU a twip

    def table(self, block: Table) -> None:
        """A table in Word's "Table Grid" style, its header row bold and repeated on each page."""
        table = OxmlElement("w:tbl")
        props = SubElement(table, qn("w:tblPr"))
        SubElement(props, qn("w:tblStyle")).set(qn("w:val"), "TableGrid")
        width = SubElement(props, qn("w:tblW"))
        width.set(qn("w:type"), "pct")
        width.set(qn("w:w"), "5000")
        grid = SubElement(table, qn("w:tblGrid"))
        for twips in self.widths(block):
            SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(twips))
        header = SubElement(table, _TR)
        SubElement(SubElement(header, qn("w:trPr")), qn("w:tblHeader"))
        for text in block.headers:
            _run(SubElement(SubElement(header, _TC), _P), text, bold=True, size=self.table_size)
        # The body rows are written as text, escaped, where the document is saved (``_with_rows``): as elements
        # they took six objects a cell, a gigabyte for the largest framework's report; as text, a tenth of it.
        table.append(Comment(_ROWS.format(len(self.rows))))
        self.rows.append(_rows_xml(block.rows, self.table_size))
        self.end.addprevious(table)
        self.paragraph()


_ROWS = "logicmodel rows {}"
"""The comment that holds a table's place for its body rows until the document is saved."""


def _rows_xml(rows: list[tuple[str, ...]], size: float) -> str:
    """Table rows as WordprocessingML: each cell a paragraph of one run of ``size`` points, its text escaped
    (``&``, ``<``, ``>``) and without the characters XML cannot carry, as an element's text would be."""
    start = f'<w:tc><w:p><w:r><w:rPr><w:sz w:val="{int(size * 2)}"/></w:rPr><w:t xml:space="preserve">'
    end = "</w:t></w:r></w:p></w:tc>"
    return "".join(
        "<w:tr>" + "".join(start + escape(without_unwritable(text)) + end for text in row) + "</w:tr>" for row in rows
    )


def _with_rows(docx: bytes, rows: list[str]) -> bytes:
    """The saved document with each table's body rows in the place its comment holds, written into the zip a
    table at a time (the whole text at once would be another copy of the largest part of the report)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    mark = b"<!--" + _ROWS.format("").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():  # in the same order: [Content_Types].xml first
            item.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(item.filename)
            if item.filename != "word/document.xml":
                target.writestr(item, data)
                continue
            with target.open(item, "w") as stream:
                pieces = data.split(mark)
                stream.write(pieces[0])
                for piece in pieces[1:]:
                    number, _, rest = piece.partition(b"-->")
                    stream.write(rows[int(number)].encode("utf-8"))
                    stream.write(rest)
    return out.getvalue()


def _one_page_styles(doc: DocumentType) -> None:
    """A brief's type and spacing, small enough for one commissioner's offer to fit one A4 page."""
    for name, size, before, after in (
        ("Normal", 8.5, 0, 2),
        ("Title", 14, 0, 2),
        ("Heading 1", 10.5, 5, 1.5),
        ("Heading 2", 9.5, 3, 1),
    ):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
        style.paragraph_format.line_spacing = 1.0


def _properties(doc: DocumentType, content: Report) -> None:
    """The document's properties (File > Info in Word): its title, the framework's title and authors, and the
    day it was made, in place of the blank document's own ("python-docx", 2013)."""
    props = doc.core_properties
    written = content.written.astimezone(UTC).replace(tzinfo=None)  # Word's dates are UTC
    props.title = content.title
    props.subject = content.framework
    props.author = content.author
    props.last_modified_by = content.author
    props.comments = f"Made with Logic Model Builder from the framework “{content.framework}”."
    props.category = "Brief" if content.brief else "Report"
    props.keywords = ""
    props.created = props.modified = written
    props.revision = 1
    props.language = "en-GB"


def report_docx(content: Report) -> bytes:
    """The report as the bytes of a .docx file."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.2 if content.brief else 1.5))
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(8.5 if content.brief else 10.5)
    if content.brief:
        _one_page_styles(doc)
    _properties(doc, content)
    writer = _Writer(doc, table_size=7.5 if content.brief else 9)
    writer.heading(content.title, 0)
    if content.subtitle:
        writer.paragraph(content.subtitle, grey=True)
    for part in content.sections:
        writer.heading(part.heading, part.level)
        for block in part.blocks:
            writer.block(block)
    out = io.BytesIO()
    doc.save(out)
    return _with_rows(out.getvalue(), writer.rows)


def _write(fw: Framework, choices: Choices) -> bytes:
    return report_docx(report(fw, commissioner=choices.commissioner, comments=choices.comments))


FORMAT = Format(
    name="docx",
    extension=".docx",
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    description="the report as a Word document, its headings in the navigation pane",
    button="Report (Word)",
    file_name="{title}-report",
    write=_write,
    options=frozenset({"commissioner", "comments"}),
    on_click=True,
    zipped=True,
)
