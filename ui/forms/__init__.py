"""The app's forms, one module each, and what they share: their keys, and turning what users type into values.

Each form module (``ui.forms.boxes``, ``ui.forms.links``...) defines its widget keys once, as ``Keys``, and both
draws the form and reads it with them: a page calls the module's ``draw_...`` and the form's buttons call the
module's callbacks, so no page spells a key an action must match. A callback reads only the fields its
``Keys`` declares (another name raises ``KeyError`` at once), and ``tests/test_app_forms.py`` checks that every
declared field is drawn.

Typed text to values: blank means "not given", lists are one per line.

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
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from ui.state import fields

__all__ = ["Keys", "as_text", "lines", "measure", "optional", "stamp"]


_UNSET: Any = object()


@dataclass(frozen=True)
class Keys:
    """The widget keys of one form, defined once: ``{prefix}_{field}``, or ``{prefix}_{field}_{suffix}`` for a
    form drawn once per box, link or level (the suffix names which). A field prefilled from the framework is
    drawn with ``k(field, saved)``: its key also carries a stamp of ``saved`` (``ui.state.fields.field_key``),
    so it changes when, and only when, that saved value does; the form's callback reads it back with
    ``k.value(field)``, under the key it was drawn with.

    >>> box = Keys("box", ("label", "level")).of("walk")
    >>> box.base("label"), box.bases()
    ('box_label_walk', ['box_label_walk', 'box_level_walk'])
    >>> box("lable")
    Traceback (most recent call last):
    KeyError: "the form 'box' has no field 'lable' (it has: label, level)"
    """

    prefix: str
    fields: tuple[str, ...]
    suffix: str = ""

    def base(self, field: str) -> str:
        """``field``'s key without a stamp."""
        if field not in self.fields:
            raise KeyError(f"the form '{self.prefix}' has no field '{field}' (it has: {', '.join(self.fields)})")
        return f"{self.prefix}_{field}_{self.suffix}" if self.suffix else f"{self.prefix}_{field}"

    def bases(self) -> list[str]:
        """Every field's key without a stamp, in the order of the fields."""
        return [self.base(field) for field in self.fields]

    def all(self) -> list[str]:
        """Every field's key as last drawn, in the order of the fields."""
        return [self(field) for field in self.fields]

    def __call__(self, field: str, saved: Any = _UNSET) -> str:
        """The key of ``field``'s widget: drawn prefilled with ``saved``, or as last drawn."""
        base = self.base(field)
        return fields.key_of(base) if saved is _UNSET else fields.field_key(base, saved)

    def of(self, *suffix: object) -> Keys:
        """The same form's keys for one box, link or level: ``of("walk", 3)`` gives ``..._walk_3``."""
        return replace(self, suffix="_".join(str(part) for part in suffix))

    def value(self, field: str) -> Any:
        """What ``field``'s widget holds now, read by the form's callback (None when it is not on the page)."""
        return fields.read(self.base(field))

    def text(self, field: str) -> str:
        """``field``'s text, stripped ("" when blank or not on the page)."""
        return (self.value(field) or "").strip()


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
