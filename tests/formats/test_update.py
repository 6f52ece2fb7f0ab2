"""Bringing back an edited file (``logicmodel.formats.update``): the file's edits land on the framework it came
from, with its ids and what the file cannot carry kept; and the readers of our workbook and CSV files tell every problem
at once, read "Moderate" as moderate, ask nothing about the workbook's own levels, and offer a repair."""

import io

import openpyxl
import pytest

from logicmodel import formats
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Evidence, Step, Story
from logicmodel.core.samples import find
from logicmodel.editing.repair import repair
from logicmodel.formats.registry import level_names
from logicmodel.formats.update import carried, update_from
from logicmodel.jobs.tasks import read_upload

XLSX = formats.get("xlsx")


def with_story(fw, *boxes):
    return fw.model_copy(
        update={"stories": (Story(id="pathway", title="The pathway", steps=tuple(Step(nodes=(b,)) for b in boxes)),)}
    )


def workbook(fw, edit) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(XLSX.write(fw, formats.Choices())))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(sheet, value, column=1) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=column).value == value)


# --- the merge ---


def test_a_file_saying_the_same_changes_nothing_and_returns_the_framework_itself():
    fw = find("swindon").load()
    for name in ("json", "xlsx", "csv-files", "mermaid", "graphml", "kumu", "csv"):
        fmt = formats.get(name)
        done = update_from(fw, fmt.read(fmt.write(fw, formats.Choices())), fmt)
        assert done.framework is fw and done.diff.is_empty(), name


def test_a_mermaid_chart_that_lost_the_ids_is_matched_by_label_and_keeps_what_mermaid_cannot_carry():
    fw = find("swindon").load()
    fmt = formats.get("mermaid")
    chart = fmt.write(fw, formats.Choices()).decode()
    renamed_from = fw.nodes[3].label
    chart = chart.replace(renamed_from, renamed_from + " in Swindon", 1)
    done = update_from(fw, fmt.read(chart.encode()), fmt)
    assert done.by_label > len(fw.nodes) // 2  # most of the chart's ids are its own: boxes found by their labels
    renamed = [c for c in done.diff.changed if c.fields]  # found by a similar label, as the file has no ids
    assert [(f.field, f.before, f.after) for c in renamed for f in c.fields] == [
        ("label", renamed_from, renamed_from + " in Swindon")
    ]
    assert not done.diff.added and not done.diff.removed
    kept = done.framework.node_by_id
    for node in fw.nodes:
        if node.id in kept:  # indicators, stakeholders, costs ... of every box the chart still has: kept
            assert kept[node.id].model_copy(update={"label": node.label}) == node
    assert any("indicators" in line and "mermaid files do not carry them" in line for line in done.kept)
    assert {k.strength for k in done.framework.links} == {k.strength for k in fw.links}  # link strengths kept


def test_boxes_are_matched_by_id_first_then_by_label_in_the_same_level():
    fw = find("enfield").load()
    a, b = fw.nodes[0], fw.nodes[1]
    theirs = fw.model_copy(
        update={"nodes": (a.model_copy(update={"id": "new-id"}), *fw.nodes[1:]), "links": ()},
    )
    done = update_from(fw, theirs)
    assert a.id in done.framework.node_by_id and "new-id" not in done.framework.node_by_id
    assert done.by_label == 1 and done.diff.links_removed and not done.diff.added
    assert done.framework.node_by_id[b.id] == b


def test_a_level_renamed_keeps_its_id_and_a_box_deleted_leaves_its_story_steps():
    fw = find("enfield").load()
    gone = fw.nodes[0]
    fw = with_story(fw, gone.id, fw.nodes[1].id)
    theirs = fw.model_copy(
        update={
            "levels": tuple(
                lv.model_copy(update={"label": lv.label.upper()}) if i == 0 else lv for i, lv in enumerate(fw.levels)
            ),
            "nodes": fw.nodes[1:],
            "links": tuple(k for k in fw.links if gone.id not in (k.source, k.target)),
            "stories": (),
        }
    )
    fmt = formats.get("mermaid")  # a format that carries no stories: they are kept, less the deleted box
    done = update_from(fw, theirs, None)
    assert done.framework.levels[0].label == fw.levels[0].label.upper()
    assert [c.field for c in done.diff.levels] == [f"{fw.levels[0].id}.label"]
    assert done.framework.stories == ()  # the file (format v1, whole) says there are no stories
    chart = fmt.read(fmt.write(theirs, formats.Choices()))
    kept = update_from(fw, chart, fmt)
    assert [step.nodes for step in kept.framework.stories[0].steps] == [(fw.nodes[1].id,)]
    assert any("story" in line for line in kept.kept)


def test_what_a_format_carries_is_found_by_writing_and_reading_back():
    fw = find("swindon").load()
    assert carried(fw, XLSX).everything() and carried(fw, formats.get("csv-files")).everything()
    csv = carried(fw, formats.get("csv"))
    assert "label" in csv.box and "indicators" not in csv.box and "title" not in csv.meta
    mermaid = carried(fw, formats.get("mermaid"))
    assert not mermaid.ids and "strength" not in mermaid.link and "level" in mermaid.box


def test_an_update_that_would_break_the_framework_is_refused_naming_why():
    fw = find("enfield").load()
    theirs = fw.model_copy(update={"levels": fw.levels[1:]})  # its boxes' level is gone from the file
    with pytest.raises(FrameworkError) as refused:
        update_from(fw, theirs)
    assert "level" in str(refused.value)


# --- the readers: every problem at once, case, the workbook's own levels, repair ---


def test_moderate_with_a_capital_is_moderate_and_a_role_or_kind_in_any_case_too():
    fw = find("enfield").load()

    def edit(book):
        book["Links"].cell(row=2, column=4).value = "Moderate"
        book["Evidence"].cell(row=2, column=4).value = "STRONG"
        book["Stakeholders"].cell(row=2, column=3).value = "Commissioner"

    back = XLSX.read(workbook(fw, edit))
    assert back.links[0].strength == "moderate" and back.stakeholders[0].role == "commissioner"
    assert back.nodes == tuple(back.nodes) and any(e.strength == "strong" for n in back.nodes for e in n.evidence)


def test_the_apps_own_workbook_never_asks_about_its_levels_even_when_refused():
    fw = find("enfield").load()

    def edit(book):
        boxes = book["Boxes"]
        boxes.cell(row=2, column=2).value = "ACTIVITIES"  # a level by its label, in any case
        boxes.delete_rows(3)

    data = workbook(fw, edit)
    assert level_names(XLSX, workbook(fw, lambda book: None)) == []
    upload = read_upload("framework.xlsx", data)
    assert upload.error is not None and upload.level_names == ()  # no "The file names its own levels"
    assert upload.repaired is not None and upload.repaired.nodes[0].level == fw.nodes[0].level


def test_a_deleted_box_is_named_everywhere_at_once_and_a_repair_leaves_out_only_what_named_it():
    fw = find("swindon").load()
    gone = next(n for n in fw.nodes if n.indicators and sum(k.target == n.id for k in fw.links) > 1)
    fw = with_story(fw, gone.id, fw.nodes[0].id)
    link = next(i for i, k in enumerate(fw.links) if k.target == gone.id)
    links = list(fw.links)
    links[link] = links[link].model_copy(update={"evidence": (Evidence(title="A study"),)})
    fw = fw.model_copy(update={"links": tuple(links)})

    def edit(book):
        book["Boxes"].delete_rows(row_of(book["Boxes"], gone.id))
        book["Links"].cell(row=2, column=4).value = "Weak"

    data = workbook(fw, edit)
    with pytest.raises(FrameworkError) as refused:
        XLSX.read(data)
    lines = [str(p) for p in refused.value.problems]
    assert refused.value.repairable  # "Open anyway", "--repair"
    touching = sum(gone.id in (k.source, k.target) for k in fw.links)
    assert sum("no box has the id" in line for line in lines) == touching  # every link, not the first
    assert sum("an indicator of" in line for line in lines) == len(gone.indicators)
    assert any("sheet 'Stories'" in line for line in lines)
    assert not any("node" in p.message for p in refused.value.problems)  # "box" on screen, never "node"
    mended, changes = repair(formats.parse(XLSX, data))
    assert gone.id not in mended.node_by_id and len(mended.nodes) == len(fw.nodes) - 1
    assert [s.nodes for s in mended.stories[0].steps] == [(fw.nodes[0].id,)]
    assert len(mended.links) == len(fw.links) - touching
    assert any(c.kind == "step" for c in changes)


def test_a_column_per_level_table_names_every_box_under_no_level_at_once():
    data = b"Activities,Outcomes,\r\nWalks,Fitter,stray one\r\nRuns,,stray two\r\n"
    with pytest.raises(FrameworkError) as refused:
        formats.read(formats.get("csv"), data)
    lines = [str(p) for p in refused.value.problems]
    assert sum("under no" in line for line in lines) == 2 and refused.value.repairable
