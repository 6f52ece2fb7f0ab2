"""The Sharing page shows the one table of who can do what (``logicmodel.store.access.CAN``), word for word as
docs/security.md has it, to the owner and to a commenter alike, and before any framework is open."""

from __future__ import annotations

from test_app_signin import ALICE, BOB, alices_framework, app, store

from logicmodel.store import User
from logicmodel.store.access import Action, Who, who_can_do_what


def shown_table(at) -> list[dict[str, str]]:
    (table,) = at.table
    frame = table.value.reset_index()
    return [{str(k): str(v) for k, v in row.items()} for row in frame.to_dict("records")]


def test_the_owner_and_a_commenter_see_the_same_table_as_the_docs():
    framework_id = alices_framework()
    store().for_user(User(ALICE["email"], ALICE["name"])).share(framework_id, BOB["email"], "commenter")
    for person in (ALICE, BOB):
        at = app(person, "sharing", framework_id)
        assert not at.exception
        assert "Who can do what" in [s.value for s in at.subheader]
        rows = shown_table(at)
        assert rows == who_can_do_what()
        commenter = {row["With one framework"]: row[Who.COMMENTER.value] for row in rows}
        assert commenter[Action.COMMENT.value] == "yes" and commenter[Action.EDIT.value] == "no"


def test_the_table_shows_before_a_framework_is_open():
    at = app(ALICE, "sharing")
    assert not at.exception
    assert shown_table(at) == who_can_do_what()
