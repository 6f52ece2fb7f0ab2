"""What a format is, and the one list of them that the command line and the app read.

A format says what it is called, how its files end, its media type and what it
is for in one line, and how to write a framework as bytes and/or read one from
bytes. A reader always ends in the one loader (``logicmodel.core.readwrite``), so a
framework from any format has passed the same checks as a JSON file.

>>> from logicmodel.formats import formats
>>> [(f.name, f.extension) for f in formats()][:2]
[('json', '.json'), ('schema', '.json')]
>>> get("svg").media_type
'image/svg+xml'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from logicmodel.core.comments import CommentThread
from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.files import too_large
from logicmodel.core.limits import MAX_FILE_BYTES
from logicmodel.core.models import Framework
from logicmodel.formats.carrying import check_carries, in_words, lost

__all__ = [
    "DIAGRAM_CHOICES",
    "Choices",
    "Format",
    "Reading",
    "extensions",
    "formats",
    "get",
    "level_names",
    "parse",
    "read",
    "read_named",
    "reader_for",
    "reader_of",
    "readers",
    "register",
    "unregister",
    "writers",
]


@dataclass(frozen=True)
class Choices:
    """What the person asked for, as the Diagram page and the command line let them choose.

    A writer uses the choices its format names in ``Format.options`` and no other.
    """

    paper: Literal["A4", "A3", "A2", "A1", "A0"] = "A3"
    projector: bool = False
    stakeholder: str | None = None
    cohort: str | None = None
    levels: tuple[str, ...] | None = None
    group_by: Literal["stakeholder", "cohort"] | None = None
    height: int | None = None
    """Height of an interactive page in CSS pixels; None for the diagram's usual height."""
    commissioner: str | None = None
    """A stakeholder id: a report becomes the one-page brief for that commissioner."""
    progress: bool = False
    """Colour each box with indicators by its status (``logicmodel.analysis.progress.box_status``)."""
    comments: tuple[CommentThread, ...] | None = None
    """Comment threads to print as the report's appendix (``logicmodel.drawing.report.comments_appendix``), read
    from the library by the page that asks; None (the default) for none. Only the report's formats take it:
    no file of the framework carries comments."""


@dataclass(frozen=True)
class Reading:
    """What the person asked of an import: how the file's own types or groups map to levels.

    ``level_map`` pairs a name in the file (a Kumu element type, a yEd group, a Mermaid subgraph or a
    spreadsheet's stage) with a level id, e.g. ``(("Problem", "strategic"),)``.
    """

    level_map: tuple[tuple[str, str], ...] = ()
    title: str | None = None
    """The title for a file that names none (a CSV table, a Kumu map): the file's name, say."""


DIAGRAM_CHOICES = frozenset({"stakeholder", "cohort", "levels", "group_by"})
"""The choices that filter a drawing: a format taking any of them draws the diagram (and downloads beside it)."""

Writer = Callable[[Framework, Choices], bytes]
Reader = Callable[[bytes], Framework]
Parser = Callable[[bytes, Reading], dict]
"""Reads another tool's file into a framework document (plain data, not yet checked): the one loader
(``logicmodel.core.readwrite.from_data``) checks it, or the repair (``logicmodel.editing.repair``) mends it."""


@dataclass(frozen=True)
class Format:
    """One format of file: its names, and how to write and/or read it.

    ``button`` and ``file_name`` may name ``{paper}`` and ``{title}`` (the framework's title as a file name).
    """

    name: str
    """The command line's word for it, e.g. ``"svg"``: lower case, unique."""
    extension: str
    """How its files end, with the dot, e.g. ``".svg"``: what it writes, and reads."""
    media_type: str
    description: str
    """What it is for, in one line (the command line's help, the app's caption)."""
    button: str
    """The words on the app's download button, e.g. ``"Poster to print (SVG, {paper})"``."""
    file_name: str = "{title}"
    """The downloaded file's name, without the extension."""
    write: Writer | None = None
    read: Reader | None = None
    options: frozenset[str] = field(default_factory=frozenset)
    """The ``Choices`` its writer uses, e.g. ``{"paper"}``: the command line refuses the others."""
    on_click: bool = False
    """Made when its download button is clicked, not when the page is drawn: a document that takes a second
    or more for a big framework (the reports), so that opening Export never waits for it."""
    parse: Parser | None = None
    """For a format that reads: its file as a framework document, before the loader checks it (for repair)."""
    reads_levels: bool = False
    """Whether its reader takes a level map (``Reading.level_map``)."""
    recognise: Callable[[bytes], bool] | None = None
    """For a format whose files end like another's (a Kumu map's .json): whether ``data`` is one of its files."""
    also_reads: tuple[str, ...] = ()
    """Other endings of files it reads, with the dot: a Mermaid flowchart inside a Markdown page (``".md"``)."""
    carries: frozenset[str] | None = None
    """For a format whose files are the framework itself, for this builder or another tool to read back: the
    fields its writer writes, as paths into the models (``"nodes.label"``, or ``"nodes.cost"`` for a part with
    all its fields; ``logicmodel.formats.carrying``), declared beside the writer. What it cannot carry is worked
    out from them. None for a drawing, a report or the schema, which are not read back. A format that reads and
    writes must say. A format that only reads (a logframe) may say which fields its reader fills in: bringing
    one of its files back onto the open framework then keeps the others from the open version."""
    also_leaves_out: tuple[str, ...] = ()
    """What its files lose that is no field of the models, in words: ``"empty levels"``, ``"ids Mermaid cannot
    use"``."""
    zipped: bool = False
    """Its files are zip archives (a workbook, a Word document, a zip of CSV files), so a reader opens them
    through the guarded unzip (``logicmodel.formats.zipped``) and the tests give it damaged zips."""
    cannot_carry: str = field(init=False, default="")
    """What of a framework its files leave out, in one line of readable words, e.g. ``"the title and details,
    indicators, benefit estimates and stories"``: worked out from ``carries`` and ``also_leaves_out``, never
    written by hand, so a field added to the models is named here until the writer carries it."""

    def __post_init__(self) -> None:
        if self.carries is not None:
            check_carries(self.carries)
            object.__setattr__(self, "cannot_carry", in_words(self.lost_fields(), self.also_leaves_out))

    def lost_fields(self) -> tuple[str, ...]:
        """The fields of the models its files leave out, as dotted paths (``"nodes.benefit.amount"``); empty for
        a format that is not read back (``carries`` None)."""
        return () if self.carries is None else lost(self.carries)

    def draws(self) -> bool:
        """Whether it draws the diagram, and so takes the Diagram page's filters."""
        return bool(self.options & DIAGRAM_CHOICES)

    def label(self, choices: Choices) -> str:
        """The download button's words for these choices."""
        return self.button.format(paper=choices.paper)

    def file_name_for(self, title: str, choices: Choices | None = None) -> str:
        """The downloaded file's name, given the title as a file name (``ui.text.slug``)."""
        return self.file_name.format(title=title, paper=(choices or Choices()).paper) + self.extension


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format to the list; its name must be new. Returns it, so a module can register as it defines."""
    if fmt.name in _FORMATS:
        raise ValueError(f"a format named '{fmt.name}' is registered already")
    if fmt.write is None and fmt.read is None:
        raise ValueError(f"format '{fmt.name}' neither writes nor reads")
    if not all(ending.startswith(".") for ending in (fmt.extension, *fmt.also_reads)):
        raise ValueError(f"format '{fmt.name}': the extension starts with a dot, e.g. '.json'")
    if fmt.write is not None and fmt.read is not None and fmt.carries is None:
        raise ValueError(f"format '{fmt.name}' writes and reads: say which fields its files carry (Format.carries)")
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    """Take a format off the list (for tests that add one of their own)."""
    _FORMATS.pop(name, None)


def formats() -> list[Format]:
    """Every format, in the order registered."""
    return list(_FORMATS.values())


def get(name: str) -> Format:
    """The format called ``name``. Raises ``KeyError`` if there is none."""
    return _FORMATS[name]


def writers() -> list[Format]:
    """The formats a framework can be written in."""
    return [f for f in _FORMATS.values() if f.write is not None]


def readers() -> list[Format]:
    """The formats a framework can be read from."""
    return [f for f in _FORMATS.values() if f.read is not None]


def reader_for(file_name: str) -> Format | None:
    """The first format that reads files named like ``file_name`` (by extension, any case), or None.

    >>> reader_for("Active Slough.JSON").name
    'json'
    >>> reader_for("notes.txt") is None, reader_for("Theory of change.md").name
    (True, 'mermaid')
    """
    lowered = file_name.lower()
    matching = sorted(
        ((len(ending), f) for f in readers() for ending in _endings(f) if lowered.endswith(ending)),
        key=lambda found: -found[0],
    )  # the longest ending first: map.kumu.json is Kumu's
    return matching[0][1] if matching else None


def _endings(fmt: Format) -> list[str]:
    return [ending.lower() for ending in (fmt.extension, *fmt.also_reads)]


def title_from_name(file_name: str) -> str | None:
    """A title for a file that names none, from its name: ``Active Slough.kumu.json`` gives "Active Slough".

    >>> title_from_name("/tmp/Active Slough.kumu.json"), title_from_name(".csv")
    ('Active Slough', None)
    """
    from logicmodel.core.characters import without_unwritable
    from logicmodel.core.limits import MAX_TITLE

    stem = file_name.replace("\\", "/").rsplit("/", 1)[-1].split(".", 1)[0]
    return " ".join(without_unwritable(stem).split())[:MAX_TITLE] or None


def reader_of(file_name: str, data: bytes) -> Format | None:
    """The format that reads this upload: by its name, unless a format that recognises its own files among
    those ending the same way recognises it (a Kumu map saved as .json is Kumu's, not a framework file)."""
    fmt = reader_for(file_name)
    if fmt is None or fmt.recognise is not None:
        return fmt
    ending = fmt.extension.lower()
    return next(
        (
            f
            for f in readers()
            if f.recognise and any(own.endswith(ending) for own in _endings(f)) and f.recognise(data)
        ),
        fmt,
    )  # by any ending a format reads: a PRSM map saved as .prsm.json, a logframe as .xlsx


def level_names(fmt: Format, data: bytes) -> list[str]:
    """The names a file gives its levels (Kumu's element types, yEd's groups, Mermaid's subgraphs, a sheet's
    stages) when its format takes a level map and they say nothing this builder knows ("Problem", not
    "Long-term outcomes"): what the app asks to map. Empty when there is nothing to ask, or the file cannot be
    read at all."""
    if not fmt.reads_levels or fmt.parse is None:
        return []
    try:
        doc = parse(fmt, data)
    except FrameworkError:
        return []
    from logicmodel.formats.building import names_to_ask

    return names_to_ask(doc)


def extensions() -> list[str]:
    """The file endings a framework is read from, e.g. ``[".json"]``: what an upload may be."""
    return sorted({ending for f in readers() for ending in _endings(f)})


def read_named(file_name: str, data: bytes) -> Framework:
    """The framework in an uploaded file, read by the format its name says; ``FrameworkError`` if none reads it.

    >>> read_named("notes.txt", b"")
    Traceback (most recent call last):
    logicmodel.core.errors.FrameworkError: not a file this builder reads: use a file ending .csv or .graphml or ...
    """
    fmt = reader_of(file_name, data)
    if fmt is None:
        raise FrameworkError(
            [Problem("", f"not a file this builder reads: use a file ending {' or '.join(extensions())}")]
        )
    return read(fmt, data, Reading(title=title_from_name(file_name)))


def read(fmt: Format, data: bytes, reading: Reading | None = None) -> Framework:
    """The framework in ``data``, read as ``fmt``, or ``FrameworkError`` saying what is wrong.

    Every reader gets the same size limit first, whatever its format.
    """
    if fmt.read is None:
        raise FrameworkError([Problem("", f"{fmt.name} files cannot be read, only written")])
    if len(data) > MAX_FILE_BYTES:
        raise FrameworkError([Problem("", too_large(len(data), MAX_FILE_BYTES))])
    if reading is not None and reading != Reading() and fmt.parse is not None and fmt.reads_levels:
        from logicmodel.formats.building import finish  # ends in the one loader

        return finish(_not_empty(fmt, fmt.parse(data, reading)))
    fw = fmt.read(data)
    _not_empty(fmt, {"nodes": fw.nodes})
    return fw


def parse(fmt: Format, data: bytes, reading: Reading | None = None) -> dict:
    """The framework document in ``data`` before it is checked (for ``logicmodel.editing.repair``), or
    ``FrameworkError`` when the file cannot be read as ``fmt`` at all."""
    if fmt.parse is None:
        raise FrameworkError([Problem("", f"{fmt.name} files cannot be repaired")])
    if len(data) > MAX_FILE_BYTES:
        raise FrameworkError([Problem("", too_large(len(data), MAX_FILE_BYTES))])
    return _not_empty(fmt, fmt.parse(data, reading or Reading()))


def _not_empty(fmt: Format, doc: dict) -> dict:
    """``doc``, or ``FrameworkError`` when a file from another format holds no box at all and nothing was left
    out: an empty yEd graph or Kumu map is refused with the reason, not written as a framework of invented
    levels and no boxes. A framework file (json) may be empty: a new framework is; so may a format that only
    reads, parsing nothing (a test's throwaway)."""
    if fmt.name != "json" and fmt.parse is not None and not doc.get("nodes") and not getattr(doc, "left_out", None):
        raise FrameworkError([Problem("", f"the {fmt.name} file holds no boxes: there is nothing to open")])
    return doc
