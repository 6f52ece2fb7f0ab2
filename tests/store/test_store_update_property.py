"""A property: a framework exported as the workbook (or the CSV files), edited as a person edits it in Excel
(rows added, changed and deleted, a level renamed in another case, words typed in any case) and brought back
with ``library update`` becomes exactly those edits, as one new version of the same framework."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logicmodel import formats
from logicmodel.cli.main import main
from logicmodel.core.models import Appraisal, Node, Step, Story, Valuation
from logicmodel.core.samples import find
from logicmodel.store import Library

BASE = find("enfield").load()
_VALUED = {
    "quantity": 40,
    "proxy": {"amount": 1000, "unit": "a fall avoided", "source": "illustrative figure made up for a test"},
    "deadweight": 0.3,
    "duration": 3,
    "beneficiary": "icb",
}
BASE = BASE.model_copy(
    update={
        "stories": (Story(id="walk", title="A walk", steps=(Step(nodes=(BASE.nodes[0].id,), note="Start"),)),),
        "nodes": tuple(
            n.model_copy(update={"valuation": Valuation.model_validate(_VALUED)}) if n.id == "str-fewer-falls" else n
            for n in BASE.nodes
        ),
        "appraisal": Appraisal(price_year=2025),
    }
)
"""A sample, with a story (the samples have none) and an illustrative valuation and appraisal (figures made up for
a test) so that what the file carries besides boxes is there too."""

Tables = dict[str, list[list[object]]]

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=3, max_size=20).map(lambda s: " ".join(s.split()))


def case(text: str, how: int) -> str:
    return (text, text.upper(), text.lower(), text.swapcase())[how % 4]


@st.composite
def edits(draw: st.DrawFn) -> dict:
    """What a person does to the exported tables: boxes deleted (with their rows on the other sheets, as the
    Read me says), labels changed, boxes added (with or without an id, their level by its label in any case),
    link strengths typed with a capital, and one level's label written in another case."""
    story_boxes = {box for story in BASE.stories for step in story.steps for box in step.nodes}
    deletable = [n.id for n in BASE.nodes if n.id not in story_boxes]
    deleted = draw(st.lists(st.sampled_from(deletable), unique=True, max_size=3))
    kept = [n.id for n in BASE.nodes if n.id not in deleted]
    relabelled = draw(st.dictionaries(st.sampled_from(kept), WORDS.filter(bool).map("Changed {}".format), max_size=3))
    added = draw(
        st.lists(
            st.tuples(WORDS.map("New {}".format), st.sampled_from(BASE.levels), st.integers(0, 3), st.booleans()),
            max_size=3,
            unique_by=lambda t: t[0],
        )
    )
    links = [i for i, k in enumerate(BASE.links) if k.source not in deleted and k.target not in deleted]
    strengths = draw(
        st.dictionaries(st.sampled_from(links), st.sampled_from(["Strong", "MODERATE", "weak"]), max_size=3)
    )
    level = draw(st.sampled_from(range(len(BASE.levels))))
    level_case = draw(st.integers(1, 3))
    return {
        "deleted": deleted,
        "relabelled": relabelled,
        "added": added,
        "strengths": strengths,
        "level": level,
        "level_case": level_case,
    }


def edit_tables(tables: Tables, edit: dict) -> None:
    """``edit`` done on the tables (lower-case part names; the first row is the headers)."""
    deleted = set(edit["deleted"])
    head = {part: [str(h) for h in rows[0]] for part, rows in tables.items() if rows}

    def column(part: str, name: str) -> int:
        return head[part].index(name)

    parts = (("boxes", ("id",)), ("links", ("from", "to")), ("indicators", ("box",)))
    parts += tuple((part, ("box",)) for part in ("measurements", "delivery", "valuations") if tables.get(part))
    for part, columns in parts:
        tables[part][1:] = [
            row for row in tables[part][1:] if not any(row[column(part, c)] in deleted for c in columns)
        ]
    ev = tables["evidence"]
    ev[1:] = [
        row
        for row in ev[1:]
        if row[column("evidence", "box")] not in deleted and row[column("evidence", "leads to")] not in deleted
    ]
    for row in tables["boxes"][1:]:
        if row[column("boxes", "id")] in edit["relabelled"]:
            row[column("boxes", "label")] = edit["relabelled"][row[column("boxes", "id")]]
    for i, (label, level, how, with_id) in enumerate(edit["added"]):
        row: list[object] = [None] * len(head["boxes"])
        row[column("boxes", "id")] = f"new-{i}" if with_id else None
        row[column("boxes", "level")] = case(level.label, how)
        row[column("boxes", "label")] = label
        tables["boxes"].append(row)
    kept_links = [i for i, k in enumerate(BASE.links) if k.source not in deleted and k.target not in deleted]
    for position, index in enumerate(kept_links, start=1):
        if index in edit["strengths"]:
            tables["links"][position][column("links", "strength")] = edit["strengths"][index]
    levels = tables["levels"]
    row = levels[1 + edit["level"]]
    row[column("levels", "label")] = case(str(row[column("levels", "label")]), edit["level_case"])


def expected(edit: dict, result) -> object:
    """The framework the edits make, the new boxes' ids as the file gave them (or as made from their labels)."""
    deleted = set(edit["deleted"])
    nodes = [
        n.model_copy(update={"label": edit["relabelled"].get(n.id, n.label)}) for n in BASE.nodes if n.id not in deleted
    ]
    by_label = {n.label: n for n in result.nodes}
    for i, (label, level, _, with_id) in enumerate(edit["added"]):
        nodes.append(Node(id=f"new-{i}" if with_id else by_label[label].id, level=level.id, label=label))
    kept = [k for k in BASE.links if k.source not in deleted and k.target not in deleted]
    links = [
        k.model_copy(update={"strength": edit["strengths"][i].lower()}) if i in edit["strengths"] else k
        for i, k in ((BASE.links.index(k), k) for k in kept)
    ]
    levels = list(BASE.levels)
    levels[edit["level"]] = levels[edit["level"]].model_copy(
        update={"label": case(levels[edit["level"]].label, edit["level_case"])}
    )
    return BASE.model_copy(update={"nodes": tuple(nodes), "links": tuple(links), "levels": tuple(levels)})


def xlsx_round(edit: dict) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(formats.get("xlsx").write(BASE, formats.Choices())))
    tables = {ws.title.lower(): [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    edit_tables(tables, edit)
    for ws in list(book.worksheets):
        rows = tables[ws.title.lower()]
        book.remove(ws)
        fresh = book.create_sheet(ws.title)
        for row in rows:
            fresh.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_files_round(edit: dict) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(formats.get("csv-files").write(BASE, formats.Choices())))
    tables: Tables = {}
    for name in source.namelist():
        if name.endswith(".csv"):
            text = source.read(name).decode("utf-8-sig")
            tables[name.removesuffix(".csv")] = [list(r) for r in csv.reader(io.StringIO(text))]
    edit_tables(tables, edit)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part, rows in tables.items():
            text = io.StringIO()
            csv.writer(text).writerows([["" if c is None else c for c in row] for row in rows])
            archive.writestr(f"{part}.csv", text.getvalue())
    return out.getvalue()


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('update') / 'library.db'}"


@pytest.mark.parametrize(("name", "make"), [("xlsx", xlsx_round), ("csv-files", csv_files_round)])
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(edit=edits())
def test_an_edited_export_brought_back_is_exactly_the_edits_as_one_version(
    shared_library, tmp_path, monkeypatch, name, make, edit
):
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", shared_library)
    with Library.open(shared_library) as lib:
        first = lib.create(BASE, author="Ann")
    path = tmp_path / f"edited{formats.get(name).extension}"
    path.write_bytes(make(edit))
    out = io.StringIO()
    status = main(["library", "update", first.id, str(path), "--from", name], out=out)
    assert status == 0, out.getvalue()
    with Library.open(shared_library) as lib:
        now = lib.get(first.id)
        history = lib.history(first.id)
        assert len(lib.list()) == len({s.id for s in lib.list()})  # no framework made by the update
    result = now.framework
    assert result == expected(edit, result)
    assert [v.version for v in history] == [2, 1] and history[0].summary == f"Updated from {path.name}"
    assert "saved as version 2" in out.getvalue()  # a level's label in another case is always an edit
