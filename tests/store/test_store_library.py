"""Every operation of the library, on SQLite and PostgreSQL: what a user saves is what they get back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from logicmodel.core.limits import MAX_FILE_BYTES
from logicmodel.core.readwrite import dumps, from_data
from logicmodel.core.synthetic import synthetic_data
from logicmodel.editing.edit import add_node, new_framework, update_meta
from logicmodel.store import Conflict, Library, NotFound, StoreError, TooLarge


def framework(title="Active Swindon", organisation="Swindon Borough Council", area=None):
    fw = new_framework(title, organisation)
    return update_meta(fw, area=area) if area else fw


def test_create_then_get_gives_the_same_framework_back(library: Library):
    fw = from_data(synthetic_data(200))
    saved = library.create(fw, author="Ann")
    assert saved.version == 1 and saved.updated_by == "Ann" and len(saved.id) == 12
    assert saved.updated_at.tzinfo is not None and abs(saved.updated_at - datetime.now(UTC)) < timedelta(minutes=1)
    got = library.get(saved.id)
    assert got.framework == fw and dumps(got.framework) == dumps(fw)
    assert (got.id, got.version, got.title, got.updated_by) == (saved.id, 1, fw.meta.title, "Ann")
    assert got.updated_at == saved.updated_at
    assert [(v.version, v.author, v.summary) for v in library.history(saved.id)] == [(1, "Ann", "Created")]


def test_save_makes_a_new_version_and_keeps_the_old_one(library: Library):
    first = library.create(framework(), author="Ann")
    edited = add_node(first.framework, {"id": "swim", "level": "activity", "label": "Free swimming"})
    second = library.save(first.id, edited, expected_version=1, author="Ben", summary="Added Free swimming")
    assert second.version == 2 and library.get(first.id).framework == edited
    assert library.version(first.id, 1) == first.framework
    assert [(v.version, v.author, v.summary) for v in library.history(first.id)] == [
        (2, "Ben", "Added Free swimming"),
        (1, "Ann", "Created"),
    ]


def test_a_stale_save_is_refused_with_who_changed_it_and_writes_nothing(library: Library):
    first = library.create(framework(), author="Ann")
    theirs = add_node(first.framework, {"id": "swim", "level": "activity", "label": "Free swimming"})
    mine = add_node(first.framework, {"id": "walk", "level": "activity", "label": "Health walks"})
    library.save(first.id, theirs, expected_version=1, author="Ben", summary="Added Free swimming")
    with pytest.raises(Conflict) as caught:
        library.save(first.id, mine, expected_version=1, author="Cat", summary="Added Health walks")
    conflict = caught.value
    assert conflict.current.version == 2 and conflict.current.framework == theirs
    assert [(v.version, v.author, v.summary) for v in conflict.since] == [(2, "Ben", "Added Free swimming")]
    assert "\n" not in str(conflict) and "Ben" in str(conflict) and "Added Free swimming" in str(conflict)
    assert library.get(first.id).framework == theirs and len(library.history(first.id)) == 2


def test_saving_what_is_stored_writes_nothing(library: Library):
    first = library.create(framework(), author="Ann")
    again = library.save(first.id, first.framework, expected_version=1, author="Ben", summary="Nothing")
    assert again.version == 1 and again.updated_by == "Ann" and len(library.history(first.id)) == 1


def test_list_is_newest_first_and_search_matches_title_organisation_and_area(library: Library):
    swindon = library.create(framework("Active Swindon", "Swindon Borough Council"), author="Ann")
    leeds = library.create(framework("Get Set Leeds", "Leeds City Council", area="Leeds"), author="Ann")
    wigan = library.create(framework("Move More", "Wigan Council", area="Greater Manchester"), author="Ann")
    library.rename(swindon.id, "Active Swindon 2030", expected_version=1, author="Ben")
    assert [s.id for s in library.list()] == [swindon.id, wigan.id, leeds.id]
    assert [s.id for s in library.list(search="LEEDS")] == [leeds.id]  # title and organisation, any case
    assert [s.id for s in library.list(search="manchester")] == [wigan.id]  # area
    assert [s.id for s in library.list(search="council active")] == [swindon.id]  # every word
    assert library.list(search="100%_") == []  # LIKE's wildcards are plain characters
    assert [s.id for s in library.list(limit=2)] == [swindon.id, wigan.id]
    first = library.list()[0]
    assert (first.title, first.organisation, first.version, first.updated_by) == (
        "Active Swindon 2030",
        "Swindon Borough Council",
        2,
        "Ben",
    )


def test_search_ignores_case_beyond_ascii(library: Library):
    saved = library.create(framework("ÉQUIPE ÉTÉ", "Conseil"), author="Ann")
    assert [s.id for s in library.list(search="équipe été")] == [saved.id]


def test_rename_is_a_new_version_with_the_title_changed(library: Library):
    first = library.create(framework(), author="Ann")
    renamed = library.rename(first.id, "Active Swindon 2030", expected_version=1, author="Ben")
    assert renamed.version == 2 and renamed.title == renamed.framework.meta.title == "Active Swindon 2030"
    assert library.history(first.id)[0].summary == "Renamed to 'Active Swindon 2030'"
    with pytest.raises(Conflict):
        library.rename(first.id, "Stale", expected_version=1, author="Cat")
    with pytest.raises(StoreError, match="Title not changed"):
        library.rename(first.id, "   ", expected_version=2, author="Cat")


def test_duplicate_is_a_new_framework_at_version_one(library: Library):
    first = library.create(framework(), author="Ann")
    library.rename(first.id, "Active Swindon 2030", expected_version=1, author="Ann")
    copy = library.duplicate(first.id, author="Ben")
    assert copy.id != first.id and copy.version == 1 and copy.title == "Copy of Active Swindon 2030"
    assert copy.framework.nodes == first.framework.nodes
    assert library.history(copy.id)[0].summary == "Copied from 'Active Swindon 2030' (version 2)"
    named = library.duplicate(first.id, author="Ben", title="Swindon draft")
    assert named.title == "Swindon draft" and len(library.list()) == 3


def test_delete_to_the_bin_restore_and_empty(library: Library):
    keep = library.create(framework("Keep"), author="Ann")
    binned = library.create(framework("Binned"), author="Ann")
    library.delete(binned.id, author="Ben")
    assert [s.id for s in library.list()] == [keep.id]
    in_bin = library.list(in_bin=True)
    assert [s.id for s in in_bin] == [binned.id] and in_bin[0].deleted_at is not None
    with pytest.raises(NotFound):
        library.get(binned.id)
    with pytest.raises(NotFound):
        library.save(binned.id, binned.framework, expected_version=1, author="Ben", summary="x")
    with pytest.raises(NotFound):
        library.delete(binned.id, author="Ben")
    library.restore(binned.id, author="Ben")
    assert library.get(binned.id).framework == binned.framework and library.list(in_bin=True) == []
    with pytest.raises(NotFound, match="in the bin"):
        library.restore(binned.id, author="Ben")
    library.delete(binned.id, author="Ben")
    assert library.empty_bin() == 1 and library.empty_bin() == 0
    with pytest.raises(NotFound):
        library.history(binned.id)  # its versions went with it
    assert [s.id for s in library.list()] == [keep.id]


def test_restore_version_is_a_new_version_that_says_so(library: Library):
    first = library.create(framework(), author="Ann")
    edited = add_node(first.framework, {"id": "swim", "level": "activity", "label": "Free swimming"})
    library.save(first.id, edited, expected_version=1, author="Ben", summary="Added Free swimming")
    restored = library.restore_version(first.id, 1, expected_version=2, author="Cat")
    assert restored.version == 3 and library.get(first.id).framework == first.framework
    latest = library.history(first.id)[0]
    assert (latest.summary, latest.restored_from, latest.author) == ("Restored version 1", 1, "Cat")
    with pytest.raises(Conflict):
        library.restore_version(first.id, 2, expected_version=2, author="Cat")


def test_missing_things_are_not_found_in_one_line(library: Library):
    first = library.create(framework(), author="Ann")
    for call in (
        lambda: library.get("nosuchid"),
        lambda: library.history("nosuchid"),
        lambda: library.version(first.id, 9),
        lambda: library.duplicate("nosuchid", author="Ann"),
        lambda: library.delete("nosuchid", author="Ann"),
    ):
        with pytest.raises(NotFound) as caught:
            call()
        assert "\n" not in str(caught.value)


def test_oldest_versions_are_pruned_never_the_newest_and_the_save_says_which(library: Library, monkeypatch):
    monkeypatch.setenv("LOGICMODEL_MAX_VERSIONS", "3")
    saved = library.create(framework(), author="Ann")
    pruned = []
    for n in range(1, 6):
        fw = update_meta(saved.framework, description=f"Draft {n}")
        saved = library.save(saved.id, fw, expected_version=saved.version, author="Ann", summary=f"Draft {n}")
        pruned.extend(saved.pruned)
    assert [v.version for v in library.history(saved.id)] == [6, 5, 4]
    assert pruned == [1, 2, 3]
    assert library.get(saved.id).version == 6
    with pytest.raises(NotFound):
        library.version(saved.id, 1)
    monkeypatch.setenv("LOGICMODEL_MAX_VERSIONS", "1")
    fw = update_meta(saved.framework, description="Final")
    last = library.save(saved.id, fw, expected_version=6, author="Ann", summary="Final")
    assert last.pruned == (4, 5, 6) and [v.version for v in library.history(saved.id)] == [7]
    assert library.get(saved.id).framework == fw


def test_a_framework_past_the_format_limit_is_refused_with_the_limit(library: Library):
    data = synthetic_data(500)
    for i, node in enumerate(data["nodes"]):
        node["description"] = "x" * 4900
        node["tags"] = [f"t{i}-{k}-" + "y" * 150 for k in range(100)]
    big = from_data(data)
    assert len(dumps(big).encode()) > MAX_FILE_BYTES
    with pytest.raises(TooLarge) as caught:
        library.create(big, author="Ann")
    assert "limit is 10 MB" in str(caught.value) and "\n" not in str(caught.value)
    assert library.list() == []


def test_an_author_is_required_and_summaries_are_one_line(library: Library):
    with pytest.raises(StoreError, match="who is saving"):
        library.create(framework(), author="  ")
    saved = library.create(framework(), author="Ann\nSmith", summary="Line one\nline two")
    assert saved.updated_by == "Ann Smith" and library.history(saved.id)[0].summary == "Line one line two"
