"""The reports of a big framework stay light: the Word report of 5,000 boxes is made within 250 MB beyond a
fresh worker's own memory (it needed about 370 MB when every table cell was six objects), and its tables'
text stays text whatever characters it holds."""

from __future__ import annotations

import io
import sys

import docx
from paths import ROOT

from logicmodel import formats
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import find
from logicmodel.jobs.tasks import write
from logicmodel.jobs.worker import run

sys.path.insert(0, str(ROOT / "bench"))
from report import framework_data  # bench/report.py: the framework with what a report reads


def test_the_word_report_of_5000_boxes_is_made_within_250_mb():
    fw = from_data(framework_data(5000))
    data = run(write, "docx", fw, formats.Choices(), seconds=900, megabytes=250, subject="The report", verb="make")
    document = docx.Document(io.BytesIO(data))
    links = [t for t in document.tables if t.rows[0].cells[0].text == "From"]
    assert len(links) == 4 and len(links[0].rows) > 1000  # every link on each commissioner's pathways


def test_word_table_cells_hold_markup_as_text():
    fw = find("swindon").load()
    label = "A & B <w:t> ]]> --> <!-- logicmodel rows 0 -->"
    fw = fw.model_copy(update={"nodes": (fw.nodes[0].model_copy(update={"label": label}), *fw.nodes[1:])})
    document = docx.Document(io.BytesIO(formats.get("docx").write(fw, formats.Choices())))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert label in cells and not any("<w:" in c and c != label for c in cells)
