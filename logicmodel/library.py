"""Libraries of outcomes and indicators the builder offers, so users pick rather than type.

The data lives in ``logicmodel/data/outcomes.json`` and
``logicmodel/data/indicators.json``, read from the installed package with
``importlib.resources``; it is checked on first use and cached. Every entry
carries its source. Where a code (a Public Health Outcomes Framework number,
a Fingertips id) has not been found in a public source, the entry says so
(``confirmed`` is false and ``note`` explains) instead of guessing, and the
attached indicator's ``source`` says "unconfirmed" too, so
the doubt travels with it into a user's framework.

>>> inactive = indicator("phof-inactive-adults")
>>> inactive.code, inactive.fingertips_id, inactive.confirmed
('C17b', 93015, True)
>>> inactive.indicator.name
'Percentage of physically inactive adults'
>>> physical = outcome("sf-physical-wellbeing")
>>> physical.level
'strategic'
>>> [i.id for i in physical.indicators][:2]
['sf-meeting-cmo-guidelines', 'sf-under-30-minutes']
"""

from __future__ import annotations

import functools
import json
import re
from importlib.resources import files
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from logicmodel.limits import ID_PATTERN, MAX_LABEL, MAX_SHORT, MAX_TEXT
from logicmodel.models import Indicator

__all__ = [
    "DATA_DIR",
    "LibraryError",
    "LibraryIndicator",
    "LibraryOutcome",
    "indicator",
    "indicators",
    "indicators_for",
    "outcome",
    "outcomes",
]

DATA_DIR = files("logicmodel").joinpath("data")
"""The package's ``data/`` folder (a ``Traversable``: a folder on disk once installed)."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHORT, pattern=r"\S")]
Label = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LABEL, pattern=r"\S")]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


class LibraryError(ValueError):
    """The shipped library data is broken (a packaging fault, never a user's)."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


_E = TypeVar("_E", bound=_Entry)


class LibraryIndicator(_Entry):
    """An indicator from a public dataset, ready to attach to an outcome.

    ``indicator`` is the engine's ``Indicator`` (name, source, unit, frequency);
    the other fields say where it comes from and how sure the code is.
    """

    id: Id
    """Stable id in the library, e.g. ``"phof-inactive-adults"``."""
    group: Short
    """The family it belongs to, e.g. "Public Health Outcomes Framework", "Active Lives"."""
    name: Short
    """The dataset's own name for it (Fingertips name where there is one)."""
    source: Short
    """What the attached indicator's ``source`` says, e.g. "Public Health Outcomes Framework C17b"."""
    unit: Short | None = None
    frequency: Short | None = None
    definition: Text = ""
    """What is counted, in plain words."""
    code: Short | None = None
    """The PHOF code (post-2019 numbering) or other code, when there is one."""
    old_code: Short | None = None
    """The pre-2019 PHOF code, when known."""
    fingertips_id: Annotated[int, Field(ge=1)] | None = None
    """The numeric indicator id in Fingertips (fingertips.phe.org.uk), when there is one."""
    confirmed: bool
    """True when the code and Fingertips id were found in a public source (or there is no code to confirm)."""
    note: Text = ""
    """Caveats: why a code is unconfirmed, what the figure does not show."""
    reference: Short
    """The source reference: publication, publisher, date."""

    @property
    def indicator(self) -> Indicator:
        """The engine ``Indicator`` to attach to a box; add a baseline or target with ``model_copy(update=...)``."""
        return Indicator(name=self.name, source=self.source, unit=self.unit, frequency=self.frequency)


class _OutcomeData(_Entry):
    id: Id
    group: Short
    label: Label
    description: Text = ""
    level: Literal["intermediate", "strategic"]
    indicators: list[Id] = Field(default_factory=list)
    source: Short


class LibraryOutcome(_Entry):
    """An outcome a framework can adopt: label, description, suggested level and indicators, source."""

    id: Id
    group: Short
    """The family it belongs to, e.g. "Sporting Future (2015)"."""
    label: Label
    description: Text = ""
    level: Literal["intermediate", "strategic"]
    """Suggested level, as the default level ids: ``"intermediate"`` or ``"strategic"`` outcomes."""
    indicators: tuple[LibraryIndicator, ...] = ()
    """Suggested indicators, in order of preference."""
    source: Short


def indicators() -> list[LibraryIndicator]:
    """Every library indicator, in the data file's order (grouped by family)."""
    return list(_load()[0].values())


def outcomes() -> list[LibraryOutcome]:
    """Every library outcome, in the data file's order."""
    return list(_load()[1].values())


_COMMON_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "in",
        "to",
        "for",
        "on",
        "or",
        "at",
        "by",
        "with",
        "more",
        "fewer",
        "less",
        "people",
        "adults",
        "adult",
        "who",
        "are",
        "is",
        "their",
        "aged",
        "over",
        "percentage",
        "proportion",
        "number",
        "rate",
    ]
)


def _words(text: str) -> set[str]:
    """The telling words of a label: lower case, no common words, plural 's' dropped."""
    words = (w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.casefold()))
    return {w for w in words if len(w) > 2 and w not in _COMMON_WORDS}


def indicators_for(label: str) -> list[LibraryIndicator]:
    """Every library indicator, those that suit a box called ``label`` first.

    An indicator suits a box when a library outcome that suggests it shares
    words with the label (a box "Better mental wellbeing" gets the wellbeing
    measures of "Mental wellbeing"), or when its own name does. The rest keep
    the library's order, so nothing is hidden.

    >>> [i.id for i in indicators_for("Fewer falls in people aged 65 and over")][:2]
    ['phof-falls-65', 'phof-hip-fractures-65']
    >>> len(indicators_for("Anything at all")) == len(indicators())
    True
    """
    wanted = _words(label)
    score: dict[str, int] = {}
    for entry in outcomes():
        shared = len(wanted & _words(entry.label))
        for suggested in entry.indicators:
            score[suggested.id] = max(score.get(suggested.id, 0), 2 * shared)
    ranked = [(score.get(i.id, 0) + len(wanted & _words(i.name)), n, i) for n, i in enumerate(indicators())]
    return [i for _, _, i in sorted(ranked, key=lambda r: (-r[0], r[1]))]


def indicator(entry_id: str) -> LibraryIndicator:
    """The library indicator with this id. Raises ``KeyError`` if there is none."""
    return _load()[0][entry_id]


def outcome(entry_id: str) -> LibraryOutcome:
    """The library outcome with this id. Raises ``KeyError`` if there is none."""
    return _load()[1][entry_id]


@functools.cache
def _load() -> tuple[dict[str, LibraryIndicator], dict[str, LibraryOutcome]]:
    """Read and check both data files once."""
    by_id: dict[str, LibraryIndicator] = {}
    for entry in _entries("indicators.json", LibraryIndicator):
        if entry.id in by_id:
            raise LibraryError(f"indicators.json: id '{entry.id}' appears twice")
        if not entry.confirmed and not ("unconfirmed" in entry.note and "unconfirmed" in entry.source):
            raise LibraryError(f"indicators.json: '{entry.id}' is unconfirmed but its note or source does not say so")
        by_id[entry.id] = entry
    outcome_by_id: dict[str, LibraryOutcome] = {}
    for data in _entries("outcomes.json", _OutcomeData):
        if data.id in outcome_by_id:
            raise LibraryError(f"outcomes.json: id '{data.id}' appears twice")
        missing = [i for i in data.indicators if i not in by_id]
        if missing:
            raise LibraryError(f"outcomes.json: '{data.id}' suggests unknown indicators {missing}")
        fields = data.model_dump(exclude={"indicators"})
        outcome_by_id[data.id] = LibraryOutcome(**fields, indicators=tuple(by_id[i] for i in data.indicators))
    return by_id, outcome_by_id


def _entries(name: str, model: type[_E]) -> list[_E]:
    try:
        raw = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
        return [model.model_validate(item) for item in raw]
    except (OSError, ValueError, TypeError) as exc:
        detail = exc.errors()[0] if isinstance(exc, ValidationError) else exc
        raise LibraryError(f"{name}: {detail}") from None
