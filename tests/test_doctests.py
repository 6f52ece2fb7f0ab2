"""The examples in the engine's docstrings run and give what they show."""

import doctest
import importlib
import pkgutil

import pytest

import logicmodel

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(logicmodel.__path__, "logicmodel.")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
