"""The app's session state: the open framework, where it is saved, and what undo and redo would do.

Every page reads the open framework with ``current()``. The framework lives in the library
(``ui.store``): opening, starting or importing one adds it there at once, and every edit that ``apply()``
or ``replace()`` keeps is saved at once as a new version, with the edit's own message as its one-line
summary. The address names the open framework (``?framework=ID``), so a refresh, a second tab, a
colleague's link or a server restart comes back to it (``sync()``, once per run).

Saves are checked against the version this session loaded (optimistic locking). When someone else saved
first, nothing is overwritten: the user's change stays on screen and ``conflict()`` says who changed what,
until the user reloads theirs or keeps their own as a copy. Undo and redo follow the undo stack
(``logicmodel.undo_stack``), which is read from the saved version history but is not it: so they too survive
a refresh. A refused edit becomes a message shown on the next run, never an exception. Frameworks are
immutable, so derived data cached on one (``fw.cached``) stays valid for as long as it is the open one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import streamlit as st

from logicmodel.changes import changes, in_brief
from logicmodel.edit import update_meta
from logicmodel.errors import FrameworkError
from logicmodel.limits import MAX_TITLE
from logicmodel.models import Framework
from logicmodel.store import Conflict, NotFound, NotShared, Saved, StoreError, VersionInfo
from logicmodel.undo_stack import UndoStack, redone, undo_stack, undone
from logicmodel.wording import problem_lines
from ui import author, store
from ui.sections import Section

__all__ = [
    "FRAMEWORK",
    "FRAMEWORK_ID",
    "QUERY",
    "VERSION",
    "Clash",
    "apply",
    "can_redo",
    "can_undo",
    "close",
    "conflict",
    "current",
    "current_id",
    "flash",
    "init",
    "jump_pending",
    "keep_mine_as_copy",
    "last_saved",
    "open_framework",
    "open_saved",
    "pop_flash",
    "redo",
    "redo_what",
    "reload_theirs",
    "replace",
    "restore_version",
    "revision",
    "select_link",
    "select_node",
    "selected_node",
    "sync",
    "take_link",
    "take_selection",
    "undo",
    "undo_what",
]

FRAMEWORK = "framework"
"""The open ``Framework``, or None: the contract between pages."""
FRAMEWORK_ID = "framework_id"
"""The library id of the open framework."""
VERSION = "framework_version"
"""The version of the open framework this session loaded or last saved: the next save must be over it."""
QUERY = "framework"
"""The address's query parameter naming the open framework."""
_SAVED = "framework_saved"
_CLASH = "conflict"
_UNDO_STACK = "undo_stack"
_FLASH = "flash"
_SELECTED = "selected_node"
_JUMP = "jump_to_node"
_JUMP_LINK = "jump_to_link"
_REVISION = "revision"


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


def init() -> None:
    """Set up every key the pages rely on (once per session; later runs keep what is there)."""
    st.session_state.setdefault(FRAMEWORK, None)
    st.session_state.setdefault(FRAMEWORK_ID, None)
    st.session_state.setdefault(VERSION, None)
    st.session_state.setdefault(_FLASH, [])
    st.session_state.setdefault(_SELECTED, None)
    st.session_state.setdefault(_REVISION, 0)


def revision() -> int:
    """A number that changes whenever the open framework does: forms prefilled from it use it in their keys,
    so that after an edit, undo or open they show the new values rather than what was typed before."""
    return st.session_state.get(_REVISION, 0)


def _set(fw: Framework | None) -> None:
    st.session_state[FRAMEWORK] = fw
    st.session_state[_REVISION] = revision() + 1


def current() -> Framework | None:
    """The open framework, or None when nothing is open yet."""
    return st.session_state.get(FRAMEWORK)


def current_id() -> str | None:
    """The library id of the open framework, or None."""
    return st.session_state.get(FRAMEWORK_ID) if current() is not None else None


def last_saved() -> tuple[int, datetime, str] | None:
    """The open framework's version, when it was saved and by whom (as this session last saw it)."""
    return st.session_state.get(_SAVED) if current_id() else None


def conflict() -> Clash | None:
    """The change that someone else's save stopped, while the user has not yet chosen what to do."""
    return st.session_state.get(_CLASH)


# --- the address ------------------------------------------------------------------------------


def sync() -> None:
    """Make the session and the address agree, once per run: the address wins when it names another framework.

    A refresh, a link or a new tab arrives with ``?framework=ID`` and a new session: the framework is loaded
    from the library. Streamlit's page links drop the query, so it is put back for the framework open.
    """
    init()
    wanted = st.query_params.get(QUERY)
    have = st.session_state.get(FRAMEWORK_ID)
    if wanted and wanted != have:
        try:
            _show(store.library().get(wanted))
        except NotShared as err:  # signed in: the same words whether it exists or not, never its title
            flash("error", f"{err}.")
            _point_address_at(have if current() is not None else None)
        except NotFound:
            flash(
                "error",
                "The framework this address names is not in the library: it may have been moved to the bin "
                "(see the bin on Home).",
            )
            _point_address_at(have if current() is not None else None)
        except StoreError as err:
            flash("error", f"Could not open the framework this address names: {err}")
    elif have and current() is not None and wanted != have:
        _point_address_at(have)


def _point_address_at(framework_id: str | None) -> None:
    if framework_id:
        st.query_params[QUERY] = framework_id
    elif QUERY in st.query_params:
        del st.query_params[QUERY]


def _show(saved: Saved) -> None:
    """Make ``saved`` the open framework, as the library has it."""
    st.session_state[FRAMEWORK_ID] = saved.id
    _saved(saved)
    st.session_state[_CLASH] = None
    st.session_state[_SELECTED] = None
    _point_address_at(saved.id)


def _saved(saved: Saved) -> None:
    st.session_state[VERSION] = saved.version
    st.session_state[_SAVED] = (saved.version, saved.updated_at, saved.updated_by)
    if current() is not saved.framework:
        _set(saved.framework)
    if saved.pruned:
        flash(
            "info",
            f"The library keeps a limited history: the oldest version{'s' if len(saved.pruned) > 1 else ''} "
            f"({', '.join(map(str, saved.pruned))}) of this framework {'were' if len(saved.pruned) > 1 else 'was'} "
            "removed to make room.",
        )


# --- opening and closing -------------------------------------------------------------------------


_CHOOSE_FIRST = (
    "Not opened: your last change is not saved yet. First choose, above, to reload theirs or keep yours as a copy."
)


def open_framework(fw: Framework, message: str | None = None, *, summary: str = "Created") -> bool:
    """Add ``fw`` to the library as a new framework and open it (the one open before stays in the library).

    Refused while a change that clashed is still on screen: opening something else would lose it.
    """
    if conflict() is not None:
        flash("error", _CHOOSE_FIRST)
        return False
    return _create(fw, message, summary)


def _create(fw: Framework, message: str | None, summary: str) -> bool:
    try:
        saved = store.library().create(fw, author=author.name(), summary=summary)
    except StoreError as err:
        flash("error", f"Not opened: {err}")
        return False
    _show(saved)
    if message:
        flash("success", message)
    return True


def open_saved(framework_id: str, message: str | None = None) -> bool:
    """Open a framework from the library as it is saved now (refused while a clashed change is on screen)."""
    if conflict() is not None and framework_id != st.session_state.get(FRAMEWORK_ID):
        flash("error", _CHOOSE_FIRST)
        return False
    try:
        saved = store.library().get(framework_id)
    except StoreError as err:
        flash("error", f"Not opened: {err}")
        return False
    _show(saved)
    if message:
        flash("success", message)
    return True


def close() -> None:
    """Nothing open any more (the open framework was moved to the bin)."""
    _set(None)
    st.session_state[FRAMEWORK_ID] = st.session_state[VERSION] = st.session_state[_CLASH] = None
    st.session_state[_SELECTED] = None
    _point_address_at(None)


# --- edits: each one saved at once ----------------------------------------------------------------


def replace(fw: Framework, what: str = "") -> bool:
    """Make ``fw`` the open framework as an edit and save it; ``what`` says what it did (its summary).

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
    return _save(old, fw, summary)


def _save(old: Framework, fw: Framework, summary: str) -> bool:
    framework_id = st.session_state.get(FRAMEWORK_ID)
    try:
        saved = store.library().save(
            framework_id, fw, expected_version=st.session_state[VERSION], author=author.name(), summary=summary
        )
    except Conflict as clash:
        _clash(old, fw, summary, clash.current, tuple(clash.since))
        return False
    except NotFound:
        _clash(old, fw, summary, None, ())
        return False
    except StoreError as err:
        flash("error", f"Not saved, so not changed: {err}")
        return False
    _saved(saved)
    return True


def _clash(old: Framework, mine: Framework, what: str, theirs: Saved | None, since: tuple[VersionInfo, ...]) -> None:
    """Keep the user's change on screen, unsaved, and remember whose save stopped it."""
    st.session_state[_CLASH] = Clash(old, mine, what, theirs, since)
    _set(mine)


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
    fw = current()
    if fw is None:
        flash("error", "Open or start a framework first (on Home).")
        return False
    try:
        new = edit(fw, *args, **kwargs)
    except FrameworkError as err:
        flash("error", "Not changed: " + "; ".join(problem_lines(err.found, err.hidden, limit=5)))
        return False
    if new is not fw and not replace(new, (success or "") if summary is None else summary):
        return False
    if success:
        flash("success", f"{success} {hint}" if hint else success)
    return True


# --- someone else saved first ------------------------------------------------------------------


def reload_theirs() -> None:
    """Drop the change that could not be saved and open the framework as the library has it now."""
    clash = conflict()
    framework_id = st.session_state.get(FRAMEWORK_ID)
    try:
        saved = store.library().get(framework_id)
    except NotFound:
        close()
        flash("info", "That framework is in the bin now: restore it from the bin on Home to open it again.")
        return
    except StoreError as err:
        flash("error", f"Could not reload it: {err}")
        return
    _show(saved)
    if clash is not None:
        flash("info", f"Reloaded '{saved.title}' as saved by {saved.updated_by} (version {saved.version}).")


def keep_mine_as_copy() -> None:
    """Save the framework with the user's change as a new framework in the library, and open it."""
    clash = conflict()
    if clash is None:
        return
    title = f"Copy of {clash.mine.meta.title}"[:MAX_TITLE].strip()
    try:
        mine = update_meta(clash.mine, title=title)
    except FrameworkError:
        mine = clash.mine
    if _create(mine, None, f"Kept as a copy after a clash: {clash.what}"[:300]):
        flash(
            "success",
            f"Your change is saved in a new framework, '{mine.meta.title}', now open. "
            "The original keeps the other change; both are in the library on Home.",
        )


# --- history: undo, redo, restore ---------------------------------------------------------------


def _undo_stack() -> UndoStack:
    """What undo and redo would do, read from the saved history (once per version this session sees)."""
    framework_id, version = st.session_state.get(FRAMEWORK_ID), st.session_state.get(VERSION)
    if not framework_id or conflict() is not None:
        return UndoStack()
    cached = st.session_state.get(_UNDO_STACK)
    if cached and cached[0] == (framework_id, version):
        return cached[1]
    try:
        found = undo_stack(store.library().history(framework_id))
    except StoreError:
        found = UndoStack()
    st.session_state[_UNDO_STACK] = ((framework_id, version), found)
    return found


def can_undo() -> bool:
    return current() is not None and bool(_undo_stack().undo)


def can_redo() -> bool:
    return current() is not None and bool(_undo_stack().redo)


def undo_what() -> str:
    """What the edit Undo would take back did ("Added 'Free swims'."), or ``""``."""
    found = _undo_stack().undo if current() is not None else ()
    return found[-1].what if found else ""


def redo_what() -> str:
    """What the edit Redo would bring back did, or ``""``."""
    found = _undo_stack().redo if current() is not None else ()
    return found[-1].what if found else ""


def undo() -> None:
    """Go back one edit, as a new saved version (a callback for the Undo button)."""
    _step(_undo_stack().undo, undone, "Undone")


def redo() -> None:
    """Redo the last undone edit, as a new saved version (a callback for the Redo button)."""
    _step(_undo_stack().redo, redone, "Redone")


def _step(stack: tuple, summary: Callable[[str], str], done: str) -> None:
    if not stack or current() is None:
        return
    step = stack[-1]
    try:
        fw = store.library().version(st.session_state[FRAMEWORK_ID], step.version)
    except StoreError as err:
        flash("error", f"Not {done.lower()}: {err}")
        return
    what = step.what
    if _save(current(), fw, summary(what)):
        flash("info", f"{done}: {what}" if what else f"{done}.")


def restore_version(version: int) -> None:
    """Make an old version of the open framework current again, as a new version."""
    framework_id = st.session_state.get(FRAMEWORK_ID)
    if current() is None or conflict() is not None:
        return
    try:
        saved = store.library().restore_version(
            framework_id, version, expected_version=st.session_state[VERSION], author=author.name()
        )
    except Conflict as clash:
        try:
            _clash(
                current(),
                store.library().version(framework_id, version),
                f"Restored version {version}",
                clash.current,
                tuple(clash.since),
            )
        except StoreError as err:
            flash("error", f"Not restored: {err}")
        return
    except StoreError as err:
        flash("error", f"Not restored: {err}")
        return
    _saved(saved)
    st.session_state[_SELECTED] = None
    flash("success", f"Restored version {version}: it is now version {saved.version}. Undo takes it back.")


def flash(kind: str, text: str) -> None:
    """Queue a message (``success``, ``info``, ``warning`` or ``error``) for the next time a page draws."""
    init()
    st.session_state[_FLASH].append((kind, text))


def pop_flash() -> list[tuple[str, str]]:
    """Take the queued messages (each is shown once)."""
    init()
    messages = st.session_state[_FLASH]
    st.session_state[_FLASH] = []
    return messages


def select_node(node_id: str | None, *, jump: bool = False) -> None:
    """Make ``node_id`` the box Build shows; with ``jump``, Build also opens its Edit a box section."""
    st.session_state[_SELECTED] = node_id
    if jump:
        st.session_state[_JUMP] = node_id


def selected_node() -> str | None:
    """The box last selected (on Build, Check or the diagram), if it still exists."""
    fw = current()
    node_id = st.session_state.get(_SELECTED)
    return node_id if fw is not None and node_id in fw.node_by_id else None


def take_selection() -> str | None:
    """The box another page asked Build to jump to, once (then forgotten)."""
    return st.session_state.pop(_JUMP, None)


def select_link(source: str, target: str | None = None) -> None:
    """Ask Build to open its Links section from ``source``: on its link to ``target``, or to add one."""
    st.session_state[_SELECTED] = source
    st.session_state[_JUMP_LINK] = (source, target)


def take_link() -> tuple[str, str | None] | None:
    """The link another page asked Build to show, once (then forgotten)."""
    return st.session_state.pop(_JUMP_LINK, None)


def jump_pending() -> Section | None:
    """The Build section another page asked for (Edit a box or Links), or None."""
    if st.session_state.get(_JUMP_LINK) is not None:
        return Section.LINKS
    if st.session_state.get(_JUMP) is not None:
        return Section.EDIT
    return None
