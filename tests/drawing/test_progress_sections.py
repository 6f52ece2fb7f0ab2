"""What the progress report says (``logicmodel.drawing.progress_report``), and the short progress section the
brief and the full report gain where there are measurements (and only there)."""

from __future__ import annotations

import io

import docx
import pytest
from progress_fixture import bare, illustrated

from logicmodel import formats
from logicmodel.analysis.progress import RULE
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import find
from logicmodel.drawing.progress_report import progress_report
from logicmodel.drawing.report import Chart, Paragraph, Table, report

PROGRESS = "Progress since the baseline"


def _text(content) -> str:
    said = []
    for section in content.sections:
        said.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                said.append(block.text)
            elif isinstance(block, Table):
                said.extend(" ".join(row) for row in [block.headers, *block.rows])
    return " ".join(" ".join(said).split())


def test_the_full_report_gains_a_progress_chapter_with_each_measured_indicator_and_the_rule():
    content = report(illustrated("swindon"))
    headings = [s.heading for s in content.sections]
    assert headings.index(PROGRESS) == headings.index("Indicators") + 1
    [chapter] = [s for s in content.sections if s.heading == PROGRESS]
    [table] = [b for b in chapter.blocks if isinstance(b, Table)]
    assert table.headers == ("Box", "Indicator", "Baseline", "Latest (period)", "Target", "Status")
    assert sorted(row[-1] for row in table.rows) == ["improving", "met", "no change", "worsening"]
    isolation = (
        "Social isolation: percentage of adult social care users who have as much social contact as they would like"
    )
    row = ("Older people keep social contact", isolation, "42.1%", "40.2% (2023/24)", "46%", "worsening")
    assert row in table.rows
    assert _text(content).count(RULE) == 1
    assert content.levels_nest()


def test_a_brief_gains_a_progress_section_counting_its_commissioners_statuses_and_stays_short():
    content = report(illustrated("swindon"), commissioner="adult-social-care")
    [chapter] = [s for s in content.sections if s.heading == PROGRESS]
    assert chapter.blocks[0].text.startswith("Since the baseline, 4 of 15 indicators have been measured")
    assert [s.heading for s in content.sections][-2:] == [PROGRESS, "Gaps"]
    said = _text(content)
    assert "in the progress report (on Export), with how a status is judged" in said
    assert "The full report tells the routes into" in said  # one route told fewer, to stay on one page


@pytest.mark.parametrize("sample", ["swindon", "slough", "new-forest"])
def test_without_measurements_the_brief_and_the_report_have_no_progress_section(sample):
    fw = bare(sample)
    assert PROGRESS not in [s.heading for s in report(fw).sections]
    for person in fw.stakeholders:
        assert PROGRESS not in [s.heading for s in report(fw, commissioner=person.id).sections]


def test_the_word_report_and_brief_carry_the_progress_section():
    fw = illustrated("slough")
    for who in (None, "public-health"):
        document = docx.Document(io.BytesIO(formats.get("docx").write(fw, formats.Choices(commissioner=who))))
        assert PROGRESS in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def _small(indicators: list[dict], delivery: list[dict] | None = None):
    return from_data(
        {
            "schema_version": 1,
            "meta": {"title": "Walks"},
            "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
            "nodes": [
                {"id": "walk", "level": "activity", "label": "Walking groups", "reach": 100,
                 "cost": {"amount": 1000, "period": "a year"}, "delivery": delivery or []},
                {"id": "active", "level": "strategic", "label": "More adults active", "stakeholders": ["ph"],
                 "indicators": indicators},
            ],
            "links": [{"source": "walk", "target": "active", "assumptions": ["People can get there."]}],
        }
    )  # fmt: skip


def _m(period, end, value):
    return {"period": period, "period_end": end, "value": value, "note": "Illustrative"}


def test_each_status_goes_to_its_chapter_and_only_measured_indicators_are_charted():
    fw = _small(
        [
            {"name": "Met one", "baseline": 50, "target": 60, "measurements": [_m("2024", "2024-12-31", 61)]},
            {"name": "Worse one", "baseline": 50, "target": 60, "measurements": [_m("2024", "2024-12-31", 45)]},
            {"name": "No target one", "baseline": 50, "measurements": [_m("2024", "2024-12-31", 52)]},
            {"name": "Unmeasured one", "baseline": 50, "target": 60},
        ]
    )
    content = progress_report(fw, commissioner="ph")
    chapters: dict[str, list[str]] = {}
    for section in content.sections:
        if section.level == 1:
            current = chapters.setdefault(section.heading, [])
        else:
            current.append(section.heading)
    assert chapters["What has moved"] == ["Met one"]
    assert chapters["What has not moved, and what is being done"] == ["Worse one"]
    assert chapters["Measured, with nothing to judge it by yet"] == ["No target one"]
    charts = [b for s in content.sections for b in s.blocks if isinstance(b, Chart)]
    assert len(charts) == 3 and all(c.chart.startswith("<svg") for c in charts)
    said = _text(content)
    assert "Unmeasured one More adults active 50 60" in said  # named with no data, and not charted
    assert "Walking groups no delivery recorded yet People can get there." in said  # what is being done


def test_a_framework_with_no_indicators_says_so():
    content = progress_report(_small([]))
    said = _text(content)
    assert "Nothing has been measured or delivered on this framework since the baseline yet" in said
    assert "No indicators yet." in said
    assert not [b for s in content.sections for b in s.blocks if isinstance(b, Chart)]


def test_delivery_without_measurements_is_reported_against_the_plan():
    delivered = [{"period": "2024/25", "period_end": "2025-03-31", "participants": 80, "spent": 900}]
    said = _text(progress_report(_small([], delivered)))
    assert "In 2024/25, 1 activity recorded delivery: 80 participants, £900 spent." in said
    assert "Walking groups 2024/25 80 of 100 planned (80%) £900 of £1,000 planned (90%)" in said
    assert "Nothing has been measured" not in said


def test_where_nothing_measured_can_be_judged_only_that_chapter_is_there():
    fw = _small([{"name": "No target one", "baseline": 50, "measurements": [_m("2024", "2024-12-31", 52)]}])
    headings = [s.heading for s in progress_report(fw).sections if s.level == 1]
    assert "What has moved" not in headings and "What has not moved, and what is being done" not in headings
    assert "Measured, with nothing to judge it by yet" in headings


@pytest.mark.parametrize("sample", ["swindon", "enfield", "nottingham-msk"])
def test_the_samples_own_illustrative_measurements_make_a_progress_report_for_each_commissioner(sample):
    fw = find(sample).load()
    for person in fw.stakeholders:
        if person.role == "commissioner":
            content = progress_report(fw, commissioner=person.id)
            assert content.levels_nest()
            assert person.name in content.title


def test_a_charts_caption_names_only_what_it_draws():
    fw = _small(
        [
            {"name": "Both", "baseline": 50, "target": 60, "measurements": [_m("2024", "2024-12-31", 61)]},
            {"name": "Neither", "baseline": "low", "target": "increase", "measurements": [_m("2024", "2024-12-31", 5)]},
        ]
    )
    captions = [b.caption for s in progress_report(fw).sections for b in s.blocks if isinstance(b, Chart)]
    assert captions == [
        "Both: the baseline (grey square), each measurement (blue) and the target (dashed line).",
        "Neither: each measurement (blue); no baseline or target written as a number to draw.",
    ]
