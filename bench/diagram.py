"""How fast the diagram is made and drawn, against pyvis's default, in headless Chromium, in one run.

For generated frameworks of 100, 1,000, 3,000 and 8,000 boxes (about two links a box), and for a dense one
of 1,400 boxes and 100,000 links (four levels of 350, the most links the format allows), it measures:

- the floor: ``validate``'s own work on the same file (read, check every rule; processor time, median);
- the server's time to make the diagram's HTML and the poster's SVG (layout included; processor time,
  median, each on a fresh framework object so nothing cached helps), and each as a multiple of the floor;
- the passes the layout cut to stay fast (``Layout.shortcuts``);
- the time from loading the page to the first frame drawn of this project's diagram (median; with
  physics off the first frame is the final one);
- the baseline, up to 3,000 boxes: pyvis's default for the same graph (``Network.from_nx``, default
  physics) until vis-network reports it has stabilised, capped at 120 s (the table says when the cap was hit);
- the canvas floor: a bare page that draws the same boxes, labels and links (routed ones along their bend
  points) on a canvas with no library, from load to its first frame, and our first frame as a multiple of it;
- a Present step change: in the slides (``export --to slides``), the time from asking for the next step (no
  zoom animation) to the frame drawn with it (median over a story's steps).

Targets: drawing (HTML and poster) within 8 times ``validate`` for every case; first frame at 1,000 boxes at
most 1.0 s and within 2 times the canvas floor; at least 20 times faster than pyvis's default at 1,000 boxes;
HTML made in at most 150 ms at 1,000 boxes; a Present step change redrawn within 100 ms at 1,000 boxes.
Every request leaving the machine is refused (pyvis's default page asks for Bootstrap from a CDN).
Writes the table to bench/diagram-latest.txt as well.

    .venv/bin/python bench/diagram.py [--sizes 100 1000 3000 8000] [--dense] [--repeat 5] [--cap 120]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
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

from logicmodel import check, loads  # noqa: E402
from logicmodel.core.graph import to_graph  # noqa: E402
from logicmodel.core.limits import MAX_LINKS  # noqa: E402
from logicmodel.core.readwrite import from_data  # noqa: E402
from logicmodel.core.synthetic import synthetic_data  # noqa: E402
from logicmodel.drawing.diagram import diagram_html, present_stories  # noqa: E402
from logicmodel.drawing.layout import layout  # noqa: E402
from logicmodel.drawing.svg import poster_svg  # noqa: E402

LEVELS = ("activity", "output", "intermediate", "strategic")
BASELINE_UP_TO = 3000
"""pyvis's default runs to its 120 s cap on anything bigger; the table says "not run" past this size."""
RATIO = 8.0
"""Drawing (HTML or poster) may take at most this many times ``validate``."""

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


def dense_data(per_level: int = 350, n_links: int = MAX_LINKS, seed: int = 0) -> dict:
    """Four levels of ``per_level`` boxes, ``n_links`` random links from each level to the next."""
    rng = random.Random(seed)
    ids = [[f"{level[:3]}-{k}" for k in range(per_level)] for level in LEVELS]
    links: set[tuple[str, str]] = set()
    while len(links) < n_links:
        step = rng.randrange(len(LEVELS) - 1)
        links.add((rng.choice(ids[step]), rng.choice(ids[step + 1])))
    return {
        "schema_version": 1,
        "meta": {"title": f"Dense framework of {per_level * len(LEVELS)} boxes and {n_links} links"},
        "nodes": [
            {"id": node_id, "level": level, "label": f"{level.title()} {k}"}
            for level, column in zip(LEVELS, ids, strict=True)
            for k, node_id in enumerate(column)
        ],
        "links": [{"source": s, "target": t} for s, t in sorted(links)],
    }


def cpu_ms(run, prepare, repeat: int) -> float:
    """Median processor time of ``run(prepare())`` in ms: this process's own work, whatever else the
    shared machine is doing; ``prepare`` (untimed) gives each run a fresh framework."""
    times = []
    for _ in range(repeat):
        arg = prepare()
        start = time.process_time()
        run(arg)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def validate_ms(text: str, repeat: int) -> float:
    """The floor: what ``python -m logicmodel validate`` does with the file (read and check every rule)."""
    return cpu_ms(lambda t: check(loads(t)), lambda: text, repeat)


def html_ms(text: str, repeat: int) -> float:
    """Median time to make the diagram's page from a framework nobody has drawn yet."""
    return cpu_ms(diagram_html, lambda: loads(text), repeat)


def poster_ms(text: str, repeat: int) -> float:
    """Median time to make the poster (A3) from a framework nobody has drawn yet."""
    return cpu_ms(poster_svg, lambda: loads(text), repeat)


FLOOR_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%%;overflow:hidden}
canvas{display:block}</style></head><body><canvas id="c"></canvas>
<script type="application/json" id="d">%s</script><script>
var d = JSON.parse(document.getElementById("d").textContent), c = document.getElementById("c");
c.width = innerWidth; c.height = innerHeight;
requestAnimationFrame(function () {
  var ctx = c.getContext("2d"), s = d.readable, half = d.boxWidth / 2, at = [], routed = new Map(d.routes);
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, c.width, c.height);
  ctx.setTransform(s, 0, 0, s, 20, 20);
  d.nodes.forEach(function (n) { if (typeof n.id === "number") at[n.id] = n; });
  ctx.strokeStyle = "#4d4d4d"; ctx.lineWidth = 1.5;
  d.edges.forEach(function (e, j) {
    var p = routed.get(j);
    ctx.beginPath();
    if (p) {
      ctx.moveTo(p[0], p[1]);
      for (var i = 2; i < p.length; i += 2) {
        var dx = (p[i] - p[i - 2]) / 2;
        ctx.bezierCurveTo(p[i - 2] + dx, p[i - 1], p[i] - dx, p[i + 1], p[i], p[i + 1]);
      }
    } else {
      ctx.moveTo(at[e.from].x + half, at[e.from].y); ctx.lineTo(at[e.to].x - half, at[e.to].y);
    }
    ctx.stroke();
  });
  ctx.font = d.font + "px Arial"; ctx.textBaseline = "top";
  at.forEach(function (n, k) {
    var h = d.boxHeight[k];
    ctx.fillStyle = "#cce3f0"; ctx.fillRect(n.x - half, n.y - h / 2, d.boxWidth, h);
    ctx.strokeStyle = "#0072B2"; ctx.strokeRect(n.x - half, n.y - h / 2, d.boxWidth, h);
    ctx.fillStyle = "#1a1a1a";
    n.label.split("\\n").forEach(function (line, i) {
      ctx.fillText(line, n.x - half + 8, n.y - h / 2 + 8 + i * d.font * 1.3);
    });
  });
  window.logicModelFirstFrame = performance.now();
  document.documentElement.setAttribute("data-drawn", "1");
});
</script></body></html>"""
"""The floor: the same boxes, labels and links drawn on a bare canvas, no library, in one frame."""


def floor_page(ours: str) -> str:
    """The canvas floor for one of our pages: its boxes, labels, links and sizes, drawn with no library."""
    block = ours.split('<script type="application/json" id="lm-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    keep = {
        "nodes": [{"id": n["id"], "x": n["x"], "y": n["y"], "label": n["label"]} for n in data["nodes"]],
        "edges": [{"from": e["from"], "to": e["to"]} for e in data["edges"]],
        "routes": data["routes"],
        "boxWidth": data["boxWidth"],
        "boxHeight": data["boxHeight"],
        "readable": data["readable"],
        "font": data["options"]["nodes"]["font"]["size"],
    }
    return FLOOR_PAGE % json.dumps(keep).replace("<", "\\u003c")


STEP_TIMING = """(steps) => new Promise((done) => {
  const times = [];
  let i = 0;
  const next = () => {
    if (i >= steps) { done(times); return; }
    const start = performance.now();
    network.once("afterDrawing", () => { times.push(performance.now() - start); i += 1; setTimeout(next, 50); });
    logicModelGo(0, i, false);
  };
  next();
})"""


def step_change_ms(browser, path: Path, steps: int) -> float:
    """Median time from asking for a Present step (no zoom animation) to the frame drawn with it."""
    context, page = open_page(browser, path)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-drawn]", timeout=300_000)
    page.locator("#lm-stories button").first.click()  # the first story: its steps are timed
    times = page.evaluate(STEP_TIMING, steps)
    context.close()
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
        page.wait_for_selector("html[data-drawn]", timeout=300_000)
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000, 8000])
    parser.add_argument("--no-dense", dest="dense", action="store_false", help="leave out the dense case")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds to wait for pyvis's default")
    args = parser.parse_args()

    cases = [(f"{n:,} boxes", synthetic_data(n)) for n in args.sizes]
    if args.dense:
        cases.append(("dense", dense_data()))
    lines = [
        "Diagram benchmark: drawing against validate (the floor, same run) and pyvis's default (from_nx, physics)",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine()}",
        "Server times are processor time, median; first frame and pyvis's default are wall time in Chromium.",
        "",
        f"{'case':<12} {'boxes':>6} {'links':>7} | {'validate':>9} | {'HTML made':>10} {'x val':>6} | "
        f"{'poster':>9} {'x val':>6} | {'canvas floor':>12} | {'first frame':>11} {'x floor':>7} | "
        f"{'step change':>11} | {'pyvis default':>15} | {'faster':>7} | layout cut",
        "-" * 170,
    ]
    print("\n".join(lines), flush=True)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for name, data in cases:
            n, n_links = len(data["nodes"]), len(data["links"])
            repeat = args.repeat if n_links <= 20_000 else max(1, min(args.repeat, 3))
            text = json.dumps(data)
            floor = validate_ms(text, repeat)
            made = html_ms(text, repeat)
            poster = poster_ms(text, repeat)
            cut = ", ".join(layout(loads(text)).shortcuts) or "nothing"
            ours = Path(tmp) / f"ours-{n}-{n_links}.html"
            ours.write_text(diagram_html(loads(text)), encoding="utf-8")
            frame = first_frame_ms(browser, ours, repeat)
            bare = Path(tmp) / f"floor-{n}-{n_links}.html"
            bare.write_text(floor_page(ours.read_text(encoding="utf-8")), encoding="utf-8")
            floor_frame = first_frame_ms(browser, bare, repeat)
            if n_links <= 20_000:
                fw = loads(text)
                slides = Path(tmp) / f"slides-{n}.html"
                stories = present_stories(fw)
                slides.write_text(diagram_html(fw, stories=stories, standalone=True), encoding="utf-8")
                step = step_change_ms(browser, slides, len(stories[0].steps))
                step_text = f"{step:>8.0f} ms"
            else:
                step, step_text = float("nan"), f"{'not run':>11}"
            if n <= BASELINE_UP_TO and n_links <= 20_000:
                theirs = Path(tmp) / f"pyvis-{n}.html"
                theirs.write_text(pyvis_default_page(data), encoding="utf-8")
                settled, capped = pyvis_stabilised_s(browser, theirs, args.cap)
                ratio = settled * 1000 / frame
                settled_text = f"> {settled:.0f} s (capped)" if capped else f"{settled:.1f} s"
                ratio_text = f">{ratio:.0f}x" if capped else f"{ratio:.0f}x"
            else:
                settled, capped, settled_text, ratio_text = float("nan"), False, "not run", "-"
            row = (
                f"{name:<12} {n:>6} {n_links:>7} | {floor:>6.0f} ms | {made:>7.0f} ms {made / floor:>5.1f}x | "
                f"{poster:>6.0f} ms {poster / floor:>5.1f}x | {floor_frame / 1000:>10.2f} s | {frame / 1000:>9.2f} s "
                f"{frame / floor_frame:>6.1f}x | {step_text} | {settled_text:>15} | {ratio_text:>7} | {cut}"
            )
            lines.append(row)
            print(row, flush=True)
            results[name] = (n, floor, made, poster, frame, settled, capped, floor_frame, step)
        browser.close()

    summary = [""]
    worst = max(results.items(), key=lambda item: max(item[1][2], item[1][3]) / item[1][1])
    name, (_n, floor, made, poster, *_rest) = worst
    ratio = max(made, poster) / floor
    summary.append(
        f"{'met   ' if ratio <= RATIO else 'MISSED'} drawing within {RATIO:.0f}x validate in every case "
        f"(worst: {name}, {ratio:.1f}x)"
    )
    if "1,000 boxes" in results:
        _n, _floor, made, _poster, frame, settled, capped, floor_frame, step = results["1,000 boxes"]
        checks = [
            (f"first frame at 1,000 boxes {frame / 1000:.2f} s (target <= 1.0 s)", frame <= 1000),
            (f"first frame at 1,000 boxes {frame / floor_frame:.1f}x the canvas floor (target <= 2x)",
             frame <= 2 * floor_frame),
            (f"Present step change at 1,000 boxes redrawn in {step:.0f} ms (target <= 100 ms)", step <= 100),
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
