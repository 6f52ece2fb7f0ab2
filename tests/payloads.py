"""A framework's text with a script or HTML payload in front of every free-text string, for the browser tests
that check nothing a person typed runs or loads (the page, the report, the progress report). One list of the
fields that are not free text (ids, codes, amounts, days), so a new coded field is added once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

NOT_TEXT = frozenset({"id", "level", "source", "target", "schema_version", "role", "kind", "strength", "currency",
                      "url", "created", "updated", "stakeholders", "amount", "period_end", "area_code",
                      "beneficiary"})  # fmt: skip
"""Fields kept as they are: ids, links' ends, codes, days and the area code, which the format checks."""


def poison(value: Any, payloads: Sequence[str], limits: Mapping[str, int] | None = None) -> Any:
    """``value`` (parsed framework JSON) with the payloads, in turn, in front of every free-text string, each cut
    to its field's limit (``limits``, else 200 characters)."""
    count = [0]

    def walk(part: Any, key: str) -> Any:
        if isinstance(part, dict):
            return {k: v if k in NOT_TEXT else walk(v, k) for k, v in part.items()}
        if isinstance(part, list):
            return [walk(v, key) for v in part]
        if isinstance(part, str):
            count[0] += 1
            return (payloads[count[0] % len(payloads)] + " " + part)[: (limits or {}).get(key, 200)]
        return part

    return walk(value, "")
