"""A tab that left says so (``Library.left``): its rows go at once, so a page that came back after its app
server restarted (a new session, ``ui.reconnect``) is not also shown as its old self for a minute."""

from __future__ import annotations

import pytest

from logicmodel.editing.edit import new_framework
from logicmodel.store import EVERYONE, Library, StoreError, User

ALICE = User("alice@example.org", "Alice Owner")
PRIYA = User("priya@example.org", "Priya Editor")
OLD, NEW, OTHER = "tab-old-aaaaaaaa", "tab-new-bbbbbbbb", "tab-sam-cccccccc"


def test_a_tab_that_left_is_gone_at_once_and_the_others_stay(library: Library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    other = library.create(new_framework("Active Slough"), author="Ann")
    library.here(fw.id, OLD, "Ann", "Build")  # Ann's page, before its server died
    library.here(other.id, OLD, "Ann", "Home")
    library.here(fw.id, OTHER, "Sam", "Diagram")
    clock.forward(3)
    library.here(fw.id, NEW, "Ann", "Build")  # the same page on its new session
    assert [p.name for p in library.who_is_here(fw.id, besides=NEW)] == ["Ann", "Sam"]  # Ann twice, as it was
    assert library.left(OLD) == 2  # every framework the old tab was in
    assert [p.name for p in library.who_is_here(fw.id, besides=NEW)] == ["Sam"]
    assert library.who_is_here(other.id) == []
    assert [p.name for p in library.who_is_here(fw.id, besides=OTHER)] == ["Ann"]  # the new tab stays
    assert library.left(OLD) == 0  # gone already: nothing to do


def test_a_signed_in_person_removes_only_their_own_tab(library: Library, clock):
    alice, priya = library.for_user(ALICE), library.for_user(PRIYA)
    fw = alice.create(new_framework("Draft offer to the ICB"))
    alice.share(fw.id, PRIYA.email, "editor")
    alice.here(fw.id, OLD, "Alice", "Build")
    assert priya.left(OLD) == 0  # Priya cannot take Alice's tab away, even knowing its id
    assert library.for_user(EVERYONE).left(OLD) == 0
    assert [p.name for p in alice.who_is_here(fw.id)] == ["Alice Owner"]
    assert alice.left(OLD) == 1
    assert alice.who_is_here(fw.id) == []


def test_a_tab_id_must_be_a_plain_token(library: Library):
    with pytest.raises(StoreError, match="session id"):
        library.left("not a token; drop table")


def test_the_framework_a_tab_was_in_is_its_newest_one_still_open_to_the_actor(library: Library, clock):
    first = library.create(new_framework("Active Swindon"), author="Ann")
    second = library.create(new_framework("Active Slough"), author="Ann")
    assert library.tab_was_in(OLD) is None  # a tab never seen
    library.here(first.id, OLD, "Ann", "Build")
    assert library.tab_was_in(OLD) == first.id
    clock.forward(5)
    library.here(second.id, OLD, "Ann", "Diagram")  # it opened another
    library.here(first.id, OTHER, "Sam", "Build")  # someone else's tab, later
    assert library.tab_was_in(OLD) == second.id
    library.delete(second.id, author="Ann")  # moved to the bin: not to be opened again
    assert library.tab_was_in(OLD) == first.id
    library.left(OLD)
    assert library.tab_was_in(OLD) is None


def test_only_the_person_whose_tab_it_was_learns_where_it_was(library: Library, clock):
    alice, priya = library.for_user(ALICE), library.for_user(PRIYA)
    fw = alice.create(new_framework("Draft offer to the ICB"))
    alice.here(fw.id, OLD, "Alice", "Build")
    assert alice.tab_was_in(OLD) == fw.id
    assert priya.tab_was_in(OLD) is None  # not hers, and not shared with her
    alice.share(fw.id, PRIYA.email, "editor")
    assert priya.tab_was_in(OLD) is None  # shared, but still not her tab
    assert library.for_user(EVERYONE).tab_was_in(OLD) is None
