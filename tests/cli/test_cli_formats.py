"""The command line made from the formats registry: ``export --to`` and ``import --from`` offer every format
with what it is for, an option the chosen format does not use is refused rather than ignored, and a format
added in one registration is found by both commands."""

from __future__ import annotations

import io
import json

import pytest
from paths import ROOT
from throwaway_format import THROWAWAY, registered

from logicmodel import formats
from logicmodel.cli.main import build_parser, main
from logicmodel.core.readwrite import dumps, load, loads
from logicmodel.core.samples import find
from logicmodel.core.schema import schema_text

ENFIELD = find("enfield")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv), out=io.StringIO())
    assert stopped.value.code == 2
    return capsys.readouterr().err


def test_export_help_lists_every_format_with_what_it_is_for(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = capsys.readouterr().out
    for fmt in formats.writers():
        assert f"  {fmt.name}  " in text and fmt.description in text


def test_export_writes_each_format(tmp_path):
    fw = ENFIELD.load()
    for fmt in formats.writers():
        out = tmp_path / f"out-{fmt.name}{fmt.extension}"
        status, said = run("export", str(ENFIELD.path), "--to", fmt.name, "-o", str(out))
        carries = f"{out}: {fmt.name} cannot carry {fmt.cannot_carry}\n" if fmt.cannot_carry else ""
        assert status == 0 and said == f"{out}: written ({fmt.name}, {len(fw.nodes)} boxes)\n" + carries
    assert load(tmp_path / "out-json.json") == fw
    assert (tmp_path / "out-schema.json").read_text() == schema_text()


def test_paper_and_projector_do_what_they_say_for_the_format_that_takes_them(tmp_path):
    run("export", str(ENFIELD.path), "--to", "svg", "--paper", "A1", "-o", str(tmp_path / "a1.svg"))
    assert 'width="841mm"' in (tmp_path / "a1.svg").read_text()
    run("export", str(ENFIELD.path), "--to", "html", "--projector", "-o", str(tmp_path / "big.html"))
    assert (tmp_path / "big.html").read_bytes() == formats.get("html").write(
        ENFIELD.load(), formats.Choices(projector=True)
    )


@pytest.mark.parametrize(
    ("to", "option", "said"),
    [
        ("svg", ["--projector"], "--projector is for html, not svg"),
        ("html", ["--paper", "A2"], "--paper is for svg, not html"),
        ("json", ["--projector"], "--projector is for html, not json"),
    ],
)
def test_an_option_the_format_does_not_use_is_refused_not_ignored(tmp_path, capsys, to, option, said):
    out = tmp_path / "out"
    assert said in usage_error(capsys, "export", str(ENFIELD.path), "--to", to, *option, "-o", str(out))
    assert not out.exists()


def test_export_help_names_each_option_with_the_formats_that_take_it_and_the_app_never_sees_a_flag(capsys):
    """The options are the command line's words: its help names them beside the formats; the formats'
    descriptions (shown on Export and Diagram) name none."""
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "(--paper: A4 to A0, A3 unless told; --progress: boxes coloured by their indicators' status)" in text
    assert "(--commissioner ID: for one commissioner)" in text
    assert not [f.name for f in formats.formats() if "--" in f.description]


def test_a_refused_import_that_a_repair_would_read_says_so_in_the_command_lines_words(tmp_path):
    source = tmp_path / "theory.mmd"
    source.write_text("flowchart LR\n  subgraph Activities\n    a[Walks]\n  end\n  a --> b[Fitter]\n")
    status, said = run("import", "--from", "mermaid", str(source), "-o", str(tmp_path / "out.json"))
    assert status == 1 and said.splitlines()[-1] == f"{source}: import with --repair to leave these out"


def test_import_writes_a_framework_file_in_canonical_form(tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(json.loads(dumps(ENFIELD.load())), indent=4))  # valid, not canonical
    out = tmp_path / "out.json"
    status, said = run("import", "--from", "json", str(source), "-o", str(out))
    assert status == 0 and said.startswith(f"{out}: written from json (")
    assert out.read_text() == dumps(ENFIELD.load())


def test_import_of_a_refused_file_says_why_in_one_line_and_writes_nothing(tmp_path):
    source = tmp_path / "in.json"
    source.write_text("{")
    out = tmp_path / "out.json"
    status, said = run("import", "--from", "json", str(source), "-o", str(out))
    assert status == 1 and said.count("\n") == 1 and said.startswith(f"{source}: not valid JSON")
    assert not out.exists()


def test_a_format_registered_is_a_choice_of_export_and_import_with_its_help(tmp_path, capsys):
    """Adding a format is one registration: the command line offers it, describes it, writes and reads it."""
    assert THROWAWAY.name not in _choices("export", "--to")
    with registered():
        assert THROWAWAY.name in _choices("export", "--to") and THROWAWAY.name in _choices("import", "--from")
        with pytest.raises(SystemExit):
            main(["export", "--help"])
        assert THROWAWAY.description in capsys.readouterr().out
        out = tmp_path / "slough.title"
        assert run("export", str(ENFIELD.path), "--to", THROWAWAY.name, "-o", str(out))[0] == 0
        assert out.read_text() == f"TITLE: {ENFIELD.title}\n"
        assert run("import", "--from", THROWAWAY.name, str(out), "-o", str(tmp_path / "back.json"))[0] == 0
        assert loads((tmp_path / "back.json").read_bytes()).meta.title == ENFIELD.title
        blank = tmp_path / "blank.title"
        blank.write_text("TITLE:   ")  # the one loader refuses a blank title, whatever format it came in
        status, said = run("import", "--from", THROWAWAY.name, str(blank), "-o", str(tmp_path / "no.json"))
        assert status == 1 and said.startswith(f"{blank}: meta.title") and not (tmp_path / "no.json").exists()
    assert THROWAWAY.name not in _choices("export", "--to")


def _choices(command: str, option: str) -> list[str]:
    """The choices the command line offers for ``option`` of ``command``, as built now."""
    commands = next(a for a in build_parser()._actions if a.dest == "command")
    parser = commands.choices[command]
    return list(next(a for a in parser._actions if option in a.option_strings).choices)


def test_progress_colours_the_page_and_the_poster_and_is_refused_elsewhere(tmp_path, capsys):
    measured = str(ROOT / "tests" / "fixtures" / "progress" / "measured.json")
    for to, name in (("html", "page.html"), ("svg", "poster.svg"), ("slides", "slides.html")):
        status, _said = run("export", measured, "--to", to, "--progress", "-o", str(tmp_path / name))
        assert status == 0 and "↓ worsening" in (tmp_path / name).read_text(encoding="utf-8")
    said = usage_error(capsys, "export", measured, "--to", "json", "--progress", "-o", str(tmp_path / "x.json"))
    assert "--progress is for svg, html, slides, not json" in said
