"""Small frameworks built inline for the engine's tests."""

from __future__ import annotations

import copy
from typing import Any

WALKING: dict[str, Any] = {
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
        {"id": "referrals", "level": "output", "label": "Patients referred to activity"},
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
        {"source": "advisers", "target": "referrals", "strength": "moderate"},
        {"source": "referrals", "target": "active"},
        {"source": "active", "target": "falls", "assumptions": ["Activity includes strength and balance"]},
    ],
}
"""A small complete framework with no warnings: two activities reach one strategic outcome."""


def walking(**changes: Any) -> dict[str, Any]:
    """A deep copy of ``WALKING`` with top-level keys replaced."""
    data = copy.deepcopy(WALKING)
    data.update(changes)
    return data


def minimal(nodes: list[dict[str, Any]] | None = None, links: list[dict[str, Any]] | None = None, **extra: Any):
    """A framework document with the default levels and the given nodes and links."""
    return {"schema_version": 1, "meta": {"title": "Test"}, "nodes": nodes or [], "links": links or [], **extra}


def node(node_id: str, level: str = "activity", **fields: Any) -> dict[str, Any]:
    """A node document; the label defaults to the id."""
    return {"id": node_id, "level": level, "label": fields.pop("label", node_id.title()), **fields}


def link(source: str, target: str, **fields: Any) -> dict[str, Any]:
    """A link document."""
    return {"source": source, "target": target, **fields}
