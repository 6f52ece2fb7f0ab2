"""The engine's tree shows its architecture, and a test holds it there.

``logicmodel`` is in layers (README, "Layout"): core ← analysis ← editing ← drawing ← formats, store ← jobs ←
testing ← cli. A module may import from its own subpackage and from any layer below its own, never from one
above or beside it; nothing imports the command line; nothing in the engine imports Streamlit or the
top-level ``logicmodel`` package (whose names are for users of the library). The imports are read from the
source (every ``import`` statement, those inside functions too), so a wrong arrow fails here with both files
named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import logicmodel

ENGINE = Path(logicmodel.__file__).parent

#: Each subpackage's layer: a module may import from a lower layer or its own subpackage.
LAYERS = {
    "core": 0,
    "analysis": 1,
    "editing": 2,
    "drawing": 3,
    "formats": 4,
    "store": 4,
    "jobs": 5,
    "testing": 6,
    "cli": 7,
}
#: Packages the engine must never import.
FORBIDDEN = ("streamlit", "pandas", "app_pages", "ui")


def modules() -> list[Path]:
    return sorted(path for path in ENGINE.rglob("*.py") if "migrations" not in path.parts or path.name == "env.py")


def subpackage(path: Path) -> str | None:
    """The subpackage a module of the engine sits in; None for the package's own ``__init__`` and ``__main__``."""
    parts = path.relative_to(ENGINE).parts
    return parts[0] if len(parts) > 1 else None


def imported(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, with its line: ``from a.b import c`` gives ``a.b.c`` (c may be a name)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def wrong_arrows(path: Path) -> list[str]:
    """What ``path`` imports that the layers do not allow, each as 'file:line imports module (why)'."""
    home = subpackage(path)
    where = path.relative_to(ENGINE.parent)
    wrong = []
    for line, name in imported(path):
        top = name.split(".")[0]
        if top in FORBIDDEN:
            wrong.append(f"{where}:{line} imports {name} (the engine never imports the app)")
            continue
        if top != "logicmodel":
            continue
        parts = name.split(".")
        target = parts[1] if len(parts) > 1 else None
        if target not in LAYERS:
            if path.name != "__main__.py" and home is not None:
                wrong.append(f"{where}:{line} imports {name} (import from the module, not the package's top level)")
            continue
        if home is None:
            allowed = path.name == "__main__.py" or LAYERS[target] <= LAYERS["analysis"]
        else:
            allowed = target == home or LAYERS[target] < LAYERS[home]
        if not allowed:
            wrong.append(f"{where}:{line} imports {name} ({home or 'logicmodel'} may not import {target})")
    return wrong


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ENGINE)))
def test_each_module_imports_only_what_its_layer_may(path: Path):
    assert wrong_arrows(path) == []


def test_every_module_is_in_a_layer():
    """A module left loose at the top of the package, or a subpackage the layers do not name, has no place."""
    loose = [
        str(path.relative_to(ENGINE))
        for path in modules()
        if subpackage(path) is None and path.name not in {"__init__.py", "__main__.py"}
    ]
    unnamed = sorted({subpackage(path) for path in modules()} - set(LAYERS) - {None})
    assert (loose, unnamed) == ([], [])


def test_the_rule_catches_an_arrow_pointing_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The check itself can fail: a core module importing the command line is named, with its line."""
    core = tmp_path / "logicmodel" / "core"
    core.mkdir(parents=True)
    (tmp_path / "logicmodel" / "__init__.py").write_text("")
    bad = core / "models.py"
    bad.write_text("import json\n\nfrom logicmodel.cli import main\nimport streamlit as st\n")
    monkeypatch.setattr(__import__(__name__), "ENGINE", tmp_path / "logicmodel")
    assert wrong_arrows(bad) == [
        "logicmodel/core/models.py:3 imports logicmodel.cli.main (core may not import cli)",
        "logicmodel/core/models.py:4 imports streamlit (the engine never imports the app)",
    ]
