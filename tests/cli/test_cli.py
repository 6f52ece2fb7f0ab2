"""``python -m logicmodel``: exit codes, messages a person can act on, and machine-readable output."""

import io
import json
import os
import re
import subprocess
import sys
import tempfile

import pytest
from factories import ready_walking, walking

from logicmodel.cli.main import build_parser, main
from logicmodel.core.limits import MAX_FILE_BYTES
from logicmodel.core.schema import schema_text


def run(*argv):
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(ready_walking()), encoding="utf-8")  # no warning of any kind
    return path


@pytest.fixture
def bad(tmp_path):
    data = walking()
    data["nodes"][3]["level"] = "outcome"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_validate_valid_file(good):
    assert run("validate", str(good)) == (0, f"{good}: valid\n")


def test_validate_prints_warnings_and_still_succeeds(tmp_path):
    data = ready_walking()
    data["nodes"][4]["indicators"] = []
    path = tmp_path / "gaps.json"
    path.write_text(json.dumps(data))
    status, out = run("validate", str(path))
    assert status == 0
    assert f"{path}: valid (1 warning)" in out
    assert f"{path}: warning outcome-without-indicator [active]: 'More older people active' has no indicator" in out
    status, out = run("validate", "--json", str(path))
    (warning,) = json.loads(out)["warnings"]
    assert warning == {
        "code": "outcome-without-indicator",
        "group": "logic",
        "nodes": ["active"],
        "message": "'More older people active' has no indicator: how would a commissioner know it has changed?",
    }


def test_validate_invalid_file_names_file_and_place(good, bad):
    status, out = run("validate", str(good), str(bad))
    assert status == 1
    assert f"{bad}: nodes[3].level: unknown level 'outcome' (levels: activity, output, intermediate, strategic)" in out
    assert f"{good}: valid" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x80abc", "not UTF-8 text"),
        (b"{nope", "not valid JSON"),
        (b"[" * 5000, "nested too deeply"),
        (b'{"schema_version": 9}', "format version 9"),
    ],
)
def test_validate_unreadable_files(tmp_path, content, message):
    path = tmp_path / "f.json"
    path.write_bytes(content)
    status, out = run("validate", str(path))
    assert status == 1
    assert out.startswith(f"{path}: ")
    assert message in out


def test_validate_missing_file(tmp_path):
    assert run("validate", str(tmp_path / "nope.json")) == (1, f"{tmp_path / 'nope.json'}: no such file\n")


def test_validate_json_output(good, bad):
    status, out = run("validate", "--json", str(good), str(bad))
    first, second = (json.loads(line) for line in out.splitlines())
    assert status == 1
    assert first == {"file": str(good), "valid": True, "errors": [], "warnings": []}
    assert second["valid"] is False
    assert second["errors"] == [
        {
            "path": "nodes[3].level",
            "message": "unknown level 'outcome' (levels: activity, output, intermediate, strategic)",
            "nodes": [json.loads(bad.read_text())["nodes"][3]["id"]],
        }
    ]


def test_schema_command_prints_the_schema():
    assert run("schema") == (0, schema_text())


def test_fmt_rewrites_in_canonical_form_and_check_mode(good):
    assert run("fmt", "--check", str(good))[0] == 1
    assert run("fmt", str(good)) == (0, f"{good}: rewritten in canonical form\n")
    assert run("fmt", "--check", str(good)) == (0, "")
    assert good.read_text().startswith('{\n  "schema_version": 1,\n  "meta": {')


def test_fmt_leaves_invalid_files_alone(bad):
    before = bad.read_bytes()
    status, out = run("fmt", str(bad))
    assert status == 1
    assert "unknown level 'outcome'" in out
    assert bad.read_bytes() == before


@pytest.mark.parametrize("argv", [[], ["validate"], ["frobnicate"], ["validate", "--nope", "x.json"]])
def test_usage_errors_exit_2_without_traceback(argv):
    result = subprocess.run([sys.executable, "-m", "logicmodel", *argv], capture_output=True, text=True)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_real_process_never_prints_a_traceback(tmp_path):
    path = tmp_path / "evil.json"
    path.write_bytes(b'{"schema_version": 1, "meta": {"title": "' + b"\xed\xa0\x80" + b'"}}')
    result = subprocess.run([sys.executable, "-m", "logicmodel", "validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_refuses_a_file_over_the_one_size_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    assert run("validate", str(path)) == (
        1,
        f"{path}: file is too large (10,000,001 bytes): the limit is 10 MB (10,000,000 bytes)\n",
    )


# What a file holds is shown, never obeyed: no control character reaches the terminal.

CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)
"""Everything a terminal could act on (C0 but the line end, DEL, C1, direction overrides, line separators,
lone surrogates)."""

HOSTILE = "\x1b]0;pwned\x07\x1b[2K\r\x9b31m\u202egnp.exe"


def hostile_files(tmp_path):
    """Files whose labels, keys and names hold what a terminal would obey."""
    data = walking()
    data["nodes"][4]["indicators"] = []  # a warning names this box's label
    data["nodes"][4]["label"] = "More active\u202e\x9b2J" + HOSTILE.replace("\x1b", "").replace("\x07", "")
    warned = tmp_path / "warned.json"
    warned.write_text(json.dumps(data), encoding="utf-8")
    data = walking()
    data["nodes"][0][HOSTILE] = 1  # an unknown field: its name is quoted in the error
    data["links"][0]["target"] = "x\x1b[2K"  # not a valid id: refused, and quoted by the rules
    keyed = tmp_path / "keyed.json"
    keyed.write_text(json.dumps(data), encoding="utf-8")
    named = tmp_path / f"name{HOSTILE}.json"
    named.write_text(json.dumps(walking()), encoding="utf-8")
    return [warned, keyed, named]


def test_validate_prints_no_control_characters(tmp_path):
    files = [str(p) for p in hostile_files(tmp_path)]
    status, out = run("validate", *files)
    assert status == 1
    assert not CONTROL.findall(out), CONTROL.findall(out)
    assert r"\x1b]0;pwned\x07\x1b[2K\r\x9b31m\u202egnp.exe" in out  # shown, as escapes
    assert out.count("\n") == len(out.splitlines())  # every line ends where the program ended it


def test_fmt_and_export_print_no_control_characters(tmp_path):
    files = [str(p) for p in hostile_files(tmp_path)]
    for argv in (["fmt", "--check", *files], ["fmt", *files]):
        out = run(*argv)[1]
        assert not CONTROL.findall(out), (argv, out)
    for path in files:
        out = run("export", path, "--to", "svg", "-o", str(tmp_path / f"out{HOSTILE}.svg"))[1]
        assert out and not CONTROL.findall(out), out


def test_a_file_name_that_is_not_utf8_prints_escaped(tmp_path):
    """Python keeps the stray byte of such a name as a lone surrogate: printing it raw would stop the program."""
    name = os.fsencode(tmp_path) + b"/caf\xe9.json"
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(walking()))
    for argv in (["validate"], ["validate", "--json"], ["fmt", "--check"], ["fmt"]):
        result = subprocess.run(
            [sys.executable, "-m", "logicmodel", *argv, name], capture_output=True, env=os.environ | {"LC_ALL": "C"}
        )
        assert b"Traceback" not in result.stdout + result.stderr, result.stderr
        shown = json.loads(result.stdout)["file"] if "--json" in argv else result.stdout.decode()
        assert "caf\\xe9.json" in shown, (argv, result.stdout)
        assert result.returncode in (0, 1)


# Files that are not what they seem: one line naming the file, and the batch goes on.


def run_process(*argv, timeout=120):
    """The real command line, in its own process: a FIFO that blocked it would time out here."""
    return subprocess.run(
        [sys.executable, "-m", "logicmodel", *argv], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.parametrize(
    "argv", [["validate"], ["validate", "--json"], ["fmt"], ["fmt", "--check"], ["export", "--to", "svg", "-o", "x"]]
)
def test_a_fifo_is_refused_without_waiting_and_the_batch_goes_on(tmp_path, good, argv):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    files = [str(fifo)] if argv[0] == "export" else [str(fifo), str(good)]
    argv = [arg if arg != "x" else str(tmp_path / "out.svg") for arg in argv]
    result = run_process(argv[0], *files, *argv[1:])
    assert result.returncode == 1
    assert "is not a regular file: it is a FIFO (named pipe)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    if argv[0] == "validate":
        assert str(good) in result.stdout.splitlines()[-1]  # the next file was read


def test_a_device_is_refused(tmp_path):
    assert run("validate", "/dev/zero") == (1, "/dev/zero: is not a regular file: it is a device or socket\n")


def test_export_refuses_to_write_into_a_fifo(tmp_path, good):
    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)
    result = run_process("export", str(good), "--to", "svg", "-o", str(fifo))
    assert (result.returncode, result.stdout) == (1, f"{fifo}: is not a regular file: it is a FIFO (named pipe)\n")


def test_export_to_a_folder_that_does_not_exist_is_one_line(tmp_path, good):
    out = tmp_path / "no" / "such" / "poster.svg"
    assert run("export", str(good), "--to", "svg", "-o", str(out)) == (
        1,
        f"{out}: cannot be written (No such file or directory)\n",
    )


@pytest.mark.parametrize("length", [251, 255])
def test_fmt_rewrites_a_file_with_a_long_name(tmp_path, length):
    path = tmp_path / ("f" * (length - 5) + ".json")
    path.write_text(json.dumps(walking()), encoding="utf-8")
    assert run("fmt", str(path)) == (0, f"{path}: rewritten in canonical form\n")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_fmt_in_a_folder_it_cannot_write_is_one_line_and_changes_nothing(good, monkeypatch):
    before = good.read_bytes()

    def read_only_folder(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only_folder)
    assert run("fmt", str(good)) == (1, f"{good}: cannot be written (Permission denied)\n")
    assert good.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_fmt_in_a_read_only_folder_is_one_line(good):
    good.parent.chmod(0o555)
    try:
        result = run_process("fmt", str(good))
    finally:
        good.parent.chmod(0o755)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        f"{good}: cannot be written (Permission denied)\n",
        "",
    )


def test_a_usage_error_shows_an_odd_file_name_escaped(good):
    """A file named like an option (as a shell's * may pass it) is a usage error that names it, escaped."""
    result = run_process("validate", str(good), "--\x1b]0;pwned\x07.json")
    assert result.returncode == 2
    assert not CONTROL.findall(result.stderr), result.stderr
    assert r"--\x1b]0;pwned\x07.json" in result.stderr


def test_the_installed_command_names_itself_in_usage_and_hints(monkeypatch, tmp_path):
    """``logicmodel`` (installed by pip) and ``python -m logicmodel`` are one command; each says its own name."""
    assert build_parser().prog == "python -m logicmodel"
    monkeypatch.setattr(sys, "argv", ["/somewhere/bin/logicmodel"])
    assert build_parser().format_usage().startswith("usage: logicmodel ")
    loose = tmp_path / "loose.json"
    loose.write_text('{"schema_version": 1, "meta": {"title": "T"}, "nodes": [], "links": []}')
    assert f"(run: logicmodel fmt {loose})" in run("fmt", "--check", str(loose))[1]
