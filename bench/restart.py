"""Restart benchmark: how long a page is without its framework when its app server is killed and started again.

One app server (a SQLite library) on a fixed port, one Chromium tab on Build with a framework open and a box
added (version 2). Each round: SIGKILL the server, start it again on the same port and library, and time

- **down**: from the kill until the new server answers its health check (Streamlit's own start, the app's
  first import; the page can do nothing before this);
- **back**: from the kill until the page shows its framework again with the reconnect note
  (``ui.reconnect``), with no reload;
- **back after answering**: ``back`` less ``down``: the page's reconnect and the new session's first run,
  which is what the app controls (the issue's limit is 10 s);

then add a box (the next version must save) before the next round.

Wall time on a shared 2-core machine: other work shifts the figures. Run:
``.venv/bin/python bench/restart.py [--rounds 5]``; not run by ``make test``. Last table:
``bench/restart-latest.txt``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser.conftest import CHROMIUM_ARGS, AppServer, find_chromium, library_env, new_tab  # noqa: E402
from browser.test_library import add_box, go, sidebar_says, start  # noqa: E402

NOTE = "The app lost its connection to its server"


def _wait_answering(server: AppServer) -> None:
    """``AppServer.start`` returns once the health check answers (it polls every 0.25 s)."""
    server.start()


def run(rounds: int) -> list[tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    results: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        tmp = Path(folder)
        server = AppServer(tmp / "streamlit.log", library_env(tmp), port=_port()).start()
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
        try:
            tab = new_tab(browser, server.url)
            start(tab, "Active Southend")
            go(tab, "Build")
            add_box(tab, "Walking football")
            sidebar_says(tab, "Saved just now as version 2")
            for n in range(rounds):
                note = tab.get_by_test_id("stAlertContainer").filter(has_text=NOTE)
                killed = time.monotonic()
                server.kill()
                _wait_answering(server)
                down = time.monotonic() - killed
                note.first.wait_for(timeout=60_000)
                back = time.monotonic() - killed
                results.append((down, back))
                print(f"round {n + 1}: down {down:.2f} s, back {back:.2f} s, after answering {back - down:.2f} s")
                go(tab, "Build")
                add_box(tab, f"Box {n + 1}")
                sidebar_says(tab, f"as version {n + 3}")
            tab.context.close()
        finally:
            browser.close()
            server.stop()
    return results


def _port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results = run(args.rounds)
    downs, backs = [d for d, _ in results], [b for _, b in results]
    after = [b - d for d, b in results]
    print(
        f"{len(results)} rounds: "
        f"down median {statistics.median(downs):.2f} s (max {max(downs):.2f}); "
        f"back median {statistics.median(backs):.2f} s (max {max(backs):.2f}); "
        f"after answering median {statistics.median(after):.2f} s (max {max(after):.2f})"
    )


if __name__ == "__main__":
    main()
