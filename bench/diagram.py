"""How fast the diagram is made and drawn, against pyvis's default, in headless Chromium, in one run.

For generated frameworks of 100, 1,000 and 3,000 boxes it measures:

- the server's time to make the diagram's HTML (layout included; median of 5, each on a fresh framework
  object so nothing cached helps);
- the time from loading the page to the first frame drawn of this project's diagram (median of 5; with
  physics off the first frame is the final one);
- the baseline: pyvis's default for the same graph (``Network.from_nx``, default physics) until vis-network
  reports it has stabilised, capped at 120 s (the table says when the cap was hit).

Targets: first frame at 1,000 boxes at most 1.0 s; at least 20 times faster than pyvis's default at 1,000
boxes; HTML made in at most 150 ms at 1,000 boxes. Every request leaving the machine is refused (pyvis's
default page asks for Bootstrap from a CDN). Writes the table to bench/diagram-latest.txt as well.

    .venv/bin/python bench/diagram.py [--sizes 100 1000 3000] [--repeat 5] [--cap 120]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from pyvis.network import Network  # noqa: E402

from logicmodel.diagram import diagram_html  # noqa: E402
from logicmodel.graph import to_graph  # noqa: E402
from logicmodel.readwrite import from_data  # noqa: E402
from logicmodel.synthetic import synthetic_data  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STABILISED_HOOK = """drawGraph();
network.once("stabilized", function () { window.benchStabilised = performance.now(); });
network.once("stabilizationIterationsDone", function () { window.benchStabilised = performance.now(); });
"""


def html_ms(data: dict, repeat: int) -> float:
    """Median time to make the diagram's page from a framework nobody has drawn yet."""
    times = []
    for _ in range(repeat):
        fw = from_data(data)
        start = time.perf_counter()
        diagram_html(fw)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def pyvis_default_page(data: dict) -> str:
    """What a developer gets from pyvis by default: from_nx and physics on, with a hook to time stabilising."""
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(to_graph(from_data(data)))
    page = net.generate_html()
    head, _call, tail = page.rpartition("drawGraph();")
    return head + STABILISED_HOOK + tail


def open_page(browser, path: Path):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    return context, context.new_page()


def first_frame_ms(browser, path: Path, repeat: int) -> float:
    """Median time from navigation start to this project's first drawn frame."""
    times = []
    for _ in range(repeat):
        context, page = open_page(browser, path)
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-drawn]", timeout=60_000)
        times.append(page.evaluate("window.logicModelFirstFrame"))
        context.close()
    return statistics.median(times)


def pyvis_stabilised_s(browser, path: Path, cap: float) -> tuple[float, bool]:
    """Seconds from navigation start until pyvis's default reports it has stabilised, and whether capped."""
    context, page = open_page(browser, path)
    try:
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_function("window.benchStabilised !== undefined", timeout=cap * 1000, polling=200)
        return page.evaluate("window.benchStabilised") / 1000, False
    except Exception as exc:  # playwright's TimeoutError: the cap was hit
        if "Timeout" not in type(exc).__name__:
            raise
        return cap, True
    finally:
        context.close()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except OSError:
        chromium = "Chromium (version unknown)"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{cpu}, {os.cpu_count()} cores, load average {load:.1f} at start; Python {platform.python_version()}; "
        f"{chromium}, headless"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds to wait for pyvis's default")
    args = parser.parse_args()

    lines = [
        "Diagram benchmark: this project's diagram against pyvis's default (from_nx, default physics)",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine()}",
        "",
        f"{'boxes':>6} {'links':>6} | {'HTML made':>10} | {'first frame':>12} | {'pyvis default settled':>22} | "
        f"{'faster':>7}",
        f"{'':>6} {'':>6} | {'(median)':>10} | {'(median)':>12} | {'':>22} | {'':>7}",
        "-" * 78,
    ]
    print("\n".join(lines), flush=True)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for n in args.sizes:
            data = synthetic_data(n)
            n_links = len(data["links"])
            made = html_ms(data, args.repeat)
            ours = Path(tmp) / f"ours-{n}.html"
            ours.write_text(diagram_html(from_data(data)), encoding="utf-8")
            frame = first_frame_ms(browser, ours, args.repeat)
            theirs = Path(tmp) / f"pyvis-{n}.html"
            theirs.write_text(pyvis_default_page(data), encoding="utf-8")
            settled, capped = pyvis_stabilised_s(browser, theirs, args.cap)
            ratio = settled * 1000 / frame
            settled_text = f"> {settled:.0f} s (capped)" if capped else f"{settled:.1f} s"
            ratio_text = f">{ratio:.0f}x" if capped else f"{ratio:.0f}x"
            row = (
                f"{n:>6} {n_links:>6} | {made:>7.0f} ms | {frame / 1000:>10.2f} s | {settled_text:>22} | "
                f"{ratio_text:>7}"
            )
            lines.append(row)
            print(row, flush=True)
            results[n] = (made, frame, settled, capped)
        browser.close()

    summary = [""]
    if 1000 in results:
        made, frame, settled, capped = results[1000]
        checks = [
            (f"first frame at 1,000 boxes {frame / 1000:.2f} s (target <= 1.0 s)", frame <= 1000),
            (f"{settled * 1000 / frame:.0f}x faster than pyvis's default at 1,000 (target >= 20x)",
             settled * 1000 / frame >= 20),
            (f"HTML made in {made:.0f} ms at 1,000 boxes (target <= 150 ms)", made <= 150),
        ]  # fmt: skip
        summary += [f"{'met   ' if ok else 'MISSED'} {text}" for text, ok in checks]
    summary.append("Requests leaving the machine were refused (pyvis's default page asks for Bootstrap from a CDN).")
    print("\n".join(summary))
    lines += summary
    (ROOT / "bench" / "diagram-latest.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
