"""Who may do what with a framework, enforced by the store itself, on SQLite and PostgreSQL.

Every operation is tried by each kind of person: the owner, an editor, a commenter and a viewer (shared by
email), someone who gets viewer, commenter or editor through a share with everyone who signs in, a
stranger, an admin, and the app without sign-in. What a person may not do is refused by the store, says
nothing of the framework they may not see, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from logicmodel.editing.edit import add_node, new_framework
from logicmodel.store import (
    EVERYONE,
    EVERYONE_SIGNED_IN,
    Access,
    Library,
    NotAllowed,
    NotFound,
    NotShared,
    StoreError,
    User,
    administrator,
)

TITLE = "Draft offer to the ICB"
ASKED = "Someone else"  # the name given without sign-in; a signed-in person is named as signed in
ALICE = User("alice@example.org", "Alice Owner")
ED = User("ed@example.org", "Ed Editor")
VIC = User("Vic@Example.org", "Vic Viewer")  # emails are matched without case
CAT = User("cat@example.org", "Cat Commissioner")  # a commenter: reads and comments, never changes it
SUE = User("sue@example.org", "Sue Signed-in")  # reaches it only through a share with everyone
SAM = User("sam@example.org", "Sam Stranger")
ADA = User("ada@example.org", "Ada Admin", admin=True)


@dataclass(frozen=True)
class Person:
    actor: Any
    access: Access
    everyone_role: str | None = None  # the framework is also shared with everyone who signs in, as this


PEOPLE = {
    "owner": Person(ALICE, Access.OWNER),
    "editor": Person(ED, Access.EDITOR),
    "commenter": Person(CAT, Access.COMMENTER),
    "viewer": Person(VIC, Access.VIEWER),
    "everyone-viewer": Person(SUE, Access.VIEWER, "viewer"),
    "everyone-commenter": Person(SUE, Access.COMMENTER, "commenter"),
    "everyone-editor": Person(SUE, Access.EDITOR, "editor"),
    "stranger": Person(SAM, Access.NONE),
    "admin": Person(ADA, Access.OWNER),
    "no sign-in": Person(EVERYONE, Access.NONE),
}


def setup(library: Library, person: Person, *, in_bin: bool = False) -> str:
    """Alice's framework, shared with Ed (editor), Cat (commenter) and Vic (viewer), and with everyone if the
    person needs it."""
    alice = library.for_user(ALICE)
    saved = alice.create(new_framework(TITLE, "Swindon Borough Council"))
    edited = add_node(saved.framework, {"id": "swim", "level": "activity", "label": "Free swimming"})
    alice.save(saved.id, edited, expected_version=1, summary="Added Free swimming")
    alice.share(saved.id, ED.email, "editor")
    alice.share(saved.id, VIC.email, "viewer")
    alice.share(saved.id, CAT.email, "commenter")
    if person.everyone_role:
        alice.share(saved.id, EVERYONE_SIGNED_IN, person.everyone_role)
    if in_bin:
        alice.delete(saved.id)
    return saved.id


def snapshot(library: Library, framework_id: str) -> tuple[Any, ...]:
    """Everything a refused operation must leave as it was, as the command line sees it."""
    admin = library.for_user(administrator())
    in_bin = {s.id for s in admin.list(in_bin=True)}
    history = [(v.version, v.author, v.summary) for v in admin.history(framework_id)]
    return history, framework_id in in_bin, admin.sharing(framework_id), len(admin.list()), len(in_bin)


def assert_refused(
    library: Library, person: Person, needed: Access, framework_id: str, attempt: Callable[[], object]
) -> None:
    """``attempt`` is refused as it must be for ``person``, says nothing of the framework, and writes nothing."""
    before = snapshot(library, framework_id)
    if person.access == Access.NONE:
        with pytest.raises(NotFound) as caught:
            attempt()
        message = str(caught.value)
        if isinstance(person.actor, User):  # the same words as for a framework that is not there at all
            assert isinstance(caught.value, NotShared)
            assert message == str(NotShared("nothing-here")).replace("nothing-here", framework_id)
            assert "not shared with you" in message
        assert TITLE not in message and "ICB" not in message
    else:
        assert person.access < needed
        with pytest.raises(NotAllowed) as caught:
            attempt()
        assert "\n" not in str(caught.value)
    assert snapshot(library, framework_id) == before


# --- reading: a viewer or more --------------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
def test_list_and_search_show_a_framework_only_to_those_it_is_shared_with(library: Library, who: str):
    person = PEOPLE[who]
    framework_id = setup(library, person)
    shown = library.for_user(person.actor)
    listed = {s.id: s for s in shown.list()}
    found = {s.id for s in shown.list(search="icb offer")}
    if person.access >= Access.VIEWER:
        assert framework_id in listed and framework_id in found
        assert listed[framework_id].access == person.access and listed[framework_id].owner == ALICE.email
    else:
        assert listed == {} and found == set()


@pytest.mark.parametrize("who", PEOPLE)
def test_open_by_address_history_and_old_versions_need_a_share(library: Library, who: str):
    person = PEOPLE[who]
    framework_id = setup(library, person)
    shown = library.for_user(person.actor)
    if person.access >= Access.VIEWER:
        opened = shown.get(framework_id)
        assert opened.title == TITLE and opened.access == person.access and opened.version == 2
        assert [v.author for v in shown.history(framework_id)] == ["Alice Owner", "Alice Owner"]
        assert shown.version(framework_id, 1).meta.title == TITLE  # what export writes
        assert shown.sharing(framework_id).owner == ALICE.email
        assert shown.access(framework_id) == person.access
        return
    assert shown.access(framework_id) == shown.access("nothing-here") == Access.NONE
    for attempt in (
        lambda: shown.get(framework_id),
        lambda: shown.history(framework_id),
        lambda: shown.version(framework_id, 1),
        lambda: shown.sharing(framework_id),
    ):
        assert_refused(library, person, Access.VIEWER, framework_id, attempt)


@pytest.mark.parametrize("who", PEOPLE)
def test_a_copy_is_the_copiers_own_and_shared_with_no_one(library: Library, who: str):
    person = PEOPLE[who]
    framework_id = setup(library, person)
    shown = library.for_user(person.actor)
    if person.access == Access.NONE:
        assert_refused(
            library, person, Access.VIEWER, framework_id, lambda: shown.duplicate(framework_id, author=ASKED)
        )
        return
    copy = shown.duplicate(framework_id, author=ASKED)
    assert copy.title == f"Copy of {TITLE}" and copy.access == Access.OWNER and copy.owner == person.actor.email
    assert shown.sharing(copy.id).shares == ()
    assert [v.author for v in shown.history(copy.id)] == [person.actor.label]
    if person.actor != ALICE and not person.actor.admin:  # the original's owner cannot see the copy
        with pytest.raises(NotShared):
            library.for_user(ALICE).get(copy.id)


# --- editing: an editor or more -------------------------------------------------------------------------


def _edits(library: Library, shown: Library, framework_id: str) -> dict[str, Callable[[], object]]:
    current = library.for_user(administrator()).get(framework_id).framework
    edited = add_node(current, {"id": "walk", "level": "activity", "label": "Health walks"})
    return {
        "save": lambda: shown.save(framework_id, edited, expected_version=2, author=ASKED, summary="Added walks"),
        "rename": lambda: shown.rename(framework_id, "Agreed offer", expected_version=2, author=ASKED),
        "restore_version": lambda: shown.restore_version(framework_id, 1, expected_version=2, author=ASKED),
    }


@pytest.mark.parametrize("who", PEOPLE)
def test_saving_renaming_and_restoring_a_version_need_an_editor(library: Library, who: str):
    person = PEOPLE[who]
    shown = library.for_user(person.actor)
    for operation in ("save", "rename", "restore_version"):  # each on a framework of its own
        framework_id = setup(library, person)
        attempt = _edits(library, shown, framework_id)[operation]
        if person.access < Access.EDITOR:  # a viewer's write, which no page offers, is refused all the same
            assert_refused(library, person, Access.EDITOR, framework_id, attempt)
            continue
        saved = attempt()
        assert saved.version == 3 and saved.updated_by == person.actor.label  # named as signed in, not as asked
        assert library.for_user(ALICE).history(framework_id)[0].author == person.actor.label


# --- owning: the owner or an admin ----------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_owner_or_an_admin_moves_it_to_the_bin_and_back(library: Library, who: str):
    person = PEOPLE[who]
    framework_id = setup(library, person)
    shown = library.for_user(person.actor)
    if person.access < Access.OWNER:
        assert_refused(library, person, Access.OWNER, framework_id, lambda: shown.delete(framework_id, author=ASKED))
        library.for_user(ALICE).delete(framework_id)
        assert_refused(library, person, Access.OWNER, framework_id, lambda: shown.restore(framework_id, author=ASKED))
        assert framework_id not in {s.id for s in shown.list(in_bin=True)}
        assert shown.empty_bin() == 0
        assert framework_id in {s.id for s in library.for_user(ALICE).list(in_bin=True)}
        return
    shown.delete(framework_id, author=ASKED)
    with pytest.raises(NotFound):
        shown.get(framework_id)
    assert [s.id for s in shown.list(in_bin=True)] == [framework_id]
    shown.restore(framework_id, author=ASKED)
    assert shown.get(framework_id).version == 2
    shown.delete(framework_id, author=ASKED)
    assert shown.empty_bin() == 1
    with pytest.raises(NotShared):
        shown.get(framework_id)


def _owner_jobs(shown: Library, framework_id: str) -> dict[str, Callable[[], object]]:
    return {
        "share": lambda: shown.share(framework_id, SAM.email, "viewer"),
        "share with everyone": lambda: shown.share(framework_id, EVERYONE_SIGNED_IN, "editor"),
        "take back": lambda: shown.unshare(framework_id, VIC.email),
        "hand over": lambda: shown.hand_over(framework_id, SAM.email),
    }


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_owner_or_an_admin_shares_takes_back_and_hands_over(library: Library, who: str):
    for job in ("share", "share with everyone", "take back", "hand over"):  # each on a framework of its own
        _owner_job(library, PEOPLE[who], job)


def _owner_job(library: Library, person: Person, job: str) -> None:
    framework_id = setup(library, person)
    shown = library.for_user(person.actor)
    attempt = _owner_jobs(shown, framework_id)[job]
    if person.access < Access.OWNER:
        if person.actor == EVERYONE:
            with pytest.raises(NotAllowed, match="sign-in"):
                attempt()
            return
        assert_refused(library, person, Access.OWNER, framework_id, attempt)
        return
    attempt()
    sam, vic = library.for_user(SAM), library.for_user(VIC)
    if job == "share":
        assert sam.get(framework_id).access == Access.VIEWER
    elif job == "share with everyone":
        assert sam.get(framework_id).access == Access.EDITOR
    elif job == "take back":
        with pytest.raises(NotShared):
            vic.get(framework_id)
        assert framework_id not in {s.id for s in vic.list()}
    else:
        assert sam.get(framework_id).access == Access.OWNER
        assert library.for_user(ALICE).get(framework_id).access == Access.EDITOR  # the old owner keeps editing
        with pytest.raises(NotAllowed):
            library.for_user(ALICE).share(framework_id, VIC.email, "editor")


# --- the rules around sharing ---------------------------------------------------------------------------


def test_sharing_again_changes_the_role_and_shows_who_shared(library: Library):
    alice, vic = library.for_user(ALICE), library.for_user(VIC)
    framework_id = alice.create(new_framework(TITLE)).id
    alice.share(framework_id, "VIC@example.org ", "viewer")
    assert vic.get(framework_id).access == Access.VIEWER
    alice.share(framework_id, VIC.email, "editor")
    assert vic.get(framework_id).access == Access.EDITOR
    (share,) = alice.sharing(framework_id).shares
    assert (share.person, share.role, share.shared_by) == (VIC.email, "editor", "Alice Owner")
    assert alice.unshare(framework_id, VIC.email) is True and alice.unshare(framework_id, VIC.email) is False


@pytest.mark.parametrize(
    ("person", "role", "says"),
    [
        ("not an email", "viewer", "not an email address"),
        ("bob@example.org", "owner", "'viewer', 'commenter', 'editor'"),
        (ALICE.email, "editor", "owns"),
    ],
)
def test_sharing_refuses_what_makes_no_sense(library: Library, person: str, role: str, says: str):
    alice = library.for_user(ALICE)
    framework_id = alice.create(new_framework(TITLE)).id
    with pytest.raises(StoreError, match=says):
        alice.share(framework_id, person, role)
    assert alice.sharing(framework_id).shares == ()


def test_a_share_with_everyone_is_for_those_who_sign_in_not_for_the_app_without_sign_in(library: Library):
    alice = library.for_user(ALICE)
    framework_id = alice.create(new_framework(TITLE)).id
    alice.share(framework_id, EVERYONE_SIGNED_IN, "viewer")
    assert library.for_user(SAM).get(framework_id).access == Access.VIEWER
    assert framework_id not in {s.id for s in library.list()}  # Library.open acts for EVERYONE
    with pytest.raises(NotFound):
        library.get(framework_id)


def test_what_is_saved_without_sign_in_belongs_to_no_one_and_every_signed_in_person_may_edit_it(library: Library):
    saved = library.create(new_framework("Active Swindon"), author="Ann")  # the app without sign-in
    assert saved.owner is None and library.get(saved.id).access == Access.OWNER
    sam = library.for_user(SAM)
    assert sam.get(saved.id).access == Access.EDITOR
    sam.rename(saved.id, "Active Swindon 2030", expected_version=1)
    with pytest.raises(NotAllowed, match="belongs to no one"):
        sam.delete(saved.id)
    with pytest.raises(NotAllowed, match="belongs to no one"):
        sam.hand_over(saved.id, SAM.email)
    library.for_user(ADA).hand_over(saved.id, ED.email)  # an admin gives it to its rightful owner
    with pytest.raises(NotShared):
        sam.get(saved.id)
    with pytest.raises(NotFound):
        library.get(saved.id)  # no longer open to everyone
    assert library.for_user(ED).get(saved.id).access == Access.OWNER


def test_history_names_the_signed_in_person_whatever_name_is_given(library: Library):
    alice = library.for_user(ALICE)
    saved = alice.create(new_framework(TITLE), author="Someone pretending")
    assert saved.updated_by == "Alice Owner" and alice.history(saved.id)[0].author == "Alice Owner"
    nameless = library.for_user(User("kim@example.org"))
    assert nameless.create(new_framework(TITLE)).updated_by == "kim@example.org"
    with pytest.raises(StoreError, match="name is empty"):
        library.create(new_framework(TITLE))  # without sign-in a name must be given


def test_putting_back_a_backup_is_for_administrators_only(library: Library):
    alice = library.for_user(ALICE)
    saved = alice.create(new_framework(TITLE))
    history = [(alice.history(saved.id)[0], saved.framework)]
    for actor in (ALICE, SAM, EVERYONE):
        with pytest.raises(NotAllowed):
            library.for_user(actor).put_back("another1", history, owner=SAM.email)
    library.for_user(administrator()).put_back("another1", history, owner=SAM.email)
    assert library.for_user(SAM).get("another1").access == Access.OWNER


@pytest.mark.parametrize(
    ("owner", "other"),
    [
        ("kate@example.org", "\u212aate@example.org"),  # a Kelvin sign is not a "K"
        ("strasse@example.org", "straße@example.org"),  # "ß" is not "ss"
        ("straße@example.org", "STRASSE@example.org"),
        ("ıvy@example.org", "ivy@example.org"),  # a dotless i is not an "i"
    ],
)
def test_emails_are_one_person_only_when_equal_after_lowering_ascii_letters(library: Library, owner: str, other: str):
    """Emails compare as identity providers send them: A-Z lowered, nothing folded beyond, so an account whose
    address only case-folds to someone else's opens nothing of theirs."""
    framework_id = library.for_user(User(owner, "Owner")).create(new_framework("Kate's private offer")).id
    someone_else = library.for_user(User(other, "Someone else"))
    assert someone_else.actor.email != User(owner).email
    with pytest.raises(NotShared):
        someone_else.get(framework_id)
    assert someone_else.access(framework_id) == Access.NONE
    assert framework_id not in {s.id for s in someone_else.list()}
    ascii_upper = "".join(c.upper() if c.isascii() else c for c in owner)
    the_owner_again = library.for_user(User(ascii_upper))
    assert the_owner_again.get(framework_id).title == "Kate's private offer"  # upper-case ASCII is still them
