"""Samples with a few illustrative measurements and delivery added, for the progress report's tests and the
screenshots: every figure here is made up and says so ("Illustrative" in its source or note), as the samples'
costs do. Nothing here is a real measurement of Swindon or Slough.
"""

from __future__ import annotations

import copy
from typing import Any

from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data, to_data
from logicmodel.core.samples import find

__all__ = ["ILLUSTRATIVE", "bare", "bare_data", "illustrated", "illustrated_data"]

ILLUSTRATIVE = "Illustrative figures, not real data"


def _m(period: str, end: str, value: float, low: float | None = None, high: float | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"period": period, "period_end": end, "value": value, "source": ILLUSTRATIVE}
    if low is not None:
        found |= {"lower_ci": low, "upper_ci": high}
    return found


MEASURED: dict[str, dict[tuple[str, str], dict[str, Any]]] = {
    "swindon": {
        # box id, indicator name: what is set on it
        ("str-fewer-falls", "Emergency hospital admissions due to falls in people aged 65 and over"): {
            "baseline": 2100,
            "measurements": [
                _m("2022/23", "2023-03-31", 2050, 1950, 2150),
                _m("2023/24", "2024-03-31", 1890, 1800, 1980),
            ],
        },  # improving, beyond the interval
        (
            "int-older-connected",
            "Social isolation: percentage of adult social care users who have as much social "
            "contact as they would like",
        ): {
            "baseline": 42.1,
            "target": 46,
            "measurements": [
                _m("2022/23", "2023-03-31", 43.0, 39.5, 46.5),
                _m("2023/24", "2024-03-31", 40.2, 38.9, 41.5),
            ],
        },  # worsening
        (
            "str-social-community",
            "Loneliness: percentage of adults who feel lonely often or always or some of the time",
        ): {
            "baseline": 24.5,
            "measurements": [_m("2023/24", "2024-03-31", 24.0, 22.1, 25.9)],
        },  # no change: inside the interval
        ("int-disabled-active", "Adults active: at least 150 minutes a week"): {
            "baseline": 61.0,
            "target": 65,
            "measurements": [
                _m("2022/23", "2023-03-31", 62.8, 61.2, 64.4),
                _m("2023/24", "2024-03-31", 65.4, 63.8, 67.0),
            ],
        },  # met
    },
    "slough": {
        ("int-adults-active", "Percentage of physically inactive adults"): {
            "baseline": 24.1,
            "target": 21,
            "measurements": [
                _m("2022/23", "2023-03-31", 23.8, 22.0, 25.6),
                _m("2023/24", "2024-03-31", 22.6, 21.2, 24.0),
            ],
        },  # improving
        (
            "str-physical-wellbeing",
            "Percentage of people meeting the Chief Medical Officers' physical activity guidelines",
        ): {
            "baseline": 62.0,
            "measurements": [_m("2023/24", "2024-03-31", 61.5, 59.8, 63.2)],
        },  # no change
    },
}

DELIVERED: dict[str, dict[str, list[dict[str, Any]]]] = {
    "swindon": {
        "act-strength-balance": [
            {
                "period": "Q1 2023/24",
                "period_end": "2023-06-30",
                "participants": 80,
                "spent": 5000,
                "note": ILLUSTRATIVE,
            },
            {
                "period": "Q2 2023/24",
                "period_end": "2023-09-30",
                "participants": 95,
                "spent": 5200,
                "note": ILLUSTRATIVE,
            },
            {
                "period": "2024/25",
                "period_end": "2025-03-31",
                "participants": 330,
                "spent": 20500,
                "note": ILLUSTRATIVE,
            },
        ],
        "act-inclusive-sport": [
            {"period": "2024/25", "period_end": "2025-03-31", "participants": 260, "spent": 18900, "note": ILLUSTRATIVE}
        ],
    },
    "slough": {
        "act-healthy-hearts": [
            {"period": "2023/24", "period_end": "2024-03-31", "participants": 140, "spent": 12000, "note": ILLUSTRATIVE}
        ],
    },
}


def bare_data(name: str) -> dict[str, Any]:
    """The sample ``name`` as plain data without any measurement or delivery (the samples carry a few, also
    illustrative): a framework as it is before anything is measured, and a known start for ``illustrated``."""
    data = copy.deepcopy(to_data(find(name).load()))
    for node in data["nodes"]:
        node.pop("delivery", None)
        for indicator in node.get("indicators", []):
            indicator.pop("measurements", None)
    return data


def bare(name: str) -> Framework:
    """The sample ``name`` with nothing measured or delivered (``bare_data``)."""
    return from_data(bare_data(name))


def illustrated_data(name: str) -> dict[str, Any]:
    """The sample ``name`` as plain data, its own measurements and delivery replaced by this module's."""
    data = bare_data(name)
    for node in data["nodes"]:
        for indicator in node.get("indicators", []):
            extra = MEASURED[name].get((node["id"], indicator["name"]))
            if extra:
                indicator.update(copy.deepcopy(extra))
                indicator["source"] = f"{indicator.get('source') or 'Not stated'} ({ILLUSTRATIVE})"
        if node["id"] in DELIVERED[name]:
            node["delivery"] = copy.deepcopy(DELIVERED[name][node["id"]])
    return data


def illustrated(name: str) -> Framework:
    """The sample ``name`` with illustrative measurements and delivery added (``illustrated_data``)."""
    return from_data(illustrated_data(name))
