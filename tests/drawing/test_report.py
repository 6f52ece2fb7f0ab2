"""The reports: the printable HTML and the Word document open, and hold every box, every commissioner and the
value figures; a brief holds one commissioner's offer; the command line makes them."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from itertools import pairwise

import docx
import pytest

from logicmodel import formats
from logicmodel.analysis.offer import offer, offers
from logicmodel.analysis.placeholders import NOT_COUNTED, placeholder_boxes
from logicmodel.analysis.value import money, summary
from logicmodel.cli.main import main
from logicmodel.core.readwrite import from_data, to_data
from logicmodel.core.samples import find, samples, start_from, templates
from logicmodel.core.synthetic import synthetic_data
from logicmodel.core.wording import plural
from logicmodel.drawing.report import BRIEF_ROWS, BRIEF_STORIES, Chart, Paragraph, report
from logicmodel.drawing.svg import most_readable, poster_svg
from logicmodel.formats.report_docx import OUTLINE_WIDTH_PX
from logicmodel.formats.report_html import CSP

SAMPLES = [find("swindon"), find("new-forest"), find("nottingham-msk")]


class _Text(HTMLParser):
    """The text a reader sees, the headings, and every element and attribute (to find scripts and requests)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._in = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def _html(fw, commissioner=None) -> _Text:
    page = formats.get("report").write(fw, formats.Choices(commissioner=commissioner)).decode("utf-8")
    parsed = _Text()
    parsed.feed(page)
    return parsed


def _docx_text(data: bytes) -> tuple[str, list[tuple[str, str]], int]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    return "\n".join(texts), headings, len(document.inline_shapes)


def _figures(fw) -> list[str]:
    value = summary(fw)
    found = [money(v, value.currency) for v in (value.cost_a_year, value.one_off_total) if v is not None]
    return found + [money(o.cost_a_year, value.currency) for o in value.outcomes if o.cost_a_year is not None]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)
def test_html_report_holds_every_box_commissioner_and_value_figure(sample):
    fw = sample.load()
    parsed = _html(fw)
    text = " ".join(" ".join(parsed.text).split())
    for node in fw.nodes:
        assert " ".join(node.label.split()) in text
    for s in fw.stakeholders:
        if s.role == "commissioner":
            assert ("h3", s.name) in parsed.headings
    for figure in _figures(fw):
        assert figure in text
    assert parsed.headings[1:3] == [("h2", "Summary"), ("h2", "The framework")]
    for heading in ("Indicators", "Value for money", "Assumptions and evidence", "Gaps"):
        assert ("h2", heading) in parsed.headings
    assert any(tag == "svg" for tag, _ in parsed.tags)  # the diagram, inline


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)
def test_word_report_holds_every_box_commissioner_and_value_figure_under_word_headings(sample):
    fw = sample.load()
    text, headings, pictures = _docx_text(formats.get("docx").write(fw, formats.Choices()))
    flat = " ".join(text.split())
    for node in fw.nodes:
        assert " ".join(node.label.split()) in flat
    for s in fw.stakeholders:
        if s.role == "commissioner":
            assert ("Heading 2", s.name) in headings
    for figure in _figures(fw):
        assert figure in flat
    assert ("Heading 1", "Value for money") in headings and headings[0] == ("Title", fw.meta.title)
    charts = sum(isinstance(b, Chart) for s in report(fw).sections for b in s.blocks)  # the case's tornado, if any
    assert pictures == 1 + sum(1 for o in offers(fw) if o.boxes) + charts  # the framework, each one's pathways


def test_word_picture_of_a_framework_too_big_for_a4_is_its_outline_and_says_so():
    """Too many boxes to read on A4: Word gets the outline (blocks, no words) and a sentence saying so and where
    the words are; the HTML report, which a browser zooms, keeps every word."""
    fw = from_data(synthetic_data(400))
    data = formats.get("docx").write(fw, formats.Choices())
    text, _, pictures = _docx_text(data)
    assert pictures == 1 and "400 boxes are too many to read on an A4 page" in text
    document = docx.Document(io.BytesIO(data))
    png = next(p for p in document.part.package.parts if p.content_type == "image/png").blob
    assert int.from_bytes(png[16:20], "big") == OUTLINE_WIDTH_PX
    html = " ".join(_html(fw).text)
    assert all(n.label in html for n in fw.nodes[:50]) and "too many to read on an A4 page" not in html
    small = find("swindon").load()
    assert "too many to read" not in _docx_text(formats.get("docx").write(small, formats.Choices()))[0]


@pytest.mark.parametrize("fmt", ["report", "docx"])
def test_brief_holds_one_commissioners_essentials_and_leaves_the_drawing_to_the_full_report(fmt):
    fw = find("swindon").load()
    o = offer(fw, "adult-social-care")
    data = formats.get(fmt).write(fw, formats.Choices(commissioner="adult-social-care"))
    if fmt == "docx":
        text, headings, pictures = _docx_text(data)
        assert pictures == 0
        assert [h for _, h in headings[1:]] == [
            "In short",
            "Their outcomes",
            "What delivers them",
            "Cost and value",
            "Progress since the baseline",  # the sample carries a few illustrative measurements
            "Gaps",
        ]
    else:
        text = " ".join(_html(fw, "adult-social-care").text)
    text = " ".join(text.split())
    assert "What Get Swindon Active offers Adult Social Care" in text
    for node in o.outcomes:
        assert node.label in text
    # every activity is named, or the brief says how many more the full report names (with the financial case of
    # Swindon's illustrative falls valuation there is room for seven of the eight on the one page)
    unnamed = sum(1 for node in o.activities if node.label not in text)
    assert not unnamed or f"and {plural(unnamed, 'more activity', 'more activities')}, named in the full report" in text
    assert "Children's Services" not in text  # not theirs
    assert "for £69,000 a year (no cost recorded for 3 of them)" in text  # missing, never zero
    assert "estimated benefit £40,000 a year (illustrative)" in text and "£6.20 for each £1" in text
    assert "1 strong, 4 moderate, 1 weak, 1 not stated" in text  # the evidence on the way to their first outcome
    assert "No baseline yet for 8 of their 8 indicators" in text
    assert "Their pathways are drawn in the full report of Get Swindon Active" in text
    assert not re.search(r"£0(?![.]\d)", text)  # no zero for a missing figure (£0.58 a pound is a ratio)


def test_brief_names_the_first_outcomes_and_activities_and_counts_the_rest():
    """A commissioner with more outcomes and activities than a page holds: the first are named, the rest counted."""
    data = synthetic_data(120)
    data["stakeholders"] = [{"id": "ph", "name": "Public Health", "role": "commissioner"}]
    for node in data["nodes"]:
        if node["level"] != "activity":
            node["stakeholders"] = ["ph"]
    fw = from_data(data)
    o = offer(fw, "ph")
    assert len(o.outcomes) > BRIEF_ROWS and len(o.activities) > BRIEF_ROWS
    text = " ".join(" ".join(_html(fw, "ph").text).split())
    assert f"and {len(o.outcomes) - BRIEF_ROWS:,} more outcomes, named in the full report" in text
    assert f"and {len(o.activities) - BRIEF_ROWS:,} more activities, named in the full report" in text
    assert o.outcomes[BRIEF_ROWS].label not in text.split("What delivers them")[0]


def test_value_figures_and_estimates_reach_the_report():
    fw = from_data(
        {
            "schema_version": 1,
            "meta": {"title": "Costed"},
            "stakeholders": [{"id": "asc", "name": "Adult Social Care", "role": "commissioner"}],
            "nodes": [
                {
                    "id": "a",
                    "level": "activity",
                    "label": "Walks",
                    "reach": 100,
                    "cost": {"amount": 5000, "period": "a year"},
                },
                {"id": "b", "level": "activity", "label": "Set-up", "cost": {"amount": 900, "period": "one-off"}},
                {
                    "id": "s",
                    "level": "strategic",
                    "label": "Fewer falls",
                    "stakeholders": ["asc"],
                    "benefit": {"amount": 15000, "period": "a year", "basis": "illustrative unit cost"},
                },
            ],
            "links": [{"source": "a", "target": "s"}, {"source": "b", "target": "s"}],
        }
    )
    text = " ".join(" ".join(_html(fw).text).split())
    assert "£5,000" in text and "£50 (100 participants" in text and "£900" in text
    assert "an estimated £3 for each £1 of cost" in text and "Estimated benefits a year £15,000" in text
    word, _, _ = _docx_text(formats.get("docx").write(fw, formats.Choices()))
    assert "an estimated £3 for each £1 of cost" in word and "illustrative unit cost" in word


def test_report_page_forbids_scripts_and_requests():
    page = formats.get("report").write(find("enfield").load(), formats.Choices()).decode("utf-8")
    assert f'content="{CSP}"' in page and "script-src" not in CSP and "default-src 'none'" in CSP
    parsed = _Text()
    parsed.feed(page)
    assert not [t for t, _ in parsed.tags if t in ("script", "link", "img", "iframe", "object")]


def test_every_sample_makes_both_reports_and_every_brief():
    for sample in samples():
        fw = sample.load()
        assert formats.get("report").write(fw, formats.Choices())
        for s in fw.stakeholders:
            assert formats.get("report").write(fw, formats.Choices(commissioner=s.id))


def test_command_line_makes_a_brief_and_refuses_an_unknown_commissioner(tmp_path):
    sample = find("swindon")
    out = tmp_path / "brief.docx"
    said = io.StringIO()
    assert main(["export", str(sample.path), "--to", "docx", "--commissioner", "icb", "-o", str(out)], out=said) == 0
    assert "Integrated care board" in _docx_text(out.read_bytes())[0]
    said = io.StringIO()
    bad = tmp_path / "bad.html"
    assert (
        main(["export", str(sample.path), "--to", "report", "--commissioner", "nobody", "-o", str(bad)], out=said) == 1
    )
    assert "no stakeholder has the id 'nobody'" in said.getvalue() and not bad.exists()


def test_without_cairo_the_word_report_says_its_picture_is_missing(monkeypatch):
    """On a machine without libcairo2 the Word report is still made, and says why it has no picture."""
    import sys

    from logicmodel.formats.report_docx import NO_CAIRO

    monkeypatch.setitem(sys.modules, "cairosvg", None)  # importing it fails, as it does without libcairo
    text, _, pictures = _docx_text(formats.get("docx").write(find("enfield").load(), formats.Choices()))
    assert pictures == 0 and NO_CAIRO in text


def test_pathways_too_many_for_a4_are_not_drawn_and_the_report_says_where_to_see_them():
    """Above ``most_readable("A4")`` boxes no A4 drawing can be read (the bound holds: the poster says so), so
    the report skips that commissioner's drawing with a sentence, and their brief says the same."""
    bound = most_readable("A4")
    assert "Too many boxes" in poster_svg(from_data(synthetic_data(bound + 1)), paper="A4")
    data = synthetic_data(bound + 40)
    data["stakeholders"] = [{"id": "ph", "name": "Public Health", "role": "commissioner"}]
    for node in data["nodes"]:
        node["stakeholders"] = ["ph"] if node["level"] == "strategic" else []
    fw = from_data(data)
    assert len(offer(fw, "ph").boxes) > bound
    text, _, pictures = _docx_text(formats.get("docx").write(fw, formats.Choices()))
    assert pictures == 1  # the framework's outline only
    assert "too many to draw readably on an A4 page" in text
    brief = " ".join(" ".join(_html(fw, "ph").text).split())
    assert "too many to draw readably on a page: the Commissioners page of Logic Model Builder" in brief


def test_three_activities_costed_by_the_year_written_plainly_show_their_total_in_reports_and_brief():
    """£12,000, £6,000 and £9,000 with the period written "year" come to £27,000 a year, in every report."""
    fw = from_data(
        {
            "schema_version": 1,
            "meta": {"title": "Plain periods"},
            "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
            "nodes": [
                *(
                    {
                        "id": i,
                        "level": "activity",
                        "label": label,
                        "reach": 100,
                        "cost": {"amount": a, "period": "year"},
                    }
                    for i, label, a in (("walk", "Walks", 12000), ("swim", "Swims", 6000), ("gym", "Gym", 9000))
                ),
                {"id": "well", "level": "strategic", "label": "Wellbeing", "stakeholders": ["ph"]},
            ],
            "links": [{"source": i, "target": "well"} for i in ("walk", "swim", "gym")],
        }
    )
    report = " ".join(" ".join(_html(fw).text).split())
    assert "Recorded costs come to £27,000 a year, £90 a participant (300 participants a year)" in report
    assert "Total cost a year £27,000" in report and "not understood" not in report
    assert "Wellbeing £27,000" in report  # the cost behind the outcome
    brief = " ".join(" ".join(_html(fw, commissioner="ph").text).split())
    assert "for £27,000 a year" in brief and "Wellbeing: £27,000 a year" in brief
    word = " ".join(_docx_text(formats.get("docx").write(fw, formats.Choices()))[0].split())
    assert "Recorded costs come to £27,000 a year" in word


def _authored():
    """Swindon with two authors named in its file."""
    data = to_data(find("swindon").load())
    data["meta"]["authors"] = ["Priya Shah", "Tom O'Neill"]
    return from_data(data)


@pytest.mark.parametrize("commissioner", [None, "adult-social-care"], ids=["report", "brief"])
def test_word_file_properties_carry_the_framework_its_authors_and_todays_date(commissioner):
    fw = _authored()
    before = datetime.now(UTC).replace(microsecond=0)
    data = formats.get("docx").write(fw, formats.Choices(commissioner=commissioner))
    after = datetime.now(UTC)
    props = docx.Document(io.BytesIO(data)).core_properties
    expected = "What Get Swindon Active offers Adult Social Care" if commissioner else fw.meta.title
    assert props.title == expected and props.subject == fw.meta.title
    assert props.author == props.last_modified_by == "Priya Shah; Tom O'Neill"
    assert "python-docx" not in props.comments and fw.meta.title in props.comments
    for when in (props.created, props.modified):
        assert before <= when <= after  # made now, not the blank document's 2013-12-23
    assert props.category == ("Brief" if commissioner else "Report")


def test_word_file_without_authors_names_the_organisation_never_python_docx():
    fw = find("enfield").load()
    props = docx.Document(io.BytesIO(formats.get("docx").write(fw, formats.Choices()))).core_properties
    assert props.author == fw.meta.organisation and "python-docx" not in f"{props.author}{props.comments}"


def test_html_report_names_its_framework_authors_and_date():
    page = formats.get("report").write(_authored(), formats.Choices()).decode("utf-8")
    parsed = _Text()
    parsed.feed(page)
    meta = {a.get("name"): a.get("content") for tag, a in parsed.tags if tag == "meta" and a.get("name")}
    today = datetime.now(UTC).date().isoformat()
    assert meta["author"] == "Priya Shah; Tom O'Neill"
    assert meta["dcterms.created"] == meta["dcterms.modified"] == today
    assert "Get Swindon Active" in meta["description"]


def _skips(levels: list[int]) -> list[tuple[int, int]]:
    """Each step down that skips a level: (from, to)."""
    return [(a, b) for a, b in pairwise(levels) if b > a + 1]


def _every_report():
    for sample in samples():
        fw = sample.load()
        yield sample.name, fw, None
        for s in fw.stakeholders:
            yield f"{sample.name}/{s.id}", fw, s.id


@pytest.mark.parametrize(
    ("name", "fw", "commissioner"), list(_every_report()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_headings_nest_without_skipping_a_level_in_word_and_html(name, fw, commissioner):
    choices = formats.Choices(commissioner=commissioner)
    document = docx.Document(io.BytesIO(formats.get("docx").write(fw, choices)))
    styles = [p.style.name for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    word = [0 if s == "Title" else int(s.removeprefix("Heading ")) for s in styles]
    assert word[0] == 0 and word.count(0) == 1 and not _skips(word), (name, _skips(word))
    html = [int(tag[1]) for tag, _ in _html(fw, commissioner).headings]
    assert html[0] == 1 and html.count(1) == 1 and not _skips(html), (name, _skips(html))
    assert [h - 1 for h in html] == word  # the same outline in both
    assert 2 in word or commissioner is not None  # the full report tells each outcome in a part of its chapter


_ONES = {
    "schema_version": 1,
    "meta": {"title": "One of each"},
    "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
    "nodes": [
        {"id": "walk", "level": "activity", "label": "Walks", "reach": 1, "cost": {"amount": 500, "period": "year"}},
        *(
            {"id": f"s{i}", "level": "strategic", "label": f"Outcome {i}", "stakeholders": ["ph"]}
            for i in range(1, 2 + BRIEF_STORIES)
        ),
    ],
    "links": [{"source": "walk", "target": f"s{i}"} for i in range(1, 2 + BRIEF_STORIES)],
}
"""One activity reaching one person, into one more strategic outcome than a brief tells the route into."""
_BAD_NUMBER = re.compile(
    r"\b1 (?:more )?(?:boxes|links|levels|activities|outcomes|strategic outcomes|participants|people|routes|"
    r"indicators|costs|gaps)\b|\bother \d[\d,]*\.|\b(?:[02-9]|\d\d+) (?:box|link|level|activity|outcome|person)\b"
)


@pytest.mark.parametrize("commissioner", [None, "ph"], ids=["report", "brief"])
def test_counts_of_one_read_in_the_singular_and_every_count_names_what_it_counts(commissioner):
    fw = from_data(_ONES)
    choices = formats.Choices(commissioner=commissioner)
    html = " ".join(" ".join(_html(fw, commissioner).text).split())
    word = " ".join(_docx_text(formats.get("docx").write(fw, choices))[0].split())
    for text in (html, word):
        assert not _BAD_NUMBER.findall(text), _BAD_NUMBER.findall(text)
    if commissioner:
        assert f"The full report tells the route into “Outcome {1 + BRIEF_STORIES}”." in html
        assert "reaching 1 person a year" in html
    else:
        assert "joined by 3 links: 1 activity serving 3 outcomes" in html
        assert "(1 participant, 1 box with both cost and reach)" in html


def test_no_report_or_brief_of_any_sample_counts_in_the_wrong_number():
    for name, fw, commissioner in _every_report():
        text = " ".join(" ".join(_html(fw, commissioner).text).split())
        assert not _BAD_NUMBER.findall(text), (name, _BAD_NUMBER.findall(text))


@pytest.mark.parametrize("item", templates(), ids=lambda s: s.name)
def test_a_new_framework_from_a_template_reports_its_example_boxes_only_as_template_text(item):
    """Its examples are drawn, and listed under Gaps as template text still in place; no story, table or count
    elsewhere takes them for the framework's own, and the report says they are left out."""
    fw = start_from(item, "Active Anywhere")
    examples = [n.label for n in fw.nodes if n.id in placeholder_boxes(fw)]
    made = report(fw)
    told = []
    for section in made.sections:
        if section.heading in ("The framework", "Gaps"):
            continue
        told.append(section.heading)
        for block in section.blocks:
            told += (
                [block.text] if isinstance(block, Paragraph) else [c for row in getattr(block, "rows", []) for c in row]
            )
    text = " ".join(told)
    assert not [label for label in examples if label in text]
    left_out = f"leaving out the template's {plural(len(examples), 'example box', 'example boxes')}."
    assert any(b.text.endswith(left_out) for b in made.sections[0].blocks if isinstance(b, Paragraph))
    gaps = next(s for s in made.sections if s.heading == "Gaps")
    assert any(isinstance(b, Paragraph) and b.text == NOT_COUNTED for b in gaps.blocks)
    for s in fw.stakeholders:
        assert formats.get("docx").write(fw, formats.Choices(commissioner=s.id))
