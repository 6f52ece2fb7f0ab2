"""Libraries of outcomes and indicators the builder offers, so users pick rather than type.

The data lives in ``logicmodel/data/outcomes.json`` and
``logicmodel/data/indicators.json``, read from the installed package with
``importlib.resources``; it is checked on first use and cached. Every entry
carries its source. Only facts found in a public source are given (the list,
with its sources, was kept in the team's ``INDICATORS.md``). Where an entry's
framework code (a Public Health Outcomes Framework number, an Adult Social Care
Outcomes Framework measure in the numbering revised from 2023-24) has not been
confirmed, the entry says so in its own fields: ``confirmed`` is false,
``note`` explains, and the picker shows ``badge``. The indicator attached to a
user's box gets a clean ``source`` ("Public Health Outcomes Framework
(Fingertips 93014)"): doubt about a code is the library's, never words in the
user's framework. A Fingertips id is given only where it is confirmed (a probable
one, such as loneliness's, is left out rather than marked), and the indicator
attached carries it as ``fingertips_id``.

>>> inactive = indicator("phof-inactive-adults")
>>> inactive.code, inactive.fingertips_id, inactive.confirmed, inactive.badge
('C17b', 93015, True, None)
>>> inactive.indicator.fingertips_id
93015
>>> inactive.indicator.name
'Percentage of physically inactive adults'
>>> active = indicator("phof-active-adults")
>>> active.badge, active.indicator.source
('code not confirmed', 'Public Health Outcomes Framework (Fingertips 93014)')
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

from logicmodel.core.limits import ID_PATTERN, MAX_LABEL, MAX_SHORT, MAX_TEXT
from logicmodel.core.models import Indicator

__all__ = [
    "DATA_DIR",
    "DOUBTFUL_WORDS",
    "LibraryError",
    "LibraryIndicator",
    "LibraryOutcome",
    "entry_for",
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
    """The family it belongs to, e.g. "Public Health Outcomes Framework", "Children and young people"."""
    name: Short
    """The dataset's own name for it (Fingertips name where there is one)."""
    source: Short
    """What the attached indicator's ``source`` says, e.g. "Public Health Outcomes Framework C17b"."""
    unit: Short | None = None
    frequency: Short | None = None
    definition: Text = ""
    """What is counted, in plain words."""
    framework: Short | None = None
    """The outcomes framework whose numbering ``code`` and ``old_code`` follow: "PHOF", "ASCOF",
    "NHS Outcomes Framework"."""
    code: Short | None = None
    """The framework's current code (PHOF from 2019/20, ASCOF from 2023-24), when there is one."""
    old_code: Short | None = None
    """The framework's earlier code (PHOF before 2019/20, ASCOF to 2022-23), when known."""
    fingertips_id: Annotated[int, Field(ge=1)] | None = None
    """The numeric indicator id in Fingertips (fingertips.phe.org.uk), only where ``INDICATORS.md`` marks it
    confirmed (a probable id is left out, never given as certain). It travels with the indicator attached."""
    confirmed: bool
    """False when the framework's current code was not found in a public source: it is then either left
    out or given in ``code`` as an assumption to check (``note`` says which). Ids are always confirmed."""
    note: Text = ""
    """Caveats: why a code is unconfirmed, what the figure does not show."""
    reference: Short
    """The source reference: publication, publisher, date."""

    @property
    def badge(self) -> str | None:
        """What the picker shows beside an entry whose code is not confirmed; None when all is confirmed."""
        return None if self.confirmed else "code not confirmed"

    @property
    def indicator(self) -> Indicator:
        """The engine ``Indicator`` to attach to a box, with its Fingertips id (so a Fingertips download can be
        brought in against it); add a baseline or target with ``model_copy(update=...)``."""
        return Indicator(
            name=self.name,
            source=self.source,
            unit=self.unit,
            frequency=self.frequency,
            fingertips_id=self.fingertips_id,
        )


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


def entry_for(attached: Indicator) -> LibraryIndicator | None:
    """The library entry an indicator on a box came from (same name and source), so its badge can be shown.

    >>> entry_for(indicator("phof-active-adults").indicator).badge
    'code not confirmed'
    >>> entry_for(Indicator(name="Walkers a week")) is None
    True
    """
    key = (attached.name, attached.source)
    return next((i for i in _load()[0].values() if (i.name, i.source) == key), None)


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
        _check_wording(entry)
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


DOUBTFUL_WORDS = ("unconfirmed", "not confirmed", "assumed", "probable")
"""Words of doubt that belong in a library entry's ``note``, never in what is attached to a user's box."""


def _check_wording(entry: LibraryIndicator) -> None:
    """An entry's doubt stays in the library: its note explains it, the attached indicator never carries it."""
    attached = f"{entry.name} {entry.source} {entry.unit or ''} {entry.frequency or ''}".casefold()
    if any(word in attached for word in DOUBTFUL_WORDS):
        raise LibraryError(f"indicators.json: '{entry.id}' puts words of doubt into the user's indicator")
    if not entry.confirmed:
        if "not confirmed" not in entry.note:
            raise LibraryError(f"indicators.json: '{entry.id}' is not confirmed but its note does not say so")
        if entry.code and entry.code.casefold() in attached.split():
            raise LibraryError(f"indicators.json: '{entry.id}' gives its unconfirmed code {entry.code} to the user")


def _entries(name: str, model: type[_E]) -> list[_E]:
    try:
        raw = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
        return [model.model_validate(item) for item in raw]
    except (OSError, ValueError, TypeError) as exc:
        detail = exc.errors()[0] if isinstance(exc, ValidationError) else exc
        raise LibraryError(f"{name}: {detail}") from None
