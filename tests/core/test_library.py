"""The outcome and indicator libraries: sourced, honest about unconfirmed codes, ready to attach."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from paths import ROOT

from logicmodel.analysis.checks import CHECKS, check
from logicmodel.core import library
from logicmodel.core.library import LibraryError, indicator, indicators, outcome, outcomes
from logicmodel.core.models import DEFAULT_LEVELS
from logicmodel.core.readwrite import dumps, from_data, loads

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
def test_doubt_stays_in_the_library_and_its_badge(entry):
    """An unconfirmed code is explained in the library's note and badged in the picker, never attached."""
    assert "not confirmed" in entry.note
    assert entry.badge == "code not confirmed"
    attached = " ".join(str(v) for v in entry.indicator.model_dump().values() if v).casefold()
    assert not entry.code or entry.code.casefold() not in attached.split()


@pytest.mark.parametrize("entry", by_id(INDICATORS))
def test_no_words_of_doubt_reach_a_users_indicator(entry):
    attached = " ".join(str(v) for v in entry.indicator.model_dump().values() if v).casefold()
    for words in ("unconfirmed", "not confirmed", "assumed", "probable"):
        assert words not in attached


# What ../shared/INDICATORS.md (the team's look-up, with sources) confirms: (framework, code) pairs in either
# numbering, and Fingertips ids. Checked by hand against that file; the test below re-reads it when present.
CONFIRMED_CODES = {
    ("PHOF", "C17b"), ("PHOF", "2.13ii"), ("PHOF", "2.13i"), ("PHOF", "2.12"), ("PHOF", "B16"), ("PHOF", "B19"),
    ("PHOF", "1.18i"), ("PHOF", "2.23"), ("PHOF", "1.02i"),
    ("ASCOF", "1A"), ("ASCOF", "1B"), ("ASCOF", "1I(1)"), ("ASCOF", "1I(2)"), ("ASCOF", "2A(1)"), ("ASCOF", "2A(2)"),
    ("ASCOF", "2B"), ("ASCOF", "2C"), ("ASCOF", "2B(1)"), ("ASCOF", "2D"), ("ASCOF", "2A"), ("ASCOF", "2E"),
    ("NHS Outcomes Framework", "2.3.i"), ("NHS Outcomes Framework", "3a"),
}  # fmt: skip
CONFIRMED_FINGERTIPS_IDS = {
    93014, 93015, 20601, 20602, 90280, 22301, 22302, 22303, 22304, 93570, 93088, 22401, 41401, 11601, 90631,
    90632, 90319, 90323, 241,
}  # fmt: skip
_SHARED_PLACES = (ROOT.parent / "shared" / "INDICATORS.md", ROOT.parent.parent / "shared" / "INDICATORS.md")
SHARED_TABLE = next((p for p in _SHARED_PLACES if p.exists()), _SHARED_PLACES[0])
"""The team's INDICATORS.md: beside the main checkout, or beside the folder of worktrees."""


@pytest.mark.parametrize("entry", by_id(INDICATORS))
def test_every_code_and_id_given_is_confirmed(entry):
    """An id is given only when confirmed; a code is either confirmed or the entry is marked not confirmed."""
    assert entry.fingertips_id is None or entry.fingertips_id in CONFIRMED_FINGERTIPS_IDS
    assert entry.old_code is None or (entry.framework, entry.old_code) in CONFIRMED_CODES
    if entry.code and entry.confirmed:
        assert (entry.framework, entry.code) in CONFIRMED_CODES
    if entry.code and (entry.framework, entry.code) not in CONFIRMED_CODES:
        assert not entry.confirmed
    if entry.code or entry.old_code:
        assert entry.framework


@pytest.mark.skipif(not SHARED_TABLE.exists(), reason="the team's INDICATORS.md is not beside this checkout")
def test_the_checked_table_matches_indicators_md():
    """Every confirmed id and code above appears in INDICATORS.md (guards against a typo in the table)."""
    text = SHARED_TABLE.read_text(encoding="utf-8")
    for fingertips_id in CONFIRMED_FINGERTIPS_IDS:
        assert re.search(rf"\b{fingertips_id}\b", text), fingertips_id
    for _, code in CONFIRMED_CODES:
        assert code in text, code


_ID_COLUMNS = ("Fingertips id", "Id", "Other id")
_FINGERTIPS_CELL = re.compile(r"^(?P<ids>\d+(?:\s*[/,]\s*\d+)*)(?:\s*\((?P<variant>[A-Za-z ]+):\s*(?P<other>\d+)\))?$")
_NOT_FINGERTIPS_CELL = re.compile(r"^(?:-|LG Inform \d+|legacy P\d+)$")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _id_confirmed(status: str) -> bool:
    """The status of a row's id: the clause that speaks of the id ("id probable"), else the whole status."""
    clauses = [c.strip() for c in status.split(";")]
    said = next((c for c in clauses if re.search(r"\bids?\b", c)), clauses[0])
    return bool(re.search(r"(?<!un)confirmed", said)) and not re.search(r"unconfirmed|probable", said)


def fingertips_ids_in(text: str) -> tuple[list[tuple[str, int]], set[int]]:
    """The Fingertips ids INDICATORS.md's tables give, as (the name its row gives the id, id) where the id is
    confirmed, and the set of those it marks probable or unconfirmed. A row naming several ("Reception / Year
    6", "20601 / 20602") pairs them in order; "90631 (FSM: 90632)" gives the variant its label. A cell of
    another shape fails the test: the table's layout has changed and this reader must change with it."""
    confirmed: list[tuple[str, int]] = []
    doubtful: set[int] = set()
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = _cells(line)
        if not header:
            header = cells
            continue
        if set(line) <= set("|-: "):
            continue
        column = next((c for c in _ID_COLUMNS if c in header), None)
        if column is None:
            continue
        row = dict(zip(header, cells, strict=True))
        cell, name, status = row[column], row[header[0]], row["Status"]
        if _NOT_FINGERTIPS_CELL.match(cell):
            continue
        found = _FINGERTIPS_CELL.match(cell)
        assert found, f"INDICATORS.md: the id cell {cell!r} of {name!r} has a shape this test does not read"
        ids = [int(i) for i in re.split(r"\s*[/,]\s*", found["ids"])]
        names = re.split(r"\s*[/;]\s*", name)
        pairs = list(zip(names, ids, strict=True)) if len(names) == len(ids) else [(name, i) for i in ids]
        if found["other"]:
            pairs.append((f"{name} {found['variant']}", int(found["other"])))
        if _id_confirmed(status):
            confirmed.extend(pairs)
        else:
            doubtful.update(i for _, i in pairs)
    return confirmed, doubtful - {i for _, i in confirmed}


@pytest.fixture(scope="module")
def shared_ids() -> tuple[list[tuple[str, int]], set[int]]:
    if not SHARED_TABLE.exists():
        pytest.skip("the team's INDICATORS.md is not beside this checkout")
    return fingertips_ids_in(SHARED_TABLE.read_text(encoding="utf-8"))


def test_indicators_md_is_read_as_a_person_reads_it(shared_ids):
    """Known answers from the table, so a change of its layout that hides ids fails here, not silently."""
    confirmed, doubtful = shared_ids
    ids = {i for _, i in confirmed}
    assert {93015, 93014, 20601, 20602, 22304, 90631, 90632, 241} <= ids
    assert {93758, 93378, 10301} <= doubtful  # loneliness, Attainment 8, pupil absence: probable only
    assert ("low worthwhile", 22302) in confirmed and ("Year 6", 20602) in confirmed


def test_the_library_gives_every_confirmed_fingertips_id_and_no_other(shared_ids):
    confirmed, doubtful = shared_ids
    given = {e.fingertips_id for e in INDICATORS if e.fingertips_id is not None}
    assert given == {i for _, i in confirmed}
    assert given == CONFIRMED_FINGERTIPS_IDS  # the hand-checked table above agrees with the file
    for entry in INDICATORS:  # nor does a doubtful id reach a user's indicator as words
        attached = f"{entry.indicator.name} {entry.indicator.source}"
        assert not any(re.search(rf"\b{i}\b", attached) for i in doubtful), entry.id


def test_each_fingertips_id_is_on_the_entry_its_row_names(shared_ids):
    """The right number on the right measure: of the entries with an id, the one holding each id shares the
    most telling words with the name INDICATORS.md gives it (20601 on Reception, never on Year 6)."""
    confirmed, _ = shared_ids
    with_ids = [e for e in INDICATORS if e.fingertips_id is not None]
    for name, fingertips_id in confirmed:
        scores = {e.fingertips_id: len(library._words(name) & library._words(e.name)) for e in with_ids}
        assert scores[fingertips_id] == max(scores.values()) > 0, (name, fingertips_id, scores)


@pytest.mark.parametrize("entry", by_id([e for e in INDICATORS if e.fingertips_id]))
def test_the_fingertips_id_comes_with_the_indicator_and_survives_the_file(entry):
    attached = entry.indicator
    assert attached.fingertips_id == entry.fingertips_id
    data = minimal_with(attached)
    again = loads(dumps(from_data(data))).nodes[1].indicators[0]
    assert again.fingertips_id == entry.fingertips_id


def test_an_outcome_from_the_library_brings_its_indicators_fingertips_ids():
    suggested = outcome("ph-child-healthy-weight").indicators
    assert [i.indicator.fingertips_id for i in suggested] == [i.fingertips_id for i in suggested]
    assert suggested[0].indicator.fingertips_id == 20601


def minimal_with(attached) -> dict:
    return {
        "schema_version": 1,
        "meta": {"title": "T"},
        "nodes": [
            {"id": "act", "level": "activity", "label": "A"},
            {"id": "out", "level": "strategic", "label": "O", "indicators": [attached.model_dump(exclude_none=True)]},
        ],
        "links": [{"source": "act", "target": "out"}],
    }


@pytest.mark.parametrize(
    ("entry_id", "code", "fingertips_id", "confirmed"),
    [
        ("phof-inactive-adults", "C17b", 93015, True),
        ("phof-active-adults", "C17a", 93014, False),
        ("phof-overweight-adults", "C16", 93088, False),
        ("ncmp-reception-overweight", "C09a", 20601, False),
        ("ncmp-year6-overweight", "C09b", 20602, False),
        ("ncmp-reception-obesity", None, 90319, True),
        ("ncmp-year6-obesity", None, 90323, True),
        ("phof-falls-65", "C29", 22401, False),
        ("phof-hip-fractures-65", "E13", 41401, False),
        ("phof-outdoor-space", "B16", 11601, True),
        ("phof-loneliness", "B19", None, True),
        ("phof-social-contact", "B18a", 90280, False),
        ("phof-wellbeing-low-satisfaction", None, 22301, False),
        ("fingertips-active-cyp", None, 93570, True),
        ("phof-school-readiness", "B02a", 90631, False),
        ("school-readiness-fsm", None, 90632, True),
        ("qof-diabetes-prevalence", None, 241, True),
    ],
)
def test_codes_match_the_looked_up_table(entry_id, code, fingertips_id, confirmed):
    entry = indicator(entry_id)
    assert (entry.code, entry.fingertips_id, entry.confirmed) == (code, fingertips_id, confirmed)
    if code and confirmed:
        assert code in entry.source


@pytest.mark.parametrize(
    ("entry_id", "code", "old_code"),
    [
        ("ascof-short-term-no-further-support", "2A", "2D"),
        ("ascof-care-home-admissions-18-64", "2B", "2A(1)"),
        ("ascof-care-home-admissions-65", "2C", "2A(2)"),
        ("ascof-reablement-in-community", "2D", None),
        ("ascof-living-at-home", "2E", None),
        ("ascof-still-at-home-91-days", None, "2B(1)"),
        ("ascof-quality-of-life", None, "1A"),
        ("ascof-social-contact-users", None, "1I(1)"),
    ],
)
def test_ascof_measures_follow_the_numbering_revised_in_2023_24(entry_id, code, old_code):
    """``code`` is the revised numbering, ``old_code`` the one used to 2022-23: "2B" changed meaning."""
    entry = indicator(entry_id)
    assert (entry.framework, entry.code, entry.old_code) == ("ASCOF", code, old_code)
    assert entry.indicator.source.startswith("Adult Social Care Outcomes Framework")


def test_overweight_and_obesity_only_are_different_indicators():
    for year in ("reception", "year6"):
        overweight, obese = indicator(f"ncmp-{year}-overweight"), indicator(f"ncmp-{year}-obesity")
        assert overweight.fingertips_id != obese.fingertips_id
        assert "overweight (including obesity)" in overweight.name
        assert "obesity (including severe obesity)" in obese.name and "overweight" not in obese.name
    assert {i.id for i in outcome("ph-child-healthy-weight").indicators} >= {
        "ncmp-reception-overweight", "ncmp-year6-overweight", "ncmp-reception-obesity", "ncmp-year6-obesity",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("group", "at_least"),
    [
        ("Public Health Outcomes Framework", 10),
        ("Adult Social Care Outcomes Framework", 8),
        ("NHS measures", 3),
        ("Children and young people", 4),
        ("Active Lives", 6),
    ],
)
def test_the_library_covers_every_commissioners_measures(group, at_least):
    assert sum(1 for i in INDICATORS if i.group == group) >= at_least


def test_outcomes_offer_adult_social_care_nhs_and_childrens_measures():
    suggested = {i.group for o in OUTCOMES for i in o.indicators}
    assert {"Adult Social Care Outcomes Framework", "NHS measures", "Children and young people"} <= suggested


@pytest.mark.parametrize("entry", by_id(OUTCOMES))
def test_outcome_sources_carry_no_doubt(entry):
    """An outcome's source is shown to the user when it is added: no unconfirmed code in it."""
    for words in ("unconfirmed", "not confirmed"):
        assert words not in entry.source.casefold()
    for suggested in entry.indicators:
        if not suggested.confirmed and suggested.code:
            assert suggested.code not in entry.source.split()


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
    assert (again.name, again.source, again.unit, again.frequency, again.fingertips_id, again.target) == (
        entry.name,
        entry.source,
        entry.unit,
        entry.frequency,
        entry.fingertips_id,
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
        ([GOOD_INDICATOR | {"confirmed": False}], [], "not confirmed"),
        ([GOOD_INDICATOR | {"source": "PHOF (code unconfirmed)"}], [], "words of doubt"),
        (
            [GOOD_INDICATOR | {"confirmed": False, "note": "C9 not confirmed", "code": "C9", "source": "PHOF C9"}],
            [],
            "unconfirmed code C9",
        ),
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
        ("Better mental wellbeing for carers", "ascof-carer-quality-of-life"),
        ("More older people living independently at home", "ascof-care-home-admissions-65"),
        ("Fewer children overweight or obese", "ncmp-reception-overweight"),
        ("Fewer falls among older people", "phof-falls-65"),
    ],
)
def test_indicators_that_suit_a_box_come_first(label, first):
    offered = library.indicators_for(label)
    assert offered[0].id == first
    assert sorted(i.id for i in offered) == sorted(i.id for i in library.indicators())  # nothing hidden
