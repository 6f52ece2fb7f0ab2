"""The undo stack, from the saved history: replaying the versions' kinds gives what a tab's own memory would have.

hypothesis runs random sequences of edits, undos and redos through a plain in-memory model (two stacks of
contents, as a word processor keeps them) and checks that ``undo_stack()`` of the saved versions leads undo and
redo to the same contents, with the same words, whatever words undo's and redo's own summaries use.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from logicmodel.core.version_kinds import VersionKind
from logicmodel.editing.undo_stack import LIMIT, UndoStep, redone, undo_stack, undone
from logicmodel.store.records import VersionInfo

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
Step = str | tuple[VersionKind, str]


def history(*steps: Step) -> list[VersionInfo]:
    """Versions 1.. saved by these steps (a summary alone is an edit's), newest first as the library gives them."""
    kinded = [(VersionKind.EDIT, step) if isinstance(step, str) else step for step in steps]
    return [VersionInfo(n, NOW, "Ann", s, kind=k) for n, (k, s) in reversed(list(enumerate(kinded, 1)))]


def undid(what: str) -> Step:
    """The version an undo of ``what`` saves."""
    return VersionKind.UNDO, undone(what)


def redid(what: str) -> Step:
    """The version a redo of ``what`` saves."""
    return VersionKind.REDO, redone(what)


def test_a_new_framework_has_nothing_to_undo_or_redo():
    assert undo_stack(history("Created")) == undo_stack([])
    assert not undo_stack(history("Created")).undo


def test_undo_goes_back_one_edit_at_a_time_and_redo_comes_forward():
    s = undo_stack(
        history("Created", "Added 'Walks'.", "Added 'Swims'.", undid("Added 'Swims'."), undid("Added 'Walks'."))
    )
    assert s.undo == ()
    assert s.redo == (UndoStep(3, "Added 'Swims'."), UndoStep(4, "Added 'Walks'."))  # redo Walks first, to version 4
    s = undo_stack(history("Created", "Added 'Walks'.", undid("Added 'Walks'."), redid("Added 'Walks'.")))
    assert s.undo == (UndoStep(3, "Added 'Walks'."),) and s.redo == ()


def test_a_new_edit_after_an_undo_forgets_what_could_be_redone():
    s = undo_stack(history("Created", "Added 'Walks'.", undid("Added 'Walks'."), "Added 'Swims'."))
    assert s.redo == () and s.undo[-1] == UndoStep(3, "Added 'Swims'.")


def test_restoring_a_version_is_an_edit_that_can_be_undone():
    s = undo_stack(history("Created", "Added 'Walks'.", (VersionKind.RESTORE, "Restored version 1")))
    assert s.undo[-1] == UndoStep(2, "Restored version 1")


def test_undo_and_redo_go_by_the_kind_not_the_words():
    """Rewording undo's summaries (or an edit that happens to start with "Undone: ") changes nothing."""
    reworded = history("Created", "Added 'Walks'.", (VersionKind.UNDO, "Took back: Added 'Walks'."))
    assert undo_stack(reworded).redo == (UndoStep(2, "Added 'Walks'."),) and undo_stack(reworded).undo == ()
    looks_like_undo = history("Created", "Undone: the draft's title")  # an edit, whatever its words
    assert undo_stack(looks_like_undo).undo == (UndoStep(1, "Undone: the draft's title"),)


def test_pruned_versions_are_not_offered():
    kept = history("Created", "A", "B", "C")[:2]  # versions 4 and 3 kept, 1 and 2 pruned
    assert undo_stack(kept).undo == (UndoStep(3, "C"),)


def test_undo_goes_back_at_most_the_limit():
    s = undo_stack(history("Created", *[f"Edit {i}" for i in range(LIMIT + 20)]))
    assert len(s.undo) == LIMIT and s.undo[-1].what == f"Edit {LIMIT + 19}"


@given(st.lists(st.sampled_from(["edit", "undo", "redo"]), max_size=40), st.sampled_from(["Undone: ", "", "Edit "]))
def test_replaying_the_history_matches_a_tab_s_own_memory(actions, undo_words):
    contents = ["v1"]  # what each saved version holds, version n at index n - 1
    summaries: list[Step] = ["Created"]
    past: list[tuple[str, str]] = []  # (content to go back to, what the edit did), as a tab would keep them
    future: list[tuple[str, str]] = []
    for n, action in enumerate(actions):
        now = contents[-1]
        if action == "edit":
            what = f"Edit {n}."
            past.append((now, what))
            future.clear()
            contents.append(f"content {n}")
            summaries.append(what)
        elif action == "undo" and past:
            back, what = past.pop()
            future.append((now, what))
            contents.append(back)
            summaries.append((VersionKind.UNDO, undo_words + what))
        elif action == "redo" and future:
            forward, what = future.pop()
            past.append((now, what))
            contents.append(forward)
            summaries.append((VersionKind.REDO, undo_words + what))
        s = undo_stack(history(*summaries))
        assert [(contents[step.version - 1], step.what) for step in s.undo] == past[-LIMIT:]
        assert [(contents[step.version - 1], step.what) for step in s.redo] == future[-LIMIT:]
