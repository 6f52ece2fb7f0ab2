"""The live benchmark's pieces, with two Chromium tabs and a few seconds (``bench/live.py --client browser``; the
real run is 50 websocket tabs, whose pieces ``tests/bench/test_live_ws.py`` runs).

It starts its own throwaway PostgreSQL, two app servers and Chromium, as the benchmark does: a broken piece
(the saver, a tab's record of when it showed a version, the database's counters, the check that nothing was
lost) fails here rather than after a quarter of an hour of the real run. No timing is asserted.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from benches import bench_module


def _bench():
    return bench_module("live")


@pytest.mark.slow
def test_two_tabs_show_every_save_nothing_is_lost_and_the_costs_are_counted():
    live = _bench()
    with ThreadPoolExecutor(1) as thread:  # a thread of its own: Playwright's sync API refuses a running event loop
        # one framework's phases: the tabs of different frameworks are the same pieces, which the websocket
        # client's test runs (tests/bench/test_live_ws.py) without a browser's minute
        run = thread.submit(live.run, tabs=2, seconds=4, every=2, idle=3, floor_seconds=3, client="browser", many=False)
        phases = run.result()
    by_name = {p.name: p for p in phases}
    assert list(by_name) == [
        "idle servers, no tab",
        "1 tab, no one saving",
        "1 tab, a save every 2 s",
        "2 tabs of 1 framework, no one saving",
        "2 tabs of 1 framework, a save every 2 s",
    ]
    assert by_name["idle servers, no tab"].queries == 0  # the floor: servers with no tab ask nothing
    assert by_name["1 tab, no one saving"].queries > 0  # an open tab looks
    for phase in phases:
        assert phase.unkept() == []  # every save in the history, in order, and shown in every watching tab
    lines = live.table(phases, 2, "browser")
    assert any(line.startswith("2 tabs of 1 framework, a save every 2 s") and line.endswith("yes") for line in lines)
    assert all(len(p.server_cpu) == 2 for p in phases)
