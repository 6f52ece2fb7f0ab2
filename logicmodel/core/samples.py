"""The sample frameworks and templates shipped in ``sample_frameworks/``, for the gallery and "start from a template".

Samples are complete outcomes frameworks drawn from real council commissioning
work (``sample_frameworks/*.json``); templates are starting points with the
levels of a known method and little else (``sample_frameworks/templates/*.json``).
Both are ordinary framework files, read with ``logicmodel.core.readwrite.load``.

The folder lives inside the package (``logicmodel/sample_frameworks/``), so an
installed engine has its samples, found with ``importlib.resources``; the
repository's top-level ``sample_frameworks`` is a link to it, one copy.

Two conventions live in each file's ``meta``, so that a file says everything
about itself and needs no side list:

- **The story** (one line for the gallery) is the first paragraph of
  ``meta.description``: the text before the first blank line. It is one line,
  at most 300 characters. The rest of the description tells the fuller story,
  says which figures are illustrative and explains any accepted warnings.
- **Accepted warnings**: a tag ``accepts:<code>`` in ``meta.tags`` for each
  completeness check code (``logicmodel.analysis.checks.CHECKS``) the file is allowed to
  raise, e.g. ``accepts:level-skip``. ``tests/core/test_samples.py`` asserts that
  ``check()`` raises exactly those codes, and that the description names each
  of them (so a reader learns why).

>>> gallery = samples()
>>> len(gallery) >= 7
True
>>> enfield = next(s for s in gallery if s.name == "enfield")
>>> enfield.organisation
'London Borough of Enfield'
>>> enfield.load().meta.title == enfield.title
True
>>> [t.name for t in templates()]
['kellogg', 'logframe', 'sport-england']
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data, load, to_data

__all__ = [
    "ACCEPTS_PREFIX",
    "SAMPLES_DIR",
    "TEMPLATES_DIR",
    "Sample",
    "accepted_codes",
    "find",
    "guidance",
    "samples",
    "start_from",
    "story_of",
    "templates",
]

SAMPLES_DIR = Path(str(files("logicmodel").joinpath("sample_frameworks")))
"""``sample_frameworks/`` inside the installed package (a folder on disk: the package is never zipped)."""
TEMPLATES_DIR = SAMPLES_DIR / "templates"

ACCEPTS_PREFIX = "accepts:"
"""Prefix of the ``meta.tags`` entry naming a completeness warning a sample or template accepts."""


@dataclass(frozen=True)
class Sample:
    """One sample framework or template, summarised for a gallery card; ``load()`` gives the framework."""

    path: Path
    name: str
    """The file name without ``.json``, e.g. ``"enfield"``: stable, safe as a widget key."""
    title: str
    organisation: str
    area: str
    boxes: int
    links: int
    story: str
    """One line for the gallery: the first paragraph of ``meta.description``."""
    levels: tuple[str, ...]
    """Level labels in order, e.g. ``("Activities", "Outputs", ...)``."""
    accepts: tuple[str, ...]
    """The completeness warning codes this file is allowed to raise (from its ``accepts:`` tags)."""
    template: bool

    def load(self) -> Framework:
        """The framework itself (read once and shared: frameworks are immutable)."""
        return _read(self.path, *_stamp(self.path))


def story_of(fw: Framework) -> str:
    """The one-line story of a framework: the first paragraph of its description, or ``""``.

    >>> from logicmodel.core.readwrite import from_data
    >>> fw = from_data({"schema_version": 1, "nodes": [], "links": [],
    ...                 "meta": {"title": "T", "description": "Free swims.\\n\\nMore detail."}})
    >>> story_of(fw)
    'Free swims.'
    """
    text = (fw.meta.description or "").strip()
    return " ".join(text.split("\n\n", 1)[0].split())


def guidance(fw: Framework) -> list[str]:
    """A template's guidance: the paragraphs of its description after the story, shown while starting from it.

    >>> from logicmodel.core.readwrite import from_data
    >>> fw = from_data({"schema_version": 1, "nodes": [], "links": [],
    ...                 "meta": {"title": "T", "description": "Free swims.\\n\\nRename the boxes.\\n\\nLink them."}})
    >>> guidance(fw)
    ['Rename the boxes.', 'Link them.']
    """
    paragraphs = [" ".join(p.split()) for p in (fw.meta.description or "").strip().split("\n\n")]
    return [p for p in paragraphs[1:] if p]


def accepted_codes(fw: Framework) -> tuple[str, ...]:
    """The warning codes a framework's ``accepts:`` tags allow, in tag order.

    >>> from logicmodel.core.readwrite import from_data
    >>> fw = from_data({"schema_version": 1, "nodes": [], "links": [],
    ...                 "meta": {"title": "T", "tags": ["swimming", "accepts:level-skip"]}})
    >>> accepted_codes(fw)
    ('level-skip',)
    """
    return tuple(tag.removeprefix(ACCEPTS_PREFIX) for tag in fw.meta.tags if tag.startswith(ACCEPTS_PREFIX))


def samples() -> list[Sample]:
    """Every sample framework in ``sample_frameworks/``, sorted by file name; ``[]`` if the folder is missing.

    Raises ``FrameworkError`` (naming the file) if a shipped sample is broken:
    the tests make sure none is.
    """
    return _folder(SAMPLES_DIR, template=False)


def templates() -> list[Sample]:
    """Every template in ``sample_frameworks/templates/``, sorted by file name."""
    return _folder(TEMPLATES_DIR, template=True)


def find(name: str) -> Sample | None:
    """The sample or template whose file name (without ``.json``) is ``name``, or None.

    >>> find("enfield").title
    'Active Enfield: sport and physical activity outcomes framework'
    >>> find("no-such-sample") is None
    True
    """
    return next((s for s in samples() + templates() if s.name == name), None)


def start_from(item: Sample, title: str, organisation: str | None = None) -> Framework:
    """A new framework copied from a template or sample, with the user's title and organisation.

    The gallery's own tags (``template``, ``accepts:...``) are dropped: they
    describe the shipped file, not the user's framework. So is a template's
    description, which is guidance on using the template (``guidance``, shown
    while starting), not a description of the user's framework. So are what a
    sample records as measured and delivered (illustrative figures) and its
    area's code: the user's framework has measured nothing yet, in their area.

    Raises ``FrameworkError`` if the title or organisation is not allowed (e.g. blank or too long).

    >>> fw = start_from(find("logframe"), "Active Slough logframe", "Slough Borough Council")
    >>> fw.meta.title, fw.meta.organisation, fw.meta.tags, fw.meta.description
    ('Active Slough logframe', 'Slough Borough Council', ('logframe',), None)
    """
    data = to_data(item.load())
    meta = data["meta"]
    if item.template:
        meta.pop("description", None)
    meta.pop("area_code", None)
    for node in data["nodes"]:
        node.pop("delivery", None)
        for indicator in node.get("indicators", []):
            indicator.pop("measurements", None)
    meta["title"] = title
    if organisation is not None:
        meta["organisation"] = organisation
    tags = [t for t in meta.get("tags", []) if t != "template" and not t.startswith(ACCEPTS_PREFIX)]
    if tags:
        meta["tags"] = tags
    else:
        meta.pop("tags", None)
    return from_data(data)


def _folder(folder: Path, *, template: bool) -> list[Sample]:
    if not folder.is_dir():
        return []
    return [_summary(path, template) for path in sorted(folder.glob("*.json"))]


def _summary(path: Path, template: bool) -> Sample:
    fw = _read(path, *_stamp(path))
    return Sample(
        path=path,
        name=path.stem,
        title=fw.meta.title,
        organisation=fw.meta.organisation or "",
        area=fw.meta.area or "",
        boxes=len(fw.nodes),
        links=len(fw.links),
        story=story_of(fw),
        levels=tuple(level.label for level in fw.levels),
        accepts=accepted_codes(fw),
        template=template,
    )


def _stamp(path: Path) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int, size: int) -> Framework:
    """Read a file once per version of it (the stamp is in the cache key)."""
    try:
        return load(path)
    except FrameworkError as exc:
        raise FrameworkError([p._replace(path=_where(path, p.path)) for p in exc.problems]) from None


def _where(path: Path, inside: str) -> str:
    return f"{path.name}: {inside}" if inside else path.name
