"""The published JSON Schema: current, valid draft 2020-12, and in agreement with the reader."""

import json

import jsonschema
import pytest
from factories import walking
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

from logicmodel import dumps, from_data
from logicmodel.core.schema import SCHEMA_FILE_NAME, json_schema, schema_text
from logicmodel.core.synthetic import synthetic_data

SCHEMA_PATH = ROOT / "schema" / SCHEMA_FILE_NAME
"""The published copy, in the repository."""
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def test_published_copy_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "schema/framework-v1.schema.json is out of date: run python -m logicmodel schema > " + str(SCHEMA_PATH)
    )


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(json_schema())
    assert json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@settings(max_examples=20, deadline=None)
@given(n=st.integers(min_value=1, max_value=80), seed=st.integers(min_value=0, max_value=1000))
def test_every_valid_framework_satisfies_the_schema(n, seed):
    canonical = json.loads(dumps(from_data(synthetic_data(n, seed=seed))))
    VALIDATOR.validate(canonical)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("meta"),
        lambda d: d["nodes"][0].update(colour="red"),
        lambda d: d["nodes"][0].update(id="has space"),
        lambda d: d["links"][0].update(strength="huge"),
        lambda d: d.update(schema_version=2),
    ],
)
def test_schema_refuses_what_the_reader_refuses(breakage):
    data = walking()
    breakage(data)
    assert not VALIDATOR.is_valid(data)
