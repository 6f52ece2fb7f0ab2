"""Words the app shows for things the engine names: choices on Home, sample buttons, kinds of level.

Kept out of the pages so the wording is tested once and reads the same everywhere. Nothing here
escapes Markdown: the app does that (``ui.text.md``) when it draws these strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from logicmodel.errors import Problem

__all__ = ["KIND_PLURALS", "ago", "kind_plural", "problem_lines", "sample_button", "start_choice"]

KIND_PLURALS = {"input": "inputs", "activity": "activities", "output": "outputs", "outcome": "outcomes"}
"""What a level of each kind holds, in the plural: "holds activities"."""

_TEMPLATE_SUFFIX = re.compile(r"\s*\((?:a\s+)?template\)\s*$", re.IGNORECASE)


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


_PLACE = re.compile(r"^(nodes|links)\[(\d+)\]\.?")
_MORE = re.compile(r"^\.\.\. and (\d+) more problems?$")
MAX_LABEL = 60


def problem_lines(problems: Sequence[Problem], raw: bytes | str | None = None, limit: int = 8) -> list[str]:
    """An imported file's problems as at most ``limit`` lines a user can act on, then how many more.

    A box or link is named by the labels in the file (``raw``, when it is JSON) rather than by its
    position (``nodes[17]``); the rest of the list is counted, not shown, so one bad file is not a wall
    of red.

    >>> raw = '{"nodes": [{"id": "a", "label": "Free swims"}], "links": [{"source": "a", "target": "zz"}]}'
    >>> problem_lines([Problem("nodes[0].level", "unknown level 'x'"),
    ...                Problem("links[0].target", "no node has the id 'zz'")], raw)
    ["box 'Free swims', level: unknown level 'x'", "link from 'Free swims' to 'zz', target: no node has the id 'zz'"]
    >>> problem_lines([Problem(f"nodes[{i}].label", "should not be empty") for i in range(5)]
    ...               + [Problem("", "... and 45 more problems")], None, limit=2)
    ['box 1, label: should not be empty', 'box 2, label: should not be empty', '... and 48 more problems']
    """
    data = _parsed(raw)
    hidden = 0
    lines = []
    for problem in problems:
        more = _MORE.match(problem.message) if not problem.path else None
        if more:
            hidden += int(more.group(1))
        elif len(lines) < limit:
            lines.append(_line(problem, data))
        else:
            hidden += 1
    if hidden:
        lines.append(f"... and {hidden} more problem{'s' if hidden != 1 else ''}")
    return lines


def _parsed(raw: bytes | str | None) -> dict[str, Any]:
    try:
        data = json.loads(raw) if raw else {}
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _line(problem: Problem, data: dict[str, Any]) -> str:
    match = _PLACE.match(problem.path)
    if not match:
        return str(problem)
    kind, index = match.group(1), int(match.group(2))
    rest = problem.path[match.end() :]
    where = _box(data, index) if kind == "nodes" else _link(data, index)
    return f"{where}, {rest}: {problem.message}" if rest else f"{where}: {problem.message}"


def _item(data: dict[str, Any], kind: str, index: int) -> dict[str, Any]:
    items = data.get(kind)
    item = items[index] if isinstance(items, list) and index < len(items) else None
    return item if isinstance(item, dict) else {}


def _short(text: object) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _box(data: dict[str, Any], index: int) -> str:
    label = _item(data, "nodes", index).get("label")
    return f"box '{_short(label)}'" if isinstance(label, str) and label.strip() else f"box {index + 1}"


def _link(data: dict[str, Any], index: int) -> str:
    link = _item(data, "links", index)
    nodes = data.get("nodes")
    nodes = nodes if isinstance(nodes, list) else []
    labels = {n["id"]: n.get("label") for n in nodes if isinstance(n, dict) and isinstance(n.get("id"), str)}
    ends = []
    for end in ("source", "target"):
        node_id = link.get(end)
        if not isinstance(node_id, str):
            return f"link {index + 1}"
        label = labels.get(node_id)
        ends.append(_short(label if isinstance(label, str) and label.strip() else node_id))
    return f"link from '{ends[0]}' to '{ends[1]}'"


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
