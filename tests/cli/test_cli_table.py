"""The command line is one table of commands: the help lists what the table holds, a row added is a command
offered, described and run, and every command says a file it cannot read or write the same way, in one line."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path
from typing import TextIO

import pytest
from factories import ready_walking
from paths import ROOT

from logicmodel.cli import main as cli
from logicmodel.cli.main import COMMANDS, Command, main
from logicmodel.cli.terminal import say

KNOWN = [
    "validate",
    "schema",
    "fmt",
    "export",
    "import",
    "diff",
    "merge",
    "adapt",
    "progress",
    "appraise",
    "measure",
    "library",
]
"""Every command a user (or a script) may type today: none may go missing in a reorganisation."""


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def listed(capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    """The commands ``--help`` lists, in its order, and its text with the wrapping undone."""
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    return re.findall(r"^ {4}(\S+)", text, re.MULTILINE), " ".join(text.split())


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.json"
    path.write_text(json.dumps(ready_walking()), encoding="utf-8")
    return path


def test_the_help_lists_every_command_of_the_table_with_its_line_in_the_tables_order(capsys):
    names, text = listed(capsys)
    assert names == [command.name for command in COMMANDS] == KNOWN
    for command in COMMANDS:
        assert " ".join(command.help_line().split()) in text, command.name


def test_a_command_added_to_the_table_is_offered_described_and_run(monkeypatch, capsys):
    def greet_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name", metavar="NAME")

    def greet(args: argparse.Namespace, out: TextIO) -> int:
        say(out, f"hello {args.name}")
        return 3

    row = Command("greet", "say hello to someone, by name", greet_arguments, greet, description="A greeting.")
    monkeypatch.setattr(cli, "COMMANDS", (*COMMANDS, row))
    names, text = listed(capsys)
    assert names[-1] == "greet" and "say hello to someone, by name" in text
    assert run("greet", "Ann") == (3, "hello Ann\n")
    with pytest.raises(SystemExit) as stop:
        main(["greet", "--help"])
    assert "A greeting." in capsys.readouterr().out and stop.value.code == 0
    with pytest.raises(SystemExit) as stop:
        main(["greet"])  # its own arguments are its parser's: a missing one is a usage error
    assert stop.value.code == 2


READERS = {
    "validate": (["validate", "{missing}"], 1),
    "fmt": (["fmt", "{missing}"], 1),
    "export": (["export", "{missing}", "--to", "svg", "-o", "{out}"], 1),
    "diff": (["diff", "{good}", "{missing}"], 2),  # as diff(1): 2 for trouble
    "merge": (["merge", "{good}", "{missing}", "-o", "{out}"], 1),
    "adapt": (["adapt", "{missing}", "--title", "Ours", "-o", "{out}"], 1),
    "appraise": (["appraise", "{missing}"], 1),
}


@pytest.mark.parametrize("command", READERS, ids=list(READERS))
def test_every_command_names_a_file_it_cannot_read_in_one_line_and_writes_nothing(command, tmp_path, good):
    argv, status = READERS[command]
    missing, out = tmp_path / "nope.json", tmp_path / "out.json"
    filled = [a.format(missing=missing, out=out, good=good) for a in argv]
    assert run(*filled) == (status, f"{missing}: no such file\n")
    assert not out.exists()


WRITERS = {
    "export": ["export", "{good}", "--to", "json", "-o", "{out}"],
    "import": ["import", "--from", "json", "{good}", "-o", "{out}"],
    "merge": ["merge", "{good}", "{good}", "-o", "{out}"],
    "adapt": ["adapt", "{good}", "--title", "Ours", "-o", "{out}"],
}


@pytest.mark.parametrize("command", WRITERS, ids=list(WRITERS))
def test_every_command_says_why_a_file_cannot_be_written_in_one_line_and_fails(command, tmp_path, good):
    out = tmp_path / "no" / "such" / "out.json"
    status, said = run(*(a.format(good=good, out=out) for a in WRITERS[command]))
    assert status == 1
    assert said.splitlines()[-1] == f"{out}: cannot be written (No such file or directory)"
    assert said.count(f"{out}:") == 1  # said once, and never "written"
    assert not out.parent.exists()


README = ROOT / "README.md"


def test_the_readme_shows_every_command_and_every_library_job_and_no_other():
    """The README's command lines and the table agree: a command added is documented, one removed is not shown."""
    from logicmodel.cli.library import JOBS

    text = README.read_text(encoding="utf-8")
    shown = set(re.findall(r"python -m logicmodel ([a-z-]+)", text))
    jobs = set(re.findall(r"python -m logicmodel library ([a-z-]+)", text))
    assert shown == {command.name for command in COMMANDS}
    assert jobs == {job.name for job in JOBS}
