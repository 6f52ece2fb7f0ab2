"""The financial case in the report and the brief (HTML and Word): the headline, each valued outcome, who pays and
who saves, the sensitivity table and tornado chart, the rule; nothing at all where no outcome is valued; every
label escaped; the simple benefit total labelled a rough estimate. Figures are the hand-worked framework's of
``tests/case_fixture.py`` (its docstring has the working)."""

from __future__ import annotations

import copy
import io
from html.parser import HTMLParser

import case_fixture
import docx
import pytest
from case_fixture import HAND, valued_swindon
from hostile_text import hostile_data

from logicmodel import formats
from logicmodel.analysis.appraisal import RULE as CASE_RULE
from logicmodel.analysis.case_words import NO_CASE
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import samples
from logicmodel.drawing.report import CASE_HEADING, Chart, Table, financial_case, report


class _Page(HTMLParser):
    """The text a reader sees, the headings, and the tags (to find a chart and anything that should not be)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self._heading = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h2", "h3"):
            self._heading = True
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self._heading = False

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self.headings[-1] += data


def _html(fw, commissioner=None) -> _Page:
    page = _Page()
    page.feed(formats.get("report").write(fw, formats.Choices(commissioner=commissioner)).decode("utf-8"))
    return page


def _flat(parts) -> str:
    """The text as a reader sees it, on one line: the word joiner that keeps a minus sign to its amount is
    invisible."""
    return " ".join(" ".join(parts).replace("\u2060", "").split())


def _word(fw, commissioner=None) -> tuple[str, list[str], int]:
    document = docx.Document(io.BytesIO(formats.get("docx").write(fw, formats.Choices(commissioner=commissioner))))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    return _flat(texts), headings, len(document.inline_shapes)


@pytest.fixture
def hand():
    return case_fixture.hand()


HEADLINE = (
    "For every £1 Public Health and Adult Social Care put in, NHS (ICB) saves £0.93 over two years and Adult "
    "Social Care saves £0.13 over one year, discounted at 25% a year."
)
TOTALS = "a net present value of £800, £1.07 for each £1 invested; in 2025 prices"


def test_the_full_report_has_a_financial_case_chapter_with_the_hand_worked_figures(hand):
    section = financial_case(hand)
    assert section is not None and section.heading == CASE_HEADING and section.level == 1
    tables = [b for b in section.blocks if isinstance(b, Table)]
    outcomes, shares, moved = tables
    assert [(r[0], r[1], r[3], r[4]) for r in outcomes.rows] == [
        ("Fewer falls", "NHS (ICB)", "£10,000", "£11,200"),
        ("Fewer care home moves", "Adult Social Care", "£2,000", "£1,600"),
        ("Better wellbeing", "Older residents", "not worked out", "not counted: no proxy, no deadweight, "
         "no displacement, no attribution, no duration"),
    ]  # fmt: skip
    assert ("NHS (ICB)", "£0", "£11,200", "£11,200", "£10,500") in shares.rows
    # Investment at ±50%: 12,800 / 6,000 = 2.133…, 12,800 / 18,000 = 0.711…; break-even where it is 12,800.
    assert moved.rows[0] == ("Investment", "£12,000", "£6,000", "£18,000", "£2.13", "£0.71", "£12,800")
    # Deadweight of falls: 10 × 2,000 × (1 − d) gives 40,000 × (1 − d) × 0.8 … = 22,400 × (1 − d) of present
    # value; with care's 1,600 the total is 12,000 when 22,400 × (1 − d) = 10,400: d = 1 − 10,400 / 22,400 = 53.6%.
    assert ("Deadweight of ‘Fewer falls’", "50%", "25%", "75%", "£1.53", "£0.60", "53.6%") in moved.rows
    assert len(moved.rows) <= 8
    assert [b for b in section.blocks if isinstance(b, Chart)]  # the tornado chart, above its table
    assert section.blocks[-1].text == "How the figures are worked out: " + CASE_RULE


def test_html_and_word_reports_say_the_case_in_words_with_its_tables_and_chart(hand):
    page = _html(hand)
    text = _flat(page.text)
    assert CASE_HEADING in page.headings
    assert page.headings.index(CASE_HEADING) == page.headings.index("Value for money") + 1
    assert HEADLINE in text and TOTALS in text
    assert f"The financial case: {HEADLINE}" in text  # in the summary too
    assert "Not counted, never as zero: ‘Better wellbeing’: no proxy" in text
    assert any(tag == "figure" and attrs.get("class") == "chart" for tag, attrs in page.tags)  # the tornado
    word, headings, pictures = _word(hand)
    assert CASE_HEADING in headings and HEADLINE in word and TOTALS in word and "£10,500" in word
    assert pictures == 1 + 1 + 1  # the framework, Adult Social Care's pathways (Public Health owns none), the tornado


def test_each_brief_says_what_that_commissioner_pays_and_saves(hand):
    text = _flat(_html(hand, "asc").text)
    assert (
        "In the financial case, they put in £2,000 of the £12,000 invested and save £1,600 in present value "
        "(net −£400); were the cost shared by what each saves, they would put in £1,500." in text
    )
    assert HEADLINE in text and "Not counted until their figures are complete: “Better wellbeing”" in text
    word, _, _ = _word(hand, "ph")
    assert "In the financial case, they put in £10,000 of the £12,000 invested and save nothing counted." in word


@pytest.mark.parametrize(
    "item", [s for s in samples() if not any(n.valuation for n in s.load().nodes)], ids=lambda s: s.name
)
def test_a_framework_without_valuations_reports_no_case_and_its_briefs_say_none_is_made(item):
    fw = item.load()
    assert financial_case(fw) is None
    content = report(fw)
    assert CASE_HEADING not in [s.heading for s in content.sections]
    said = " ".join(getattr(b, "text", "") for s in content.sections for b in s.blocks)
    assert "present value" not in said and "For every" not in said
    for s in fw.stakeholders:
        brief = report(fw, commissioner=s.id)
        lines = [getattr(b, "text", "") for sec in brief.sections for b in sec.blocks]
        owns = brief.sections[0].heading != "Their outcomes"  # a brief for one who owns nothing says only that
        assert (NO_CASE in lines) == owns


def test_the_simple_benefit_total_is_labelled_a_rough_estimate_and_points_to_the_case(hand):
    data = copy.deepcopy(HAND)
    data["nodes"][2]["benefit"] = {"amount": 24000, "period": "a year", "basis": "illustrative"}
    text = _flat(_html(from_data(data)).text)
    assert "an estimated £3 for each £1 spent (a rough estimate, not the appraisal: see “Financial case”)" in text
    assert "Estimated benefits a year £24,000, a rough estimate" in text
    assert "Benefits are rough estimates as claimed on each box, not the appraisal (nothing taken off" in text
    del data["appraisal"]
    for node in data["nodes"]:
        node.pop("valuation", None)
    text = _flat(_html(from_data(data)).text)
    assert "(a rough estimate, not the appraisal: no financial case has been made yet)" in text


PAYLOAD = "<script>alert('x')</script> <b>bold</b> & {{7*7}}"


def _hostile():
    data = hostile_data(PAYLOAD)
    data["nodes"][0]["cost"] = {"amount": 1000, "period": "a year"}
    data["nodes"][3]["valuation"] = {
        "quantity": 10,
        "proxy": {"amount": 500, "unit": f"{PAYLOAD} unit", "source": f"{PAYLOAD} source"},
        "deadweight": 0.1,
        "displacement": 0,
        "attribution": 0.1,
        "duration": 1,
        "beneficiary": "trust",
    }
    return from_data(data)


@pytest.mark.parametrize("commissioner", [None, "evil.example"])
def test_hostile_labels_in_the_case_are_escaped_in_html_and_plain_text_in_word(commissioner):
    fw = _hostile()
    page = formats.get("report").write(fw, formats.Choices(commissioner=commissioner)).decode("utf-8")
    assert "<script>" not in page and "<b>bold</b>" not in page
    parsed = _Page()
    parsed.feed(page)
    assert [t for t, _ in parsed.tags if t in ("script", "b", "iframe")] == []
    text = _flat(parsed.text)
    assert f"{PAYLOAD} Leisure trust" in text  # the beneficiary's name, shown as typed
    if commissioner is None:
        assert f"£500 {PAYLOAD} unit (source: {PAYLOAD} source)" in text
    word, _, _ = _word(fw, commissioner)
    assert f"{PAYLOAD} Leisure trust" in word


def test_a_valued_swindon_still_gives_every_commissioner_a_brief_and_a_report():
    """Swindon with an illustrative valuation of fewer falls (the shape the sample is to carry): every brief
    says the case or that the commissioner pays and saves nothing, and the report has the chapter."""
    fw = valued_swindon()
    assert financial_case(fw) is not None
    for s in fw.stakeholders:
        brief = report(fw, commissioner=s.id)
        said = " ".join(getattr(b, "text", "") for sec in brief.sections for b in sec.blocks)
        if brief.sections[0].heading != "Their outcomes":
            assert "In the financial case, " in said and NO_CASE not in said


def test_a_case_with_no_cost_says_there_is_no_ratio_and_draws_no_sensitivity():
    data = copy.deepcopy(HAND)
    for node in data["nodes"]:
        node.pop("cost", None)
    section = financial_case(from_data(data))
    assert section is not None
    said = " ".join(getattr(b, "text", "") for b in section.blocks)
    assert "£12,800 in present value, but no cost is recorded for the activities, so there is no ratio" in said
    assert not [b for b in section.blocks if isinstance(b, Chart)]
    tables = [b.headers[0] for b in section.blocks if isinstance(b, Table)]
    assert tables == ["Outcome", "Stakeholder"]  # who saves, still; no table of assumptions without a ratio
