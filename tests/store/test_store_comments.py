"""Comments and commenters, enforced by the store itself, on SQLite and PostgreSQL.

Every comment operation is tried by each kind of person of ``test_store_access.PEOPLE`` (owner, editor,
commenter, viewer, those who reach it through a share with everyone, a stranger, an admin, the app without
sign-in): anyone who may open a framework reads its comments, a commenter or more writes them, the author of
a thread or an editor resolves it, and everyone else is told the framework is not there and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hostile_text import PAYLOAD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from test_store_access import ADA, ALICE, ASKED, CAT, ED, PEOPLE, SAM, TITLE, VIC, Person, assert_refused, setup

from logicmodel.core.readwrite import dumps
from logicmodel.editing.edit import add_link, add_node, delete_node, new_framework, rename_node
from logicmodel.store import (
    Access,
    Library,
    NotAllowed,
    NotFound,
    StoreError,
    User,
    administrator,
)
from logicmodel.store.backup import MANIFEST, backup, restore
from logicmodel.store.limits import MAX_COMMENT
from logicmodel.store.records import Comment, Thread
from logicmodel.store.tables import comments

LINK = ("swim", "active")
HOSTILE = (
    f"<script>alert('x')</script> {PAYLOAD} **bold** <b>b</b> &amp; '\" ; DROP TABLE comments; --\n"
    "  second line with spaces kept  \r\n\ttab, emoji 🏊‍♀️, right-to-left \u202eevil\u202c, zero\u200bwidth "
)


def with_thread(library: Library, person: Person) -> tuple[str, Thread]:
    """``setup``'s framework with an outcome box and a link, and an open thread Alice started on the box,
    which Ed answered."""
    framework_id = setup(library, person)
    alice = library.for_user(ALICE)
    current = alice.get(framework_id)
    fw = add_node(current.framework, {"id": "active", "level": "strategic", "label": "More people active"})
    fw = add_link(fw, {"source": "swim", "target": "active"})
    alice.save(framework_id, fw, expected_version=current.version, summary="Added an outcome")
    first = alice.comment(framework_id, "What is the evidence for this?", box="swim")
    library.for_user(ED).reply(framework_id, first.id, "The leisure centre's counts.")
    (thread,) = alice.threads(framework_id)
    return framework_id, thread


def all_comments(library: Library, framework_id: str) -> list[Comment]:
    return library.for_user(administrator()).all_comments(framework_id)


def refused_and_unchanged(
    library: Library, person: Person, needed: Access, framework_id: str, attempt: Callable[[], object]
) -> None:
    """``assert_refused`` (the same error as for a framework not there; nothing written), and no comment
    added, changed or resolved."""
    before = all_comments(library, framework_id)
    assert_refused(library, person, needed, framework_id, attempt)
    assert all_comments(library, framework_id) == before


# --- reading: a viewer or more --------------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
def test_threads_counts_and_what_is_new_are_read_by_anyone_who_may_open_it(library: Library, who: str):
    person = PEOPLE[who]
    before = datetime.now(UTC) - timedelta(seconds=1)
    framework_id, thread = with_thread(library, person)
    shown = library.for_user(person.actor)
    reads: dict[str, Callable[[], Any]] = {
        "threads": lambda: shown.threads(framework_id),
        "all threads": lambda: shown.threads(framework_id, open_only=False),
        "on a box": lambda: shown.threads(framework_id, box="swim"),
        "counts": lambda: shown.comment_counts(framework_id),
        "new since": lambda: shown.new_since(framework_id, before),
    }
    if person.access < Access.VIEWER:
        for read in reads.values():
            refused_and_unchanged(library, person, Access.VIEWER, framework_id, read)
        return
    (seen,) = reads["threads"]()
    assert seen == thread and seen.first.author == "Alice Owner" and seen.first.box == "swim"
    assert [c.body for c in seen.replies] == ["The leisure centre's counts."]
    assert seen.replies[0].author == "Ed Editor" and seen.replies[0].thread == seen.id
    assert reads["on a box"]() == [thread] and shown.threads(framework_id, link=LINK) == []
    counts = reads["counts"]()
    assert counts.boxes == {"swim": 1} and counts.links == {} and counts.framework == 0 and counts.total == 1
    new = reads["new since"]()
    assert [c.body for c in new.comments] == ["What is the evidence for this?", "The leisure centre's counts."]
    assert [v.summary for v in new.versions] == ["Added an outcome", "Added Free swimming", "Created"]


# --- writing: a commenter or more -----------------------------------------------------------------------


def _writes(shown: Library, framework_id: str, thread: Thread) -> dict[str, Callable[[], Comment]]:
    return {
        "on the framework": lambda: shown.comment(framework_id, "Who signs this off?", author=ASKED),
        "on a box": lambda: shown.comment(framework_id, "Is this free for everyone?", box="swim", author=ASKED),
        "on a link": lambda: shown.comment(framework_id, "What is the evidence?", link=LINK, author=ASKED),
        "reply": lambda: shown.reply(framework_id, thread.id, "Agreed.", author=ASKED),
        "reply to a reply": lambda: shown.reply(framework_id, thread.replies[0].id, "Thanks.", author=ASKED),
    }


@pytest.mark.parametrize("who", PEOPLE)
def test_commenting_and_replying_need_a_commenter(library: Library, who: str):
    person = PEOPLE[who]
    framework_id, thread = with_thread(library, person)
    shown = library.for_user(person.actor)
    for name, attempt in _writes(shown, framework_id, thread).items():
        if person.access < Access.COMMENTER:  # a viewer's comment, which no page offers, is refused all the same
            refused_and_unchanged(library, person, Access.COMMENTER, framework_id, attempt)
            continue
        version = library.for_user(ALICE).get(framework_id).version
        made = attempt()
        assert made.author == person.actor.label, name  # named as signed in, not as asked
        assert made.author_email == (person.actor.email if isinstance(person.actor, User) else None)
        assert made in all_comments(library, framework_id)
        assert library.for_user(ALICE).get(framework_id).version == version  # a comment is not a version
        if name.startswith("reply"):
            assert made.thread == thread.id  # a reply to a reply joins the thread
    if person.access >= Access.COMMENTER:
        counts = library.for_user(ALICE).comment_counts(framework_id)
        assert (counts.framework, counts.boxes, counts.links) == (1, {"swim": 2}, {LINK: 1})  # replies not counted
        assert [len(t.replies) for t in library.for_user(ALICE).threads(framework_id, box="swim")] == [0, 3]


@pytest.mark.parametrize("who", PEOPLE)
def test_a_thread_is_resolved_and_reopened_by_its_author_or_an_editor(library: Library, who: str):
    person = PEOPLE[who]
    framework_id, thread = with_thread(library, person)  # Alice's thread
    shown = library.for_user(person.actor)
    alice = library.for_user(ALICE)
    if person.access < Access.EDITOR:  # not Alice's to a commenter or a viewer; not there to a stranger
        needed = Access.EDITOR if person.access >= Access.COMMENTER else Access.COMMENTER
        refused_and_unchanged(library, person, needed, framework_id, lambda: shown.resolve(framework_id, thread.id))
        alice.resolve(framework_id, thread.id)
        refused_and_unchanged(library, person, needed, framework_id, lambda: shown.reopen(framework_id, thread.id))
        alice.reopen(framework_id, thread.id)
    else:
        resolved = shown.resolve(framework_id, thread.id)
        assert resolved.resolved_by == person.actor.label and resolved.resolved_at is not None
        assert alice.threads(framework_id) == [] and alice.comment_counts(framework_id).total == 0
        assert [t.resolved for t in alice.threads(framework_id, open_only=False)] == [True]
        assert shown.resolve(framework_id, thread.id) == resolved  # again: nothing changes
        reopened = shown.reopen(framework_id, thread.id)
        assert reopened.resolved_at is None and reopened.resolved_by is None
        assert alice.comment_counts(framework_id).boxes == {"swim": 1}
    if person.access >= Access.COMMENTER:  # their own thread, whatever their role
        own = shown.comment(framework_id, "Can we see the survey?", link=LINK, author=ASKED)
        assert shown.resolve(framework_id, own.id).resolved_at is not None
        assert alice.comment_counts(framework_id).links == {}
        assert shown.reopen(framework_id, own.id).resolved_at is None
        assert alice.comment_counts(framework_id).links == {LINK: 1}


def test_a_commenter_resolves_their_own_thread_but_not_another_commenters(library: Library):
    framework_id, _thread = with_thread(library, PEOPLE["commenter"])
    library.for_user(ALICE).share(framework_id, SAM.email, "commenter")
    cat, sam = library.for_user(CAT), library.for_user(SAM)
    mine = cat.comment(framework_id, "Whose budget is this?")
    with pytest.raises(NotAllowed, match="only whoever started this thread, or an editor"):
        sam.resolve(framework_id, mine.id)
    answer = sam.reply(framework_id, mine.id, "Public health's.")
    with pytest.raises(NotAllowed):  # replying does not make the thread theirs
        sam.resolve(framework_id, answer.id)
    assert cat.resolve(framework_id, answer.id).id == mine.id  # any comment of the thread names it


# --- what a comment may be, and where ------------------------------------------------------------------


def test_a_comments_text_is_kept_exactly_as_typed(library: Library):
    framework_id, _thread = with_thread(library, PEOPLE["owner"])
    cat = library.for_user(CAT)
    made = cat.comment(framework_id, HOSTILE, box="swim")
    longest = cat.reply(framework_id, made.id, "x" * MAX_COMMENT)
    (thread,) = cat.threads(framework_id, box="swim", open_only=False)[:1]
    assert thread.first.body == HOSTILE == made.body  # escaping is the pages' job, not the store's
    assert thread.replies[-1].body == longest.body == "x" * MAX_COMMENT


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("", "empty"),
        (" \n\t ", "empty"),
        ("x" * (MAX_COMMENT + 1), f"at most {MAX_COMMENT} characters"),
        ("a\x00b", "NUL"),
        ("half a pair \ud800", "not text"),
    ],
)
def test_a_comment_that_cannot_be_kept_is_refused_in_one_line(library: Library, body: str, says: str):
    framework_id, thread = with_thread(library, PEOPLE["owner"])
    before = all_comments(library, framework_id)
    for attempt in (
        lambda: library.for_user(CAT).comment(framework_id, body),
        lambda: library.for_user(CAT).reply(framework_id, thread.id, body),
    ):
        with pytest.raises(StoreError, match=says) as caught:
            attempt()
        assert "\n" not in str(caught.value)
    assert all_comments(library, framework_id) == before


def test_a_comment_is_on_a_box_or_link_the_framework_has(library: Library):
    framework_id, thread = with_thread(library, PEOPLE["owner"])
    cat = library.for_user(CAT)
    with pytest.raises(StoreError, match="has no box 'walk'"):
        cat.comment(framework_id, "?", box="walk")
    with pytest.raises(StoreError, match="no link from 'active' to 'swim'"):
        cat.comment(framework_id, "?", link=("active", "swim"))
    with pytest.raises(StoreError, match="not both"):
        cat.comment(framework_id, "?", box="swim", link=LINK)
    other = library.for_user(ALICE).create(new_framework("Another framework")).id
    with pytest.raises(NotFound):  # a thread of another framework is not there
        library.for_user(ALICE).reply(other, thread.id, "?")
    with pytest.raises(NotFound):
        library.for_user(ALICE).resolve(other, thread.id)
    assert len(all_comments(library, framework_id)) == 2 and all_comments(library, other) == []


def test_whats_new_since_a_moment_lists_only_what_came_after_it(library: Library):
    framework_id, _thread = with_thread(library, PEOPLE["owner"])
    looked = datetime.now(UTC)
    assert library.for_user(CAT).new_since(framework_id, looked).comments == ()
    alice = library.for_user(ALICE)
    current = alice.get(framework_id)
    alice.rename(framework_id, "Agreed offer", expected_version=current.version)
    library.for_user(CAT).comment(framework_id, "Looks right now.")
    new = library.for_user(VIC).new_since(framework_id, looked)
    assert [c.body for c in new.comments] == ["Looks right now."] and new.comments[0].author == "Cat Commissioner"
    assert [v.summary for v in new.versions] == ["Renamed to 'Agreed offer'"]
    with pytest.raises(StoreError, match="time zone"):
        alice.new_since(framework_id, datetime(2026, 1, 1))  # a moment without its zone


def test_comments_stay_out_of_the_framework_its_history_and_its_copies(library: Library):
    framework_id, _thread = with_thread(library, PEOPLE["owner"])
    library.for_user(CAT).comment(framework_id, "A remark only the conversation holds", link=LINK)
    alice = library.for_user(ALICE)
    current = alice.get(framework_id)
    for fw in (current.framework, alice.version(framework_id, current.version)):  # what every export writes
        text = dumps(fw)
        assert "only the conversation holds" not in text and "evidence for this" not in text
    copy = library.for_user(CAT).duplicate(framework_id)  # a copy is a new framework, with no conversation
    assert library.for_user(CAT).threads(copy.id, open_only=False) == []


def test_comments_follow_the_framework_to_the_bin_to_its_new_owner_and_out_for_good(library: Library):
    framework_id, thread = with_thread(library, PEOPLE["owner"])
    alice, cat = library.for_user(ALICE), library.for_user(CAT)
    alice.delete(framework_id)
    with pytest.raises(NotFound):  # in the bin: no conversation, as no framework
        cat.threads(framework_id)
    with pytest.raises(NotFound):
        alice.comment(framework_id, "?")
    assert len(all_comments(library, framework_id)) == 2  # kept there, for a restore or a backup
    alice.restore(framework_id)
    assert alice.threads(framework_id) == [thread]
    alice.hand_over(framework_id, SAM.email)
    assert library.for_user(SAM).threads(framework_id) == [thread]  # hand-over keeps the conversation
    sam = library.for_user(SAM)
    sam.delete(framework_id)
    assert sam.empty_bin() == 1
    with library._engine.connect() as conn:  # gone with it, not left behind
        assert conn.execute(select(func.count()).select_from(comments)).scalar_one() == 0


def test_a_commenters_every_saving_route_is_refused_and_changes_nothing(library: Library):
    framework_id, _thread = with_thread(library, PEOPLE["commenter"])
    cat, admin = library.for_user(CAT), library.for_user(administrator())
    current = cat.get(framework_id)
    assert current.access == Access.COMMENTER and cat.access(framework_id) == Access.COMMENTER
    edited = add_node(current.framework, {"id": "walk", "level": "activity", "label": "Health walks"})
    history = [(admin.history(framework_id)[0], current.framework)]
    routes: dict[str, Callable[[], object]] = {
        "save": lambda: cat.save(framework_id, edited, expected_version=current.version, summary="x"),
        "undo": lambda: cat.save(framework_id, edited, expected_version=current.version, summary="x", kind="undo"),
        "rename": lambda: cat.rename(framework_id, "Mine now", expected_version=current.version),
        "restore a version": lambda: cat.restore_version(framework_id, 1, expected_version=current.version),
        "move to the bin": lambda: cat.delete(framework_id),
        "share": lambda: cat.share(framework_id, SAM.email, "editor"),
        "share as commenter": lambda: cat.share(framework_id, SAM.email, "commenter"),
        "take back": lambda: cat.unshare(framework_id, VIC.email),
        "hand over": lambda: cat.hand_over(framework_id, CAT.email),
        "put back": lambda: cat.put_back("another1", history, owner=CAT.email),
    }
    for route, attempt in routes.items():
        refused_and_unchanged(library, PEOPLE["commenter"], Access.EDITOR, framework_id, attempt)
        assert cat.get(framework_id).version == current.version, route
    library.for_user(ALICE).delete(framework_id)
    assert cat.empty_bin() == 0
    refused_and_unchanged(library, PEOPLE["commenter"], Access.OWNER, framework_id, lambda: cat.restore(framework_id))
    assert framework_id in {s.id for s in admin.list(in_bin=True)}


def test_the_strongest_share_wins_and_a_commenter_is_listed_as_one(library: Library):
    alice, sue = library.for_user(ALICE), library.for_user(User("sue@example.org", "Sue"))
    framework_id = alice.create(new_framework(TITLE)).id
    alice.share(framework_id, "*", "viewer")
    alice.share(framework_id, "sue@example.org", "commenter")
    assert sue.access(framework_id) == Access.COMMENTER
    assert {s.id: s.access for s in sue.list()}[framework_id] == Access.COMMENTER
    assert Access.COMMENTER.word == "commenter"
    alice.share(framework_id, "*", "editor")
    assert sue.access(framework_id) == Access.EDITOR
    assert [(s.person, s.role) for s in alice.sharing(framework_id).shares] == [
        ("*", "editor"),
        ("sue@example.org", "commenter"),
    ]


def test_without_sign_in_comments_on_frameworks_that_belong_to_no_one_carry_the_name_given(library: Library):
    framework_id = library.create(new_framework("Open to everyone"), author="Kim").id
    made = library.comment(framework_id, "Without sign-in", author="  Kim   Lee ")
    assert (made.author, made.author_email) == ("Kim Lee", None)
    with pytest.raises(StoreError, match="name is empty"):
        library.comment(framework_id, "Who am I?")
    assert library.resolve(framework_id, made.id).resolved_by == EVERYONE_LABEL
    ed = library.for_user(ED)  # a signed-in person edits (and so resolves) what belongs to no one
    assert ed.reopen(framework_id, made.id).resolved_at is None
    assert library.for_user(ADA).threads(framework_id)[0].first.body == "Without sign-in"


EVERYONE_LABEL = "everyone (no sign-in)"


# --- backup and restore --------------------------------------------------------------------------------


def _conversation(lib: Library, framework_id: str) -> list[tuple[Any, ...]]:
    """A framework's threads as people see them (ids aside: a restore numbers comments anew)."""
    return [
        tuple(
            (c.box, c.link, c.author, c.author_email, c.body, c.created_at, c.resolved_at, c.resolved_by)
            for c in thread.comments
        )
        for thread in lib.threads(framework_id, open_only=False)
    ]


@pytest.mark.parametrize("history", [False, True])
def test_backup_and_restore_carry_every_thread_reply_and_resolution(
    library: Library, another_database_url: str, tmp_path: Path, history: bool
):
    framework_id, thread = with_thread(library, PEOPLE["owner"])
    cat = library.for_user(CAT)
    on_link = cat.comment(framework_id, HOSTILE, link=LINK)
    cat.reply(framework_id, on_link.id, "Second thoughts")
    cat.resolve(framework_id, on_link.id)
    library.for_user(ALICE).comment(framework_id, "On the whole framework")
    admin = library.for_user(administrator())
    expected = _conversation(admin, framework_id)
    folder = tmp_path / "backup"
    assert backup(admin, folder, history=history) == 1
    for written in folder.rglob("*.json"):
        if written.name != MANIFEST:  # framework files hold no conversation
            assert "Second thoughts" not in written.read_text(encoding="utf-8")
    with Library.open(another_database_url, actor=administrator()) as other:
        other.create(new_framework("Already here"), author="Ann")  # its comment ids will differ
        other.comment(other.list()[0].id, "Not part of the backup", author="Ann")
        assert restore(other, folder).added == [framework_id]
        assert _conversation(other, framework_id) == expected
        counts = other.for_user(CAT).comment_counts(framework_id)
        assert (counts.framework, counts.boxes, counts.links) == (1, {"swim": 1}, {})
        (on_box,) = other.threads(framework_id, box="swim")
        assert on_box.first.body == thread.first.body and on_box.id != thread.id  # numbered anew, after Ann's
        answer = other.for_user(CAT).reply(framework_id, on_box.replies[0].id, "After the restore")
        assert answer.thread == on_box.id


def test_a_backup_made_before_comments_restores_with_none(library: Library, another_database_url: str, tmp_path):
    framework_id, _thread = with_thread(library, PEOPLE["owner"])
    folder = tmp_path / "backup"
    backup(library.for_user(administrator()), folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest["frameworks"]:
        del entry["comments"]
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with Library.open(another_database_url, actor=administrator()) as other:
        assert restore(other, folder).added == [framework_id]
        assert other.threads(framework_id, open_only=False) == []


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (lambda cs: cs.reverse(), "a reply comes after the first comment of its thread"),
        (lambda cs: cs[0].update(body=""), "empty"),
        (lambda cs: cs[0].update(author_email="not an email"), "not an email address"),
        (lambda cs: cs[0].update(body=7), "is not as a backup writes it"),
        (lambda cs: cs[1].update(id=cs[0]["id"]), "each once"),
    ],
)
def test_a_backup_with_a_broken_comment_restores_nothing(
    library: Library, another_database_url: str, tmp_path: Path, spoil: Callable[[list[dict[str, Any]]], None], says
):
    framework_id, _thread = with_thread(library, PEOPLE["owner"])
    folder = tmp_path / "backup"
    backup(library.for_user(administrator()), folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    spoil(manifest["frameworks"][0]["comments"])
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with Library.open(another_database_url, actor=administrator()) as other:
        with pytest.raises(StoreError, match=says) as caught:
            restore(other, folder)
        assert "nothing restored" in str(caught.value) and "\n" not in str(caught.value)
        assert other.list() == [] and framework_id not in {s.id for s in other.list(in_bin=True)}


def test_threads_follow_a_box_whose_id_changes_and_stay_when_it_is_deleted(library: Library):
    framework_id, thread = with_thread(library, PEOPLE["owner"])
    alice = library.for_user(ALICE)
    library.for_user(CAT).comment(framework_id, "Which evidence?", link=LINK)
    current = alice.get(framework_id)
    renamed = alice.save(
        framework_id, rename_node(current.framework, "swim", "swimming"), expected_version=current.version, summary="x"
    )
    counts = alice.comment_counts(framework_id)
    assert counts.boxes == {"swimming": 1} and counts.links == {("swimming", "active"): 1}
    assert [t.id for t in alice.threads(framework_id, box="swimming")] == [thread.id]
    back = alice.save(framework_id, current.framework, expected_version=renamed.version, summary="Undone", kind="undo")
    assert alice.comment_counts(framework_id).boxes == {"swim": 1}  # an undo takes them back
    alice.save(framework_id, delete_node(current.framework, "swim"), expected_version=back.version, summary="x")
    assert alice.comment_counts(framework_id).boxes == {"swim": 1}  # on a box no longer there: kept, still listed
    assert [t.first.box for t in alice.threads(framework_id, open_only=False)].count("swim") == 1


def test_any_text_a_person_can_type_comes_back_exactly(library: Library):
    """Every character but NUL and broken surrogates, control characters and line endings included, is kept
    as typed: no trimming, no folding, no normalising (PostgreSQL and SQLite alike)."""
    framework_id = library.create(new_framework("Open to everyone"), author="Kim").id

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1, max_size=80))
    def kept(body: str) -> None:
        if not body.strip():
            with pytest.raises(StoreError, match="empty"):
                library.comment(framework_id, body, author="Kim")
            return
        made = library.comment(framework_id, body, author="Kim")
        assert library.threads(framework_id)[0].first.body == made.body == body

    kept()
