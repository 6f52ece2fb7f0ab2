"""The outcome and indicator libraries: sourced, honest about unconfirmed codes, ready to attach."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from logicmodel import library
from logicmodel.checks import CHECKS, check
from logicmodel.library import LibraryError, indicator, indicators, outcome, outcomes
from logicmodel.models import DEFAULT_LEVELS
from logicmodel.readwrite import dumps, from_data, loads

INDICATORS = indicators()
OUTCOMES = outcomes()


def by_id(items: list) -> list[object]:
    return [pytest.param(item, id=item.id) for item in items]


@pytest.mark.parametrize("entry", by_id(INDICATORS))
def test_every_indicator_has_a_source_and_reference(entry):
    assert entry.source.strip() and entry.reference.strip() and entry.definition.strip()


@pytest.mark.parametrize("entry", by_id(OUTCOMES))
def test_every_outcome_has_a_source_and_indicators(entry):
    assert entry.source.strip() and entry.description.strip()
    assert entry.indicators
    assert entry.level in {level.id for level in DEFAULT_LEVELS}


@pytest.mark.parametrize("entry", by_id([e for e in INDICATORS if not e.confirmed]))
def test_unconfirmed_codes_say_so_wherever_they_go(entry):
    """The doubt travels with the indicator: in the library note and in the attached indicator's source."""
    assert "unconfirmed" in entry.note
    assert "unconfirmed" in entry.indicator.source


# The table in ../shared/DOMAIN.md: (library id, PHOF code, Fingertips id, code confirmed?)
DOMAIN_TABLE = [
    ("phof-inactive-adults", "C17b", 93015, True),
    ("phof-active-adults", "C17a", 93014, False),
    ("phof-overweight-adults", "C16", 93088, True),
    ("ncmp-reception-overweight", "C09a", 20601, False),
    ("ncmp-year6-overweight", "C09b", 20602, False),
    ("phof-falls-65", "C29", 22401, True),
    ("phof-hip-fractures-65", "E13", 41401, True),
    ("phof-outdoor-space", "B16", 11601, True),
    ("phof-loneliness", "B19", None, True),
    ("phof-social-contact", "B18a", 90280, False),
    ("phof-wellbeing-low-satisfaction", "C28a", 22301, False),
    ("phof-wellbeing-low-worthwhile", "C28b", 22302, False),
    ("phof-wellbeing-low-happiness", "C28c", 22303, False),
    ("phof-wellbeing-high-anxiety", "C28d", 22304, False),
    ("fingertips-active-cyp", None, 93570, False),
    ("qof-diabetes-prevalence", None, 241, True),
]


@pytest.mark.parametrize(("entry_id", "code", "fingertips_id", "confirmed"), DOMAIN_TABLE)
def test_codes_match_the_looked_up_table(entry_id, code, fingertips_id, confirmed):
    entry = indicator(entry_id)
    assert (entry.code, entry.fingertips_id, entry.confirmed) == (code, fingertips_id, confirmed)
    if code and confirmed:
        assert code in entry.source


@pytest.mark.parametrize(
    ("entry_id", "old_code"),
    [("phof-inactive-adults", "2.13ii"), ("phof-active-adults", "2.13i"), ("phof-falls-65", "2.24i"),
     ("phof-hip-fractures-65", "4.14i"), ("phof-outdoor-space", "1.16"), ("phof-social-contact", "1.18i")],
)  # fmt: skip
def test_pre_2019_codes_are_kept(entry_id, old_code):
    assert indicator(entry_id).old_code == old_code


def test_the_five_government_outcomes_for_sport():
    five = [o for o in OUTCOMES if o.group.startswith("Government outcomes for sport")]
    assert [o.label for o in five] == [
        "Physical wellbeing",
        "Mental wellbeing",
        "Individual development",
        "Social and community development",
        "Economic development",
    ]
    assert all(o.level == "strategic" and "Sporting Future" in o.source and "2015" in o.source for o in five)


@pytest.mark.parametrize(
    ("outcome_id", "measure"),
    [
        ("sf-physical-wellbeing", "Chief Medical Officers' physical activity guidelines"),
        ("sf-physical-wellbeing", "fewer than 30 minutes"),
        ("sf-mental-wellbeing", "positive subjective wellbeing"),
        ("sf-individual-development", "positive perceived self-efficacy"),
        ("sf-social-community", "positive social trust"),
        ("sf-economic-development", "Economic value of sport"),
    ],
)
def test_each_government_outcome_carries_sport_englands_measure(outcome_id, measure):
    assert any(measure in i.name for i in outcome(outcome_id).indicators)


@pytest.mark.parametrize(
    ("entry_id", "words"),
    [
        ("al-adult-active", "at least 150 minutes"),
        ("al-adult-fairly-active", "30 to 149 minutes"),
        ("al-adult-inactive", "fewer than 30 minutes"),
        ("al-cyp-active", "at least 60 minutes a day"),
        ("al-cyp-fairly-active", "30 to 59 minutes a day"),
        ("al-cyp-less-active", "under 30 minutes a day"),
        ("cmo-adults", "150 minutes of moderate-intensity activity a week, or 75 minutes of vigorous"),
        ("cmo-cyp", "an average of at least 60 minutes per day across the week"),
    ],
)
def test_active_lives_and_cmo_definitions(entry_id, words):
    assert words in indicator(entry_id).definition


def test_no_kpi_numbers_are_invented():
    """Sporting Future's numbered KPI wording was not found: no entry claims a KPI number."""
    for entry in INDICATORS:
        assert not re.search(r"\bKPI\s*\d", entry.name + entry.source + entry.definition)


@pytest.mark.parametrize("entry", by_id(INDICATORS))
def test_indicator_attaches_to_a_box_and_validates(entry):
    attached = entry.indicator.model_copy(update={"target": "reduce"})
    data = {
        "schema_version": 1,
        "meta": {"title": "T"},
        "nodes": [
            {"id": "act", "level": "activity", "label": "A"},
            {"id": "out", "level": "strategic", "label": "O", "indicators": [attached.model_dump(exclude_none=True)]},
        ],
        "links": [{"source": "act", "target": "out"}],
    }
    fw = from_data(data)
    found = {f.code for f in check(fw)}
    assert not {code for code in found if CHECKS[code].group == "logic"}, found  # it fits the logic
    assert "indicator-without-source" not in found  # the library always says where a measure comes from
    again = loads(dumps(fw)).nodes[1].indicators[0]
    assert (again.name, again.source, again.unit, again.frequency, again.target) == (
        entry.name,
        entry.source,
        entry.unit,
        entry.frequency,
        "reduce",
    )


def test_lookup_of_an_unknown_id_raises_key_error():
    with pytest.raises(KeyError):
        indicator("kpi-99")


# --- broken data is a packaging fault, reported in one line -----------------------------------------

GOOD_INDICATOR = {
    "id": "x",
    "group": "G",
    "name": "N",
    "source": "S",
    "confirmed": True,
    "reference": "R",
}
GOOD_OUTCOME = {"id": "o", "group": "G", "label": "L", "level": "strategic", "indicators": ["x"], "source": "S"}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(library, "DATA_DIR", tmp_path)
    library._load.cache_clear()
    yield tmp_path
    library._load.cache_clear()


def write(folder: Path, inds: list, outs: list) -> None:
    (folder / "indicators.json").write_text(json.dumps(inds))
    (folder / "outcomes.json").write_text(json.dumps(outs))


@pytest.mark.parametrize(
    ("inds", "outs", "message"),
    [
        ([GOOD_INDICATOR, GOOD_INDICATOR], [], "appears twice"),
        ([GOOD_INDICATOR | {"confirmed": False}], [], "unconfirmed"),
        ([GOOD_INDICATOR], [GOOD_OUTCOME | {"indicators": ["y"]}], "unknown indicators"),
        ([GOOD_INDICATOR | {"colour": "red"}], [], "indicators.json"),
        ([GOOD_INDICATOR], [GOOD_OUTCOME | {"level": "output"}], "outcomes.json"),
    ],
)
def test_broken_library_data_is_refused(data_dir: Path, inds, outs, message):
    write(data_dir, inds, outs)
    with pytest.raises(LibraryError, match=message):
        indicators()


def test_missing_library_file_is_refused(data_dir: Path):
    with pytest.raises(LibraryError, match=r"indicators\.json"):
        outcomes()


def test_good_library_data_loads(data_dir: Path):
    write(data_dir, [GOOD_INDICATOR], [GOOD_OUTCOME])
    assert [i.id for i in outcome("o").indicators] == ["x"]


@pytest.mark.parametrize(
    ("label", "first"),
    [
        ("Mental wellbeing", "sf-subjective-wellbeing"),
        ("Better mental wellbeing for carers", "sf-subjective-wellbeing"),
        ("Fewer children overweight or obese", "ncmp-reception-overweight"),
        ("Fewer falls among older people", "phof-falls-65"),
    ],
)
def test_indicators_that_suit_a_box_come_first(label, first):
    offered = library.indicators_for(label)
    assert offered[0].id == first
    assert sorted(i.id for i in offered) == sorted(i.id for i in library.indicators())  # nothing hidden
