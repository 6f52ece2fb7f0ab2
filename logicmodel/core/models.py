"""The models of a framework: interchange format v1 is these classes.

Every constraint of the file format is declared here, in the types, so that
the JSON Schema (``logicmodel.core.schema``) is generated from them and never
written by hand. The models check one object at a time; the rules that look
across the whole framework (unknown levels, broken links, cycles) live in
``logicmodel.core.rules``.

>>> fw = Framework.model_validate(
...     {"schema_version": 1, "meta": {"title": "Active Enfield"}, "nodes": [], "links": []}
... )
>>> [level.id for level in fw.levels]
['activity', 'output', 'intermediate', 'strategic']
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    FailFast,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainValidator,
    PrivateAttr,
    Strict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import core_schema

from logicmodel.core.characters import UNWRITABLE_PATTERN, check_text, without_noncharacters
from logicmodel.core.limits import (
    AREA_CODE_PATTERN,
    ID_PATTERN,
    MAX_COUNT,
    MAX_DELIVERY,
    MAX_DURATION,
    MAX_ITEMS,
    MAX_LABEL,
    MAX_LEVELS,
    MAX_LINKS,
    MAX_MEASUREMENTS,
    MAX_NODES,
    MAX_NOTE,
    MAX_NUMBER,
    MAX_SHORT,
    MAX_STAKEHOLDERS,
    MAX_STEP_NODES,
    MAX_STEPS,
    MAX_STORIES,
    MAX_TEXT,
    MAX_TITLE,
    MAX_URL,
    MAX_YEAR,
    MIN_YEAR,
)

__all__ = [
    "DEFAULT_LEVELS",
    "FORMAT_VERSION",
    "LEVEL_KINDS",
    "STAKEHOLDER_ROLES",
    "STRENGTHS",
    "Appraisal",
    "Benefit",
    "Cost",
    "Delivery",
    "Evidence",
    "Framework",
    "Indicator",
    "Level",
    "Link",
    "Measurement",
    "Meta",
    "Node",
    "Proxy",
    "Source",
    "Stakeholder",
    "Step",
    "Story",
    "Valuation",
    "level_kinds",
]

FORMAT_VERSION = 1
"""The format version this package writes, and the newest it reads."""

LEVEL_KINDS = ("input", "activity", "output", "outcome")
STAKEHOLDER_ROLES = ("commissioner", "provider", "partner", "funder", "community")
STRENGTHS = ("strong", "moderate", "weak", "unknown")


class _Writable:
    """Text of characters every writer can carry: anything else (a control character such as U+0007,
    U+FFFE) is refused, saying which and where, and noncharacters (U+FDD0, U+1FFFE...) are dropped before
    the field's own limits are checked (``logicmodel.core.characters``). The schema says what is refused
    with ``"not": {"pattern": ...}``."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(
            _read_text, core_schema.no_info_after_validator_function(check_text, handler(source))
        )

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        return handler(schema) | {"not": {"pattern": UNWRITABLE_PATTERN}}


def _read_text(value: Any) -> Any:
    """Text as the model reads it: without noncharacters (anything else is left to the field's checks)."""
    return without_noncharacters(value) if isinstance(value, str) else value


Writable = _Writable()

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TITLE, pattern=r"\S"), Writable]
Label = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LABEL, pattern=r"\S"), Writable]
Short = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHORT, pattern=r"\S"), Writable]
Sentence = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LABEL, pattern=r"\S"), Writable]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), Writable]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE), Writable]
Url = Annotated[
    str,
    StringConstraints(max_length=MAX_URL, pattern=r"^https?://[^\s<>\"]+$"),
    Writable,
]
Amount = Annotated[float, Field(ge=0, le=MAX_NUMBER)]
Number = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
AreaCode = Annotated[str, StringConstraints(pattern=AREA_CODE_PATTERN)]
"""An ONS area code: a capital letter and eight digits, e.g. E06000030 (Swindon)."""
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Fraction = Annotated[float, Field(ge=0, le=1)]
"""A share from 0 to 1, e.g. 0.25 for a quarter (deadweight, attribution, a discount rate)."""
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
"""A calendar year, e.g. 2025."""
Strength = Literal["strong", "moderate", "weak", "unknown"]


def _list(item: Any, max_length: int = MAX_ITEMS) -> Any:
    """A list of at most ``max_length`` entries, checked up to its first bad one only: a hostile list of
    millions of bad entries then costs one problem, not millions (the careful reader checks a framework's
    boxes and links one by one, to list more than one)."""
    return Annotated[tuple[item, ...], Field(max_length=max_length), Strict(False), FailFast()]


def _iso_date(value: str) -> str:
    """Accept an ISO 8601 date or date-time, kept as written."""
    try:
        (datetime if "T" in value or " " in value else date).fromisoformat(value)
    except ValueError:
        raise ValueError("should be an ISO 8601 date such as 2026-11-23 or 2026-11-23T09:30:00Z") from None
    return value


def _iso_day(value: str) -> str:
    """Accept an ISO 8601 calendar date (no time): a period's end, which sorts as text."""
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("should be an ISO 8601 date such as 2023-03-31") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("should be an ISO 8601 date written in full, such as 2023-03-31")
    return value


IsoDay = Annotated[
    str,
    StringConstraints(max_length=10),
    AfterValidator(_iso_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]


IsoDate = Annotated[
    str,
    StringConstraints(max_length=40),
    AfterValidator(_iso_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}),
]


def _measure(value: object) -> float | int | str:
    """A baseline or target: a number, or a short text such as "at least 50%"."""
    if isinstance(value, bool):
        raise ValueError("should be a number or a short text such as 'at least 50%'")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise ValueError(f"should be a number between -{MAX_NUMBER:.0e} and {MAX_NUMBER:.0e}")
        return value
    if isinstance(value, str):
        value = without_noncharacters(value)
        if not value.strip() or len(value) > MAX_SHORT:
            raise ValueError(f"should be a number or a text of 1 to {MAX_SHORT} characters")
        return check_text(value)
    raise ValueError("should be a number or a short text such as 'at least 50%'")


Measure = Annotated[
    float | int | str,
    PlainValidator(_measure),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER},
                {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": MAX_SHORT,
                    "pattern": r"\S",
                    "not": {"pattern": UNWRITABLE_PATTERN},
                },
            ]
        }
    ),
]


class _Model(BaseModel):
    """Shared settings: strict types, unknown fields refused, no NaN, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        use_attribute_docstrings=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _not_thousands_of_fields(cls, data: Any) -> Any:
        """An object of thousands of fields is refused as one problem before its fields are looked at: pydantic
        would make an error for each unknown one (700,000 in a 10 MB file took 335 MB)."""
        if isinstance(data, dict) and len(data) > len(cls.model_fields) + MAX_ITEMS:
            raise ValueError(f"has {len(data):,} fields: far more than it can have")
        return data


class Source(_Model):
    """A framework this one was adapted from (``meta.provenance``), e.g. a county's, which a district started from."""

    title: Title
    """The source framework's title, as it was."""
    organisation: Short | None = None
    """Whose framework it was."""
    date: IsoDate | None = None
    """When it was taken, e.g. 2026-11-23."""


class Meta(_Model):
    """What the framework is and who made it."""

    title: Title
    """The framework's name, e.g. "Active Enfield outcomes framework"."""
    organisation: Short | None = None
    """The council, trust or partnership that owns it."""
    area: Short | None = None
    """The place it covers, e.g. "London Borough of Enfield"."""
    description: Text | None = None
    authors: _list(Short) = ()
    created: IsoDate | None = None
    updated: IsoDate | None = None
    tags: _list(Short) = ()
    provenance: _list(Source) = ()
    """The frameworks this one was adapted from, oldest first (added within version 1: optional)."""
    area_code: AreaCode | None = None
    """The ONS code of the area, e.g. E06000030 for Swindon (added within version 1: optional)."""


class Level(_Model):
    """A column of the logic model, e.g. activities or strategic outcomes."""

    id: Id
    label: Short
    kind: Literal["input", "activity", "output", "outcome"] | None = None
    """What the level holds. When absent it is read from the id: input(s) and
    resource(s) are inputs, activity/activities are activities, output(s) are
    outputs, anything else holds outcomes. If no level is then an activity
    level, the first level whose kind was inferred (and is not input) is."""


DEFAULT_LEVELS: tuple[Level, ...] = (
    Level(id="activity", label="Activities"),
    Level(id="output", label="Outputs"),
    Level(id="intermediate", label="Intermediate outcomes"),
    Level(id="strategic", label="Strategic outcomes"),
)


class Stakeholder(_Model):
    """An organisation with a stake: a commissioner, provider, partner, funder or community."""

    id: Id
    name: Short
    role: Literal["commissioner", "provider", "partner", "funder", "community"]


class Measurement(_Model):
    """What an indicator measured over one period, e.g. 22.1% of adults inactive in 2022/23."""

    period: Short
    """The period as people write it: "2022/23", "Q2 2025/26", "2024"."""
    period_end: IsoDay
    """The day the period ends, e.g. 2023-03-31 for 2022/23: what measurements are sorted by."""
    value: Number
    lower_ci: Number | None = None
    """The lower limit of the 95% confidence interval."""
    upper_ci: Number | None = None
    """The upper limit of the 95% confidence interval."""
    count: Count | None = None
    """The number of people (or events) counted, where the source gives it."""
    denominator: Count | None = None
    """The number they were counted out of, where the source gives it."""
    note: Short | None = None
    source: Short | None = None
    """Where the figure came from, e.g. "Fingertips 2025-11 download" or "session registers"."""

    @model_validator(mode="after")
    def _interval_in_order(self) -> Measurement:
        if self.lower_ci is not None and self.upper_ci is not None and self.lower_ci > self.upper_ci:
            raise ValueError("lower_ci should not be above upper_ci")
        return self


class Delivery(_Model):
    """What an activity delivered over one period: people reached and money spent."""

    period: Short
    """The period as people write it: "2024/25", "Q1 2025/26"."""
    period_end: IsoDay
    """The day the period ends, e.g. 2025-03-31 for 2024/25."""
    participants: Annotated[int, Field(ge=0, le=10**9)] | None = None
    """Participants reached in the period (as ``reach``, the plan, counts them a year)."""
    spent: Amount | None = None
    """Money spent in the period."""
    currency: Currency = "GBP"
    """The currency of ``spent``, as for a cost."""
    note: Short | None = None


class Indicator(_Model):
    """How a box is measured, e.g. PHOF C17b, percentage of physically inactive adults."""

    name: Short
    source: Short | None = None
    """The dataset, e.g. "Public Health Outcomes Framework C17b" or "Active Lives Adult survey"."""
    baseline: Measure | None = None
    target: Measure | None = None
    unit: Short | None = None
    frequency: Short | None = None
    fingertips_id: Annotated[int, Field(ge=1, le=10**9)] | None = None
    """The number Fingertips gives the indicator, e.g. 93015 (added within version 1: optional)."""
    measurements: _list(Measurement, MAX_MEASUREMENTS) = ()
    """What was measured since, one a period (added within version 1: optional)."""


class Cost(_Model):
    """What an activity costs."""

    amount: Amount
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "GBP"
    period: Short | None = None
    """E.g. "a year" or "pilot, 12 months"."""


class Benefit(_Model):
    """An estimated saving or value a box is claimed to bring, with the basis of the estimate in words.

    An estimate, never a measurement: the value summary (``logicmodel.analysis.value``) labels it so.
    """

    amount: Amount
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "GBP"
    period: Short | None = None
    """E.g. "a year"; as for a cost."""
    basis: Sentence
    """How it was estimated, e.g. "avoided emergency admissions for falls at an illustrative unit cost"."""


class Proxy(_Model):
    """The financial proxy of an outcome: what one unit of it is worth, and where that figure comes from,
    e.g. a unit cost database or a published social value figure."""

    amount: Amount
    """What one unit is worth, e.g. the cost of one emergency admission for a fall."""
    currency: Currency = "GBP"
    """As for a cost."""
    unit: Short | None = None
    """What one unit is, e.g. "a fall avoided" or "a person a year"."""
    source: Short | None = None
    """Where the figure comes from, with its year and price base, e.g. "PSSRU Unit Costs 2024, 2024 prices"."""


class Valuation(_Model):
    """What an outcome box is worth a year, for an appraisal (the financial case): how many achieve it, at what
    proxy, less what would have happened anyway (deadweight), what moved elsewhere (displacement) and what
    others brought about (attribution), over how many years and fading how fast (drop-off), and who gains.

    Every figure is optional: a missing one is listed by the appraisal, never counted as zero.
    """

    quantity: Amount | None = None
    """People or units a year achieving the outcome."""
    proxy: Proxy | None = None
    deadweight: Fraction | None = None
    """The share that would have happened anyway, from 0 to 1."""
    attribution: Fraction | None = None
    """The share others' work brought about, from 0 to 1."""
    displacement: Fraction | None = None
    """The share that merely moved elsewhere, from 0 to 1."""
    drop_off: Fraction | None = None
    """How much the benefit fades each year after the first, from 0 to 1."""
    duration: Annotated[int, Field(ge=1, le=MAX_DURATION)] | None = None
    """Years the benefit lasts, at least 1."""
    beneficiary: Id | None = None
    """The id of the stakeholder who gains or saves, e.g. the ICB or adult social care."""


class Appraisal(_Model):
    """How the framework's case is appraised, as HM Treasury's Green Book does it: the discount rate and the
    year whose prices the figures are in."""

    discount_rate: Fraction = 0.035
    """A year, from 0 to 1: the Green Book's 3.5% unless said."""
    price_year: Year | None = None
    """The price base: the year whose prices every amount is in, e.g. 2025."""


class Evidence(_Model):
    """A study, evaluation or report that backs a box up."""

    title: Sentence
    url: Url | None = None
    strength: Strength = "unknown"


class Node(_Model):
    """A box of the logic model: an activity, output or outcome."""

    id: Id
    level: Id
    label: Label
    description: Text | None = None
    stakeholders: _list(Id) = ()
    cohorts: _list(Short) = ()
    indicators: _list(Indicator) = ()
    cost: Cost | None = None
    reach: Annotated[int, Field(ge=0, le=10**9)] | None = None
    """Participants a year."""
    benefit: Benefit | None = None
    """An estimated saving or value (added within version 1, see docs/format.md)."""
    evidence: _list(Evidence) = ()
    tags: _list(Short) = ()
    delivery: _list(Delivery, MAX_DELIVERY) = ()
    """What an activity delivered, one a period (added within version 1: optional)."""
    valuation: Valuation | None = None
    """What an outcome is worth a year, for the appraisal (added within version 1: optional)."""


class Link(_Model):
    """An arrow: the source contributes to the target."""

    source: Id
    target: Id
    rationale: Text | None = None
    assumptions: _list(Sentence) = ()
    strength: Strength = "unknown"
    evidence: _list(Evidence) = ()
    """Studies or evaluations that back this step of the logic (added within version 1)."""


def _at_least_one(value: tuple[Any, ...]) -> tuple[Any, ...]:
    if not value:
        raise ValueError("should not be empty")
    return value


class Step(_Model):
    """One step of a story: the boxes it frames on screen, and what the presenter says about them."""

    nodes: Annotated[
        tuple[Id, ...],
        Field(max_length=MAX_STEP_NODES, json_schema_extra={"minItems": 1}),
        Strict(False),
        AfterValidator(_at_least_one),
    ]
    """The ids of the boxes the step shows, at least one."""
    title: Title | None = None
    note: Note | None = None
    """Up to 2,000 characters, shown beside the diagram."""


class Story(_Model):
    """A pathway told one step at a time, e.g. to a summit or to commissioners (the Present page)."""

    id: Id
    title: Title
    steps: Annotated[
        tuple[Step, ...],
        Field(max_length=MAX_STEPS, json_schema_extra={"minItems": 1}),
        Strict(False),
        AfterValidator(_at_least_one),
    ]
    """At least one. (Checked after the entries, not with pydantic's ``min_length``, which also calls a list
    with one bad entry empty.)"""


class Framework(_Model):
    """A whole outcomes framework (logic model)."""

    schema_version: Annotated[
        int, Field(ge=FORMAT_VERSION, le=FORMAT_VERSION), WithJsonSchema({"type": "integer", "const": FORMAT_VERSION})
    ]
    """The format version, 1: a whole number (true and 1.0 are not versions)."""
    meta: Meta
    levels: Annotated[tuple[Level, ...], Field(min_length=1, max_length=MAX_LEVELS), Strict(False), FailFast()] = (
        DEFAULT_LEVELS
    )
    """Ordered from where change starts to where it ends."""
    stakeholders: _list(Stakeholder, MAX_STAKEHOLDERS) = ()
    nodes: _list(Node, MAX_NODES)
    links: _list(Link, MAX_LINKS)
    stories: _list(Story, MAX_STORIES) = ()
    """Optional (added within version 1): stories to present, one pathway at a time."""
    appraisal: Appraisal | None = None
    """How the case is appraised: discount rate and price year (added within version 1: optional)."""

    _cache: dict[str, Any] = PrivateAttr(default_factory=dict)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Framework:
        """Copy, forgetting derived data (graph, indexes) that may no longer hold."""
        copy = super().model_copy(update=update, deep=deep)
        copy._cache = {}
        return copy

    def __getstate__(self) -> dict[Any, Any]:
        """Pickled without its derived data (sent to or from a worker process, ``logicmodel.jobs.worker``): the
        other side builds what it needs, and a big framework's graph and layout are not copied for nothing."""
        state = super().__getstate__()
        return {**state, "__pydantic_private__": {**(state.get("__pydantic_private__") or {}), "_cache": {}}}

    def __eq__(self, other: object) -> bool:
        """Equal when the content is equal; cached derived data does not count."""
        if not isinstance(other, Framework):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def cached(self, key: str, build: Any) -> Any:
        """Derived data (the graph, indexes), built once per framework object."""
        cache = self.__pydantic_private__["_cache"]  # the dict itself: pydantic's look-up of ``self._cache`` costs
        try:  # microseconds, and a report of a big framework asks a few hundred thousand times
            return cache[key]
        except KeyError:
            value = cache[key] = build(self)
            return value

    @property
    def level_ids(self) -> list[str]:
        """Level ids in order, e.g. ``['activity', 'output', 'intermediate', 'strategic']``."""
        return [level.id for level in self.levels]

    @property
    def level_rank(self) -> dict[str, int]:
        """Position of each level id, 0 for the first."""
        return self.cached("level_rank", lambda fw: {level.id: i for i, level in enumerate(fw.levels)})

    @property
    def level_kinds(self) -> dict[str, str]:
        """The kind of each level (input, activity, output or outcome), inferred where not stated."""
        return self.cached("level_kinds", _level_kinds)

    @property
    def node_by_id(self) -> dict[str, Node]:
        """Nodes by id (the first, if a broken file repeats one)."""
        return self.cached("node_by_id", lambda fw: {n.id: n for n in reversed(fw.nodes)})

    @property
    def node_rank(self) -> dict[str, int]:
        """The level position of each node id (nodes of unknown levels left out)."""
        return self.cached("node_rank", _node_rank)

    @property
    def link_pairs(self) -> list[tuple[str, str]]:
        """Every link as a ``(source, target)`` pair, in the framework's order."""
        return self.cached("link_pairs", lambda fw: [(link.source, link.target) for link in fw.links])

    def level_label(self, level_id: str) -> str:
        """The label of a level, or its id when unknown."""
        for level in self.levels:
            if level.id == level_id:
                return level.label
        return level_id


_KIND_BY_ID = {
    "input": "input",
    "inputs": "input",
    "resource": "input",
    "resources": "input",
    "activity": "activity",
    "activities": "activity",
    "output": "output",
    "outputs": "output",
}


def _node_rank(fw: Framework) -> dict[str, int]:
    rank = fw.level_rank
    return {node.id: rank[node.level] for node in reversed(fw.nodes) if node.level in rank}


def _level_kinds(fw: Framework) -> dict[str, str]:
    return level_kinds(fw.levels)


def level_kinds(levels: Sequence[Level]) -> dict[str, str]:
    """What each level holds (input, activity, output or outcome), by its id: its ``kind``, or read from its id
    as ``Level.kind`` says."""
    kinds = {level.id: level.kind or _KIND_BY_ID.get(level.id.lower(), "outcome") for level in levels}
    if "activity" not in kinds.values():
        inferred = [level.id for level in levels if level.kind is None and kinds[level.id] != "input"]
        if inferred:
            kinds[inferred[0]] = "activity"
    return kinds
