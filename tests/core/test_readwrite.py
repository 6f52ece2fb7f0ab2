"""Reading untrusted files and writing the canonical form.

Every outcome of reading is either a framework or a ``FrameworkError``:
hypothesis throws arbitrary JSON and mutations of valid files at the reader.
"""

import copy
import json
import subprocess
import sys

import pytest
from factories import walking
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ROOT

from logicmodel import Framework, FrameworkError, dumps, from_data, load, loads, save
from logicmodel.core.limits import MAX_FILE_BYTES
from logicmodel.core.readwrite import parse_json, reference_dumps
from logicmodel.core.synthetic import HOSTILE, hostile_text, synthetic_data

VALID = json.dumps(walking())


def error_text(text):
    with pytest.raises(FrameworkError) as caught:
        loads(text)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"\xff\xfe{}", "not UTF-8 text (bad byte at position 0)"),
        ("{", "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
        ("", "not valid JSON: Expecting value (line 1, column 1)"),
        ('{"schema_version": NaN}', "not valid JSON: NaN is not a number JSON allows"),
        ('{"schema_version": Infinity}', "not valid JSON: Infinity is not a number JSON allows"),
        ('{"schema_version": 1e999}', "not valid JSON: number 1e999 is too large"),
        ('{"schema_version": ' + "9" * 5000 + "}", "not valid JSON: number 99999999"),
        ('{"schema_version": 1, "meta": {"title": "\\ud800"}}', "not valid text: a \\u escape names half a character"),
        ('{"schema_version": true}', "schema_version: should be a whole number from 1"),
        ('{"schema_version": 1.0}', "schema_version: should be a whole number from 1"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"schema_version": 1, "meta": {"title": [[[[[[["x"]]]]]]]}}', "nested too deeply"),
        ("[]", "not a framework file: expected a JSON object, found a list"),
        ("{}", "not a framework file: it has no schema_version"),
        ('{"schema_version": "1"}', "schema_version: should be a whole number from 1"),
        ('{"schema_version": 2}', "this file is format version 2; this tool reads versions up to 1"),
    ],
)
def test_bad_input_is_one_clear_line(text, message):
    found = error_text(text)
    assert message in found
    assert "\n" not in found
    assert "Traceback" not in found


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(VALID.encode() + b" " * (MAX_FILE_BYTES + 1 - len(VALID)))
    with pytest.raises(FrameworkError) as caught:
        load(path)
    assert str(caught.value) == "file is too large (10,000,001 bytes): the limit is 10 MB (10,000,000 bytes)"


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path):
    """The limit the message states is the one enforced: 10 MB of 1,000,000 bytes, as the app's uploader counts."""
    assert MAX_FILE_BYTES == 10_000_000
    path = tmp_path / "full.json"
    path.write_bytes(VALID.encode() + b" " * (MAX_FILE_BYTES - len(VALID)))
    assert load(path).meta.title == "Active Ageing, New Forest"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.json", "no such file"),
        (lambda p: p, "is a folder, not a file"),
    ],
)
def test_unreadable_paths(tmp_path, make, message):
    with pytest.raises(FrameworkError, match=message):
        load(make(tmp_path))


def test_byte_order_mark_is_accepted():
    assert loads(b"\xef\xbb\xbf" + VALID.encode()).meta.title == "Active Ageing, New Forest"


def test_canonical_form_is_stable_and_ordered():
    text = dumps(loads(VALID))
    assert dumps(loads(text)) == text
    assert list(json.loads(text)) == ["schema_version", "meta", "stakeholders", "nodes", "links"]
    assert '"strength": "unknown"' not in text  # defaults left out
    assert text.endswith("}\n")
    assert '\n  "meta": {\n    "title"' in text  # two-space indent


def test_canonical_form_keeps_non_default_levels_and_unicode():
    data = walking(levels=[{"id": "activity", "label": "Gweithgareddau"}, {"id": "strategic", "label": "Nodau"}])
    data["nodes"] = [n for n in data["nodes"] if n["level"] in ("activity", "strategic")]
    data["links"] = []
    text = dumps(from_data(data))
    assert "Gweithgareddau" in text
    assert json.loads(text)["levels"][1] == {"id": "strategic", "label": "Nodau"}


def test_save_then_load_gives_an_equal_framework(tmp_path):
    fw = loads(VALID)
    save(fw, tmp_path / "f.json")
    assert load(tmp_path / "f.json") == fw
    assert not list(tmp_path.glob(".*.tmp"))


def test_evidence_on_a_link_round_trips_and_a_file_without_it_reads_as_before():
    data = json.loads(VALID)
    before = loads(VALID)
    assert before.links[0].evidence == ()
    assert '"evidence"' not in dumps(before).split('"links"')[1]  # left out when empty: old files stay canonical
    data["links"][0]["evidence"] = [{"title": "Walking for health review", "strength": "moderate"}]
    fw = loads(json.dumps(data))
    assert fw.links[0].evidence[0].title == "Walking for health review"
    assert loads(dumps(fw)) == fw
    data["links"][0]["evidence"] = [{"title": "x", "url": "ftp://nope"}]
    with pytest.raises(FrameworkError, match=r"links\[0\]\.evidence\[0\]\.url"):
        loads(json.dumps(data))


# Property-based: generated valid frameworks round-trip; anything else is a FrameworkError.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_arbitrary_json_is_a_framework_or_a_framework_error(value):
    try:
        result = loads(json.dumps(value))
    except FrameworkError as exc:
        assert exc.problems
    else:
        assert isinstance(result, Framework)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_a_framework_or_a_framework_error(data):
    try:
        result = loads(data)
    except FrameworkError as exc:
        assert exc.problems
    else:
        assert isinstance(result, Framework)


def _paths(value, prefix=()):
    """Every location inside a JSON value."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


BASE = walking()
BASE_PATHS = list(_paths(BASE))[1:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    location=st.sampled_from(BASE_PATHS),
    action=st.sampled_from(["replace", "delete", "duplicate"]),
    replacement=json_values,
)
def test_mutated_valid_files_are_a_framework_or_a_framework_error(location, action, replacement):
    data = copy.deepcopy(BASE)
    parent = data
    for key in location[:-1]:
        parent = parent[key]
    last = location[-1]
    if action == "replace":
        parent[last] = replacement
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    try:
        fw = loads(json.dumps(data))
    except FrameworkError as exc:
        assert all(p.message for p in exc.problems)
    else:
        assert loads(dumps(fw)) == fw


@settings(max_examples=30, deadline=None)
@given(n=st.integers(min_value=1, max_value=200), seed=st.integers(min_value=0, max_value=10_000))
def test_generated_frameworks_round_trip(n, seed):
    fw = from_data(synthetic_data(n, seed=seed))
    text = dumps(fw)
    again = loads(text)
    assert again == fw
    assert dumps(again) == text


def _careful(text):
    """The careful reader alone, as the fast path's failures are explained."""
    try:
        return from_data(parse_json(text))
    except FrameworkError:
        return None


def _fast(text):
    try:
        return loads(text)
    except FrameworkError:
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    location=st.sampled_from(BASE_PATHS),
    replacement=json_values | st.sampled_from([True, 1.0, -0.0, 10**20, "\U0001f600", "\u0000", "", " "]),
)
def test_fast_and_careful_readers_agree(location, replacement):
    data = copy.deepcopy(BASE)
    parent = data
    for key in location[:-1]:
        parent = parent[key]
    parent[location[-1]] = replacement
    text = json.dumps(data)
    assert _fast(text) == _careful(text)


def test_reading_leaves_the_garbage_collector_as_it_was():
    import gc

    assert gc.isenabled()
    with pytest.raises(FrameworkError):
        loads("{}")
    loads(VALID)
    assert gc.isenabled()


# Small files that would cost a lot: refused with a short message, in bounded memory.

PEAK_MB = 480
"""Most memory reading a hostile file may add, in megabytes: a few hundred, whatever the file holds."""

MEASURE = """
import json, sys
from logicmodel import FrameworkError, loads
from logicmodel.core.synthetic import hostile_text
text = hostile_text(sys.argv[1]).encode()
def high_water():  # this process's peak resident memory, in kB (ru_maxrss would count the parent's)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
before = high_water()
try:
    loads(text)
except FrameworkError as exc:
    message = str(exc)
added = high_water() - before
print(json.dumps({"bytes": len(text), "added_mb": added / 1024, "message": message}))
"""


def measure_hostile(name):
    """Read a hostile file in a fresh process: its peak memory (resident set) is this file's alone."""
    root = str(ROOT)
    result = subprocess.run([sys.executable, "-c", MEASURE, name], capture_output=True, text=True, check=True, cwd=root)
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_refused_in_bounded_memory_with_a_short_message(name):
    found = measure_hostile(name)
    assert found["bytes"] <= MAX_FILE_BYTES
    assert found["added_mb"] < PEAK_MB, f"{name}: {found['added_mb']:.0f} MB"
    lines = found["message"].splitlines()
    assert len(lines) <= 51 and all(len(line) <= 200 for line in lines), found["message"][:1000]


def test_many_unknown_keys_list_the_first_and_count_the_rest():
    with pytest.raises(FrameworkError) as caught:
        loads(hostile_text("876,000 unknown keys"))
    problems = [str(p) for p in caught.value.problems]
    assert problems[0] == "nodes[0]: has 876,003 fields: far more than it can have"  # one error, not 876,000
    assert problems[1] == "nodes[0].000000: unknown field '000000'"
    assert problems[-1] == "... and 875951 more problems"


def test_a_huge_key_is_quoted_as_an_excerpt_with_its_length():
    message = error_text(hostile_text("one unknown key of 9 MB"))
    assert message == f"{'a' * 60}…: unknown field '{'a' * 60}…' (9,000,000 characters)"


def test_a_list_longer_than_the_format_allows_is_refused_before_its_entries_are_read():
    assert error_text(hostile_text("3,000,000 empty boxes")) == "nodes: has too many entries: at most 20000"


def test_problems_of_many_boxes_are_listed_and_counted():
    """The models' lists stop at their first bad entry; the careful reader still checks every box."""
    message = error_text(hostile_text("20,000 boxes of 100 bad tags"))
    lines = message.splitlines()
    assert lines[:2] == ["nodes[0].tags[0]: should be a text", "nodes[1].tags[0]: should be a text"]
    assert lines[-1] == "... and 19950 more problems"


# A number too large for its field is refused at its place, not as unreadable JSON.


def with_box(**fields):
    box = {"id": "walks", "level": "activity", "label": "Walks"} | fields
    return json.dumps({"schema_version": 1, "meta": {"title": "T"}, "nodes": [box], "links": []})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cost": {"amount": 2e15}}, "nodes[0].cost.amount: should be at most 1,000,000,000,000,000"),
        ({"cost": {"amount": 1e308}}, "nodes[0].cost.amount: should be at most 1,000,000,000,000,000"),
        ({"cost": {"amount": 10**30}}, "nodes[0].cost.amount: should be at most 1,000,000,000,000,000"),
        ({"cost": {"amount": -5}}, "nodes[0].cost.amount: should be at least 0"),
        ({"reach": 2 * 10**15}, "nodes[0].reach: should be at most 1,000,000,000"),
        ({"indicators": [{"name": "Active adults", "target": 2e15}]}, "nodes[0].indicators[0].target: should be a"),
    ],
)
def test_a_number_too_large_is_refused_where_it_is(fields, message):
    found = error_text(with_box(**fields))
    assert found.startswith(message), found
    assert "not valid JSON" not in found


def test_numbers_json_cannot_hold_or_too_long_to_be_numbers_are_still_refused_while_reading():
    assert error_text(with_box(reach=1).replace(": 1}", ": 1e999}")) == "not valid JSON: number 1e999 is too large"
    found = error_text(with_box(reach=1).replace(": 1}", ": " + "9" * 5000 + "}"))
    assert found == "not valid JSON: number 99999999999999999999… is too long (5,000 characters)"


def test_a_file_without_boxes_or_links_says_both_are_missing():
    found = error_text('{"schema_version": 1, "meta": {"title": "T"}}')
    assert found == "nodes: required, but missing\nlinks: required, but missing"


_texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40).filter(str.strip)
_numbers = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False) | st.integers(-(10**15), 10**15)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    label=_texts,
    description=st.text(st.characters(codec="utf-8"), max_size=60),
    baseline=_numbers | _texts,
    target=_numbers,
    amount=st.floats(min_value=0, max_value=1e15, allow_nan=False),
    tags=st.lists(_texts, max_size=3),
)
def test_the_fast_writer_gives_the_reference_canonical_text(label, description, baseline, target, amount, tags):
    """``dumps`` (pydantic's serializer) and ``reference_dumps`` (``json.dumps``) write the same text."""
    data = walking()
    data["meta"]["tags"] = tags
    data["nodes"][0].update(
        label=label,
        description=description,
        cost={"amount": amount},
        indicators=[{"name": label, "baseline": baseline, "target": target}],
    )
    try:
        fw = from_data(data)
    except FrameworkError:
        return
    assert dumps(fw) == reference_dumps(fw)
    assert loads(dumps(fw)) == fw


def test_a_tiny_float_is_written_as_the_reference_writes_it():
    data = walking()
    data["nodes"][0]["indicators"] = [{"name": "Share", "baseline": 1e-07, "target": 0.00005}]
    text = dumps(from_data(data))
    assert '"baseline": 1e-07' in text and '"target": 5e-05' in text
