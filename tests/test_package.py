"""The engine installs: a wheel built from the repository holds every file the engine reads, declares what it
imports, names the ``logicmodel`` command, and runs from another folder with nothing of the repository in sight.

The wheel is built once (``pip wheel --no-deps``, a few seconds) from a copy of the package, so the repository
gets no ``build/`` folder; it is unpacked rather than installed, which is what an installed package is on disk.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from logicmodel.core.samples import SAMPLES_DIR
from logicmodel.core.schema import SCHEMA_FILE_NAME

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "logicmodel"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "logicmodel", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    [path] = out.glob("*.whl")
    with zipfile.ZipFile(path) as opened:
        yield opened


def _dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    [member] = [m for m in wheel.namelist() if m.endswith(f".dist-info/{name}")]
    return wheel.read(member).decode("utf-8")


def _package_files() -> list[str]:
    """Every file of the package that is not Python source, as a wheel names it."""
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".py", ".pyc")
    )


def test_wheel_holds_every_data_file_of_the_package(wheel):
    """Samples, templates, the outcome and indicator libraries, the diagram's assets, the migrations' template:
    a file added to the package but missed by ``package-data`` in pyproject.toml fails here, by name."""
    names = set(wheel.namelist())
    wanted = _package_files()
    assert "logicmodel/sample_frameworks/enfield.json" in wanted
    assert "logicmodel/sample_frameworks/templates/kellogg.json" in wanted
    assert "logicmodel/data/indicators.json" in wanted
    assets = "logicmodel/drawing/diagram_assets/"
    assert {assets + n for n in ("canvas.js", "diagram.js", "diagram.css", "page.html.j2")} <= set(wanted)
    assert [name for name in wanted if name not in names] == []
    modules = {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    assert modules <= names
    assert not [n for n in names if n.startswith(("tests/", "app_pages/", "ui/", "bench/"))]


def test_wheel_names_the_logicmodel_command(wheel):
    entry_points = _dist_info(wheel, "entry_points.txt")
    assert "[console_scripts]" in entry_points
    assert "logicmodel = logicmodel.cli.main:main" in entry_points


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _third_party_imports() -> set[str]:
    """The top-level names of every module the engine imports that is neither its own nor the standard library's."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "logicmodel"}


def test_wheel_declares_every_library_the_engine_imports(wheel):
    """``jinja2`` was imported and not declared once: an install worked only because pyvis happened to bring it."""
    metadata = Parser().parsestr(_dist_info(wheel, "METADATA"))
    declared = [Requirement(r) for r in metadata.get_all("Requires-Dist") or []]
    engine = {_normal(r.name) for r in declared if not r.marker}
    assert {"pydantic", "networkx", "jinja2", "sqlalchemy", "alembic", "psycopg"} <= engine
    assert "pyvis" not in engine and "pyvis" not in _third_party_imports()  # the diagram draws itself
    assert {"streamlit", "pandas"} <= {_normal(r.name) for r in declared if r.marker}  # the app's extra
    brought = set(engine)  # what the declared ones bring with them counts too (pydantic brings pydantic-core)
    for name in engine:
        brought |= {_normal(Requirement(r).name) for r in requires(name) or [] if "extra ==" not in r}
    owners = packages_distributions()
    missing = {
        module: owners.get(module)
        for module in _third_party_imports()
        if not any(_normal(d) in brought for d in owners.get(module, []))
    }
    assert missing == {}


def test_unpacked_wheel_runs_from_another_folder(wheel, tmp_path):
    """From a folder that is not the repository: the samples and libraries come from the installed package,
    ``python -m logicmodel`` validates and draws, and ``schema`` prints the published copy."""
    site = tmp_path / "site"
    wheel.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=elsewhere, env=env, capture_output=True, text=True)

    found = run(
        "-c",
        "import logicmodel, logicmodel.core.samples as s, logicmodel.core.library as l; "
        "print(logicmodel.__file__); print(s.SAMPLES_DIR); print(len(s.samples()), len(s.templates()), "
        "len(l.outcomes()))",
    )
    assert found.returncode == 0, found.stderr
    module, samples_dir, counts = found.stdout.splitlines()
    assert module.startswith(str(site)) and samples_dir.startswith(str(site))
    assert counts.split()[:2] == [str(len(list(SAMPLES_DIR.glob("*.json")))), "3"]

    schema = run("-m", "logicmodel", "schema")
    assert schema.returncode == 0, schema.stderr
    assert schema.stdout == (ROOT / "schema" / SCHEMA_FILE_NAME).read_text(encoding="utf-8")

    sample = site / "logicmodel" / "sample_frameworks" / "enfield.json"
    validated = run("-m", "logicmodel", "validate", str(sample))
    assert validated.returncode == 0 and f"{sample}: valid" in validated.stdout
    drawn = run("-m", "logicmodel", "export", str(sample), "--to", "svg", "-o", "poster.svg")
    assert drawn.returncode == 0, drawn.stdout + drawn.stderr
    assert (elsewhere / "poster.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_top_level_sample_frameworks_is_the_package_folder():
    """One copy: the ``sample_frameworks`` users see at the top of the repository is a link to the package's."""
    pointer = ROOT / "sample_frameworks"
    assert pointer.is_symlink()
    assert pointer.resolve() == SAMPLES_DIR.resolve() == (PACKAGE / "sample_frameworks").resolve()
