"""Files written in format v1 stay readable: every file in tests/fixtures/v1 (the samples as they stood when the
format first changed) is read by today's loader, written back unchanged, and compared the same as itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import ROOT

from logicmodel.analysis.diff import compare
from logicmodel.core.readwrite import dumps, load

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "v1").rglob("*.json"))


def test_the_fixture_holds_every_sample_and_template():
    assert len(FIXTURES) >= 11


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_a_v1_file_still_reads_and_writes_back_as_it_was(path: Path):
    fw = load(path)
    assert fw.schema_version == 1
    assert dumps(fw) == path.read_text(encoding="utf-8")
    assert compare(fw, fw).is_empty()
