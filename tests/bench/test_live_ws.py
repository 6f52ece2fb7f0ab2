"""Real Streamlit sessions over the app's websocket (``bench/st_session.py``) against real app servers.

What ``bench/live.py`` counts on when it holds 50 tabs without a browser: a session opens the framework its
address names, on Home, under the name its cookie gives (another tab sees that name in "Also here"), its
fragment runs on the timer, and a save made elsewhere reaches it; and the benchmark's pieces, with two such
tabs across two servers on PostgreSQL, show every save and lose nothing. Slow (an app server, then two and a
PostgreSQL); no timing is asserted, only generous limits on waits.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from benches import bench_module
from browser.conftest import LIVE, AppServer, library_env
from pg import PostgresUnavailable

from logicmodel.editing.edit import add_node
from logicmodel.store import Library
from ui.author import COOKIE

pytestmark = pytest.mark.slow

VERSION = re.compile(r"Saved .* as version (\d+)")


def _live():
    return bench_module("live")


st_session = bench_module("st_session")


def test_two_sessions_open_the_framework_under_their_names_and_a_save_reaches_both(tmp_path: Path):
    live = _live()
    env = {**library_env(tmp_path), **LIVE}  # tabs look every 2.5 s, as served
    with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
        framework_id = lib.create(live.small("Active Kettering by websocket"), author="Ann").id
    with AppServer(tmp_path / "streamlit.log", env) as server, st_session.SessionPool() as pool:
        sam, priya = (
            pool.open(server.url, query=f"framework={framework_id}", cookies={COOKIE: quote(name)}, watch=VERSION)
            for name in ("Sam Patel", "Priya")
        )
        for tab in (sam, priya):
            tab.wait_for(lambda tab=tab: "1" in tab.seen, timeout=120, what="version 1 in the sidebar")
            assert "Active Kettering by websocket" in " ".join(tab.texts(st_session.SIDEBAR))
        # each name reached the script from its cookie: the other tab says who is here, on which page
        sam.wait_for(lambda: "Also here: Priya (Home)" in sam.texts(st_session.SIDEBAR), 60, "Priya in 'Also here'")
        priya.wait_for(
            lambda: "Also here: Sam Patel (Home)" in priya.texts(st_session.SIDEBAR), 60, "Sam in 'Also here'"
        )

        with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
            saved = lib.get(framework_id)
            fw = add_node(saved.framework, {"id": "ws-1", "label": "Saved from elsewhere", "level": "activity"})
            lib.save(framework_id, fw, expected_version=saved.version, author="Ann", summary="Added a box")
        for tab in (sam, priya):  # no one asked these tabs for anything: their fragment's timer found it
            tab.wait_for(lambda tab=tab: "2" in tab.seen, timeout=60, what="version 2 in the sidebar")
            assert any("as version 2 by Ann" in text for text in tab.texts(st_session.SIDEBAR))
            assert tab.fragment_runs > 0
            assert tab.problems == []
        pool.close_session(priya)  # Priya leaves: her session ends on the server, Sam's goes on
        assert priya.closed.is_set() and not sam.closed.is_set()


def test_the_benchmarks_pieces_with_two_websocket_tabs_show_every_save_and_lose_nothing():
    live = _live()
    try:
        phases = live.run(tabs=2, seconds=4, every=2, idle=3, floor_seconds=3, client="ws")
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL: {exc}")
    by_name = {p.name: p for p in phases}
    assert list(by_name) == [
        "idle servers, no tab",
        "1 tab, no one saving",
        "1 tab, a save every 2 s",
        "2 tabs of 1 framework, no one saving",
        "2 tabs of 1 framework, a save every 2 s",
        "2 tabs of 2 frameworks, no one saving",
        "2 tabs of 2 frameworks, a save every 2 s",
    ]
    assert by_name["idle servers, no tab"].queries == 0  # the floor: servers with no tab ask nothing
    assert by_name["1 tab, no one saving"].queries > 0  # an open websocket tab looks, as a browser's does
    assert by_name["2 tabs of 1 framework, no one saving"].fragment_runs > 0  # the timer runs the fragment
    for phase in phases:
        assert phase.broken == [], phase.name  # no lost connection, no exception shown
        assert phase.unkept() == []  # every save in the history, in order, and shown in every watching tab
    lines = live.table(phases, 2, "ws")
    assert lines[0].startswith("Live tabs: 2 tabs (Streamlit sessions over the app's websocket")
    assert any(line.startswith("2 tabs of 1 framework, a save every 2 s") and line.endswith("yes") for line in lines)
