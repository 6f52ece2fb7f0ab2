"""The JSON Schema of format v1, generated from the models (never written by hand).

A copy is kept in the repository's ``schema/framework-v1.schema.json`` for
other tools and councils; a test fails when the copy and the models disagree.
The installed engine needs no file: ``logicmodel schema`` prints what the
models say, which is the same text.

>>> schema = json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["properties"]["schema_version"]["const"]
1
"""

from __future__ import annotations

import json
from typing import Any

from logicmodel.core.models import FORMAT_VERSION, Framework

__all__ = ["SCHEMA_FILE_NAME", "SCHEMA_ID", "json_schema", "schema_text"]

SCHEMA_ID = f"urn:logic-model-builder:framework:v{FORMAT_VERSION}"
SCHEMA_FILE_NAME = f"framework-v{FORMAT_VERSION}.schema.json"
"""The published copy's name (in the repository's ``schema/`` folder, and as the app's download)."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the current format version."""
    generated = Framework.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **generated,
        "title": f"Logic Model Builder framework, format v{FORMAT_VERSION}",
        "description": (
            "An outcomes framework (logic model): levels from activities to strategic outcomes, the boxes at "
            "each level, and the links between them. Cross-references (known levels and stakeholders, links "
            "between existing boxes, no backward links, no loops) are checked by the tool; see docs/format.md."
        ),
    }


def schema_text() -> str:
    """The schema as the published file's text: two-space indent, final newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
