"""The one table of who can do what (``logicmodel.store.access.CAN``) is what the store does, on SQLite and
PostgreSQL, and what docs/security.md says.

Every action of the table is tried by each kind of person of the table (owner, editor, commenter, viewer,
stranger, admin, the app without sign-in) on a framework of its own, with two more: the app without sign-in
on someone's own framework (a stranger's row) and someone signed in on a framework that belongs to no one
(an editor's row). What the table allows is done and shows; what it does not is refused, says nothing of a
framework the person may not see, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from test_store_access import ADA, ALICE, ASKED, CAT, ED, SAM, TITLE, VIC, setup, snapshot
from test_store_comments import PEOPLE

from logicmodel.core.version_kinds import VersionKind
from logicmodel.editing.edit import add_link, add_node, new_framework
from logicmodel.store import EVERYONE, Library, NotAllowed, NotFound, User, administrator
from logicmodel.store.access import CAN, NEEDS, Action, Who, who_can_do_what, who_can_do_what_markdown
from logicmodel.store.tables import looked

SECURITY = Path(__file__).resolve().parents[2] / "docs" / "security.md"


@dataclass(frozen=True)
class Case:
    actor: Any
    row: Who
    owned: bool = True
    """On Alice's framework (shared with Ed, Cat and Vic); else on one that belongs to no one."""


CASES = {
    "owner": Case(ALICE, Who.OWNER),
    "editor": Case(ED, Who.EDITOR),
    "commenter": Case(CAT, Who.COMMENTER),
    "viewer": Case(VIC, Who.VIEWER),
    "stranger": Case(SAM, Who.STRANGER),
    "admin": Case(ADA, Who.ADMIN),
    "no sign-in": Case(EVERYONE, Who.NO_SIGN_IN, owned=False),
    "no sign-in, someone's own": Case(EVERYONE, Who.STRANGER),
    "signed in, belongs to no one": Case(SAM, Who.EDITOR, owned=False),
}


def framework(library: Library, case: Case) -> str:
    """A framework with a box, an outcome, a link between them, and an open thread the command line started
    (so it is no one's own thread but the command line's)."""
    if case.owned:
        framework_id = setup(library, PEOPLE["owner"])
    else:
        saved = library.create(new_framework(TITLE, "Swindon Borough Council"), author="Ann")
        fw = add_node(saved.framework, {"id": "swim", "level": "activity", "label": "Free swimming"})
        framework_id = library.save(saved.id, fw, expected_version=1, author="Ann", summary="Added").id
    admin = library.for_user(administrator())
    current = admin.get(framework_id)
    fw = add_node(current.framework, {"id": "active", "level": "strategic", "label": "More people active"})
    fw = add_link(fw, {"source": "swim", "target": "active"})
    admin.save(framework_id, fw, expected_version=current.version, author="Cal", summary="Added an outcome")
    admin.comment(framework_id, "What is the evidence for this?", box="swim", author="Cal (command line)")
    return framework_id


def everything(library: Library, framework_id: str) -> tuple[Any, ...]:
    """``snapshot`` (history, bin, sharing, what is listed) and every comment and every last look."""
    admin = library.for_user(administrator())
    with library._engine.connect() as conn:
        looks = conn.execute(select(func.count()).select_from(looked)).scalar_one()
    return snapshot(library, framework_id), admin.all_comments(framework_id), looks


def _see(shown: Library, framework_id: str) -> None:
    listed = {s.id for s in shown.list()}
    found = {s.id for s in shown.list(search="icb offer")}
    assert (framework_id in listed) == (framework_id in found)
    if framework_id not in listed:
        raise NotFound(framework_id)


def _open(shown: Library, framework_id: str) -> None:
    opened = shown.get(framework_id)
    assert opened.title == TITLE
    assert [v.version for v in shown.history(framework_id)][-1] == 1
    assert shown.version(framework_id, 1).meta.title == TITLE
    assert shown.latest_version(framework_id).version == opened.version
    shown.sharing(framework_id)
    shown.here(framework_id, "tab-whocan1", ASKED, "Diagram")
    assert [p.page for p in shown.who_is_here(framework_id)] == ["Diagram"]


def _export(shown: Library, framework_id: str) -> None:
    current = shown.get(framework_id)
    assert shown.version(framework_id, current.version) == current.framework  # what an export writes
    copy = shown.duplicate(framework_id, author=ASKED)
    assert copy.owner == (shown.actor.email if isinstance(shown.actor, User) else None)


def _read_comments(shown: Library, framework_id: str) -> None:
    (thread,) = shown.threads(framework_id)
    assert thread.first.body == "What is the evidence for this?"
    assert shown.comment_counts(framework_id).boxes == {"swim": 1}
    assert [c.body for c in shown.new_since(framework_id, thread.first.created_at).comments] == []
    moment = shown.looked(framework_id, ASKED)
    assert shown.last_looked(framework_id, ASKED) == moment


def _comment(shown: Library, framework_id: str) -> None:
    (thread,) = shown.threads(framework_id)
    made = shown.comment(framework_id, "Is this free for everyone?", link=("swim", "active"), author=ASKED)
    assert made.author == (shown.actor.label if isinstance(shown.actor, User) else ASKED)
    shown.reply(framework_id, thread.id, "Agreed.", author=ASKED)
    assert len(shown.threads(framework_id)) == 2


def _resolve_own(shown: Library, framework_id: str) -> None:
    own = shown.comment(framework_id, "Whose budget is this?", author=ASKED)
    assert shown.resolve(framework_id, own.id).resolved_at is not None
    assert shown.reopen(framework_id, own.id).resolved_at is None


def _resolve(shown: Library, framework_id: str) -> None:
    (thread,) = shown.threads(framework_id)  # the command line's
    assert shown.resolve(framework_id, thread.id).resolved_at is not None
    assert shown.threads(framework_id) == []
    assert shown.reopen(framework_id, thread.id).resolved_at is None


def _edit(shown: Library, framework_id: str) -> None:
    current = shown.get(framework_id)
    edited = add_node(current.framework, {"id": "walk", "level": "activity", "label": "Health walks"})
    saved = shown.save(framework_id, edited, expected_version=current.version, author=ASKED, summary="Added walks")
    renamed = shown.rename(framework_id, "Agreed offer", expected_version=saved.version, author=ASKED)
    undone = shown.save(
        framework_id,
        saved.framework,
        expected_version=renamed.version,
        author=ASKED,
        summary="Undo: rename",
        kind=VersionKind.UNDO,
    )
    assert undone.version == current.version + 3 and undone.title == TITLE


def _restore_version(shown: Library, framework_id: str) -> None:
    current = shown.get(framework_id)
    restored = shown.restore_version(framework_id, 1, expected_version=current.version, author=ASKED)
    assert restored.version == current.version + 1 and "swim" not in restored.framework.node_by_id


def _bin(shown: Library, framework_id: str) -> None:
    shown.delete(framework_id, author=ASKED)
    assert framework_id in {s.id for s in shown.list(in_bin=True)}
    shown.restore(framework_id, author=ASKED)
    assert shown.get(framework_id).title == TITLE
    shown.delete(framework_id, author=ASKED)
    assert shown.empty_bin() == 1


def _share(shown: Library, framework_id: str) -> None:
    shown.share(framework_id, "kim@example.org", "commenter")
    assert ("kim@example.org", "commenter") in {(s.person, s.role) for s in shown.sharing(framework_id).shares}
    assert shown.unshare(framework_id, "kim@example.org")


def _hand_over(shown: Library, framework_id: str) -> None:
    shown.hand_over(framework_id, "kim@example.org")
    assert shown.sharing(framework_id).owner == "kim@example.org"


def _put_back(shown: Library, framework_id: str) -> None:
    info = shown.history(framework_id)[0]
    shown.put_back("putback1", [(info, shown.get(framework_id).framework)], owner="kim@example.org")
    assert shown.get("putback1").owner == "kim@example.org"


ATTEMPTS: dict[Action, Callable[[Library, str], None]] = {
    Action.SEE: _see,
    Action.OPEN: _open,
    Action.EXPORT: _export,
    Action.READ_COMMENTS: _read_comments,
    Action.COMMENT: _comment,
    Action.RESOLVE_OWN: _resolve_own,
    Action.RESOLVE: _resolve,
    Action.EDIT: _edit,
    Action.RESTORE_VERSION: _restore_version,
    Action.BIN: _bin,
    Action.SHARE: _share,
    Action.HAND_OVER: _hand_over,
    Action.PUT_BACK: _put_back,
}


def test_every_action_of_the_table_is_tried():
    assert set(ATTEMPTS) == set(Action) == set(NEEDS)
    assert {case.row for case in CASES.values()} == set(Who)


@pytest.mark.parametrize("name", CASES)
def test_what_the_store_does_is_what_the_table_says(library: Library, name: str):
    case = CASES[name]
    shown = library.for_user(case.actor)
    for action, attempt in ATTEMPTS.items():  # each on a framework of its own
        framework_id = framework(library, case)
        before = everything(library, framework_id)
        try:
            attempt(shown, framework_id)
        except (NotFound, NotAllowed) as refused:
            assert action not in CAN[case.row], f"{name} was refused: {action.value} ({refused})"
            assert everything(library, framework_id) == before, f"{name}: a refused {action.value} wrote something"
            assert "\n" not in str(refused)
            if case.row is Who.STRANGER:
                assert TITLE not in str(refused)  # says nothing of a framework they may not see
                if action not in (Action.SHARE, Action.HAND_OVER, Action.PUT_BACK):
                    assert isinstance(refused, NotFound), f"{name}: {action.value}"
            continue
        assert action in CAN[case.row], f"{name} was allowed: {action.value}"


def _saving_routes(
    library: Library, shown: Library, person: User, framework_id: str
) -> dict[str, Callable[[], object]]:
    current = shown.get(framework_id)
    edited = add_node(current.framework, {"id": "walk", "level": "activity", "label": "Health walks"})
    info = library.for_user(administrator()).history(framework_id)[0]
    v = current.version
    return {
        "save": lambda: shown.save(framework_id, edited, expected_version=v, summary="x"),
        "undo": lambda: shown.save(framework_id, edited, expected_version=v, summary="x", kind=VersionKind.UNDO),
        "rename": lambda: shown.rename(framework_id, "Mine now", expected_version=v),
        "restore a version": lambda: shown.restore_version(framework_id, 1, expected_version=v),
        "move to the bin": lambda: shown.delete(framework_id),
        "put back": lambda: shown.put_back("another1", [(info, current.framework)], owner=person.email),
        "hand over": lambda: shown.hand_over(framework_id, person.email),
        "share": lambda: shown.share(framework_id, SAM.email, "editor"),
        "take back": lambda: shown.unshare(framework_id, ED.email),
    }


@pytest.mark.parametrize("person", [CAT, VIC], ids=["commenter", "viewer"])
def test_a_viewer_and_a_commenter_are_refused_every_saving_route(library: Library, person: User):
    """Save, undo, rename, restore a version, move to the bin, bring back, put back, hand over, share, take
    back: each refused for a commenter and a viewer, and nothing changes."""
    shown = library.for_user(person)
    framework_id = framework(library, CASES["owner"])
    for route, attempt in _saving_routes(library, shown, person, framework_id).items():
        before = everything(library, framework_id)
        with pytest.raises(NotAllowed):
            attempt()
        assert everything(library, framework_id) == before, route
    library.for_user(ALICE).delete(framework_id)
    before = everything(library, framework_id)
    with pytest.raises(NotAllowed):  # bring back from the bin
        shown.restore(framework_id)
    assert shown.empty_bin() == 0
    assert everything(library, framework_id) == before


def test_an_admin_does_everything_and_the_owner_all_but_put_back(library: Library):
    assert CAN[Who.ADMIN] == set(Action)
    assert CAN[Who.OWNER] == set(Action) - {Action.PUT_BACK}
    assert CAN[Who.STRANGER] == frozenset()
    assert CAN[Who.VIEWER] < CAN[Who.COMMENTER] < CAN[Who.EDITOR] < CAN[Who.OWNER]
    assert ADA.admin


def test_docs_security_holds_the_table_word_for_word():
    """docs/security.md's "Who can do what" table is the one the Sharing page shows, generated from CAN."""
    text = SECURITY.read_text(encoding="utf-8")
    table = who_can_do_what_markdown()
    assert table in text, (
        "docs/security.md's table differs from logicmodel.store.access.CAN: paste who_can_do_what_markdown()"
    )
    assert text.count("| With one framework |") == 1
    rows = who_can_do_what()
    assert [row["With one framework"] for row in rows] == [action.value for action in Action]
    assert list(rows[0])[1:] == [who.value for who in Who]
