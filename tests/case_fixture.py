"""A framework whose financial case is worked out by hand, and Swindon with an illustrative valuation, for the
tests of the case in words, in the report and in the browser. Every figure here is made up for a test and says so:
none is a confirmed unit cost, nor Swindon's data.

The hand-worked framework (illustrative figures made up for the test, not confirmed unit costs), discounted at
25% a year so that every factor is exact (1/1.25 = 0.8, 1/1.25² = 0.64):

- "Strength and balance classes": £8,000 a year, commissioned by Public Health alone;
- "Walking groups": £4,000 one-off, commissioned by Public Health and Adult Social Care (£2,000 each);
  investment = £8,000 + £4,000 = £12,000; Public Health pays £8,000 + £2,000 = £10,000, Adult Social Care £2,000.
- "Fewer falls" for NHS (ICB): 10 a year × £2,000 × (1 − 0.5) × (1 − 0) × (1 − 0) = £10,000 in year 1; drop-off
  50%: £5,000 in year 2; present value 10,000 × 0.8 + 5,000 × 0.64 = 8,000 + 3,200 = £11,200.
- "Fewer care home moves" for Adult Social Care: 5 × £2,000 × (1 − 0.2) × (1 − 0.5) × (1 − 0.5) = £2,000 for one
  year; present value 2,000 × 0.8 = £1,600.
- "Better wellbeing" for Older residents: a quantity only, so not counted (never as zero).

Present value 11,200 + 1,600 = £12,800; net present value 12,800 − 12,000 = £800; ratio 12,800 / 12,000 = 1.0667,
"£1.07". For each £1: NHS (ICB) 11,200 / 12,000 = 0.933, "£0.93"; Adult Social Care 1,600 / 12,000 = 0.133,
"£0.13". Cost-neutral shares: NHS (ICB) 12,000 × 11,200 / 12,800 = £10,500; Adult Social Care
12,000 × 1,600 / 12,800 = £1,500.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from logicmodel.core.models import Framework
from logicmodel.core.readwrite import dumps, from_data
from logicmodel.core.samples import find

__all__ = ["HAND", "hand", "valued_swindon"]

HAND = {
    "schema_version": 1,
    "meta": {"title": "Falls pathway (illustrative figures for a test)"},
    "stakeholders": [
        {"id": "ph", "name": "Public Health", "role": "commissioner"},
        {"id": "icb", "name": "NHS (ICB)", "role": "partner"},
        {"id": "asc", "name": "Adult Social Care", "role": "commissioner"},
        {"id": "people", "name": "Older residents", "role": "community"},
    ],
    "nodes": [
        {
            "id": "classes",
            "level": "activity",
            "label": "Strength and balance classes",
            "stakeholders": ["ph"],
            "cost": {"amount": 8000, "period": "a year"},
        },
        {
            "id": "walks",
            "level": "activity",
            "label": "Walking groups",
            "stakeholders": ["ph", "asc"],
            "cost": {"amount": 4000, "period": "one-off"},
        },
        {
            "id": "falls",
            "level": "strategic",
            "label": "Fewer falls",
            "stakeholders": ["asc"],
            "valuation": {
                "quantity": 10,
                "proxy": {"amount": 2000, "unit": "a fall avoided", "source": "illustrative, made up for a test"},
                "deadweight": 0.5,
                "displacement": 0,
                "attribution": 0,
                "drop_off": 0.5,
                "duration": 2,
                "beneficiary": "icb",
            },
        },
        {
            "id": "care",
            "level": "strategic",
            "label": "Fewer care home moves",
            "stakeholders": ["asc"],
            "valuation": {
                "quantity": 5,
                "proxy": {"amount": 2000, "unit": "a move put off", "source": "illustrative, made up for a test"},
                "deadweight": 0.2,
                "displacement": 0.5,
                "attribution": 0.5,
                "duration": 1,
                "beneficiary": "asc",
            },
        },
        {
            "id": "wellbeing",
            "level": "strategic",
            "label": "Better wellbeing",
            "valuation": {"quantity": 50, "beneficiary": "people"},
        },
    ],
    "links": [
        {"source": "classes", "target": "falls", "strength": "moderate"},
        {"source": "walks", "target": "care", "strength": "weak"},
        {"source": "walks", "target": "wellbeing"},
    ],
    "appraisal": {"discount_rate": 0.25, "price_year": 2025},
}


def hand() -> Framework:
    """The hand-worked framework, a fresh copy."""
    return from_data(copy.deepcopy(HAND))


def valued_swindon() -> Framework:
    """Swindon with an illustrative valuation of fewer falls, in the shape the sample is to carry (20 emergency
    admissions avoided a year at an illustrative £2,000, saved by the ICB, over three years)."""
    data: dict[str, Any] = json.loads(dumps(find("swindon").load()))
    falls = next(n for n in data["nodes"] if n.get("benefit"))
    falls["valuation"] = {
        "quantity": 20,
        "proxy": {"amount": 2000, "unit": "an emergency admission avoided", "source": "illustrative, made up"},
        "deadweight": 0.3,
        "attribution": 0.2,
        "displacement": 0,
        "drop_off": 0.3,
        "duration": 3,
        "beneficiary": "icb",
    }
    data["appraisal"] = {"price_year": 2025}
    return from_data(data)
