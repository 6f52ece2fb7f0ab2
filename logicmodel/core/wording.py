"""Words the app shows for things the engine names: choices on Home, sample buttons, kinds of level.

Kept out of the pages so the wording is tested once and reads the same everywhere. Nothing here
escapes Markdown: the app does that (``ui.text.md``) when it draws these strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from logicmodel.core.errors import Problem, Where

__all__ = [
    "KIND_PLURALS",
    "ago",
    "authors_line",
    "kind_plural",
    "path_words",
    "plural",
    "problem_line",
    "problem_lines",
    "sample_button",
    "start_choice",
]

KIND_PLURALS = {"input": "inputs", "activity": "activities", "output": "outputs", "outcome": "outcomes"}
"""What a level of each kind holds, in the plural: "holds activities"."""

_TEMPLATE_SUFFIX = re.compile(r"\s*\((?:a\s+)?template\)\s*$", re.IGNORECASE)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` and the word for that many, the one plural helper of the app and the engine.

    The plural is ``words`` when given, else the word with "es" after s, x, ch or sh, else with "s".

    >>> plural(1, "box"), plural(9, "box"), plural(2, "link"), plural(0, "activity", "activities")
    ('1 box', '9 boxes', '2 links', '0 activities')
    >>> plural(12000, "person", "people")
    '12,000 people'
    """
    if n == 1:
        return f"{n} {word}"
    return f"{n:,} {words or (word + 'es' if word.endswith(('s', 'x', 'ch', 'sh')) else word + 's')}"


def authors_line(authors: Sequence[str], organisation: str | None = None) -> str:
    """Who made a framework, on one line, for a document's properties: its authors, else its organisation.

    >>> authors_line(["Priya Shah", "Tom O'Neill"], "Swindon Borough Council"), authors_line([], "Swindon")
    ("Priya Shah; Tom O'Neill", 'Swindon')
    """
    return "; ".join(authors) or organisation or ""


def kind_plural(kind: str) -> str:
    """The boxes a level of this kind holds, e.g. ``"activities"`` (never "activitys").

    >>> kind_plural("activity"), kind_plural("outcome"), kind_plural("stage")
    ('activities', 'outcomes', 'stages')
    """
    return KIND_PLURALS.get(kind, f"{kind}s")


def start_choice(title: str, levels: Sequence[str]) -> str:
    """A template as one "Start from" choice: its name, once, then its columns in order.

    A template's own title says "(template)"; the choice need not say it twice.

    >>> start_choice("Logframe (template)", ["Activities", "Outputs", "Purpose", "Goal"])
    'Logframe: Activities → Outputs → Purpose → Goal'
    >>> start_choice("My model", [])
    'My model'
    """
    name = _TEMPLATE_SUFFIX.sub("", title).strip() or title.strip()
    return f"{name}: {' → '.join(levels)}" if levels else name


def sample_button(title: str, max_chars: int = 60) -> str:
    """A gallery card's button: "Open" and the sample's short name (before a colon), not its whole title.

    The card already shows the full title just above; a button that repeats it wraps over three lines.

    >>> sample_button("Active Enfield: sport and physical activity outcomes framework")
    'Open Active Enfield'
    >>> sample_button("Southend: co-produced Physical Activity Strategy")
    'Open Southend'
    >>> sample_button("Healthy towns")
    'Open Healthy towns'
    >>> sample_button("A very long sample title with no colon in it at all, going on and on")
    'Open A very long sample title with no colon in it at all, going…'
    """
    short = title.split(":", 1)[0].strip() or title.strip()
    if len(short) > max_chars:
        short = short[: max_chars - 1].rstrip() + "…"
    return f"Open {short}"


def problem_lines(problems: Sequence[Problem], hidden: int = 0, limit: int = 8) -> list[str]:
    """Problems as at most ``limit`` lines a user can act on, then how many more (``hidden`` counts those
    already left out, e.g. ``FrameworkError.hidden``): one bad file is not a wall of red.

    >>> from logicmodel.core.errors import Box
    >>> walk = Box("walk", "Free swims")
    >>> problem_lines([Problem("nodes[0].level", "unknown level 'x'", where=Where("box", 0, (walk,), "level")),
    ...                Problem.about("links[0].target", "no box has the id ", Box("zz"),
    ...                              where=Where("link", 0, (walk, Box("zz")), "target"))])
    ["box 'Free swims', level: unknown level 'x'", "link from 'Free swims' to 'zz', target: no box has the id 'zz'"]
    >>> problem_lines([Problem(f"nodes[{i}].label", "should not be empty", where=Where("box", i, (Box(""),), "label"))
    ...                for i in range(5)], hidden=45, limit=2)
    ['box 1, label: should not be empty', 'box 2, label: should not be empty', '... and 48 more problems']
    """
    lines = [problem_line(p) for p in problems[:limit]]
    hidden += max(0, len(problems) - limit)
    if hidden:
        lines.append(f"... and {plural(hidden, 'more problem')}")
    return lines


def problem_line(problem: Problem) -> str:
    """One problem in the user's words: the box or link it is at, by label, then what is wrong.

    >>> from logicmodel.core.errors import Box
    >>> problem_line(Problem.about("links[3]", Box("a", "Walks"), " links to itself",
    ...                            where=Where("link", 3, (Box("a", "Walks"), Box("a", "Walks")))))
    "link from 'Walks' to 'Walks': 'Walks' links to itself"
    """
    words = problem.words()
    where = problem.where
    if problem.place:  # in the other tool's file, where the person will look for it
        return f"{problem.place}: {words}"
    if where is None:
        return f"{path_words(problem.path)}: {words}" if problem.path else words
    if where.kind == "new link":  # its words name it; a grid's row and column say where it would be
        return f"{path_words(problem.path)}: {words}" if problem.path else words
    place = _box(where) if where.kind == "box" else _link(where)
    return f"{place}, {where.field}: {words}" if where.field else f"{place}: {words}"


_ONE_OF = {
    "nodes": "box",
    "links": "link",
    "levels": "level",
    "stakeholders": "stakeholder",
    "indicators": "indicator",
    "elements": "element",
    "connections": "connection",
    "stories": "story",
    "steps": "step",
    "measurements": "measurement",
    "cohorts": "cohort",
    "tags": "tag",
}
"""What one entry of each list of a file is called on screen: ``nodes[3]`` is "box 4"."""

_FIELD_WORDS = {"url": "web address"}
"""A field's name on screen where the file's differs."""

_FILE_PATH = re.compile(r"^[A-Za-z_]\w*(?:\[\d+\]|\.[^.\[\]]+)*$")


def path_words(path: str) -> str:
    """A place in a JSON file (``connections[0]``, ``nodes[3].level``, ``meta.title``) as the screen says it,
    counting from 1; any other place (``line 12``, ``boxes.csv, row 5``) as it is.

    >>> path_words("connections[0]"), path_words("nodes[3].indicators[0].name"), path_words("meta.title")
    ('connection 1', 'box 4, indicator 1, name', 'title')
    >>> path_words("evidence[0].url"), path_words("line 12"), path_words("boxes.csv")
    ('evidence 1, web address', 'line 12', 'boxes.csv')
    >>> path_words("elements[2].attributes.element type")
    'element 3, attributes, element type'
    """
    if not _FILE_PATH.match(path) or not ("[" in path or path.startswith("meta.")):
        return path
    words = []
    for name, index in re.findall(r"\.?([^.\[\]]+)?(?:\[(\d+)\])?", path):
        if index:
            words.append(f"{_ONE_OF.get(name, name.removesuffix('s') or name)} {int(index) + 1}")
        elif name and name != "meta":
            words.append(_FIELD_WORDS.get(name, name.replace("_", " ")))
    return ", ".join(words) or path


def _box(where: Where) -> str:
    (box,) = where.boxes
    return f"box {box.named(by_label=True)}" if box.label.strip() else f"box {where.index + 1}"


def _link(where: Where) -> str:
    if len(where.boxes) != 2 or not all(b.id for b in where.boxes):
        return f"link {where.index + 1}"
    source, target = (b.named(by_label=True) for b in where.boxes)
    return f"link from {source} to {target}"


def ago(then: datetime, now: datetime) -> str:
    """How long ago a save was, as people say it: "just now", "2 minutes ago", "yesterday", "on 3 March 2026".

    >>> from datetime import UTC, datetime, timedelta
    >>> now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    >>> [ago(now - timedelta(seconds=s), now) for s in (5, 60, 150, 3600, 7300, 86400, 3 * 86400, 40 * 86400)]
    ['just now', '1 minute ago', '2 minutes ago', '1 hour ago', '2 hours ago', 'yesterday', '3 days ago', \
'on 14 October 2026']
    """
    seconds = max(0, int((now - then).total_seconds()))
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86400
    if seconds < 45:
        return "just now"
    if hours < 1:
        return f"{max(1, minutes)} minute{'s' if minutes > 1 else ''} ago"
    if days < 1:
        return f"{hours} hour{'s' if hours > 1 else ''} ago"
    if days == 1:
        return "yesterday"
    if days <= 30:
        return f"{days} days ago"
    return f"on {then.day} {then:%B %Y}"
