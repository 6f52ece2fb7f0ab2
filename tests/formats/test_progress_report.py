"""The progress report as written: the HTML parsed (its chapters, an inline SVG chart per measured indicator,
every typed text escaped, nothing loaded from anywhere) and the Word document opened (its headings, a picture per
chart, the table of delivery). The figures are the fixture's illustrative ones (``progress_fixture``)."""

from __future__ import annotations

import io
import re
from functools import cache
from html.parser import HTMLParser

import docx
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from progress_fixture import bare, illustrated, illustrated_data

from logicmodel import formats
from logicmodel.analysis.progress import RULE
from logicmodel.core.characters import unwritable
from logicmodel.core.errors import FrameworkError
from logicmodel.core.readwrite import from_data

ASC = "adult-social-care"
CHAPTERS = [
    "Since the baseline",
    "What has moved",
    "What has not moved, and what is being done",
    "What was delivered and what it cost",
    "Indicators with no data yet",
    "How a status is judged",
]
MEASURED_FOR_ASC = {
    "Adults active: at least 150 minutes a week",
    "Emergency hospital admissions due to falls in people aged 65 and over",
    "Social isolation: percentage of adult social care users who have as much social contact as they would like",
    "Loneliness: percentage of adults who feel lonely often or always or some of the time",
}


class _Page(HTMLParser):
    """What a reader sees: the text, the headings by level, every element with its attributes, and how many
    SVG documents are in the page (an SVG's own elements are not counted as the page's)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.svgs = 0
        self._in: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.svgs += tag == "svg"
        if re.fullmatch(r"h[1-6]", tag):
            self._in = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in:
            self.headings[-1] = (self.headings[-1][0], self.headings[-1][1] + data)

    def said(self) -> str:
        return " ".join(" ".join(self.text).split())


@cache
def _written(name: str, commissioner: str | None, fmt: str) -> bytes:
    return formats.get(fmt).write(illustrated(name), formats.Choices(commissioner=commissioner))


def test_the_progress_report_holds_each_chapter_and_a_chart_for_each_indicator_measured():
    page = _Page(_written("swindon", ASC, "progress").decode("utf-8"))
    chapters = [text for tag, text in page.headings if tag == "h2"]
    assert chapters == CHAPTERS
    parts = {text for tag, text in page.headings if tag == "h3"}
    assert parts == MEASURED_FOR_ASC  # one part for each indicator measured on their pathways, no more
    assert page.svgs == len(MEASURED_FOR_ASC)
    said = page.said()
    assert page.headings[0] == ("h1", "Progress: what Get Swindon Active has done for Adult Social Care")
    assert (
        "Since the baseline, 4 of 15 indicators have been measured: 1 met, 1 improving, 1 no change and 1 worsening"
        in said
    )
    assert said.count(" ".join(RULE.split())) == 1  # the rule, stated once


def test_each_indicator_says_baseline_to_latest_with_its_period_interval_and_status():
    said = _Page(_written("swindon", ASC, "progress").decode("utf-8")).said()
    assert "2,100 rate per 100,000 at the baseline, 1,890 rate per 100,000 in 2023/24" in said
    assert "improving (beyond the 95% confidence interval)" in said
    assert "2023/24 40.2% 38.9 to 41.5" in said  # the table of periods: value and interval
    assert "worsening (beyond the 95% confidence interval)" in said
    assert "Illustrative figures, not real data" in said  # where the figures came from, said


def test_what_has_not_moved_names_the_activities_leading_there_with_what_they_delivered_and_their_assumptions():
    page = _Page(_written("swindon", ASC, "progress").decode("utf-8")).said()
    not_moved = page.split("What has not moved, and what is being done", 1)[1].split("What was delivered", 1)[0]
    assert "What is being done: 2 activities lead there." in not_moved
    assert "Strength, balance and social activity for older people" in not_moved
    assert "2024/25: 330 participants (plan 350 a year); £20,500 spent (plan £21,000 a year)" in not_moved
    assert "Sessions are affordable and easy to reach." in not_moved
    assert "no delivery recorded yet" in not_moved


def test_what_was_delivered_adds_up_each_year_against_the_plan():
    said = _Page(_written("swindon", ASC, "progress").decode("utf-8")).said()
    delivered = said.split("What was delivered and what it cost", 1)[1]
    assert "In 2023/24, 1 activity recorded delivery: 175 participants, £10,200 spent." in delivered  # 80 + 95
    assert "In 2024/25, 2 activities recorded delivery: 590 participants, £39,400 spent." in delivered
    assert "175 of 350 planned (50%)" in delivered and "£18,900 of £18,000 planned (105%)" in delivered


def test_the_indicators_with_no_data_are_named_with_no_chart():
    page = _Page(_written("swindon", ASC, "progress").decode("utf-8"))
    said = page.said()
    assert "11 indicators have nothing measured since the baseline" in said
    assert "Hip fractures in people aged 65 and over" in said.split("Indicators with no data yet", 1)[1]
    assert "reduce rate per 100,000" not in said  # a target in words is as written, without the unit


def test_nothing_is_loaded_from_anywhere_and_no_script_runs():
    page = _Page(_written("slough", "public-health", "progress").decode("utf-8"))
    assert page.svgs == 2
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "object", "embed", "link", "img"), tag
        for name, value in attrs.items():
            if name.startswith("xmlns"):
                continue  # a namespace is a name, and loads nothing
            assert not (value or "").lower().lstrip().startswith(("http:", "https:", "//", "javascript:")), (
                tag,
                name,
            )
            assert not name.startswith("on"), (tag, name)
    text = _written("slough", "public-health", "progress").decode("utf-8")
    assert "@import" not in text and not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


HOSTILE = "<script>alert(1)</script> & <b>bold</b> <img src=https://evil.example/x.png>"


def test_every_typed_label_is_escaped_in_the_page_and_the_charts():
    data = illustrated_data("swindon")
    for node in data["nodes"]:
        if node["id"] == "str-fewer-falls":
            node["label"] = "Falls " + HOSTILE
            node["indicators"][0]["name"] = "Admissions " + HOSTILE
            node["indicators"][0]["measurements"][0]["period"] = "22/23 <i>x</i>"
    for person in data["stakeholders"]:
        if person["id"] == ASC:
            person["name"] = "Care " + HOSTILE[:60]
    fw = from_data(data)
    text = formats.get("progress").write(fw, formats.Choices(commissioner=ASC)).decode("utf-8")
    page = _Page(text)
    assert not {tag for tag, _ in page.tags} & {"script", "b", "img", "i"}
    said = page.said()
    assert "Admissions <script>alert(1)</script> & <b>bold</b>" in said  # shown as typed, never run
    assert "22/23 <i>x</i>" in said
    assert page.svgs == len(MEASURED_FOR_ASC)


def test_a_framework_without_measurements_says_so_and_draws_no_empty_chart():
    fw = bare("swindon")
    page = _Page(formats.get("progress").write(fw, formats.Choices(commissioner=ASC)).decode("utf-8"))
    assert page.svgs == 0
    said = page.said()
    assert "Nothing has been measured or delivered on the pathways into the outcomes of Adult Social Care" in said
    assert "What has moved" not in said and "How a status is judged" not in said
    assert "11 indicators" not in said and "15 indicators have nothing measured since the baseline" in said
    document = docx.Document(io.BytesIO(formats.get("progress-docx").write(fw, formats.Choices(commissioner=ASC))))
    assert len(document.inline_shapes) == 0


def _docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_the_word_progress_report_has_the_headings_a_picture_per_chart_and_the_delivery_table():
    document = _docx(_written("swindon", ASC, "progress-docx"))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert [text for style, text in headings if style == "Heading 1"] == CHAPTERS
    assert {text for style, text in headings if style == "Heading 2"} == MEASURED_FOR_ASC
    assert len(document.inline_shapes) == len(MEASURED_FOR_ASC)
    for shape in document.inline_shapes:
        assert 11 < shape.width.cm < 14  # a chart's width on the page, not the diagram's
    delivery = [t for t in document.tables if [c.text for c in t.rows[0].cells] == [
        "Activity", "Year (periods)", "Participants", "Spent"]]  # fmt: skip
    assert len(delivery) == 1
    rows = [[c.text for c in row.cells] for row in delivery[0].rows[1:]]
    assert ["Strength, balance and social activity for older people", "2023/24 (Q1 2023/24, Q2 2023/24)",
            "175 of 350 planned (50%)", "£10,200 of £21,000 planned (49%)"] in rows  # fmt: skip


def test_the_word_charts_are_pictures_a_reader_can_see():
    """Each picture is a PNG of the chart, wide enough to be sharp, and not blank."""
    from PIL import Image

    document = _docx(_written("slough", "public-health", "progress-docx"))
    blobs = [rel.target_part.blob for rel in document.part.rels.values() if "image" in rel.reltype]
    assert len(blobs) == 2
    for blob in blobs:
        picture = Image.open(io.BytesIO(blob)).convert("L")
        assert picture.width >= 1000
        low, high = picture.getextrema()
        assert low < 100 and high > 200  # lines and words on white


@pytest.mark.parametrize("fmt", ["progress", "progress-docx"])
def test_the_progress_formats_are_in_the_registry_with_the_commissioner_choice(fmt):
    found = formats.get(fmt)
    assert "commissioner" in found.options and found.on_click and found.carries is None


_TYPED = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs",)).filter(lambda c: unwritable(c) is None),
        st.sampled_from(["&", "<", ">", '"', "\u202e", "\U0001f600", "\u0301", "\t", "\n"]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_TYPED, period=_TYPED, note=_TYPED)
def test_any_text_the_model_accepts_goes_into_the_charts_of_both_writers(name, period, note):
    """vl-convert draws, and Cairo makes a picture of, any indicator name, period or note a file may hold."""
    data = _small_measured("A" + name, "P" + period, note)
    try:
        fw = from_data(data)
    except FrameworkError:
        reject()  # text the model refuses never reaches a writer
    page = _Page(formats.get("progress").write(fw, formats.Choices()).decode("utf-8"))
    assert page.svgs == 1 and not {tag for tag, _ in page.tags} & {"script", "img"}
    document = _docx(formats.get("progress-docx").write(fw, formats.Choices()))
    assert len(document.inline_shapes) == 1


def _small_measured(name: str, period: str, note: str) -> dict:
    return {
        "schema_version": 1,
        "meta": {"title": "Walks"},
        "nodes": [
            {"id": "active", "level": "strategic", "label": "More adults active", "indicators": [
                {"name": name, "baseline": 50, "target": 60, "measurements": [
                    {"period": period, "period_end": "2024-12-31", "value": 55, "lower_ci": 52, "upper_ci": 58,
                     "note": note, "source": "Illustrative"}]}]},
        ],
        "links": [],
    }  # fmt: skip
