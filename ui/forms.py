"""Turning what users type into the engine's values: blank means "not given", lists are one per line.

>>> optional("  "), optional(" Public Health ")
(None, 'Public Health')
>>> lines("Walks are weekly\\n\\n  Older people join \\n")
['Walks are weekly', 'Older people join']
>>> measure("42"), measure("12.5"), measure("at least 50%"), measure("")
(42, 12.5, 'at least 50%', None)
"""

from __future__ import annotations

import hashlib
import json
import math

from pydantic import BaseModel

__all__ = ["as_text", "lines", "measure", "optional", "stamp"]


def stamp(part: BaseModel, exclude: set[str] | None = None) -> str:
    """A short fingerprint of a part's fields, for the keys of the form that edits them.

    The form's keys change when (and only when) those fields change: after a save or an undo of it the
    form shows the model, while an unrelated edit (an indicator added below) keeps what the user has
    typed in it but not saved yet.
    """
    data = json.dumps(part.model_dump(mode="json", exclude=exclude), sort_keys=True)
    return hashlib.blake2b(data.encode(), digest_size=6).hexdigest()


def optional(text: str | None) -> str | None:
    """Stripped text, or None when blank."""
    text = (text or "").strip()
    return text or None


def lines(text: str | None) -> list[str]:
    """The non-blank lines of ``text``, stripped: how lists (assumptions, authors, tags) are typed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def measure(text: str | None) -> float | int | str | None:
    """A baseline or target: a number when it reads as one, else the text (e.g. "at least 50%"), None when blank."""
    text = optional(text)
    if text is None:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return text
    if not math.isfinite(value):
        return text
    return int(value) if value.is_integer() and "." not in text else value


def as_text(value: object) -> str:
    """A stored value back in a text box: None as blank, lists one per line."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value)
    return str(value)
