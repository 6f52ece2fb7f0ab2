"""Who is acting on the library, and what each of them may do with a framework.

Every read and write of the library is made by an actor (``Library.for_user``):

- ``User(email, name)``: someone signed in. They see the frameworks they own, those shared with them by
  email or with everyone who signs in, and those that belong to no one. ``admin=True`` (the app sets it
  from its list of admin emails) sees and may hand over every framework.
- ``EVERYONE``: the app without sign-in. Everyone who reaches the server is the same person, so they see
  and do everything with the frameworks that belong to no one, and nothing of a framework someone owns
  (a server whose sign-in was switched off by mistake shows no one's private work).
- ``administrator(name)``: whoever runs the server, on the command line: every framework.

What an actor may do with one framework is an ``Access`` level, worked out in SQL (``level``) so that
listing and every guarded write test it in the same statement that reads or writes:

>>> Access.VIEWER < Access.COMMENTER < Access.EDITOR < Access.OWNER
True
>>> User("Alice@Example.org ", "Alice").email
'alice@example.org'

A framework that belongs to no one (created without sign-in, or before sign-in was turned on) is open to
every signed-in person as an editor; only an admin can move it to the bin, share it or hand it over.

Who can do what is one table: ``NEEDS`` (the least ``Access`` each ``Action`` needs, which the library's
checks read) gives ``CAN`` (each ``Who`` and the actions they may take), which the Sharing page shows and
docs/security.md holds word for word (``who_can_do_what``, ``who_can_do_what_markdown``).
"""

from __future__ import annotations

import enum
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sqlalchemy import ColumnElement, case, func, literal, select

from logicmodel.store.errors import StoreError
from logicmodel.store.tables import EVERYONE_SIGNED_IN, frameworks, shares

__all__ = [
    "CAN",
    "EVERYONE",
    "EVERYONE_SIGNED_IN",
    "NEEDS",
    "Access",
    "Action",
    "Actor",
    "Administrator",
    "Everyone",
    "User",
    "Who",
    "administrator",
    "clean_email",
    "level",
    "who_can_do_what",
    "who_can_do_what_markdown",
]

MAX_EMAIL = 320
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


class Access(enum.IntEnum):
    """What an actor may do with a framework; each level may do everything the one below may."""

    NONE = 0
    """Not shared with them: they cannot know it is there."""
    VIEWER = 1
    """Open, present, export, copy (the copy is theirs), see its history, read its comments."""
    COMMENTER = 2
    """Also comment and reply, and resolve or reopen their own threads; never change the framework."""
    EDITOR = 3
    """Also save changes, rename, restore an old version, resolve or reopen anyone's thread."""
    OWNER = 4
    """Also move it to the bin and back, share it, take sharing back, hand it over."""

    @property
    def word(self) -> str:
        """'viewer', 'commenter', 'editor', 'owner' (what the Sharing panel and the list say)."""
        return self.name.lower()


class Action(enum.Enum):
    """What a person may do with one framework, in the words the Sharing page and docs/security.md show."""

    SEE = "See it in lists and search"
    OPEN = "Open and read it (at its address too), present it, see its history"
    EXPORT = "Export it, copy it (the copy is theirs)"
    READ_COMMENTS = "Read its comments and threads, what is new since they last looked"
    COMMENT = "Comment on it, a box or a link; reply"
    RESOLVE_OWN = "Resolve or reopen a thread they started"
    RESOLVE = "Resolve or reopen anyone's thread"
    EDIT = "Edit and save, undo and redo, rename"
    RESTORE_VERSION = "Restore an old version"
    BIN = "Move it to the bin, take it out, empty the bin"
    SHARE = "Share it (viewer, commenter or editor), take a share back"
    HAND_OVER = "Hand it over to a new owner"
    PUT_BACK = "Put it back from a backup"


NEEDS: Mapping[Action, Access] = MappingProxyType(
    {
        Action.SEE: Access.VIEWER,
        Action.OPEN: Access.VIEWER,
        Action.EXPORT: Access.VIEWER,
        Action.READ_COMMENTS: Access.VIEWER,
        Action.COMMENT: Access.COMMENTER,
        Action.RESOLVE_OWN: Access.COMMENTER,
        Action.RESOLVE: Access.EDITOR,
        Action.EDIT: Access.EDITOR,
        Action.RESTORE_VERSION: Access.EDITOR,
        Action.BIN: Access.OWNER,
        Action.SHARE: Access.OWNER,
        Action.HAND_OVER: Access.OWNER,
        Action.PUT_BACK: Access.OWNER,
    }
)
"""The least ``Access`` each action needs: the store's checks read it (``Library``), so the table below and
what the store enforces are one definition."""

ADMIN_ONLY = frozenset({Action.PUT_BACK})
"""Actions only an admin (or the command line) may take, whatever their access."""
NEEDS_SIGN_IN = frozenset({Action.SHARE, Action.HAND_OVER})
"""Actions that need someone signed in: without sign-in there is no one to share with or hand over to."""


class Who(enum.Enum):
    """The columns of "who can do what": each kind of person, as the Sharing page and docs/security.md name them."""

    OWNER = "Owner"
    EDITOR = "Editor"
    COMMENTER = "Commenter"
    VIEWER = "Viewer"
    STRANGER = "Stranger"
    ADMIN = "Admin"
    NO_SIGN_IN = "No sign-in"


_LEVEL = {
    Who.OWNER: Access.OWNER,
    Who.EDITOR: Access.EDITOR,
    Who.COMMENTER: Access.COMMENTER,
    Who.VIEWER: Access.VIEWER,
    Who.STRANGER: Access.NONE,
    Who.ADMIN: Access.OWNER,
    Who.NO_SIGN_IN: Access.OWNER,  # on a framework that belongs to no one; nothing of anyone's own
}


def _can(who: Who) -> frozenset[Action]:
    allowed = {action for action, needed in NEEDS.items() if needed <= _LEVEL[who]}
    if who is not Who.ADMIN:
        allowed -= ADMIN_ONLY
    if who is Who.NO_SIGN_IN:
        allowed -= NEEDS_SIGN_IN
    return frozenset(allowed)


CAN: Mapping[Who, frozenset[Action]] = MappingProxyType({who: _can(who) for who in Who})
"""Who can do what with one framework, derived from ``NEEDS``: the one table the Sharing page, docs/security.md
and the store's tests all read. Without sign-in, only on frameworks that belong to no one.

>>> sorted(action.name for action in CAN[Who.COMMENTER] - CAN[Who.VIEWER])
['COMMENT', 'RESOLVE_OWN']
>>> Action.EDIT in CAN[Who.COMMENTER], Action.PUT_BACK in CAN[Who.OWNER], Action.PUT_BACK in CAN[Who.ADMIN]
(False, False, True)
"""

_YES = {Who.NO_SIGN_IN: "only if it belongs to no one"}


def who_can_do_what() -> list[dict[str, str]]:
    """``CAN`` as rows of words, one an action: "With one framework", then "yes" or "no" under each person."""
    return [
        {"With one framework": action.value}
        | {who.value: (_YES.get(who, "yes") if action in CAN[who] else "no") for who in Who}
        for action in Action
    ]


def who_can_do_what_markdown() -> str:
    """``who_can_do_what`` as a Markdown table, exactly as docs/security.md holds it (a test compares them)."""
    rows = who_can_do_what()
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row[column] for column in header) + " |" for row in rows]
    return "\n".join(lines) + "\n"


ROLES = {"viewer": Access.VIEWER, "commenter": Access.COMMENTER, "editor": Access.EDITOR}
"""The roles a framework can be shared with, by the word stored in ``shares.role``."""


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def clean_email(email: str) -> str:
    """An email address as the library keys people by: trimmed, ASCII letters in lower case; ``StoreError`` if
    it is not one.

    Only A-Z are lowered, as identity providers send and compare addresses: no Unicode case-folding, which
    would make distinct addresses one person ("straße@" and "strasse@", a Kelvin sign and "k").

    >>> clean_email(" Bob.Jones@Council.GOV.uk")
    'bob.jones@council.gov.uk'
    >>> clean_email("STRAßE@example.org"), clean_email("\u212aate@example.org") == "kate@example.org"
    ('straße@example.org', False)
    """
    cleaned = str(email or "").strip().translate(_ASCII_LOWER)
    if not _EMAIL.match(cleaned) or len(cleaned) > MAX_EMAIL:
        raise StoreError(f"'{' '.join(str(email or '').split())[:80]}' is not an email address")
    return cleaned


@dataclass(frozen=True)
class User:
    """Someone signed in, known by their email address; ``name`` is what their history says."""

    email: str
    name: str = ""
    admin: bool = False
    label: str = field(init=False, compare=False)
    """How history names them: their name, else their email."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", clean_email(self.email))
        object.__setattr__(self, "name", " ".join(str(self.name or "").split()))
        object.__setattr__(self, "label", self.name or self.email)


@dataclass(frozen=True)
class Everyone:
    """The app without sign-in: whoever reaches the server, all as one."""

    label: str = "everyone (no sign-in)"


@dataclass(frozen=True)
class Administrator:
    """Whoever runs the server (the command line): every framework, whoever owns it."""

    name: str = "administrator"

    @property
    def label(self) -> str:
        return self.name


Actor = User | Everyone | Administrator

EVERYONE = Everyone()
"""The actor of the app without sign-in."""


def administrator(name: str = "administrator") -> Administrator:
    """The command line's actor, named for history (e.g. ``"sam (command line)"``)."""
    return Administrator(" ".join(name.split()) or "administrator")


def sees_everything(actor: Actor) -> bool:
    """True for the command line and for admins."""
    return isinstance(actor, Administrator) or (isinstance(actor, User) and actor.admin)


def level(actor: Actor) -> ColumnElement[int]:
    """The actor's ``Access`` to each row of ``frameworks``, as a SQL expression (usable in WHERE and SELECT)."""
    if sees_everything(actor):
        return literal(int(Access.OWNER))
    unowned = frameworks.c.owner.is_(None)
    if isinstance(actor, Everyone):
        return case((unowned, int(Access.OWNER)), else_=int(Access.NONE))
    assert isinstance(actor, User)
    by_role = case(
        *((shares.c.role == word, int(access)) for word, access in ROLES.items() if access != Access.VIEWER),
        else_=int(Access.VIEWER),
    )
    shared = (
        select(func.max(by_role))
        .where(shares.c.framework_id == frameworks.c.id, shares.c.person.in_([actor.email, EVERYONE_SIGNED_IN]))
        .scalar_subquery()
    )
    return case(
        (frameworks.c.owner == actor.email, int(Access.OWNER)),
        (unowned, int(Access.EDITOR)),
        else_=func.coalesce(shared, int(Access.NONE)),
    )
