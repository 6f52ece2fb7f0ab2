"""The examples in the engine's docstrings run and give what they show, and some do run: a module whose
source shows an example (``>>>``) must have run it, so examples that stop being found (docstrings stripped
by ``python -OO``, a module no longer walked) fail here rather than pass unseen."""

import doctest
import importlib
import inspect
import pkgutil

import pytest

import logicmodel

MODULES = [  # the package's own examples too, not only its modules'
    "logicmodel",
    *sorted(
        info.name
        for info in pkgutil.walk_packages(logicmodel.__path__, "logicmodel.")
        if not info.name.endswith("__main__")
    ),
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
    if ">>>" in inspect.getsource(module):
        assert result.attempted > 0, f"{name} shows docstring examples, but none ran"


def test_the_engine_has_examples_to_run():
    assert "logicmodel.editing.edit" in MODULES and "logicmodel.analysis.checks" in MODULES
    found = sum(
        len(test.examples) for name in MODULES for test in doctest.DocTestFinder().find(importlib.import_module(name))
    )
    assert found >= 100, f"only {found} docstring examples found in the engine"
