"""Any sequence of saves, stale saves and restores leaves the library as a simple model says (both backends)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from logicmodel.editing.edit import new_framework, update_meta
from logicmodel.store import Conflict, Library


def test_the_library_matches_a_model_of_versions(library: Library, monkeypatch):
    monkeypatch.setenv("LOGICMODEL_MAX_VERSIONS", "4")

    class Versions(RuleBasedStateMachine):
        """The model: a list of (framework, author, restored_from); kept versions are the last four."""

        def __init__(self) -> None:
            super().__init__()
            first = library.create(new_framework("Active Swindon"), author="Ann")
            self.id = first.id
            self.versions = [(first.framework, "Ann", None)]

        @property
        def current(self) -> int:
            return len(self.versions)

        def kept(self) -> list[int]:
            return list(range(max(1, self.current - 3), self.current + 1))

        @rule(
            text=st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=20),
            author=st.sampled_from(["Ann", "Ben"]),
            stale=st.booleans(),
        )
        def save(self, text, author, stale):
            fw = update_meta(self.versions[-1][0], description=text)
            expected = self.current - 1 if stale and self.current > 1 else self.current
            try:
                saved = library.save(self.id, fw, expected_version=expected, author=author, summary="Edited")
            except Conflict as conflict:
                assert expected != self.current and conflict.current.version == self.current
                return
            assert expected == self.current
            if fw != self.versions[-1][0]:
                self.versions.append((fw, author, None))
            assert saved.version == self.current

        @rule(data=st.data())
        def restore(self, data):
            version = data.draw(st.sampled_from(self.kept()))
            old = self.versions[version - 1][0]
            saved = library.restore_version(self.id, version, expected_version=self.current, author="Cat")
            if old != self.versions[-1][0]:
                self.versions.append((old, "Cat", version))
            assert saved.version == self.current

        @invariant()
        def agrees(self):
            stored = library.get(self.id)
            assert stored.version == self.current and stored.framework == self.versions[-1][0]
            history = library.history(self.id)
            assert [v.version for v in history] == self.kept()[::-1]
            for info in history:
                _fw, author, restored_from = self.versions[info.version - 1]
                assert (info.author, info.restored_from) == (author, restored_from)
            assert library.version(self.id, history[-1].version) == self.versions[history[-1].version - 1][0]

    run_state_machine_as_test(
        Versions,
        settings=settings(
            max_examples=15,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
