"""What a format cannot carry is worked out from the fields its writer declares (``Format.carries``) and the
models (``logicmodel.formats.carrying``), and checked here against what its files really lose: a framework with
every field of the models filled in is written in each format of the registry that reads back and read again,
and the fields that changed must be exactly those the format says it cannot carry. A field added to the models
is named as left out by every format that does not write it, in words, on the command line and on Export."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from app_helpers import open_page
from paths import ROOT

from logicmodel import formats
from logicmodel.cli.main import main
from logicmodel.core.models import Framework, Node
from logicmodel.core.readwrite import from_data
from logicmodel.formats.carrying import EVERY_FIELD, in_words, leaf_paths, lost, phrases, values_at
from logicmodel.jobs.tasks import read_upload
from ui.text import md

ROUND_TRIPS = [f for f in formats.readers() if f.write is not None]
"""Every format of the registry that writes a framework and reads it back."""
DECLARED = [f for f in formats.writers() if f.carries is not None]
"""Every format whose files are a copy of the framework (the drawings, reports and schema are not)."""


def every_field() -> dict[str, Any]:
    """A framework with every field of the models filled in, none at its default (strength "strong", currency
    "EUR", each level's kind written): a field left out anywhere shows. Its ids suit every format (letters and
    '_'), every level has a box and the boxes come in level order, so that what a format loses is a field."""
    evidence = {"title": "Walking for Health evaluation", "url": "https://example.org/walks", "strength": "strong"}
    walks = {
        "id": "walks",
        "level": "doing",
        "label": "Health walks",
        "description": "Weekly led walks",
        "stakeholders": ["ph"],
        "cohorts": ["Older people"],
        "indicators": [
            {
                "name": "Walkers",
                "source": "Register",
                "baseline": 40,
                "target": "at least 60",
                "unit": "people",
                "frequency": "monthly",
                "fingertips_id": 93015,
                "measurements": [
                    {
                        "period": "2024/25",
                        "period_end": "2025-03-31",
                        "value": 41.5,
                        "lower_ci": 39.25,
                        "upper_ci": 43.75,
                        "count": 83,
                        "denominator": 200,
                        "note": "made up for a test",
                        "source": "Register",
                    }
                ],
            }
        ],
        "cost": {"amount": 12000, "currency": "EUR", "period": "a year"},
        "reach": 300,
        "benefit": {"amount": 5000, "currency": "EUR", "period": "a year", "basis": "fewer admissions for falls"},
        "evidence": [evidence],
        "tags": ["walking"],
        "delivery": [
            {
                "period": "Q1 2025/26",
                "period_end": "2025-06-30",
                "participants": 90,
                "spent": 2500.5,
                "currency": "EUR",
                "note": "made up for a test",
            }
        ],
        "valuation": {
            "quantity": 12.5,
            "proxy": {"amount": 1000, "currency": "EUR", "unit": "a fall avoided", "source": "made up for a test"},
            "deadweight": 0.3,
            "attribution": 0.2,
            "displacement": 0.1,
            "drop_off": 0.5,
            "duration": 3,
            "beneficiary": "ph",
        },
    }
    return {
        "schema_version": 1,
        "meta": {
            "title": "Active Ageing, New Forest",
            "organisation": "New Forest District Council",
            "area": "New Forest",
            "description": "Walking for older people",
            "authors": ["Jo Smith"],
            "created": "2026-11-01",
            "updated": "2026-11-23",
            "tags": ["ageing"],
            "provenance": [{"title": "Active Hampshire", "organisation": "Hampshire", "date": "2026-10-01"}],
            "area_code": "E07000091",
        },
        "levels": [
            {"id": "doing", "label": "Activities", "kind": "activity"},
            {"id": "made", "label": "Outputs", "kind": "output"},
            {"id": "soon", "label": "Intermediate outcomes", "kind": "outcome"},
            {"id": "later", "label": "Strategic outcomes", "kind": "outcome"},
        ],
        "stakeholders": [{"id": "ph", "name": "Public Health", "role": "funder"}],
        "nodes": [
            walks,
            {"id": "sessions", "level": "made", "label": "Walks delivered"},
            {"id": "active", "level": "soon", "label": "More older people active"},
            {"id": "falls", "level": "later", "label": "Fewer falls"},
        ],
        "links": [
            {
                "source": "walks",
                "target": "sessions",
                "rationale": "Walks are run",
                "assumptions": ["People come"],
                "strength": "strong",
                "evidence": [evidence],
            },
            {"source": "sessions", "target": "active"},
            {"source": "active", "target": "falls"},
        ],
        "appraisal": {"discount_rate": 0.015, "price_year": 2025},
        "stories": [
            {
                "id": "falls_story",
                "title": "Fewer falls",
                "steps": [{"nodes": ["walks", "falls"], "title": "From walks to falls", "note": "What to say"}],
            }
        ],
    }


def _plain(fw: Framework) -> dict[str, Any]:
    """The framework as plain data, each box's level as its level's position: a format that makes level ids
    from their names (``level ids`` left out) still keeps each box in its level."""
    data = fw.model_dump(mode="json")
    position = {level["id"]: i for i, level in enumerate(data["levels"])}
    for node in data["nodes"]:
        node["level"] = position.get(node["level"], node["level"])
    return data


def _changed(fw: Framework, back: Framework) -> set[str]:
    before, after = _plain(fw), _plain(back)
    return {path for path in leaf_paths() if values_at(before, path) != values_at(after, path)}


def test_the_framework_these_tests_write_fills_in_every_field_of_the_models():
    """Generated from the models: a field added to them fails here until ``every_field`` fills it in, and so
    is then checked in every format below."""
    data = from_data(every_field()).model_dump(mode="json", exclude_defaults=True)
    at_default = [path for path in leaf_paths() if not values_at(data, path)]
    assert not at_default, f"every_field() leaves these empty or at their defaults: fill them in: {at_default}"


@pytest.mark.parametrize("fmt", ROUND_TRIPS, ids=lambda f: f.name)
def test_written_and_read_back_a_format_loses_exactly_the_fields_it_says_it_cannot_carry(fmt):
    fw = from_data(every_field())
    back = formats.read(fmt, fmt.write(fw, formats.Choices()))
    changed, said = _changed(fw, back), set(fmt.lost_fields())
    assert not changed - said, f"{fmt.name} loses {sorted(changed - said)} without saying so: declare what it carries"
    assert not said - changed, f"{fmt.name} says it cannot carry {sorted(said - changed)}, but they came back"


TABLES_OF_PARTS = ("xlsx", "csv-files")
"""The workbook and the zip of CSV files: a sheet or file for each part of a framework, to fill in."""


def test_the_framework_file_and_the_tables_of_parts_carry_every_field():
    for name in ("json", *TABLES_OF_PARTS):
        fmt = formats.get(name)
        assert fmt.lost_fields() == () and fmt.cannot_carry == "", name


def test_the_formats_for_other_tools_say_plainly_they_cannot_carry_valuations_or_the_appraisal():
    """Kumu, GraphML, Mermaid, ToC-Maker, the one-table CSV ... have no room for a financial case: each says
    so in words on Export and the command line (and bringing one back keeps the open version's, test_update)."""
    others = [fmt for fmt in DECLARED if fmt.name not in ("json", *TABLES_OF_PARTS)]
    assert {"kumu", "graphml", "mermaid", "csv"} <= {fmt.name for fmt in others}
    for fmt in others:
        assert "valuations" in fmt.cannot_carry and "the appraisal" in fmt.cannot_carry, fmt.name


@pytest.mark.parametrize("fmt", DECLARED, ids=lambda f: f.name)
def test_a_format_names_every_field_it_leaves_out_in_words(fmt):
    named: set[str] = set()
    for phrase, fields in phrases(fmt.lost_fields()):
        assert phrase in fmt.cannot_carry and "." not in phrase and "_" not in phrase, phrase
        named |= fields
    assert named == set(fmt.lost_fields())
    assert bool(fmt.cannot_carry) == bool(fmt.lost_fields() or fmt.also_leaves_out)
    assert all(words in fmt.cannot_carry for words in fmt.also_leaves_out)


def test_the_formats_for_other_tools_say_they_leave_out_the_benefit_link_evidence_sources_and_stories():
    """Added within format v1 after these formats' words were written by hand, and left out of them."""
    for name in ("csv", "kumu", "graphml", "mermaid"):
        words = formats.get(name).cannot_carry
        assert "benefit estimates" in words and "stories" in words, name
        assert "the frameworks it was adapted from" in words or "details" in words, name
        assert "link evidence" in words or "link details" in words, name
    assert formats.get("kumu").cannot_carry.startswith("the title and details, level ids")
    assert formats.get("graphml").cannot_carry.startswith("details but the title, level ids")


class _Box(Node):
    """A box with a field the models do not have yet, as a developer adds one."""

    priority: str | None = None


class _Grown(Framework):
    """The framework's models with ``_Box`` for a box."""

    nodes: tuple[_Box, ...]


def test_a_field_added_to_the_models_is_left_out_by_every_format_until_its_writer_carries_it():
    assert "nodes.priority" in leaf_paths(_Grown) and "nodes.priority" not in leaf_paths()
    for fmt in DECLARED:
        gone = lost(fmt.carries, _Grown)
        if fmt.carries == EVERY_FIELD:  # the framework file writes the models whole
            assert "nodes.priority" not in gone
        else:
            assert "nodes.priority" in gone, fmt.name
            assert "box priority" in in_words(gone, model=_Grown), fmt.name
    assert "nodes.priority" not in lost(frozenset({"nodes"}), _Grown)


def test_a_format_that_reads_and_writes_must_say_what_it_carries_and_name_real_fields():
    made = {
        "name": "made-up",
        "extension": ".made",
        "media_type": "text/plain",
        "description": "a test's own",
        "button": "Made up",
        "write": lambda fw, choices: b"",
        "read": lambda data: from_data(every_field()),
    }
    with pytest.raises(ValueError, match="say which fields its files carry"):
        formats.register(formats.Format(**made))
    with pytest.raises(ValueError, match=r"no such field of a framework: nodes\.benefits"):
        formats.Format(**made, carries=frozenset({"nodes.label", "nodes.benefits"}))
    assert "made-up" not in [f.name for f in formats.formats()]


def test_export_to_kumu_says_it_leaves_out_the_benefit(tmp_path):
    source, target = tmp_path / "ageing.json", tmp_path / "ageing.kumu.json"
    source.write_text(json.dumps(every_field()))
    out = io.StringIO()
    assert main(["export", str(source), "--to", "kumu", "-o", str(target)], out) == 0
    said = out.getvalue().splitlines()
    assert said[-1].startswith(f"{target}: kumu cannot carry the title and details, ")
    assert "benefit estimates" in said[-1] and "link evidence" in said[-1]
    assert "valuations" in said[-1] and "the appraisal" in said[-1]
    assert "benefit" not in target.read_text() and "deadweight" not in target.read_text()  # and it did leave it out


def test_export_names_what_each_format_for_another_tool_leaves_out():
    at = open_page("export", from_data(every_field()))
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    for fmt in DECLARED:
        if fmt.cannot_carry:
            assert md(f"It cannot carry {fmt.cannot_carry}.") in captions, fmt.name
    assert "benefit estimates" in captions


@pytest.mark.parametrize("fmt", formats.writers(), ids=lambda f: f.name)
def test_a_format_is_zipped_exactly_when_its_files_are_zips(fmt):
    """``Format.zipped`` decides which readers the tests give damaged zips, and how a written file is opened."""
    written = fmt.write(from_data(every_field()), formats.Choices())
    assert written.startswith(b"PK\x03\x04") == fmt.zipped


READ_ONLY = [f for f in formats.readers() if f.write is None]
"""Formats that only read (a logframe, a PRSM map): their readers declare what they fill in."""


@pytest.mark.parametrize("fmt", READ_ONLY, ids=lambda f: f.name)
def test_a_format_that_only_reads_declares_every_field_its_reader_fills_in(fmt):
    """What bringing back one of its files keeps from the open version is what it does not declare: a field its
    reader fills in but does not declare would be overwritten by the open version's when a file is brought back."""
    assert fmt.carries is not None and "valuations" in fmt.cannot_carry and "the appraisal" in fmt.cannot_carry
    read = 0
    for path in sorted((ROOT / "tests" / "fixtures" / "other_tools").iterdir()):
        data = path.read_bytes()
        if formats.reader_of(path.name, data) is not fmt:
            continue
        upload = read_upload(path.name, data)  # as the app reads it: a file with what a framework cannot hold,
        back = upload.framework or upload.repaired  # repaired (as "Open anyway" does)
        assert back is not None, path.name
        filled = back.model_dump(mode="json", exclude_defaults=True)
        assert not [p for p in fmt.lost_fields() if values_at(filled, p)], path.name
        read += 1
    assert read, f"no file of {fmt.name} among the fixtures"
