"""A level named in words, as a person writes it: the one matcher for every place a level is typed or pasted.

A lead writes "Intermediate outcome" for the level labelled "Intermediate outcomes", "activities" or "Activity"
for Activities, "strategic" (the level's id) for Strategic outcomes, or "outcome" when one level holds outcomes.
``LevelNames.find`` reads all of these: case, spacing, hyphens and a plural "s" do not matter; a level is known
by its label, its id, or the kind it holds (input, activity, output, outcome) when one level holds that kind.
A name it cannot place is quoted back with the choices (``LevelNames.refusal``), never dropped.

>>> from logicmodel.core.models import DEFAULT_LEVELS
>>> names = LevelNames.of(DEFAULT_LEVELS)
>>> [names.find(text) for text in ("Intermediate outcome", "ACTIVITY", "strategic", "output", "Outcomes")]
['intermediate', 'activity', 'strategic', 'output', None]
>>> names.refusal("Intermidiate")
"no level called 'Intermidiate'; the levels are Activities, Outputs, Intermediate outcomes, Strategic outcomes"
>>> names.refusal("Outcomes")
"'Outcomes' could be Intermediate outcomes or Strategic outcomes; the levels are Activities, Outputs, \
Intermediate outcomes, Strategic outcomes"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from logicmodel.core.errors import quoted
from logicmodel.core.models import Level, level_kinds

__all__ = ["KIND_WORDS", "LevelNames", "Meaning", "level_meaning", "name_key"]

KIND_WORDS = {"input": "input", "resource": "input", "activity": "activity", "output": "output", "outcome": "outcome"}
"""The words for what a level holds (singular, as ``name_key`` writes them), each with the kind it names."""

_NOT_WORD = re.compile(r"[\W_]+")


def _singular(word: str) -> str:
    """An English plural made singular, as far as level names need: activities, outcomes, outputs, impacts.

    >>> [_singular(w) for w in ("activities", "outcomes", "inputs", "process", "goals", "is")]
    ['activity', 'outcome', 'input', 'process', 'goal', 'is']
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def name_key(text: str) -> str:
    """A name as it is compared: letters and digits only, in any case, each word singular.

    >>> name_key("  Short-term OUTCOMES "), name_key("short_term_outcome")
    ('short term outcome', 'short term outcome')
    """
    plain = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_singular(word) for word in _NOT_WORD.split(plain) if word)


@dataclass(frozen=True)
class Meaning:
    """What a level's name means, in the words theory-of-change tools use: what it holds, and where it comes."""

    kind: str
    """input, activity, output or outcome (impacts, goals, a vision and a mission hold outcomes)."""
    rank: int
    """Where it comes: inputs 0, activities 1, outputs 2, short-term outcomes 3, outcomes 4, long-term outcomes 5,
    impact 6, goals 7, mission 8, vision 9."""
    word: str
    """The word that gave it away ("goal"), for the command line's note."""


_HEADS: tuple[tuple[tuple[str, ...], str, int], ...] = (
    (("vision",), "outcome", 9),
    (("mission",), "outcome", 8),
    (("goal", "aim"), "outcome", 7),
    (("impact",), "outcome", 6),
    (("outcome", "result", "purpose", "objective", "effect", "benefit"), "outcome", 4),
    (("output", "deliverable"), "output", 2),
    (("activity", "action", "intervention", "strategy", "act"), "activity", 1),
    (("input", "resource", "investment"), "input", 0),
)
"""The words that say what a level holds (as ``name_key`` writes them), each with its kind and rank."""

_WHEN = {
    "short": 3, "immediate": 3, "early": 3, "initial": 3, "proximal": 3,
    "intermediate": 4, "medium": 4, "mid": 4,
    "long": 5, "strategic": 5, "final": 5, "ultimate": 5, "distal": 5, "end": 5,
}  # fmt: skip
"""Words that place an outcome in time: "short-term outcomes" come before "long-term outcomes"."""

_OVERALL = {"overall", "general", "development", "wider"}
"""An objective these words qualify is the logframe's goal ("overall objective"), not its purpose."""


def level_meaning(text: str) -> Meaning | None:
    """What a level's name means, or None when it says nothing this builder knows (or two things at once).

    >>> [(m.kind, m.rank) for m in map(level_meaning, ["Long-term outcomes", "short term outcomes", "Impacts",
    ...     "Goal", "Purpose", "Results", "Strategies", "Vision"])]
    [('outcome', 5), ('outcome', 3), ('outcome', 6), ('outcome', 7), ('outcome', 4), ('outcome', 4), \
('activity', 1), ('outcome', 9)]
    >>> level_meaning("Long-term goals").rank, level_meaning("Overall objective").rank
    (7, 7)
    >>> level_meaning("Schlüsselfaktor") is None, level_meaning("Activities and outputs") is None
    (True, True)
    """
    words = name_key(text).split()
    found = {(kind, rank, word) for heads, kind, rank in _HEADS for word in words if word in heads}
    if len({(kind, rank) for kind, rank, _ in found}) != 1:
        return None
    kind, rank, word = found.pop()
    if rank == 4 and word == "objective" and _OVERALL & set(words):
        rank = 7
    elif rank == 4:
        rank = next((_WHEN[w] for w in words if w in _WHEN), 4)
    return Meaning(kind, rank, word)


@dataclass(frozen=True)
class LevelNames:
    """The levels of a framework, found by any way a person writes them."""

    labels: tuple[tuple[str, str], ...]
    """Each level's id and label, in order."""
    by_name: dict[str, str]
    """Level ids by the key (``name_key``) of a label or an id."""
    by_kind: dict[str, tuple[str, ...]]
    """Level ids by the kind they hold."""

    @classmethod
    def of(cls, levels: Sequence[Level]) -> LevelNames:
        """The matcher for ``levels`` (a framework's, or those a file declares)."""
        return cls.from_names([(lv.id, lv.label) for lv in levels], level_kinds(levels))

    @classmethod
    def from_names(cls, labels: Iterable[tuple[str, str]], kinds: dict[str, str] | None = None) -> LevelNames:
        """The matcher for levels given as ``(id, label)`` pairs, with what each holds when known (an importer's
        levels before they are checked)."""
        labels = tuple(labels)
        by_name: dict[str, str] = {}
        for level_id, label in labels:  # a label first, then an id: the first level to claim a key keeps it
            by_name.setdefault(name_key(label), level_id)
        for level_id, _ in labels:
            by_name.setdefault(name_key(level_id), level_id)
        by_kind: dict[str, tuple[str, ...]] = {}
        for level_id, kind in (kinds or {}).items():
            by_kind[kind] = (*by_kind.get(kind, ()), level_id)
        return cls(labels, by_name, by_kind)

    def find(self, text: str) -> str | None:
        """The id of the level ``text`` names, or None when it names none (or could be more than one)."""
        key = name_key(text)
        if not key:
            return None
        if key in self.by_name:
            return self.by_name[key]
        holding = self.by_kind.get(KIND_WORDS.get(key, ""), ())
        return holding[0] if len(holding) == 1 else None

    def choices(self) -> str:
        """The levels' labels, in order: "Activities, Outputs, Intermediate outcomes, Strategic outcomes"."""
        return ", ".join(label for _, label in self.labels)

    def refusal(self, text: str) -> str:
        """Why ``text`` names no level, quoting it, with the levels to choose from."""
        choices = f"the levels are {self.choices()}" if self.labels else "there are no levels yet"
        if not text.strip():
            return f"say which level; {choices}"
        holding = self.by_kind.get(KIND_WORDS.get(name_key(text), ""), ())
        if len(holding) > 1:
            label = dict(self.labels)
            could = " or ".join([", ".join(label[i] for i in holding[:-1]), label[holding[-1]]])
            return f"{quoted(text)} could be {could}; {choices}"
        return f"no level called {quoted(text)}; {choices}"
