"""The screen uses the screen's words: no command-line option (``--commissioner``), no place written as a path
in a JSON file (``connections[0]``, ``nodes[3].level``) and no character count after a label quoted whole, on
any page with any sample open, nor in what Home says of a file it refuses; and a Mermaid flowchart in a
Markdown page (``.md``, as the README says) imports from Home."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pytest
from app_helpers import PAGES, framework, messages, open_page, plain

from logicmodel import formats
from logicmodel.core import samples

SHIPPED = samples.samples() + samples.templates()

COMMAND_LINE = {
    "an option of the command line": re.compile(r"(?<![\w-])--[a-z][a-z-]*"),
    "a path in a JSON file": re.compile(r"\b[A-Za-z_]+\[\d+\]"),
    "a character count": re.compile(r"\(\d[\d,]* characters\)"),
    "the command line's repair": re.compile(r"import with repair", re.IGNORECASE),
}
"""What only the command line says, and the pattern that finds it in the page's text."""

SKIPPED = {"iframe", "code"}
"""Elements whose text is a file, not words to the user: the diagram's page and the framework file's preview."""


def page_text(node: Any) -> list[str]:
    """Every piece of text an element (and what it holds) shows: values, labels, help, placeholders, options."""
    if getattr(node, "type", None) in SKIPPED:
        return []
    found = []
    for name in ("value", "label", "help", "placeholder", "body", "icon"):
        try:
            value = getattr(node, name)
        except Exception:  # a widget without that part, or whose value AppTest cannot read
            continue
        if isinstance(value, str):
            found.append(plain(value))
    try:
        options = getattr(node, "options", None)
    except Exception:
        options = None
    if isinstance(options, list | tuple):
        found += [plain(str(option)) for option in options]
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            found += page_text(child)
    return found


def command_line_words(at: Any) -> dict[str, list[str]]:
    """The pieces of the page's text (main part and sidebar) that say what only the command line says."""
    text = page_text(at._tree)
    return {what: hits for what, pattern in COMMAND_LINE.items() if (hits := [t for t in text if pattern.search(t)])}


def test_the_patterns_find_what_the_finding_found():
    """The words the finding quoted are caught: the check below cannot pass by looking for the wrong thing."""
    quoted = [
        "import with repair to leave these out",
        "a report to print on A4 (--commissioner ID: a brief)",
        "'Older residents in the east of the borough walk…' (52 characters)",
        "connections[0]: the mutual connection",
    ]
    assert all(any(p.search(text) for p in COMMAND_LINE.values()) for text in quoted)
    assert not any(p.search("Outcomes 2 of 3 (67%) -- see Build") for p in COMMAND_LINE.values())


@pytest.mark.parametrize("sample", SHIPPED, ids=[s.name for s in SHIPPED])
def test_no_page_shows_the_command_lines_words_with_any_sample_open(sample):
    at = open_page("home", sample.load())
    seen = {"home": command_line_words(at)}
    for page, path in PAGES.items():
        if page != "home":
            at.switch_page(path).run()
            assert not at.exception, f"{page}: {at.exception[0].value}"
            seen[page] = command_line_words(at)
            if page == "export":  # the formats' descriptions are read: the check looks where the flags were
                assert any("navigation pane" in text for text in page_text(at._tree))
    assert {page: found for page, found in seen.items() if found} == {}


def test_build_sections_show_no_command_line_words():
    at = open_page("build", samples.find("swindon").load())
    for section in at.radio(key="build_section").options:
        at.radio(key="build_section").set_value(section).run()
        assert command_line_words(at) == {}, section


KUMU_BLUEPRINT = {
    "elements": [
        {"_id": "elem-A", "attributes": {"label": "Coaching", "element type": "Activity"}},
        {"_id": "elem-B", "attributes": {"label": "Team trust", "element type": "Factor"}},
        {"_id": "elem-C", "attributes": {"label": "No type here"}},
    ],
    "connections": [
        {"_id": "c1", "from": "elem-A", "to": "elem-B", "direction": "directed"},
        {"_id": "c2", "from": "elem-B", "to": "elem-C", "direction": "mutual"},
    ],
}


def _zipped(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


PARTS_WITH_MISTAKES = _zipped(
    {
        "boxes.csv": "id,level,label\r\nwalks,activity,Walks\r\nwalkers,output,Walkers\r\nfitter,,Fitter\r\n",
        "links.csv": "from,to\r\nwalks,walkers\r\nwalkers,fitter\r\n",
    }
)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("map.json", json.dumps(KUMU_BLUEPRINT).encode(), ["element 3: the element 'No type here'", "connection 2: "]),
        ("parts.zip", PARTS_WITH_MISTAKES, ["boxes.csv, row 4, column 'level': required, but missing"]),
        ("loop.mmd", b"flowchart LR\n  subgraph Activities\n    a[Walks]\n  end\n  a --> b[Fitter]\n", ["line 5"]),
    ],
    ids=["kumu", "csv-files", "mermaid"],
)
def test_a_refused_import_names_its_places_in_the_screens_words(name, data, said):
    at = open_page("home")
    at.file_uploader(key="import_file").set_value((name, data, "application/octet-stream"))
    at.run()
    assert framework(at) is None
    shown = " ".join(messages(at))
    assert all(words in shown for words in said), shown
    assert command_line_words(at) == {}


MARKDOWN_PAGE = b"""# Theory of change: Active Slough

We drew this with the parks team in March.

```mermaid
flowchart LR
  subgraph act["Activities"]
    walks["Walking groups"]
  end
  subgraph out["Strategic outcomes"]
    falls["Fewer falls"]
  end
  walks --> falls
```
"""


def test_a_mermaid_flowchart_in_a_markdown_page_imports_from_home():
    """The README says Markdown is read: Home's uploader takes .md, and the page's flowchart opens."""
    at = open_page("home")
    uploader = at.file_uploader(key="import_file")
    assert ".md" in list(uploader.proto.type) and formats.reader_for("notes.md").name == "mermaid"
    uploader.set_value(("Theory of change.md", MARKDOWN_PAGE, "text/markdown"))
    at.run()
    fw = framework(at)
    assert fw is not None and [n.label for n in fw.nodes] == ["Walking groups", "Fewer falls"]
    assert [(link.source, link.target) for link in fw.links] == [("walks", "falls")]
    assert any("from Theory of change.md" in m for m in messages(at, "success"))
