"""A small framework for the builder's tests (edits, coverage, pages), kept here so it changes only with them."""

from __future__ import annotations

import copy
from typing import Any

from logicmodel import from_data
from logicmodel.core.models import Framework

__all__ = ["NEW_FOREST", "new_forest", "new_forest_data"]

NEW_FOREST: dict[str, Any] = {
    "schema_version": 1,
    "meta": {"title": "Active Ageing, New Forest", "organisation": "New Forest District Council"},
    "stakeholders": [
        {"id": "ph", "name": "Public Health", "role": "commissioner"},
        {"id": "asc", "name": "Adult Social Care", "role": "commissioner"},
    ],
    "nodes": [
        {"id": "walk", "level": "activity", "label": "Health walks", "cohorts": ["Older people"]},
        {"id": "advisers", "level": "activity", "label": "Active lifestyles advisers in GP surgeries"},
        {"id": "sessions", "level": "output", "label": "Weekly walks delivered", "cohorts": ["older people"]},
        {
            "id": "active",
            "level": "intermediate",
            "label": "More older people active",
            "stakeholders": ["ph"],
            "indicators": [{"name": "Percentage of physically active adults", "source": "Active Lives Adult survey"}],
        },
        {
            "id": "falls",
            "level": "strategic",
            "label": "Fewer falls",
            "stakeholders": ["asc"],
            "indicators": [{"name": "Emergency hospital admissions due to falls in people aged 65 and over"}],
        },
    ],
    "links": [
        {"source": "walk", "target": "sessions", "strength": "strong"},
        {"source": "sessions", "target": "active"},
        {"source": "advisers", "target": "active", "strength": "moderate"},
        {"source": "active", "target": "falls", "assumptions": ["Activity includes strength and balance"]},
    ],
}
"""Two activities reach one strategic outcome; the advisers' link skips the outputs (one level-skip warning)."""


def new_forest_data() -> dict[str, Any]:
    """A deep copy of ``NEW_FOREST``."""
    return copy.deepcopy(NEW_FOREST)


def new_forest() -> Framework:
    """``NEW_FOREST`` as a framework."""
    return from_data(new_forest_data())
