"""The benchmarks' own modules (``bench/*.py``, scripts rather than a package), for the tests that run them tiny.

>>> bench_module("diagram").__name__
'bench_diagram'
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(name: str) -> ModuleType:
    """``bench/<name>.py`` as the module ``bench_<name>``, loaded once per process."""
    module_name = f"bench_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, BENCH / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # its dataclasses look themselves up there
        spec.loader.exec_module(module)
    return sys.modules[module_name]
