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
"""A small framework whose logic raises no warnings: two activities reach one strategic outcome. It does not
have all a commissioner asks for (``ready_walking()`` does)."""


def walking(**changes: Any) -> dict[str, Any]:
    """A deep copy of ``WALKING`` with top-level keys replaced."""
    data = copy.deepcopy(WALKING)
    data.update(changes)
    return data


def ready_walking() -> dict[str, Any]:
    """``WALKING`` with everything a commissioner asks for as well: costs, reach, baselines, targets, sources,
    the strength of every link and evidence for every outcome. No warning of any kind."""
    data = walking()
    nodes = {n["id"]: n for n in data["nodes"]}
    nodes["walk"] |= {"cost": {"amount": 12000, "period": "a year"}, "reach": 300}
    nodes["advisers"] |= {"cost": {"amount": 45000, "period": "a year"}, "reach": 400}
    nodes["active"]["indicators"][0] |= {"baseline": 61.2, "target": 65}
    nodes["active"]["evidence"] = [{"title": "Walking for Health: evaluation", "strength": "moderate"}]
    nodes["falls"]["indicators"][0] |= {"source": "Public Health Outcomes Framework C29", "baseline": 2100}
    nodes["falls"]["indicators"][0]["target"] = "reduce"
    for link in data["links"]:
        link.setdefault("strength", "moderate")
    data["links"][-1]["evidence"] = [{"title": "Exercise for preventing falls in older people (review)"}]
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


def every_text_field() -> dict[str, Any]:
    """``WALKING`` with every optional text field filled in and its levels written out."""
    data = walking()
    data["meta"] |= {"area": "New Forest", "description": "About", "authors": ["Jo Smith"], "tags": ["ageing"]}
    data["levels"] = [
        {"id": "activity", "label": "Activities"},
        {"id": "output", "label": "Outputs"},
        {"id": "intermediate", "label": "Intermediate outcomes"},
        {"id": "strategic", "label": "Strategic outcomes"},
    ]
    data["nodes"][0] |= {
        "description": "Walks",
        "tags": ["walking"],
        "cost": {"amount": 100, "period": "a year"},
        "evidence": [{"title": "Evaluation", "url": "https://example.org/e"}],
        "indicators": [
            {"name": "Walkers", "source": "Register", "baseline": "none", "target": "at least 50", "unit": "people"},
        ],
    }
    data["nodes"][0]["indicators"][0]["frequency"] = "monthly"
    data["nodes"][5]["valuation"] = {  # illustrative figures made up for a test
        "quantity": 10,
        "proxy": {"amount": 1000, "unit": "a fall avoided", "source": "illustrative, made up for a test"},
    }
    data["links"][0] |= {
        "rationale": "Because",
        "assumptions": ["People come"],
        "evidence": [{"title": "Walking for health review", "url": "https://example.org/w", "strength": "moderate"}],
    }
    return data


TEXT_FIELDS = [
    ("meta", "title"),
    ("meta", "organisation"),
    ("meta", "area"),
    ("meta", "description"),
    ("meta", "authors", 0),
    ("meta", "tags", 0),
    ("levels", 2, "label"),
    ("stakeholders", 1, "name"),
    ("nodes", 0, "label"),
    ("nodes", 0, "description"),
    ("nodes", 0, "cohorts", 0),
    ("nodes", 0, "tags", 0),
    ("nodes", 0, "cost", "period"),
    ("nodes", 0, "evidence", 0, "title"),
    ("nodes", 0, "evidence", 0, "url"),
    ("nodes", 0, "indicators", 0, "name"),
    ("nodes", 0, "indicators", 0, "source"),
    ("nodes", 0, "indicators", 0, "baseline"),
    ("nodes", 0, "indicators", 0, "target"),
    ("nodes", 0, "indicators", 0, "unit"),
    ("nodes", 0, "indicators", 0, "frequency"),
    ("links", 0, "rationale"),
    ("links", 0, "assumptions", 0),
    ("links", 0, "evidence", 0, "title"),
    ("links", 0, "evidence", 0, "url"),
    ("nodes", 5, "valuation", "proxy", "unit"),
    ("nodes", 5, "valuation", "proxy", "source"),
]
"""Where ``every_text_field()`` holds free text, as paths into it."""


def sport_england_with_own_boxes() -> dict[str, Any]:
    """A new framework from Sport England's template, its example boxes untouched, with three activities of the
    lead's own (two costed, at £12,000 and £6,000 a "year"), an intermediate outcome and thirteen links."""
    from logicmodel.core import samples
    from logicmodel.core.readwrite import to_data

    data = to_data(samples.start_from(samples.find("sport-england"), "Active Swindon"))
    data["nodes"] += [
        node("walk", label="Health walks", cost={"amount": 12000, "period": "year"}),
        node("swim", label="Free swims", cost={"amount": 6000, "period": "year"}),
        node("gym", label="Gym referral"),
        node("active", "intermediate", label="More adults active"),
    ]
    strategic = [n["id"] for n in data["nodes"] if n["level"] == "strategic"]
    data["links"] += [link(a, "active") for a in ("walk", "swim", "gym")] + [link("active", s) for s in strategic]
    data["links"] += [link(a, s) for a in ("walk", "swim") for s in strategic[:2]] + [link("gym", strategic[0])]
    return data
