"""The Progress page as a user sees it: the rule once, the statuses counted by level and by commissioner, a
chart per indicator (filtered by commissioner and status, a page at a time), delivery in words with its caveat,
the words for a framework with nothing to show yet, and "Bring data in": a Fingertips download's account shown
before anything changes, then applied as one new version that Undo takes back. Every sample renders (the
samples run through every page in ``test_app_pages``; here they are checked for what this page says)."""

from __future__ import annotations

import json

import pytest
from app_helpers import button, framework, library, messages, open_page, plain, saved
from factories import minimal, node
from paths import ROOT

from logicmodel.analysis.progress import RULE
from logicmodel.core import samples
from logicmodel.core.readwrite import from_data, load

FIXTURES = ROOT / "tests" / "fixtures" / "progress"
ILLUSTRATIVE = FIXTURES / "illustrative.json"
DOWNLOAD = FIXTURES / "fingertips-illustrative.csv"
SHIPPED = samples.samples() + samples.templates()


def charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def title(spec: dict) -> str:
    """A chart's title as read: the indicator's name (wrapped over lines when long)."""
    text = spec["title"]["text"]
    return " ".join(text) if isinstance(text, list) else text


def chart_titles(at) -> list[str]:
    return [title(spec) for spec in charts(at)]


def tables(at) -> list[list[dict]]:
    """Each ``st.table`` as rows of {column: cell}."""
    return [t.value.to_dict("records") for t in at.table]


def words(at) -> str:
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return plain(" ".join(shown))


@pytest.mark.parametrize("sample", SHIPPED, ids=[s.name for s in SHIPPED])
def test_every_sample_shows_its_statuses_a_chart_per_indicator_on_the_first_page_and_the_rule(sample):
    fw = sample.load()
    at = open_page("progress", fw)
    assert not at.exception and not at.error
    assert at.title[0].value == "Progress"
    assert plain(at.expander[0].label) == "How a status is judged" and RULE in words(at)
    indicators = [i for n in fw.nodes for i in n.indicators]
    if not indicators:
        assert "no indicators yet" in words(at)
        return
    by_level = tables(at)[0]
    assert sum(row["Total"] for row in by_level) == len(indicators)  # every indicator counted once
    names = {i.name for i in indicators}
    in_words = [  # nothing to draw: said in words, a line an indicator
        line for m in at.markdown for line in m.value.splitlines() if line.startswith("- **")
    ]
    assert 1 <= len(charts(at)) + len(in_words) <= 12 + 11  # a page at a time (a box is not split below a page)
    assert all(title in names for title in chart_titles(at))
    if not any(i.measurements for i in indicators):
        assert "Nothing has been measured yet" in words(at)


def test_the_illustrative_framework_counts_each_status_by_level_and_by_commissioner():
    at = open_page("progress", load(ILLUSTRATIVE))
    assert not at.exception and not at.error
    assert "6 indicators: 1 met, 1 improving, 1 no change, 1 worsening, 1 no data, 1 no target" in words(at)
    by_level, by_commissioner, delivery = tables(at)
    assert [(r["Level"], r["Met"], r["Improving"], r["Worsening"], r["Total"]) for r in by_level] == [
        ("Outputs", 0, 1, 0, 1),
        ("Intermediate outcomes", 1, 0, 1, 3),
        ("Strategic outcomes", 0, 0, 0, 2),
    ]
    assert [(r["Commissioner"], r["Total"]) for r in by_commissioner] == [
        ("Public Health", 3),
        ("Adult Social Care", 2),
        ("Children's Services", 0),
    ]
    assert by_commissioner[1]["No change"] == 1 and by_commissioner[1]["No data"] == 1
    # level by level, box by box: the output's indicator first, the strategic outcome's last
    assert chart_titles(at) == [
        "Walks delivered a year",
        "Percentage of physically active adults",
        "Percentage of physically inactive adults",
        "Walkers who feel confident to walk alone",
        "Emergency hospital admissions due to falls in people aged 65 and over",
        "Hip fractures in people aged 65 and over",
    ]
    inactive = charts(at)[2]
    assert " ".join(inactive["title"]["subtitle"]).startswith("Worsening: up 1.5 from the baseline of 25")
    assert "Target: 22" in json.dumps(inactive)
    # delivery in words, with what the sum over periods cannot say
    assert delivery == [
        {
            "Activity": "Health walks",
            "Year": "2024/25",
            "Periods": "Q1 2024/25, Q2 2024/25",
            "Reach": "330 participants of 500 planned a year",
            "Spending": "spent £7,200 of £15,000 planned a year",
        }
    ]
    assert "counted twice" in words(at)


def test_the_charts_filter_by_commissioner_and_by_status():
    at = open_page("progress", load(ILLUSTRATIVE))
    at.selectbox(key="progress_commissioner").set_value("asc").run()
    assert chart_titles(at) == [
        "Emergency hospital admissions due to falls in people aged 65 and over",
        "Hip fractures in people aged 65 and over",
    ]
    at.multiselect(key="progress_statuses").set_value(["no data"]).run()
    assert chart_titles(at) == ["Hip fractures in people aged 65 and over"]
    at.selectbox(key="progress_commissioner").set_value("cs").run()
    assert not chart_titles(at)
    assert "No indicator has the statuses chosen among Children's Services's outcomes" in words(at)


def test_two_hundred_indicators_are_shown_a_page_of_charts_at_a_time():
    boxes = [
        node(f"o{b}", level="strategic", indicators=[{"name": f"Indicator {b}.{i}", "target": 5} for i in range(10)])
        for b in range(20)
    ]
    at = open_page("progress", from_data(minimal(boxes)))
    assert not at.exception
    assert len(charts(at)) == 10  # a box of ten; the next would pass twelve
    pager = at.selectbox(key="progress_page")
    assert len(pager.options) == 20
    assert plain(pager.options[0]).startswith("Indicators 1 to 10 of 200")
    pager.set_value(19).run()
    assert chart_titles(at)[0] == "Indicator 19.0"


def test_a_framework_without_indicators_says_to_add_them_instead_of_an_empty_page():
    at = open_page("progress", from_data(minimal([node("walks")])))
    assert not at.exception and not at.error
    said = words(at)
    assert "no indicators yet" in said and "Add indicators to your outcomes on Build" in said
    assert not charts(at) and not at.table
    assert "No delivery recorded yet" in said
    assert not at.expander[1].proto.expanded  # Bring data in, closed: delivery can come in, but first indicators


def test_a_framework_with_indicators_but_nothing_measured_says_to_bring_data_in():
    fw = from_data(minimal([node("o", level="strategic", indicators=[{"name": "Falls", "target": "reduce"}])]))
    at = open_page("progress", fw)
    assert "Nothing has been measured yet: 1 indicator, none with a measurement. Bring data in below" in words(at)
    assert at.expander[1].label == "Bring data in" and at.get("file_uploader")
    # nothing to draw (no figure, no level to aim at): said in words, not an empty chart
    assert not charts(at)
    assert "- **Falls**: No data: nothing has been measured yet. Target: reduce." in words(at)


def test_a_fingertips_download_is_shown_then_applied_as_one_version_that_undo_takes_back():
    fw = load(ILLUSTRATIVE)
    at = open_page("progress", fw)
    before = saved(at)
    assert at.text_input(key="bring_in_area").value == "E06000030"  # the framework's own area
    at.file_uploader(key="bring_in_file").set_value(("swindon.csv", DOWNLOAD.read_bytes(), "text/csv")).run()
    assert not at.exception and not messages(at)
    assert framework(at) == fw  # shown, not applied yet
    said = words(at)
    assert "What swindon.csv brings" in said
    assert "Added 2 measurements; 1 already recorded with the same value (unchanged); 1 conflict" in said
    assert "recorded as 65.3, the file (row 5) says 64; kept 65.3" in said
    assert "Left 1 row for other areas" in said
    button(at, "Add 2 measurements as the next version").click().run()
    after = saved(at)
    assert after.id == before.id and after.version == before.version + 1
    assert library().history(after.id)[0].summary == "Measurements brought in from swindon.csv"
    inactive = framework(at).node_by_id["active"].indicators[1]
    assert [m.period for m in inactive.measurements] == ["2021/22", "2022/23", "2023/24"]
    assert framework(at).node_by_id["active"].indicators[0].measurements[-1].value == 65.3  # not overwritten
    assert any("Added 2 measurements from swindon.csv. Undo takes it back." in m for m in messages(at, "success"))
    assert "Nothing new to add" in words(at)  # the same file again adds nothing
    chart = next(c for c in charts(at) if title(c) == "Percentage of physically inactive adults")
    periods = [row["period"] for row in chart["layer"][0]["data"]["values"]]
    assert periods == ["Baseline", "2021/22", "2022/23", "2023/24"]


def test_a_file_of_the_wrong_kind_is_one_line_and_changes_nothing():
    fw = load(ILLUSTRATIVE)
    at = open_page("progress", fw)
    at.file_uploader(key="bring_in_file").set_value(("notes.csv", b"name,colour\nwalks,green\n", "text/csv")).run()
    assert not at.exception
    [error] = messages(at)
    assert "notes.csv could not be brought in, so nothing has changed" in error
    assert "not a Fingertips data download or a measurements table" in error
    assert "Traceback" not in error
    assert framework(at) == fw
    assert not any("as the next version" in b.label for b in at.button)


def test_a_fingertips_download_without_an_area_says_so_in_one_line():
    fw = load(ILLUSTRATIVE)
    fw = fw.model_copy(update={"meta": fw.meta.model_copy(update={"area_code": None})})
    at = open_page("progress", fw)
    at.file_uploader(key="bring_in_file").set_value(("swindon.csv", DOWNLOAD.read_bytes(), "text/csv")).run()
    assert not at.exception
    [error] = messages(at)
    assert "swindon.csv could not be brought in" in error and "area" in error
    at.text_input(key="bring_in_area").set_value("E06000030").run()
    assert not messages(at) and "What swindon.csv brings" in words(at)


def test_a_delivery_table_adds_a_period_and_the_year_reads_against_the_plan():
    at = open_page("progress", load(ILLUSTRATIVE))
    table = b"box,period,participants,spent\nHealth walks,Q3 2024/25,200,4000\n"  # illustrative figures
    at.file_uploader(key="bring_in_file").set_value(("register.csv", table, "text/csv")).run()
    assert not at.exception and not messages(at)
    button(at, "Add 1 period of delivery as the next version").click().run()
    assert any("Added 1 period of delivery from register.csv" in m for m in messages(at, "success"))
    [delivery] = [rows for rows in tables(at) if rows and "Reach" in rows[0]]
    assert delivery[0]["Periods"] == "Q1 2024/25, Q2 2024/25, Q3 2024/25"
    assert delivery[0]["Reach"] == "530 participants of 500 planned a year"  # above plan: the caveat says why
    assert delivery[0]["Spending"] == "spent £11,200 of £15,000 planned a year"
