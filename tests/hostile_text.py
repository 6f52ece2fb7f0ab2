"""A framework whose every text is made to become a link, an icon or formatting, and how to spot one that did.

Shared by the AppTests (``test_app_literal_text``) and the browser test (``browser/test_literal_text``).
``live_patterns(source)`` reads a Markdown string the app gave Streamlit the way Streamlit's renderer does
(react-markdown with remark-gfm's autolinks, remark-directive colours, remark-math, remark-emoji and its
own ``:material/...:`` and ``:streamlit:`` shortcodes and typographic arrows) and lists what would not be
shown as typed.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FILE_NAME", "OUTSIDE", "PAYLOAD", "hostile_data", "live_patterns"]

OUTSIDE = ("evil.example", "example.org")
"""The outside addresses in the payload: no link in the app may point at one."""
PAYLOAD = (
    "www.evil.example https://evil.example/p someone@example.org :material/home: :streamlit: :smile: "
    ":red[red] :blue-background[bg] $x^2$ a -> b"
)
"""Every pattern at once; 144 characters, so it fits the shortest text field (200) with a word after it."""
FILE_NAME = "www.evil.example someone@example.org :material/home: :smile:.json"


def hostile_data(payload: str = PAYLOAD) -> dict[str, Any]:
    """A valid framework with ``payload`` in every text field, an id that is a web address, and two warnings."""

    def text(word: str) -> str:
        return f"{payload} {word}"

    return {
        "schema_version": 1,
        "meta": {
            "title": text("Title"),
            "organisation": text("Organisation"),
            "area": text("Area"),
            "description": text("Description"),
            "authors": [text("Author")],
            "tags": [text("Tag")],
        },
        "levels": [
            {"id": "activity", "label": text("Activities"), "kind": "activity"},
            {"id": "output", "label": text("Outputs"), "kind": "output"},
            {"id": "intermediate", "label": text("Intermediate"), "kind": "outcome"},
            {"id": "strategic", "label": text("Strategic"), "kind": "outcome"},
        ],
        "stakeholders": [
            {"id": "evil.example", "name": text("Public Health"), "role": "commissioner"},
            {"id": "trust", "name": text("Leisure trust"), "role": "provider"},
        ],
        "nodes": [
            {
                "id": "www.evil.example",
                "level": "activity",
                "label": text("Walks"),
                "description": text("Walks description"),
                "stakeholders": ["trust"],
                "cohorts": [text("Older people")],
                "cost": {"amount": 1000, "period": text("a year")},
                "evidence": [{"title": text("Evaluation"), "url": "https://evil.example/paper"}],
                "tags": [text("walking")],
            },
            {"id": "sessions", "level": "output", "label": text("Sessions")},
            {"id": "active", "level": "intermediate", "label": text("More active")},
            {
                "id": "falls",
                "level": "strategic",
                "label": text("Fewer falls"),
                "stakeholders": ["evil.example"],
                "indicators": [
                    {
                        "name": text("Falls admissions"),
                        "source": text("PHOF"),
                        "baseline": text("Baseline"),
                        "target": text("Target"),
                        "unit": text("Unit"),
                        "frequency": text("yearly"),
                    }
                ],
            },
            {"id": "alone", "level": "activity", "label": text("Unlinked")},
        ],
        "links": [
            {"source": "www.evil.example", "target": "sessions", "rationale": text("Why"), "assumptions": [text("If")]},
            {"source": "sessions", "target": "active"},
            {"source": "active", "target": "falls"},
        ],
    }


_DIRECTIVE = re.compile(r"(?<!\\)(?:\\\\)*:[A-Za-z][\w-]*\[")
_MATH = re.compile(r"(?<!\\)(?:\\\\)*\$")
_AFTER_ESCAPES = [
    ("web address", re.compile(r"https?://|www(?=\.)", re.IGNORECASE)),
    ("e-mail address", re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+")),
    ("icon", re.compile(r":material_\w+:|:streamlit:")),
    ("emoji", re.compile(r":[\w+-][\w+-]*:")),
    ("arrow or sign", re.compile(r"(?:^|\s)(?:<->|->|<-|--|>=|<=|~=)(?:\s|$)")),
]


def live_patterns(source: str) -> list[str]:
    """What in the Markdown ``source`` Streamlit would turn into a link, icon, emoji, colour, formula or sign.

    >>> live_patterns("www.evil.example :smile: :red[x] $a$")
    ['colour or directive', 'formula', 'web address', 'emoji']
    >>> live_patterns("www\\u2060\\\\.evil \\u2060\\\\:smile\\u2060\\\\: \\u2060\\\\:red\\\\[x\\\\] \\\\$a\\\\$")
    []
    """
    found = []
    if ":material/" in source:  # Streamlit rewrites it to ":material_" before it parses, even when escaped
        found.append("icon code")
    source = source.replace(":material/", ":material_")
    if _DIRECTIVE.search(source):
        found.append("colour or directive")
    if _MATH.search(source):
        found.append("formula")
    text = re.sub(r"\\(.)", r"\1", source)  # the text once Markdown's escapes are read
    found += [name for name, pattern in _AFTER_ESCAPES if pattern.search(text)]
    return found
