"""Two people saving over the same version: exactly one wins, the other is told, nothing is lost (both backends)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from logicmodel.editing.edit import new_framework, update_meta
from logicmodel.store import Conflict, Library

ROUNDS = 25


def test_two_writers_on_one_version_exactly_one_wins_each_round(database_url: str):
    with Library.open(database_url) as first, Library.open(database_url) as second:  # separate connection pools
        saved = first.create(new_framework("Active Swindon"), author="Setup")
        barrier = threading.Barrier(2)
        winners: list[str] = []

        def write(lib: Library, who: str, version: int, round_no: int) -> str:
            fw = update_meta(saved.framework, description=f"Round {round_no} by {who}")
            barrier.wait()
            try:
                lib.save(saved.id, fw, expected_version=version, author=who, summary=f"Round {round_no}")
            except Conflict as conflict:
                assert conflict.current.version == version + 1
                assert conflict.since[0].author != who
                return "conflict"
            return "won"

        with ThreadPoolExecutor(2) as pool:
            for round_no in range(1, ROUNDS + 1):
                version = first.get(saved.id).version
                results = list(
                    pool.map(
                        lambda args: write(*args),
                        [(first, "Ann", version, round_no), (second, "Ben", version, round_no)],
                    )
                )
                assert sorted(results) == ["conflict", "won"], f"round {round_no}: {results}"
                winners.append("Ann" if results[0] == "won" else "Ben")

        history = second.history(saved.id)
        assert [v.version for v in history] == list(range(ROUNDS + 1, 0, -1))  # one version a round, no gaps
        for info in history[:-1]:
            round_no = info.version - 1
            assert info.author == winners[round_no - 1]
            kept = second.version(saved.id, info.version)
            assert kept.meta.description == f"Round {round_no} by {info.author}"  # the winner's work, whole
        assert second.get(saved.id).framework.meta.description == f"Round {ROUNDS} by {winners[-1]}"
