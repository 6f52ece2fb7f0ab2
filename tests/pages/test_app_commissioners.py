"""The Commissioners page: every stakeholder of every sample shows their outcomes, pathways, figures and gaps."""

from __future__ import annotations

import case_fixture
import pytest
from app_helpers import open_page, plain

from logicmodel.analysis.case_words import NO_CASE
from logicmodel.analysis.offer import offer, stakeholders_in_order
from logicmodel.analysis.value import money, summary
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import find, samples
from logicmodel.editing.edit import new_framework


def _text(at) -> str:
    return " ".join(plain(m.value) for m in at.markdown) + " " + " ".join(e.label for e in at.expander)


def _check(at, fw, stakeholder_id):
    assert not at.exception and not at.error, [e.value for e in at.error]
    o = offer(fw, stakeholder_id)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Their outcomes"] == str(len(o.outcomes))
    assert metrics["Activities behind them"] == str(len(o.activities))
    assert metrics["Gaps"] == str(o.gaps.count())
    value = summary(fw, o.boxes)
    expected = money(value.cost_a_year, value.currency) if value.cost_a_year is not None else "not recorded"
    assert metrics["Cost a year"] == expected
    text = _text(at)
    assert o.stakeholder.name in text
    for outcome in o.outcomes:
        assert outcome.label in text
    frames = at.get("iframe")
    assert len(frames) == (1 if o.outcomes else 0)
    downloads = [b.label for b in at.get("download_button")]
    assert any(label.startswith(f"Brief for {o.stakeholder.name} (Word") for label in downloads)


@pytest.mark.parametrize("sample", samples(), ids=lambda s: s.name)
def test_every_stakeholder_of_every_sample(sample):
    fw = sample.load()
    people = stakeholders_in_order(fw)
    at = open_page("commissioners", fw)
    assert [t.value for t in at.title] == ["Commissioners"]
    assert at.selectbox(key="offer_who").value == people[0].id  # a commissioner first
    for person in people:
        at.selectbox(key="offer_who").set_value(person.id).run()
        _check(at, fw, person.id)


def test_swindon_adult_social_care_sees_its_pathways_and_the_rule():
    fw = find("swindon").load()
    at = open_page("commissioners", fw)
    at.selectbox(key="offer_who").set_value("adult-social-care").run()
    text = _text(at)
    assert "Strength, balance and social activity for older people" in " ".join(
        str(df.value.to_dict()) for df in at.dataframe
    )
    assert "Adult Social Care owns 6 outcomes here" in text
    assert "Costs in other periods are converted to a year" in " ".join(plain(c.value) for c in at.caption)


def test_a_framework_with_no_stakeholders_says_how_to_add_them():
    at = open_page("commissioners", new_framework("Active Slough"))
    assert not at.exception
    assert "names no stakeholders yet" in plain(at.info[0].value)


def test_labels_are_shown_as_written_not_as_markdown():
    fw = from_data(
        {
            "schema_version": 1,
            "meta": {"title": "T"},
            "stakeholders": [{"id": "ph", "name": "**Public** Health <b>", "role": "commissioner"}],
            "nodes": [
                {"id": "a", "level": "activity", "label": "Walks [link](http://example.com)"},
                {"id": "s", "level": "strategic", "label": "_Fewer_ falls <script>", "stakeholders": ["ph"]},
            ],
            "links": [{"source": "a", "target": "s"}],
        }
    )
    at = open_page("commissioners", fw)
    assert not at.exception
    text = _text(at)
    assert "**Public** Health <b> owns 1 outcome here: _Fewer_ falls <script>." in text


def test_each_commissioner_is_handed_a_brief_and_a_progress_report_each_once_in_html_and_word():
    """The formats that take a commissioner's id are the brief's and the progress report's: each button says which
    it makes, so that no two buttons read the same."""
    fw = find("swindon").load()
    at = open_page("commissioners", fw)
    assert not at.exception
    name = offer(fw, at.selectbox(key="offer_who").value).stakeholder.name
    downloads = sorted(b.label for b in at.get("download_button"))
    assert downloads == sorted(
        f"{what} for {name} ({kind})" for what in ("Brief", "Progress report") for kind in ("HTML, to print", "Word")
    )
    assert "Their progress report" in [h.value for h in at.header]


def _frames(at) -> str:
    """The tables' rows as text, as a reader sees them (the invisible word joiner after a minus sign left out)."""
    return " ".join(str(df.value.replace("\u2060", "", regex=True).to_dict("records")) for df in at.dataframe)


def test_a_commissioner_sees_what_it_pays_and_saves_in_the_financial_case():
    """The hand-worked case (``tests/case_fixture.py``): Adult Social Care pays £2,000 and saves £1,600; Public
    Health owns no outcome but pays £10,000, and is shown its row all the same (the wrong pocket)."""
    fw = case_fixture.hand()
    at = open_page("commissioners", fw)
    at.selectbox(key="offer_who").set_value("asc").run()
    assert not at.exception and not at.error
    assert "Their financial case" in [h.value for h in at.header]
    text = _text(at)
    assert "The financial case: Adult Social Care puts in £2,000 of the £12,000 invested and saves £1,600" in text
    assert "a net present value of £800, £1.07 for each £1 invested; in 2025 prices" in text
    rows = _frames(at)
    assert "'Pays': '£2,000', 'Saves (present value)': '£1,600', 'Net': '−£400', 'Cost-neutral share': '£1,500'" in rows
    at.selectbox(key="offer_who").set_value("ph").run()
    assert not at.exception and not at.error
    assert "Their financial case" in [h.value for h in at.header]
    assert "'Stakeholder': 'Public Health', 'Pays': '£10,000', 'Saves (present value)': '£0'" in _frames(at)
    assert "Public Health puts in £10,000 of the £12,000 invested and saves nothing counted." in _text(at)


def test_without_valuations_the_page_says_no_case_is_made_and_labels_the_simple_benefit_a_rough_estimate():
    swindon = find("swindon").load()  # its estimated benefit kept, any valuation and appraisal taken away
    fw = swindon.model_copy(
        update={"nodes": tuple(n.model_copy(update={"valuation": None}) for n in swindon.nodes), "appraisal": None}
    )
    at = open_page("commissioners", fw)
    at.selectbox(key="offer_who").set_value("icb").run()
    assert not at.exception and not at.error
    captions = " ".join(plain(c.value) for c in at.caption)
    assert NO_CASE in captions
    assert "(a rough estimate, not the appraisal: no financial case has been made yet)" in _text(at)
    assert "present value" not in _text(at)
