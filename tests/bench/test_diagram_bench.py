"""The diagram benchmark (``bench/diagram.py``) run tiny, through the test hook contract, in Chromium.

What would make its table wrong without anyone noticing: a case or a page switch with no row, a target with no
line, an action timed that never drew a frame (a hook missing, or a renderer that draws nothing for a pick or a
move), a floor page that draws nothing, the bare app not switching pages. Timings are not asserted (they belong
to the bench's own run); only that every line is there with a figure. Slow: two Streamlit servers and a dozen
pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from benches import bench_module

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _bench():
    return bench_module("diagram")


def test_a_tiny_run_has_a_row_for_every_case_and_switch_and_a_line_for_every_target(browser, tmp_path: Path):
    bench = _bench()
    out = tmp_path / "diagram.txt"
    argv = [
        "--boxes",
        "60",
        "--many",
        "120",
        "--dense-per-level",
        "10",
        "--dense-links",
        "200",
        "--repeat",
        "1",
        "--switches",
        "1",
    ]
    lines = bench.run(browser, bench.options([*argv, "--out", str(out)]))

    assert out.read_text(encoding="utf-8") == "\n".join(lines) + "\n"
    drawing = [line for line in lines if " KB " in line and " | " in line]
    assert [row.split()[0] for row in drawing] == ["60", "120", "dense"], f"a case has no row: {lines}"
    for row in drawing:
        assert "no frame" not in row, f"an action drew no frame: {row}"
        assert re.search(r"\d\.\d\d s \| +\d+\.\d\d s +\d+\.\dx \|", row), f"no first frame beside its floor: {row}"
    switched = [line for line in lines if re.match(r"(Swindon sample|60 boxes) +\d+ \| +\d+\.\d\d s \|", line)]
    assert [row.split(" ")[0] for row in switched] == ["Swindon", "60"], f"a page switch has no row: {lines}"

    verdicts = [line for line in lines if line.startswith(("met    ", "MISSED "))]
    assert len(verdicts) == len(bench.TARGETS), "\n".join(verdicts)
    assert not [line for line in verdicts if "not measured" in line]
    assert any("60 boxes" in line and "pathway drawn" in line for line in verdicts)
