"""Form fields' keys: stamped by the saved value each field shows, so a newer version refreshes only the fields
it changed, and a field someone is typing into is held rather than overwritten.

A widget's key is its identity (Streamlit keeps a keyed widget's state, and the browser keeps text typed into
a form and not yet submitted, for as long as the key is unchanged). ``field_key(base, saved)`` is ``base``
plus a short hash of the saved value the field is prefilled from: after an edit, an undo, an open or a newer
version loaded from someone else, a field whose saved value changed gets a new key (and draws the new value);
every other field keeps its key, and whatever is typed in it.

A field the person is typing into (``typed``: the browser's watcher, ``ui.typing_watch``, says which form
fields have unsubmitted typing) whose saved value changed under them is **held**: it keeps
its old key, so their text stays, and is recorded with the version it was drawn from. When the form is then
submitted (a callback reads a held field through ``read``), ``take_held`` tells the save (``ui.state.saving``)
to go to today's clash, so the person chooses between their change and the other person's: nothing is
silently overwritten, nothing is lost.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import streamlit as st

from logicmodel.core.models import Framework
from ui.state.session import FRAMEWORK, VERSION

__all__ = [
    "before",
    "drawn_keys",
    "field_key",
    "held",
    "key_of",
    "loading",
    "read",
    "remember_first",
    "same",
    "set_typed",
    "stamp",
    "take_held",
    "typed",
    "unholdable",
    "unsaved",
]

KEYS = "field_keys"
"""{base: the key last drawn for it}."""
HELD = "field_held"
"""{key: the version it was drawn from}: fields whose saved value changed while being typed into."""
TYPED = "field_typed"
"""Keys of form fields with unsubmitted typing, as the browser's watcher last said (less those since read)."""
READ = "field_read"
"""Keys read by a form's callback since the watcher last said (submitted: no longer unsubmitted typing)."""
HELD_SUBMIT = "field_held_submit"
"""The version a held field read at a submit was drawn from: the save goes to the clash."""
LOADED_OVER = "field_loaded_over"
"""The version this tab had when it last loaded a newer one: the version a field held then was drawn from."""
FIRST = "field_first"
"""{key: the value the field was first drawn with}."""
UNHOLDABLE = "field_unholdable"
"""Keys drawn with ``hold=False`` (grids)."""
BEFORE = "field_before"
"""{version: Framework}: the versions held fields were drawn from (the clash's "what you had")."""


def stamp(saved: Any) -> str:
    """A short, stable hash of a saved value (its JSON, or its text when it has none)."""
    try:
        text = json.dumps(saved, sort_keys=True, default=str)
    except (TypeError, ValueError):
        text = repr(saved)
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


def drawn_keys() -> dict[str, str]:
    """{base: key} of every field drawn with ``field_key`` in this session."""
    return st.session_state.setdefault(KEYS, {})


def typed() -> set[str]:
    """Keys of form fields with typing the server cannot see yet (the watcher's last word, less those read)."""
    return set(st.session_state.get(TYPED) or ()) - set(st.session_state.get(READ) or ())


def set_typed(keys: list[str]) -> None:
    """What the browser's watcher says now: keys read at a submit and no longer reported are forgotten."""
    reported = set(keys)
    st.session_state[TYPED] = reported
    st.session_state[READ] = set(st.session_state.get(READ) or ()) & reported


def held() -> dict[str, int]:
    """{key: version drawn from} of the fields held for the person's typing."""
    return st.session_state.setdefault(HELD, {})


def field_key(base: str, saved: Any, *, hold: bool = True) -> str:
    """The key for the field ``base`` prefilled with ``saved``: ``base`` and a stamp of ``saved``; or, when the
    field was drawn with another key that is being typed into (``typed``), that key (held, so the person's
    text stays). ``hold=False`` for a widget whose identity is also its data (a grid): it cannot be
    held, and ``ui.state.live`` waits while it has unsaved typing instead."""
    keys = drawn_keys()
    new = f"{base}_{stamp(saved)}"
    last = keys.get(base)
    if not hold:
        st.session_state.setdefault(UNHOLDABLE, set()).add(new)
    elif last is not None and last != new and last in typed():
        held().setdefault(last, st.session_state.get(LOADED_OVER, st.session_state.get(VERSION) or 0))
        return last
    if last is not None:  # no longer held: saved, no longer typed in, or their value is the one typed over
        held().pop(last, None)
    keys[base] = new
    return new


def same(a: Any, b: Any) -> bool:
    """Whether two widget values are the same (arrays and tables by their text)."""
    try:
        return bool(a == b)
    except Exception:  # e.g. arrays, whose == is not one answer
        return repr(a) == repr(b)


def remember_first() -> None:
    """Note the value each drawn field was first drawn with (end of every run): what tells typing from it."""
    first = st.session_state.setdefault(FIRST, {})
    drawn = set(drawn_keys().values())
    for key in [k for k in first if k not in drawn]:
        del first[key]
    if UNHOLDABLE in st.session_state:
        st.session_state[UNHOLDABLE] &= drawn
    for key in drawn:
        if key not in first and key in st.session_state:
            try:
                first[key] = copy.deepcopy(st.session_state[key])
            except Exception:  # a value that cannot be copied is not typing we can compare
                continue


def unsaved() -> list[str]:
    """Keys of drawn fields whose value on the server is not the one first drawn (typing the server knows)."""
    first = st.session_state.get(FIRST) or {}
    found = []
    for key in drawn_keys().values():
        if key in first and key in st.session_state:
            value = st.session_state[key]
            if hasattr(value, "selection") or (isinstance(value, dict) and "selection" in value):
                continue  # choosing a row of a table is not typing
            if not same(value, first[key]):
                found.append(key)
    return found


def unholdable(keys: list[str]) -> list[str]:
    """Those of ``keys`` that cannot be held (grids)."""
    fixed = st.session_state.get(UNHOLDABLE) or set()
    return [k for k in keys if k in fixed]


def key_of(base: str) -> str:
    """The key the field ``base`` was last drawn with (``base`` itself when it has no stamp: an empty form)."""
    return drawn_keys().get(base, base)


def read(base: str) -> Any:
    """What the field ``base`` holds now, for a callback saving its form: the field is submitted, so it is no
    longer unsubmitted typing; a held one sends the save to the clash (``take_held``)."""
    key = key_of(base)
    st.session_state.setdefault(READ, set()).add(key)
    drawn_from = held().pop(key, None)
    if drawn_from is not None:
        st.session_state[HELD_SUBMIT] = min(drawn_from, st.session_state.get(HELD_SUBMIT) or drawn_from)
    return st.session_state.get(key)


def take_held() -> int | None:
    """The version a held field of the form just submitted was drawn from (once), or None."""
    return st.session_state.pop(HELD_SUBMIT, None)


def loading(version: int) -> None:
    """A newer version is about to be loaded over ``version``: keep that framework, the clash's "what you had"
    for fields held while typed into."""
    fw = st.session_state.get(FRAMEWORK)
    st.session_state[LOADED_OVER] = version
    kept = st.session_state.setdefault(BEFORE, {})
    drawn_from = set(held().values())
    for old in [v for v in kept if v not in drawn_from]:
        del kept[old]
    if fw is not None:
        kept.setdefault(version, fw)


def before(version: int) -> Framework | None:
    """The framework as it was at ``version``, when a held field was drawn from it."""
    return (st.session_state.get(BEFORE) or {}).get(version)
