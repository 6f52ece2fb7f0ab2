"""``logicmodel export FILE --to progress [--commissioner ID] -o OUT`` on the command line."""

from __future__ import annotations

import io
import json

import docx
import pytest
from progress_fixture import illustrated_data

from logicmodel.cli.main import main


def _file(tmp_path):
    path = tmp_path / "swindon.json"
    path.write_text(json.dumps(illustrated_data("swindon")), encoding="utf-8")
    return path


def test_the_command_line_writes_a_commissioners_progress_report(tmp_path):
    out = tmp_path / "progress.html"
    said = io.StringIO()
    args = ["export", str(_file(tmp_path)), "--to", "progress", "--commissioner", "icb", "-o", str(out)]
    assert main(args, out=said) == 0
    page = out.read_text(encoding="utf-8")
    assert "Progress: what Get Swindon Active has done for Integrated care board" in page
    assert page.count("<svg") >= 1
    assert "written (progress" in said.getvalue() and "cannot carry" not in said.getvalue()


def test_the_word_progress_report_is_written_through_the_registry(tmp_path):
    out = tmp_path / "progress.docx"
    args = ["export", str(_file(tmp_path)), "--to", "progress-docx", "--commissioner", "adult-social-care"]
    assert main([*args, "-o", str(out)], out=io.StringIO()) == 0
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Progress: what Get Swindon Active has done for Adult Social Care"
    assert len(document.inline_shapes) == 4


def test_an_unknown_commissioner_is_one_line_naming_the_ids_there_are(tmp_path):
    out = tmp_path / "progress.html"
    said = io.StringIO()
    args = ["export", str(_file(tmp_path)), "--to", "progress", "--commissioner", "nobody", "-o", str(out)]
    assert main(args, out=said) == 1
    lines = said.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert "no stakeholder has the id 'nobody'" in lines[0]
    assert "public-health, adult-social-care, childrens-services, icb" in lines[0]
    assert not out.exists()


def test_the_help_lists_the_progress_formats_with_the_commissioner_choice(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "progress a progress report to print on A4: what has moved since the baseline" in text
    assert (
        "progress-docx the progress report as a Word document, each indicator's chart a picture "
        "(--commissioner ID: for one commissioner)" in text
    )
