"""The diagram's own files (``logicmodel/drawing/diagram_assets``): valid as what they are, shipped as they are.

The page's script, styles and template are files in the package, read with ``importlib.resources``; these
tests make sure the script a browser runs is the file that was checked, that it is valid JavaScript, and
that the template prints nothing a browser could misread: user text escaped, unwritable characters gone.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from test_diagram import PAYLOAD, _framework, _page_data

from logicmodel.core.characters import unwritable
from logicmodel.core.readwrite import dumps, from_data
from logicmodel.drawing.diagram import diagram_html

ASSETS = files("logicmodel.drawing").joinpath("diagram_assets")


SCRIPTS = sorted(item.name for item in ASSETS.iterdir() if item.name.endswith(".js"))


def test_the_page_has_its_own_renderer_and_its_scripts() -> None:
    """The renderer, the page's behaviour and the diagram as text: nothing vendored."""
    assert SCRIPTS == ["canvas.js", "diagram.js", "text.js"]


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_script_is_valid_javascript(name: str) -> None:
    """``node --check`` parses each script without running it: a syntax error would leave a blank diagram.
    ``make test`` installs Node.js when it is missing (scripts/ensure-node.sh), so this runs there."""
    node = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if node is None:
        pytest.skip("node is not installed: the page's scripts are not syntax-checked (make node installs it)")
    with as_file(ASSETS.joinpath(name)) as path:
        done = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_the_page_carries_the_packages_script_and_styles_as_they_are() -> None:
    page = diagram_html(_framework())
    for name in ("canvas.js", "diagram.js", "text.js", "diagram.css"):
        text = ASSETS.joinpath(name).read_text(encoding="utf-8")
        assert text.strip() and text in page, f"{name} is not in the page as it is in the package"
        assert "</script" not in text.lower() and "</style" not in text.lower(), f"{name} would end its element"
    assert "vis-network" not in page and not ASSETS.joinpath("vendor").is_dir()  # nothing vendored any more


def test_the_page_is_small() -> None:
    """The page's own files replace vis-network's 700 KB: a small framework's page stays small."""
    page = diagram_html(_framework(), standalone=True)
    assert len(page.encode("utf-8")) < 120_000


def test_the_script_reads_its_data_by_name() -> None:
    """The page's data is one JSON block of named fields; each box's details are read by field name."""
    data = _page_data(diagram_html(_framework()))
    assert {"x", "y", "labels", "from", "to", "ids", "boxes", "links"} <= set(data)
    boxes = data["boxes"]
    assert set(boxes) == {"label", "description", "stakeholders", "cohorts", "indicators", "evidence"}
    walk = data["ids"].index("walk")
    assert data["levelNames"][data["levels"][walk]] == "Activities", "a box's level is named once a level"
    assert boxes["label"][walk] == "Walking groups" and boxes["stakeholders"][walk] == ["Leisure Trust"]
    assert all(len(column) == len(data["ids"]) for column in boxes.values())
    script = ASSETS.joinpath("diagram.js").read_text(encoding="utf-8")
    assert "d[0]" not in script and "box.label[k]" in script


def test_group_names_and_every_other_user_string_are_escaped() -> None:
    data = json.loads(dumps(_framework()))
    data["stakeholders"][0]["name"] = PAYLOAD
    page = diagram_html(from_data(data), group_by="stakeholder", standalone=True)
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert page.count("<script") == diagram_html(_framework(), standalone=True).count("<script")
    groups = page[page.index('<span id="lm-groups">') :]
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in groups[: groups.index("</span>")]


def test_unwritable_characters_never_reach_the_page() -> None:
    """The format refuses them; should one get past, the page's own text drops it, and the page stays UTF-8."""
    fw = _framework()
    object.__setattr__(fw.meta, "title", "Active\x07 Swindon\ud800")
    object.__setattr__(fw.node_by_id["walk"], "label", "Walking\x1b groups\ufffe")
    page = diagram_html(fw, standalone=True)
    assert unwritable(page) is None
    page.encode("utf-8")  # a lone surrogate half would make this fail, and the file unwritable
    assert "<title>Active Swindon</title>" in page
    assert "Walking\x1b groups" in _page_data(page)["boxes"]["label"]  # JSON carries it as \u001b, writable
