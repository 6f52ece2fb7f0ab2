"""The report as a Word document (python-docx): the same content as the printable HTML (``logicmodel.report``),
its headings as Word headings so that the navigation pane lists them, the diagram as a picture.

Every text of the framework goes into Word as text runs, never as markup. The picture is the poster's SVG
(``logicmodel.svg``) turned into a PNG by CairoSVG, which draws with the system's Cairo library (Debian's
``libcairo2``) and, left in its default safe mode, fetches nothing that the SVG names.
"""

from __future__ import annotations

import io

import cairosvg
from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Cm, Pt, RGBColor

from logicmodel.formats.registry import Choices, Format
from logicmodel.models import Framework
from logicmodel.report import Drawing, Paragraph, Report, Table, report

__all__ = ["FORMAT", "PICTURE_WIDTH_PX", "report_docx"]

PICTURE_WIDTH_PX = 1800
"""The diagram's width in pixels: sharp on A4 at 17 cm (about 270 dots an inch)."""
_GREY = RGBColor(0x4D, 0x4D, 0x4D)


def png_of(svg: str) -> bytes:
    """The SVG drawing as a PNG picture."""
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=PICTURE_WIDTH_PX)


def _paragraph(doc: DocumentType, block: Paragraph) -> None:
    if block.kind == "subheading":
        doc.add_heading(block.text, level=3)
        return
    para = doc.add_paragraph()
    run = para.add_run(block.text)
    if block.kind == "lead":
        run.bold = True
    elif block.kind == "note":
        run.font.size = Pt(8.5)
        run.font.color.rgb = _GREY


def _table(doc: DocumentType, block: Table) -> None:
    table = doc.add_table(rows=len(block.rows) + 1, cols=len(block.headers))
    table.style = doc.styles["Table Grid"]
    rows = table.rows
    for cell, text in zip(rows[0].cells, block.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row, values in zip(rows[1:], block.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    doc.add_paragraph()


def _drawing(doc: DocumentType, block: Drawing) -> None:
    doc.add_picture(io.BytesIO(png_of(block.svg)), width=Cm(18))
    caption = doc.add_paragraph().add_run(block.caption)
    caption.italic = True
    caption.font.size = Pt(9)


def report_docx(content: Report) -> bytes:
    """The report as the bytes of a .docx file."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(9.5 if content.brief else 10.5)
    doc.core_properties.title = content.title
    doc.add_heading(content.title, level=0)
    if content.subtitle:
        doc.add_paragraph().add_run(content.subtitle).font.color.rgb = _GREY
    for part in content.sections:
        doc.add_heading(part.heading, level=part.level)
        for block in part.blocks:
            if isinstance(block, Table):
                _table(doc, block)
            elif isinstance(block, Drawing):
                _drawing(doc, block)
            else:
                _paragraph(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _write(fw: Framework, choices: Choices) -> bytes:
    return report_docx(report(fw, commissioner=choices.commissioner))


FORMAT = Format(
    name="docx",
    extension=".docx",
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    description="the report as a Word document, its headings in the navigation pane (--commissioner ID: a brief)",
    button="Report (Word)",
    file_name="{title}-report",
    write=_write,
    options=frozenset({"commissioner"}),
)
