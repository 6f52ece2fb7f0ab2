"""The app's session state: the open framework, where it is saved, and what undo and redo would do.

Every page reads the open framework with ``current()``. The framework lives in the library
(``ui.store``): opening, starting or importing one adds it there at once, and every edit that ``apply()``
or ``replace()`` keeps is saved at once as a new version, with the edit's own message as its one-line
summary. The address names the open framework (``?framework=ID``), so a refresh, a second tab, a
colleague's link or a server restart comes back to it (``sync()``, once per run).

Saves are checked against the version this session loaded (optimistic locking). When someone else saved
first, nothing is overwritten: the user's change stays on screen and ``conflict()`` says who changed what,
until the user reloads theirs or keeps their own as a copy. Undo and redo follow the undo stack
(``logicmodel.editing.undo_stack``), which is read from the saved version history's kinds (an edit, an undo, a
redo...) but is not it: so they too survive a refresh. A refused edit becomes a message shown on the next
run, never an exception. Frameworks are immutable, so derived data cached on one (``fw.cached``) stays
valid for as long as it is the open one.

One module a concern, each importing only those listed before it; pages use the names re-exported here:

- ``session``: the session's keys, ``init``, ``current``, ``current_id``, ``revision``, ``last_saved``,
  ``conflict``;
- ``fields``: form fields' keys, stamped by the saved value each shows, and fields held while typed into;
- ``messages``: ``flash`` and ``pop_flash``;
- ``selection``: the box or link selected, and the Build section asked for;
- ``saving``: ``apply``, ``replace``, the one save, and the ``Clash`` a refused save leaves;
- ``address``: ``sync`` and the ``?framework=`` query;
- ``opening``: ``open_framework``, ``open_saved``, ``close``;
- ``conflicts``: ``reload_theirs``, ``keep_mine_as_copy``;
- ``undo_redo``: ``undo``, ``redo``, what each would do, ``restore_version``;
- ``live``: who else is here, and loading what others save while keeping what is typed (``ui.live`` draws it,
  with the browser's watcher of typing, ``ui.typing_watch``).
"""

from __future__ import annotations

from ui.state import live
from ui.state.address import QUERY, sync
from ui.state.conflicts import keep_mine_as_copy, reload_theirs
from ui.state.messages import flash, pop_flash
from ui.state.opening import close, open_framework, open_saved
from ui.state.saving import Clash, apply, replace
from ui.state.selection import jump_pending, select_link, select_node, selected_node, take_link, take_selection
from ui.state.session import (
    FRAMEWORK,
    FRAMEWORK_ID,
    VERSION,
    conflict,
    current,
    current_id,
    init,
    last_saved,
    revision,
)
from ui.state.undo_redo import can_redo, can_undo, redo, redo_what, restore_version, undo, undo_what

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
    "live",
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
