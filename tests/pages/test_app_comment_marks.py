"""Comments beside the model: the Diagram page marks each box's open threads, Build's table of boxes counts
them, and Export offers every thread as the report's appendix, while no file of the framework carries one.

Comments are made through the library, as a colleague's or a commissioner's tab would make them.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import docx
from app_helpers import library, open_page
from builder_data import new_forest
from hostile_text import PAYLOAD

from logicmodel import formats
from logicmodel.drawing.report import COMMENTS_HEADING

SECRET = "Zebra-7 asks: where is the evidence? <b>not bold</b> " + PAYLOAD
"""A comment's text, distinctive enough that finding it anywhere in a file means the file carries comments."""


def _diagram_data(at) -> dict[str, Any]:
    frames = at.get("iframe")
    assert len(frames) == 1, "expected one diagram"
    page = frames[0].proto.srcdoc
    match = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', page)
    assert match
    return json.loads(match.group(1))


def _marked(at) -> dict[str, int]:
    data = _diagram_data(at)
    return {} if data["comments"] is None else {data["ids"][k]: n for k, n in data["comments"]["boxes"]}


def test_the_diagram_marks_a_box_with_its_open_threads_and_a_resolved_one_leaves_the_count():
    at = open_page("diagram", new_forest())
    framework_id = at.session_state["framework_id"]
    assert _marked(at) == {}  # no comments: no marks
    first = library().comment(framework_id, SECRET, box="walk", author="Priya")
    library().comment(framework_id, "And who runs it?", box="walk", author="Priya")
    library().comment(framework_id, "On the whole framework", author="Priya")  # not on a box: no box mark
    at.run()
    assert not at.exception
    assert _marked(at) == {"walk": 2}
    library().resolve(framework_id, first.id)
    at.run()
    assert _marked(at) == {"walk": 1}


def test_the_diagram_marks_a_link_with_open_threads():
    fw = new_forest()
    at = open_page("diagram", fw)
    pair = fw.link_pairs[0]
    library().comment(at.session_state["framework_id"], "Why does this follow?", link=pair, author="Priya")
    at.run()
    data = _diagram_data(at)
    [[j, count]] = data["comments"]["links"]
    assert (data["ids"][data["from"][j]], data["ids"][data["to"][j]], count) == (*pair, 1)


def test_the_diagram_downloads_and_the_presentation_carry_no_counts(deferred_downloads):
    at = open_page("diagram", new_forest())
    library().comment(at.session_state["framework_id"], SECRET, box="walk", author="Priya")
    at.run()
    assert _marked(at) == {"walk": 1}
    assert b'"comments": null' in deferred_downloads["download_html"]()  # the offline page: no marks
    for key in ("download_html", "download_svg"):
        assert b"Zebra-7" not in deferred_downloads[key](), key
    present = open_page("present", new_forest(), present_on=True)
    library().comment(present.session_state["framework_id"], SECRET, box="walk", author="Priya")
    present.run()
    assert not present.exception
    frames = [frame.proto.srcdoc for frame in present.get("iframe")]
    assert frames and all('"comments": null' in frame for frame in frames)


def test_builds_table_of_boxes_counts_each_boxs_open_threads_and_its_csv_does_not(deferred_downloads):
    at = open_page("build", new_forest())
    framework_id = at.session_state["framework_id"]
    library().comment(framework_id, "One", box="walk", author="Priya")
    library().comment(framework_id, "Two", box="walk", author="Priya")
    library().comment(framework_id, "Three", box="active", author="Priya")
    at.run()
    assert not at.exception
    [table] = [d for d in at.dataframe if "Comments" in d.value.columns]
    counts = dict(zip(table.value["Id"], table.value["Comments"], strict=True))
    assert counts["walk"] == 2 and counts["active"] == 1
    assert sum(counts.values()) == 3
    assert list(table.value.columns)[-2:] == ["Comments", "Id"]
    csv = deferred_downloads["download_boxes_csv"]().decode("utf-8")
    assert "Comments" not in csv.splitlines()[0]


def test_export_offers_the_appendix_only_when_there_are_comments_and_off_by_default():
    at = open_page("export", new_forest())
    assert not at.exception
    assert not [c for c in at.checkbox if c.key == "export_comments_appendix"]
    library().comment(at.session_state["framework_id"], SECRET, box="walk", author="Priya")
    at.run()
    box = at.checkbox(key="export_comments_appendix")
    assert box.label == "Comments as an appendix" and box.value is False


def _text_of(name: str, made: bytes) -> str:
    """Every text a file holds: a Word document's or a workbook's parts unzipped, anything else as it is."""
    if made[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(made)) as z:
            return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return made.decode("utf-8", "replace")


def test_no_exported_file_carries_a_comment_unless_the_report_is_asked_for_its_appendix(deferred_downloads):
    at = open_page("export", new_forest())
    framework_id = at.session_state["framework_id"]
    first = library().comment(framework_id, SECRET, box="walk", author="Priya")
    library().reply(framework_id, first.id, "Reply-Quokka-3", author="Priya")
    library().comment(framework_id, "Resolved-Wombat-5", link=new_forest().link_pairs[0], author="Priya")
    library().resolve(framework_id, library().threads(framework_id)[0].id)
    at.run()
    names = [f.name for f in formats.writers() if not f.draws()]
    for name in names:  # off by default: nothing carries a comment
        text = _text_of(name, deferred_downloads[f"download_{name}"]())
        assert "Zebra-7" not in text and "Quokka" not in text and "Wombat" not in text, name
    at.checkbox(key="export_comments_appendix").check().run()
    assert not at.exception
    for name in names:
        text = _text_of(name, deferred_downloads[f"download_{name}"]())
        if name in ("report", "docx"):
            assert "Zebra-7" in text and "Reply-Quokka-3" in text and "Resolved-Wombat-5" in text, name
            assert COMMENTS_HEADING in text
        else:  # the framework's files never carry comments, even with the appendix asked for
            assert "Zebra-7" not in text and "Quokka" not in text and "Wombat" not in text, name
    report = deferred_downloads["download_report"]().decode("utf-8")
    assert "<b>not bold</b>" not in report and "&lt;b&gt;not bold&lt;/b&gt;" in report
    assert "Resolved thread (resolved by" in report
    word = docx.Document(io.BytesIO(deferred_downloads["download_docx"]()))
    assert SECRET in [p.text for p in word.paragraphs]  # as typed, in a run of text
