"""Logic Model Builder's engine: outcomes frameworks as checked, versioned data.

A small library that needs no app: read a framework file, check its logic,
ask what an activity contributes to, and write it back in canonical form.

>>> import logicmodel
>>> fw = logicmodel.loads('''{"schema_version": 1, "meta": {"title": "Active Slough"},
...   "nodes": [{"id": "hearts", "level": "activity", "label": "Healthy Hearts programme"}],
...   "links": []}''')
>>> [finding.code for finding in logicmodel.check(fw)]
['unlinked-node', 'no-route-to-strategic', 'activity-without-cost', 'activity-without-reach']
"""

from logicmodel.analysis.checks import CHECKS, Finding, WarningKind, check
from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.graph import (
    cohorts,
    contributes_to,
    contributors,
    nodes_at_level,
    nodes_for_cohort,
    nodes_for_stakeholder,
    pathway,
)
from logicmodel.core.models import FORMAT_VERSION, Framework, Indicator, Level, Link, Node, Stakeholder
from logicmodel.core.readwrite import dumps, from_data, load, loads, save

__all__ = [
    "CHECKS",
    "FORMAT_VERSION",
    "Finding",
    "Framework",
    "FrameworkError",
    "Indicator",
    "Level",
    "Link",
    "Node",
    "Problem",
    "Stakeholder",
    "WarningKind",
    "check",
    "cohorts",
    "contributes_to",
    "contributors",
    "dumps",
    "from_data",
    "load",
    "loads",
    "nodes_at_level",
    "nodes_for_cohort",
    "nodes_for_stakeholder",
    "pathway",
    "save",
]
