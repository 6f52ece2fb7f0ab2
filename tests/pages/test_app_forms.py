"""Forms own their keys: every key a form's callback reads is one the form drew, and no other file spells one.

Each form module of ``ui.forms`` declares its widget keys once (``Keys``); its callbacks can read only those
(another name raises ``KeyError``). Here every form is drawn and submitted once in the real app, with each key
a callback reads recorded: a key read but not drawn (a renamed widget, a misspelt suffix) fails, naming it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import button, edit_grid, framework, make_app, open_page
from builder_data import new_forest
from paths import ROOT

from logicmodel.core.readwrite import dumps, load
from ui.forms import (
    Keys,
    boxes,
    case,
    compare,
    details,
    evidence,
    grids,
    indicators,
    levels,
    links,
    rename,
    stakeholders,
    start,
)
from ui.sections import SECTION, Section

MODULES = [boxes, case, compare, details, evidence, grids, indicators, levels, links, rename, stakeholders, start]
DECLARED = {
    f"{module.__name__}.{name}": keys
    for module in MODULES
    for name, keys in vars(module).items()
    if isinstance(keys, Keys)
}


def drawn(at) -> set[str]:
    """The keys of every widget on the page, in the sidebar or the main area, inside forms and expanders too."""
    found, stack = set(), [at.main, at.sidebar]
    while stack:
        node = stack.pop()
        if getattr(node, "key", None):
            found.add(node.key)
        stack.extend(getattr(node, "children", {}).values())
    return found


def _drawn_as(base: str, on_page: set[str]) -> bool:
    """Whether the field ``base`` is on the page: as itself, or stamped by the saved value it shows."""
    return base in on_page or any(re.fullmatch(re.escape(base) + r"_[0-9a-f]{8}", key) for key in on_page)


@pytest.fixture
def reads(monkeypatch) -> list[Keys]:
    """Every form's keys a callback read (with the suffix it used), in order."""
    seen: list[Keys] = []
    original = Keys.value

    def recording(self: Keys, field: str):
        seen.append(self)
        return original(self, field)

    monkeypatch.setattr(Keys, "value", recording)
    return seen


def _build(section: Section, then: Callable | None = None):
    def run():
        at = open_page("build", new_forest())
        at.radio(key=SECTION).set_value(section).run()
        if then:
            then(at)
        return at

    return run


def _box(node_id: str) -> Callable:
    return lambda at: at.selectbox(key="build_node").set_value(node_id).run()


def _with_evidence(at):
    _box("active")(at)
    at.text_input(key=evidence.ADD("title")).input("Suffolk evaluation")
    button(at, "Add the evidence").click().run()


def _with_link_evidence(at):
    at.text_input(key=evidence.LINK_ADD("title")).input("Walking for Health evaluation")
    button(at, "Add the evidence behind this link").click().run()


def _home():
    return make_app("home", new_forest()).run()


def _compare():
    at = open_page("compare", new_forest())
    at.selectbox(key="compare_sample").set_value("slough").run()
    at.text_input(key=compare.ADAPT("title")).input("Active Windsor")
    return at


def _case():
    return open_page("case", load(ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"))


SUBMITS: list[tuple[str, Callable, Callable]] = [
    ("add a box", _build(Section.ADD, lambda at: at.text_input(key=boxes.ADD("label")).input("Swims")), "Add the box"),
    ("add a library outcome", _build(Section.ADD), "Add the outcome"),
    ("save a box", _build(Section.EDIT, _box("walk")), "Save the box"),
    ("change a box's id", _build(Section.EDIT, _box("walk")), "Change the id"),
    ("save an indicator", _build(Section.EDIT, _box("active")), "Save the indicator"),
    ("add an indicator", _build(Section.EDIT, _box("walk")), "Add the indicator"),
    ("add evidence", _build(Section.EDIT, _box("walk")), "Add the evidence"),
    ("save evidence", _build(Section.EDIT, _with_evidence), "Save the evidence"),
    ("add a link", _build(Section.LINKS), "Add the link"),
    ("save a link", _build(Section.LINKS), "Save the link"),
    ("add evidence to a link", _build(Section.LINKS), "Add the evidence behind this link"),
    ("save evidence on a link", _build(Section.LINKS, _with_link_evidence), "Save the evidence"),
    ("save the details", _build(Section.DETAILS), "Save the details"),
    ("save a level", _build(Section.LEVELS), "Save Activities"),
    ("add a level", _build(Section.LEVELS), "Add the level"),
    ("save a stakeholder", _build(Section.STAKEHOLDERS), "Save Public Health"),
    ("add a stakeholder", _build(Section.STAKEHOLDERS), "Add the stakeholder"),
    ("tick the boxes a box leads to", _build(Section.LINKS), "Save the ticked links"),
    ("tick the links between two levels", _build(Section.LINKS), "Save the ticks between the levels"),
    ("start a framework", _home, "Start the framework"),
    ("rename a framework", _home, "Rename"),
    ("start my own from a compared framework", _compare, "Start my framework"),
    ("save a valuation", _case, "Save the valuation of Fewer falls needing hospital care"),
    ("save the appraisal settings", _case, "Save the appraisal settings"),
]


@pytest.mark.parametrize(("what", "draw", "label"), SUBMITS, ids=[s[0] for s in SUBMITS])
def test_every_key_a_form_reads_is_one_it_drew(reads, what, draw, label):
    at = draw()
    on_page = drawn(at)
    reads.clear()
    if label == "Rename":  # one form per framework listed: the open one's
        at.button(key=f"lib_rename_{at.session_state['framework_id']}").click().run()
    else:
        button(at, label).click().run()
    assert not at.exception, at.exception
    assert reads, f"{what}: its callback read no key of its form"
    for keys in reads:
        missing = [base for base in keys.bases() if not _drawn_as(base, on_page)]
        assert not missing, f"{what}: the form's keys {missing} were not drawn (drawn: {sorted(on_page)})"


@pytest.mark.parametrize(
    ("section", "which", "row"),
    [(Section.ADD, "boxes", {"Box": "Swims", "Level": "Activities"}), (Section.LINKS, "links", {"From": "Swims"})],
)
def test_each_grid_reads_the_grid_it_drew(reads, section, which, row):
    at = _build(section)()
    on_page = drawn(at)
    [key] = [k for k in on_page if k.startswith(f"grid_{which}_")]
    reads.clear()
    edit_grid(at, key, added=[row])
    assert [k.bases() for k in reads] == [[f"grid_{which}"]] and _drawn_as(f"grid_{which}", {key})


def test_importing_reads_the_uploader_it_drew(reads):
    at = _home()
    assert start.IMPORT("file") in drawn(at)
    at.file_uploader(key=start.IMPORT("file")).set_value(
        ("mine.json", dumps(new_forest()).encode(), "application/json")
    )
    at.run()
    assert [k("file") for k in reads] and framework(at).meta.title == new_forest().meta.title


def test_every_declared_form_is_submitted_above():
    """A new form's keys must join the test above: its module-level ``Keys`` are listed here."""
    assert set(DECLARED) == {
        "ui.forms.boxes.ADD",
        "ui.forms.boxes.LIBRARY",
        "ui.forms.boxes.EDIT",
        "ui.forms.boxes.RENAME",
        "ui.forms.case.SETTINGS",
        "ui.forms.case.VALUE",
        "ui.forms.compare.ADAPT",
        "ui.forms.details.KEYS",
        "ui.forms.evidence.ADD",
        "ui.forms.evidence.EDIT",
        "ui.forms.evidence.LINK_ADD",
        "ui.forms.evidence.LINK_EDIT",
        "ui.forms.grids.BOXES",
        "ui.forms.grids.LINKS",
        "ui.forms.indicators.ADD",
        "ui.forms.indicators.EDIT",
        "ui.forms.levels.ADD",
        "ui.forms.levels.EDIT",
        "ui.forms.links.ADD",
        "ui.forms.links.EDIT",
        "ui.forms.links.PAIRS",
        "ui.forms.rename.KEYS",
        "ui.forms.stakeholders.ADD",
        "ui.forms.stakeholders.EDIT",
        "ui.forms.start.IMPORT",
        "ui.forms.start.START",
    }


def _strings(path: Path) -> list[str]:
    """Every string constant in a Python file, f-strings' literal parts included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_page_or_other_module_spells_a_forms_key():
    """Pages and the rest of ``ui`` name a form's widgets only through the form's ``Keys``."""
    spelt = [f"{keys.prefix}_{field}" for keys in DECLARED.values() for field in keys.fields]
    outside = [*ROOT.joinpath("app_pages").glob("*.py"), *ROOT.joinpath("ui").glob("*.py"), ROOT / "app.py"]
    found = [
        (path.relative_to(ROOT).as_posix(), text)
        for path in outside
        for text in _strings(path)
        if any(text.startswith(key) for key in spelt)
    ]
    assert not found
