"""Last looked: the library remembers when each person last looked at a framework, on SQLite and PostgreSQL.

Time is the library's clock, moved by the test. Each person's moment is their own (a signed-in email, or
without sign-in the name the browser gave); anyone who may open the framework records and reads their own;
a stranger learns nothing and writes nothing; the moments go with the framework.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from logicmodel.editing.edit import new_framework
from logicmodel.store import EVERYONE, Library, NotFound, NotShared, User
from logicmodel.store.access import administrator
from logicmodel.store.tables import looked

START = datetime(2026, 12, 6, 21, 50, tzinfo=UTC)  # where the store tests' clock (conftest.Clock) starts
ALICE = User("alice@example.org", "Alice Owner")
PRIYA = User("priya@example.org", "Priya Editor")
CHRIS = User("chris@example.org", "Chris Commissioner")
VIV = User("viv@example.org", "Viv Viewer")
SAM = User("sam@example.org", "Sam Stranger")
ADMIN = User("root@example.org", "Ada Admin", admin=True)


def rows(library: Library) -> int:
    with library._engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(looked)).scalar_one()


def test_a_look_is_remembered_by_the_library_clock_and_a_later_look_moves_it(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    assert library.last_looked(fw.id, "Ann") is None  # never looked
    assert library.looked(fw.id, "Ann") == START
    clock.forward(90)
    assert library.last_looked(fw.id, "Ann") == START
    assert library.looked(fw.id, "Ann") == START + timedelta(seconds=90)
    assert library.last_looked(fw.id, "Ann") == START + timedelta(seconds=90)
    assert rows(library) == 1  # one row a person, moved


def test_two_peoples_moments_are_their_own(library, clock):
    alice = library.for_user(ALICE)
    fw = alice.create(new_framework("Draft offer to the ICB"))
    alice.share(fw.id, PRIYA.email, "editor")
    priya = library.for_user(PRIYA)
    alice.looked(fw.id)
    clock.forward(600)
    priya.looked(fw.id, "whatever she typed")  # a signed-in person is known by their email, not a typed name
    assert alice.last_looked(fw.id) == START
    assert priya.last_looked(fw.id) == START + timedelta(seconds=600)
    assert priya.last_looked(fw.id, "alice@example.org") == START + timedelta(seconds=600)  # only her own
    # without sign-in, each browser's name is its own moment
    open_fw = library.create(new_framework("Active Swindon"), author="Ann")
    library.looked(open_fw.id, "Ann")
    clock.forward(5)
    library.looked(open_fw.id, "Ben")
    assert library.last_looked(open_fw.id, "Ann") == START + timedelta(seconds=600)
    assert library.last_looked(open_fw.id, "Ben") == START + timedelta(seconds=605)
    assert library.last_looked(open_fw.id, "Cat") is None


def test_everyone_who_may_open_it_records_their_own_look_and_a_stranger_is_refused(library, clock):
    alice = library.for_user(ALICE)
    fw = alice.create(new_framework("Draft offer to the ICB"))
    for person, role in ((PRIYA, "editor"), (CHRIS, "commenter"), (VIV, "viewer")):
        alice.share(fw.id, person.email, role)
    for person in (ALICE, PRIYA, CHRIS, VIV, ADMIN):
        lib = library.for_user(person)
        assert lib.looked(fw.id) == START
        assert lib.last_looked(fw.id) == START
    assert library.for_user(administrator("sam (command line)")).looked(fw.id) == START
    assert rows(library) == 6
    sam = library.for_user(SAM)
    for call in (lambda: sam.looked(fw.id), lambda: sam.last_looked(fw.id)):
        with pytest.raises(NotShared):
            call()
    for call in (lambda: library.looked(fw.id, "Ann"), lambda: library.last_looked(fw.id, "Ann")):
        with pytest.raises(NotFound):  # the app without sign-in: someone's own framework is not there
            call()
    with pytest.raises(NotFound):
        library.looked("no-such-framework", "Ann")
    assert rows(library) == 6  # the stranger wrote nothing


def test_the_moments_go_with_the_framework_and_one_in_the_bin_takes_no_looks(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    library.looked(fw.id, "Ann")
    library.delete(fw.id, author="Ann")
    with pytest.raises(NotFound):
        library.looked(fw.id, "Ann")
    library.restore(fw.id, author="Ann")
    assert library.last_looked(fw.id, "Ann") == START  # the bin keeps them
    library.delete(fw.id, author="Ann")
    library.empty_bin()
    assert rows(library) == 0


def test_without_sign_in_and_without_a_name_everyone_shares_one_moment(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    library.for_user(EVERYONE).looked(fw.id)
    assert library.last_looked(fw.id, "  ") == START
    assert library.last_looked(fw.id, "Ann") is None
