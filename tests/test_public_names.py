"""``import logicmodel`` keeps offering every name it offered before the engine was arranged in subpackages
(issue 20): a script written against the package's top level keeps working, whatever moves underneath."""

from __future__ import annotations

import inspect
from collections.abc import Mapping

import pytest

import logicmodel

PUBLIC_2026_12 = {
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
}
"""``logicmodel.__all__`` as it was on 2026-12-06, written out: names may be added, none taken away."""

CLASSES = {
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
}


def test_every_name_offered_before_is_still_offered():
    assert PUBLIC_2026_12 - set(logicmodel.__all__) == set()


@pytest.mark.parametrize("name", sorted(PUBLIC_2026_12))
def test_each_name_resolves_to_what_it_was(name):
    value = getattr(logicmodel, name)
    if name in CLASSES:
        assert inspect.isclass(value), name
    elif name == "CHECKS":
        assert isinstance(value, Mapping) and value
    elif name == "FORMAT_VERSION":
        assert value == 1
    else:
        assert inspect.isfunction(value), name


def test_a_star_import_brings_every_name():
    names: dict[str, object] = {}
    exec("from logicmodel import *", names)
    assert PUBLIC_2026_12 - set(names) == set()


def test_the_names_still_work_together_as_the_package_docstring_shows(tmp_path):
    """Read, check, ask the graph, write and read back, with nothing but the top-level names."""
    lm = logicmodel
    fw = lm.from_data(
        {
            "schema_version": lm.FORMAT_VERSION,
            "meta": {"title": "Active Slough"},
            "nodes": [
                {"id": "hearts", "level": "activity", "label": "Healthy Hearts programme"},
                {"id": "fitter", "level": "output", "label": "Fitter residents"},
            ],
            "links": [{"source": "hearts", "target": "fitter"}],
        }
    )
    assert isinstance(fw, lm.Framework) and all(isinstance(n, lm.Node) for n in fw.nodes)
    findings = lm.check(fw)
    assert findings and all(isinstance(f, lm.Finding) and f.code in lm.CHECKS for f in findings)
    assert lm.contributes_to(fw, "hearts") == {"fitter"} and lm.contributors(fw, "fitter") == {"hearts"}
    assert lm.pathway(fw, "hearts") == {"hearts", "fitter"}
    path = tmp_path / "slough.json"
    lm.save(fw, path)
    assert lm.load(path) == fw == lm.loads(lm.dumps(fw))
    with pytest.raises(lm.FrameworkError) as refused:
        lm.loads('{"schema_version": 1, "meta": {"title": ""}, "nodes": [], "links": []}')
    assert all(isinstance(p, lm.Problem) for p in refused.value.problems)
