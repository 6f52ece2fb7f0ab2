"""Words the app shows for things the engine names: choices on Home, sample buttons, kinds of level.

Kept out of the pages so the wording is tested once and reads the same everywhere. Nothing here
escapes Markdown: the app does that (``ui.text.md``) when it draws these strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["KIND_PLURALS", "kind_plural", "sample_button", "start_choice"]

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
