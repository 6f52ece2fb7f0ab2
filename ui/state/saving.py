"""Saving: every edit kept is saved at once as a new version, checked against the version this session
loaded (optimistic locking); when someone else saved first, nothing is overwritten and the change waits,
on screen, as a ``Clash`` (what the user may then do is ``ui.state.conflicts``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from logicmodel.analysis.changes import changes, in_brief
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework
from logicmodel.core.version_kinds import VersionKind
from logicmodel.core.wording import problem_lines
from logicmodel.store import Conflict, NotFound, Saved, StoreError, VersionInfo
from ui import author, store
from ui.state import fields
from ui.state.messages import flash
from ui.state.session import CLASH, FRAMEWORK_ID, SAVED, VERSION, conflict, current, set_open

__all__ = ["Clash", "apply", "clash", "record_saved", "replace", "save"]


@dataclass(frozen=True)
class Clash:
    """A change that could not be saved because the framework changed in the library since it was loaded.

    ``mine`` is the framework with the user's change (still on screen), ``base`` the one it was made on,
    ``theirs`` the framework as saved now (None when it was moved to the bin), ``since`` the versions saved
    after ``base``, newest first.
    """

    base: Framework
    mine: Framework
    what: str
    theirs: Saved | None
    since: tuple[VersionInfo, ...]

    def their_changes(self) -> list[str]:
        """What the others changed, from the version this session had to the one saved now."""
        return changes(self.base, self.theirs.framework) if self.theirs else []


def record_saved(saved: Saved) -> None:
    """Remember ``saved`` as the open framework's version (the next save is over it), saying if history was
    pruned to make room."""
    st.session_state[VERSION] = saved.version
    st.session_state[SAVED] = (saved.version, saved.updated_at, saved.updated_by)
    if current() is not saved.framework:
        set_open(saved.framework)
    if saved.pruned:
        flash(
            "info",
            f"The library keeps a limited history: the oldest version{'s' if len(saved.pruned) > 1 else ''} "
            f"({', '.join(map(str, saved.pruned))}) of this framework {'were' if len(saved.pruned) > 1 else 'was'} "
            "removed to make room.",
        )


def replace(fw: Framework, what: str = "", held_from: int | None = None) -> bool:
    """Make ``fw`` the open framework as an edit and save it; ``what`` says what it did (its summary).

    ``held_from``: the form submitted had a field held for the person's typing while someone else changed it
    (``ui.state.fields``), drawn from that version: not saved over theirs, but a clash, so the person chooses.
    Returns False, with the reason queued as a message, when it could not be saved.
    """
    old = current()
    if old is None:
        flash("error", "Open or start a framework first (on Home).")
        return False
    if fw == old:
        return True
    if conflict() is not None:
        flash("error", "Not changed: first choose what to do about the change someone else saved (above).")
        return False
    summary = what or in_brief(changes(old, fw))
    if held_from is not None:
        _held_clash(old, fw, summary, held_from)
        return False
    return save(old, fw, summary)


def _held_clash(old: Framework, fw: Framework, summary: str, held_from: int) -> None:
    """The clash of a change typed over a field someone else changed meanwhile: what the person had is the
    version the field was drawn from; theirs is the library's newest."""
    framework_id = st.session_state.get(FRAMEWORK_ID)
    lib = store.library()
    try:
        theirs: Saved | None = lib.get(framework_id)
        since = tuple(reversed(lib.versions_between(framework_id, held_from, theirs.version)))
    except NotFound:
        theirs, since = None, ()
    except StoreError as err:
        flash("error", f"Not saved, so not changed: {err}")
        return
    clash(fields.before(held_from) or old, fw, summary, theirs, since)


def save(old: Framework, fw: Framework, summary: str, kind: VersionKind = VersionKind.EDIT) -> bool:
    """Save ``fw`` (made from ``old``) as the open framework's next version, of ``kind``; on a clash keep it
    on screen unsaved. False, with the reason queued, when it was not saved."""
    framework_id = st.session_state.get(FRAMEWORK_ID)
    try:
        saved = store.library().save(
            framework_id,
            fw,
            expected_version=st.session_state[VERSION],
            author=author.name(),
            summary=summary,
            kind=kind,
        )
    except Conflict as found:
        clash(old, fw, summary, found.current, tuple(found.since))
        return False
    except NotFound:
        clash(old, fw, summary, None, ())
        return False
    except StoreError as err:
        flash("error", f"Not saved, so not changed: {err}")
        return False
    record_saved(saved)
    return True


def clash(old: Framework, mine: Framework, what: str, theirs: Saved | None, since: tuple[VersionInfo, ...]) -> None:
    """Keep the user's change on screen, unsaved, and remember whose save stopped it."""
    st.session_state[CLASH] = Clash(old, mine, what, theirs, since)
    set_open(mine)


def apply(
    edit: Callable[..., Framework],
    *args: Any,
    success: str | None = None,
    summary: str | None = None,
    hint: str = "",
    **kwargs: Any,
) -> bool:
    """Run ``edit(current(), *args, **kwargs)``; keep and save the result, or flash why it was refused.

    ``success`` is said to the user and, unless ``summary`` is given, is the saved version's summary;
    ``summary=""`` lets the change describe itself ("Changed the label of 'Walks' to 'Health walks'"),
    for forms whose message ("Box saved.") would say nothing in the history. ``hint`` is said after
    ``success`` but not saved ("Undo brings it back." would be no help when undoing it).
    """
    held_from = fields.take_held()  # read by the callback that called this: a held field was submitted
    fw = current()
    if fw is None:
        flash("error", "Open or start a framework first (on Home).")
        return False
    try:
        new = edit(fw, *args, **kwargs)
    except FrameworkError as err:
        flash("error", "Not changed: " + "; ".join(problem_lines(err.found, err.hidden, limit=5)))
        return False
    if new is not fw and not replace(new, (success or "") if summary is None else summary, held_from):
        return False
    if success:
        flash("success", f"{success} {hint}" if hint else success)
    return True
