"""How fast the diagram is made and drawn, each figure beside a floor measured in the same run (issue 26).

For a framework of ``--boxes`` (1,000) and one of ``--many`` (8,000) boxes (about two links a box, from
``synthetic_data``), and a dense one (``dense_data``: 1,400 boxes and 100,000 links, the most links the format
allows), in headless Chromium:

- **server**: ``validate``'s own work on the same file (the floor; read, check every rule), then the time to
  make the diagram's HTML and the poster's SVG (layout included; processor time, median, each on a fresh
  framework object so nothing cached helps) as multiples of it, and what the layout cut to stay fast;
- **bytes**: everything the diagram page loads (the page and any request it makes), and of it what is not the
  framework's data (the renderer, its styles and the page: the same for every framework);
- **first frame**: from loading the page to its first drawn frame (``logicModelView.firstFrame``), beside the
  canvas floor: a bare page with no library drawing the same boxes, labels (where they would be readable,
  6 px or more) and links (one path for 2,000) on a canvas, fitted to its window, in one frame;
- **pan/zoom**: the time to draw one frame (``frameTime()``) after ``moveTo`` pans or zooms the whole diagram
  (fitted to the view: every box in it, the most work); median over moves;
- **pick**: from ``logicModelView.pick`` (as a click on a box) to the frame drawn with its pathway highlighted,
  and that frame's own drawing time; median over boxes across the diagram;
- **step**: in the slides (``export --to slides``) of the ``--boxes`` framework, from asking for the next
  Present step (no zoom animation) to the frame drawn with it (median over the first story's steps);
- **page switch**, in the app (a Streamlit server of its own, a SQLite library): from clicking Diagram in the
  sidebar, on Home with the framework open, to the diagram's first frame, for the Swindon sample and the
  ``--boxes`` framework; beside the same switch in ``bench/bare_app.py`` (two pages, the second showing the
  canvas floor of the same framework in a frame of the same height); median of ``--switches`` switches in each,
  taken in turns (one in the app, one in the bare app), after one each to warm up.

The page is read only through the test hook contract (``window.logicModelView``), so the same bench runs on
vis-network's shim and on the canvas renderer. Targets (``TARGETS``) are printed met or MISSED. Wall times in
Chromium on a shared machine move with its load: compare figures of one run, each with its floor. Every request
leaving the machine is refused. Writes the table to bench/diagram-latest.txt (or ``--out``) as well. (Until
issue 26 this bench also timed pyvis's default physics settling: over 30 s at 1,000 boxes, against our 0.8 s;
left out since it says nothing about drawing, see git history.)

    .venv/bin/python bench/diagram.py [--boxes 1000] [--many 8000] [--repeat 5] [--switches 12] [--no-dense] [--no-app]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser.conftest import CHROMIUM_ARGS, AppServer, find_chromium, library_env, new_tab, wait_for_app  # noqa: E402

from logicmodel import check, loads  # noqa: E402
from logicmodel.core.limits import MAX_LINKS  # noqa: E402
from logicmodel.core.models import Framework  # noqa: E402
from logicmodel.core.samples import find  # noqa: E402
from logicmodel.core.synthetic import dense_data, synthetic_data  # noqa: E402
from logicmodel.drawing.diagram import diagram_html, present_stories  # noqa: E402
from logicmodel.drawing.layout import layout  # noqa: E402
from logicmodel.drawing.svg import poster_svg  # noqa: E402

TIMEOUT_MS = 300_000
"""The longest a page may take to draw its first frame (the dense case on a loaded machine)."""
FRAME_WAIT_MS = 10_000
"""How long an action waits for the frame that shows it: none by then is reported as not drawn."""
VIEWPORT = {"width": 1400, "height": 900}


@dataclass(frozen=True)
class Target:
    """One of the issue's targets: what it limits, how the line reads, and the limit."""

    key: str
    words: str
    limit: float
    unit: str


TARGETS = (
    Target("first_x", "first frame at {boxes} boxes {value:.1f}x the canvas floor", 2.0, "x"),
    Target("first_s_many", "first frame at {many} boxes {value:.2f} s", 1.0, "s"),
    Target("first_s_dense", "first frame of the dense case {value:.2f} s", 2.0, "s"),
    Target("pick_ms", "pathway drawn {value:.0f} ms after a pick at {boxes} boxes", 50.0, "ms"),
    Target("move_ms", "pan/zoom frame drawn in {value:.1f} ms at {boxes} boxes", 16.0, "ms"),
    Target("move_ms_many", "pan/zoom frame drawn in {value:.1f} ms at {many} boxes", 16.0, "ms"),
    Target("move_ms_dense", "pan/zoom frame drawn in {value:.1f} ms in the dense case", 16.0, "ms"),
    Target("switch_x_sample", "page switch to Diagram (Swindon sample) {value:.1f}x the bare app", 3.0, "x"),
    Target("switch_x", "page switch to Diagram at {boxes} boxes {value:.1f}x the bare app", 3.0, "x"),
    Target("made_ms", "HTML made in {value:.0f} ms at {boxes} boxes", 150.0, "ms"),
    Target("made_x", "drawing (HTML, poster) within {limit:.0f}x validate in every case (worst {value:.1f}x)", 8, "x"),
    Target("step_ms", "Present step change at {boxes} boxes redrawn in {value:.0f} ms", 100.0, "ms"),
)  # fmt: skip
"""Every target, a line each under the table, met or MISSED. Each is a most; {boxes} and {many} are the sizes run."""

VIS_NETWORK_CODE_KB = 738
"""The same figure for the page as it was with vis-network (main before issue 26, measured 2026-12-07 by this
bench through the hooks' shim over vis-network): the size the issue asks to see before and after."""

CHROMIUM = find_chromium() or "/usr/bin/chromium"


# --- on the server -------------------------------------------------------------------------------------------


def cpu_ms(run: Callable, prepare: Callable, repeat: int) -> float:
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


# --- the canvas floor ----------------------------------------------------------------------------------------

FLOOR_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%%;overflow:hidden}
canvas{display:block}</style></head><body><canvas id="c"></canvas>
<script type="application/json" id="d">%s</script><script>
var d = JSON.parse(document.getElementById("d").textContent), c = document.getElementById("c");
var W = innerWidth, H = innerHeight, r = devicePixelRatio || 1;
c.width = Math.round(W * r); c.height = Math.round(H * r); c.style.width = W + "px"; c.style.height = H + "px";
requestAnimationFrame(function () {
  var ctx = c.getContext("2d"), b = d.boxes, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, i, k;
  for (k = 0; k < b.length; k++) {
    x0 = Math.min(x0, b[k][0] - b[k][2] / 2); x1 = Math.max(x1, b[k][0] + b[k][2] / 2);
    y0 = Math.min(y0, b[k][1] - b[k][3] / 2); y1 = Math.max(y1, b[k][1] + b[k][3] / 2);
  }
  var s = b.length ? 0.95 * Math.min(W / Math.max(1, x1 - x0), H / Math.max(1, y1 - y0)) : 1;
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, c.width, c.height);
  ctx.setTransform(r * s, 0, 0, r * s, r * (W / 2 - s * (x0 + x1) / 2), r * (H / 2 - s * (y0 + y1) / 2));
  ctx.strokeStyle = "#4d4d4d"; ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (i = 0; i < d.links.length; i++) {
    var f = b[d.links[i][0]], t = b[d.links[i][1]];
    ctx.moveTo(f[0] + f[2] / 2, f[1]); ctx.lineTo(t[0] - t[2] / 2, t[1]);
    if (i %% 2000 === 1999) { ctx.stroke(); ctx.beginPath(); }
  }
  ctx.stroke();
  for (k = 0; k < b.length; k++) {
    ctx.fillStyle = b[k][4]; ctx.fillRect(b[k][0] - b[k][2] / 2, b[k][1] - b[k][3] / 2, b[k][2], b[k][3]);
    ctx.strokeStyle = b[k][5]; ctx.strokeRect(b[k][0] - b[k][2] / 2, b[k][1] - b[k][3] / 2, b[k][2], b[k][3]);
  }
  ctx.fillStyle = "#1a1a1a"; ctx.textBaseline = "top";
  for (k = 0; k < b.length; k++) {
    var font = b[k][7];
    if (font * s < 6) continue;
    ctx.font = font + "px Arial";
    var lines = b[k][6].split("\\n");
    for (i = 0; i < lines.length; i++) {
      ctx.fillText(lines[i], b[k][0] - b[k][2] / 2 + 8, b[k][1] - b[k][3] / 2 + 8 + i * font * 1.3);
    }
  }
  window.logicModelView = {ready: true, firstFrame: performance.now()};
  document.documentElement.setAttribute("data-drawn", "1");
});
</script></body></html>"""
"""The floor: the same boxes, readable labels and links drawn on a bare canvas, no library, in one frame. It sets
the two fields of ``logicModelView`` the bench reads for a first frame (``ready``, ``firstFrame``)."""

SHAPES = """() => {
  const view = window.logicModelView, shown = view.boxes().filter((b) => !b.hidden), at = new Map();
  shown.forEach((b, k) => at.set(b.id, k));
  return {
    boxes: shown.map((b) => [b.x, b.y, b.width, b.height, b.fill, b.border, b.label, b.font]),
    links: view.links().filter((l) => !l.hidden && at.has(l.from) && at.has(l.to))
      .map((l) => [at.get(l.from), at.get(l.to)]),
  };
}"""
"""What the page drew, read through the hook contract: the floor draws the same."""


def floor_page(shapes: dict) -> str:
    """The canvas floor for ``shapes`` (``SHAPES`` read from our page)."""
    return FLOOR_PAGE % json.dumps(shapes).replace("<", "\\u003c")


# --- in Chromium ---------------------------------------------------------------------------------------------

TIMED = """([action, arg, waitMs]) => new Promise((done) => {
  const view = window.logicModelView, before = view.drawn().frames, took = view.frameTime();
  const start = performance.now();
  if (action === "pick") view.pick(arg);
  else if (action === "move") view.moveTo(arg, 0);
  else if (action === "step") window.logicModelGo(0, arg, false);
  const look = () => {
    const now = performance.now();  // before asking drawn(), which may take a while itself
    const maybe = view.frameTime() !== took || now - start > 250;
    if (maybe && view.drawn().frames > before) done({ms: now - start, frame: view.frameTime()});
    else if (now - start > waitMs) done({ms: null, frame: null});
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})"""
"""Do one action through the contract; resolve with the time until a frame has been drawn after it (looked at
each animation frame, after the renderer's own) and that frame's drawing time; nulls if none is drawn. Frames
are counted (``drawn()``, which may cost as much as a frame on vis-network's shim) only once ``frameTime()`` has
changed, or after 250 ms in case a frame took exactly as long as the last: the looking does not slow the page."""

READY = "() => window.logicModelView !== undefined && window.logicModelView.ready === true"

PAGE_BYTES = """() => {
  const bytes = (text) => new TextEncoder().encode(text).length;
  let data = 0;
  document.querySelectorAll('script[type="application/json"]').forEach((s) => { data += bytes(s.textContent); });
  return data;
}"""
"""Bytes of the framework's data in the page (its JSON blocks)."""


@contextmanager
def file_tab(browser: object, path: Path) -> Iterator[tuple[object, list[int]]]:
    """A tab on ``path`` in a context of its own that refuses everything but files, with the bytes of every
    response it loaded (the page's own included)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(path.as_uri())
    page.wait_for_function(READY, timeout=TIMEOUT_MS, polling=50)
    try:
        yield page, sizes
    finally:
        context.close()


def first_frame_ms(browser: object, path: Path, repeat: int) -> float:
    """Median time from navigation start to the page's first drawn frame."""
    times = []
    for _ in range(repeat):
        with file_tab(browser, path) as (page, _sizes):
            times.append(page.evaluate("window.logicModelView.firstFrame"))
    return statistics.median(times)


def timed(page: object, action: str, arg: object) -> tuple[float | None, float | None]:
    """``TIMED`` for one action, with a pause after it so that the next starts from an idle page."""
    result = page.evaluate(TIMED, [action, arg, FRAME_WAIT_MS])
    page.wait_for_timeout(100)
    return result["ms"], result["frame"]


def median_or_none(values: list[float | None]) -> float | None:
    """The median of the values measured, or None when no action drew a frame."""
    measured = [v for v in values if v is not None]
    return statistics.median(measured) if measured else None


def moves_ms(page: object, repeat: int) -> float | None:
    """Median drawing time of the frame after a pan or a zoom of the fitted diagram (moves alternate)."""
    page.evaluate("window.logicModelView.fit()")
    page.wait_for_timeout(300)
    centre, scale = page.evaluate("[window.logicModelView.centre(), window.logicModelView.scale()]")
    step = 40 / scale  # 40 px on screen
    frames = []
    for i in range(2 * repeat):
        to = (
            {"x": centre["x"] + (step if i % 4 < 2 else -step), "y": centre["y"], "scale": scale}
            if i % 2 == 0
            else {"x": centre["x"], "y": centre["y"], "scale": scale * (1.2 if i % 4 == 1 else 1 / 1.2)}
        )
        frames.append(timed(page, "move", to)[1])
    page.evaluate("window.logicModelView.fit()")
    page.wait_for_timeout(300)
    return median_or_none(frames)


def picks_ms(page: object, repeat: int) -> tuple[float | None, float | None]:
    """Median time from a pick to its pathway drawn, and that frame's drawing time, over boxes spread across
    the diagram (every level)."""
    ids = page.evaluate("window.logicModelView.boxes().filter((b) => !b.hidden).map((b) => b.id)")
    chosen = [ids[(2 * k + 1) * len(ids) // (2 * repeat)] for k in range(repeat)] if ids else []
    results = [timed(page, "pick", box) for box in chosen]
    return median_or_none([ms for ms, _ in results]), median_or_none([frame for _, frame in results])


def step_change_ms(browser: object, path: Path, steps: int) -> float | None:
    """Median time from asking for a Present step (no zoom animation) to the frame drawn with it."""
    with file_tab(browser, path) as (page, _sizes):
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.locator("#lm-stories button").first.click(timeout=TIMEOUT_MS)  # the first story: its steps are timed
        page.wait_for_timeout(300)
        return median_or_none([timed(page, "step", i)[0] for i in range(steps)])


# --- page switch in the app and in the bare app --------------------------------------------------------------

SWITCHED = """() => {
  const frame = document.querySelector('[data-testid="stMain"] iframe');
  const view = frame && frame.contentWindow && frame.contentWindow.logicModelView;
  if (!view || !view.ready) return null;
  return frame.contentWindow.performance.timeOrigin + view.firstFrame - window.__benchClicked;
}"""
"""Once the diagram's frame has drawn its first frame: the time from the click to it (both clocks from their
page's time origin, so the frame's own clock counts)."""
CLICK = "(link) => { window.__benchClicked = performance.timeOrigin + performance.now(); link.click(); }"
NO_FRAME = """() => document.querySelector('[data-testid="stMain"] iframe') === null"""


def switch_once(tab: object) -> float:
    """The time from clicking Diagram in the sidebar (on Home) to the diagram's first frame."""
    nav = tab.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Home", exact=True).click()
    tab.wait_for_function(NO_FRAME, timeout=TIMEOUT_MS)
    wait_for_app(tab)
    nav.get_by_role("link", name="Diagram", exact=True).evaluate(CLICK)
    took = tab.wait_for_function(SWITCHED, timeout=TIMEOUT_MS, polling=20).json_value()
    wait_for_app(tab)
    return took


@dataclass
class Switch:
    """One framework for the page switch: its name in the table, and its floor page's file name."""

    name: str
    fw: Framework
    case: str
    boxes: int = 0
    app_ms: float = 0.0
    bare_ms: float = 0.0


def page_switches(browser: object, folder: Path, switches: list[Switch], repeat: int) -> None:
    """Time the switch to Diagram in the app and in the bare app for each framework, in turns (one in the app,
    then one in the bare app, ``repeat`` times after one each to warm up), so that a change in the machine's
    load during the run weighs on both alike; the median of each."""
    env = library_env(folder)
    from logicmodel.store import Library

    with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
        ids = [lib.create(s.fw, author="Bench", summary="Opened for the diagram benchmark").id for s in switches]
    pages = {**env, "LOGICMODEL_BARE_PAGES": str(folder)}
    with (
        AppServer(folder / "app.log", env) as app,
        AppServer(folder / "bare.log", pages, script="bench/bare_app.py") as bare,
    ):
        for switch, framework_id in zip(switches, ids, strict=True):
            # A fresh tab (a fresh session) in each; neither may ask anything outside the machine.
            tabs = [
                new_tab(browser, app.url, f"/?framework={framework_id}", viewport=VIEWPORT),
                new_tab(browser, bare.url, f"/?case={switch.case}", viewport=VIEWPORT),
            ]
            times: list[list[float]] = [[], []]
            try:
                for n in range(repeat + 1):
                    for tab, took in zip(tabs, times, strict=True):
                        ms = switch_once(tab)
                        if n:
                            took.append(ms)
                for tab in tabs:
                    assert tab.outside_requests == [], tab.outside_requests
            finally:
                for tab in tabs:
                    tab.context.close()
            switch.app_ms, switch.bare_ms = statistics.median(times[0]), statistics.median(times[1])


# --- the run -------------------------------------------------------------------------------------------------


@dataclass
class Case:
    """One framework drawn: what was measured of it."""

    name: str
    data: dict
    role: str
    figures: dict[str, float | None] = field(default_factory=dict)
    cut: str = "nothing"


def machine() -> str:
    """The processor, cores, load, Python and Chromium, for the table's second line."""
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


def ms(value: float | None, width: int = 7, digits: int = 0) -> str:
    """A time in ms for the table, or "no frame" when none was drawn."""
    return f"{value:>{width - 3}.{digits}f} ms" if value is not None else f"{'no frame':>{width}}"


def measure_case(browser: object, tmp: Path, case: Case, repeat: int) -> None:
    """Everything in the drawing table for one framework."""
    data, f = case.data, case.figures
    n_links = len(data["links"])
    repeat = repeat if n_links <= 20_000 else max(1, min(repeat, 3))  # the dense case: minutes a time
    text = json.dumps(data)
    f["validate"] = validate_ms(text, repeat)
    f["made"] = html_ms(text, repeat)
    f["poster"] = poster_ms(text, repeat)
    case.cut = ", ".join(layout(loads(text)).shortcuts) or "nothing"
    ours = tmp / f"ours-{case.role}.html"
    html = diagram_html(loads(text))
    ours.write_text(html, encoding="utf-8")
    with file_tab(browser, ours) as (page, sizes):
        f["bytes"] = sum(sizes) or len(html.encode())
        f["code"] = f["bytes"] - page.evaluate(PAGE_BYTES)
        shapes = page.evaluate(SHAPES)
        f["move"] = moves_ms(page, repeat)
        f["pick"], f["pick_frame"] = picks_ms(page, repeat)
    bare = tmp / f"floor-{case.role}.html"
    bare.write_text(floor_page(shapes), encoding="utf-8")
    f["first"] = first_frame_ms(browser, ours, repeat)
    f["floor"] = first_frame_ms(browser, bare, repeat)
    if case.role == "boxes":  # the target's size (Present at 8,000 boxes on vis-network takes minutes)
        fw = loads(text)
        stories = present_stories(fw)
        if stories:
            slides = tmp / f"slides-{case.role}.html"
            slides.write_text(diagram_html(fw, stories=stories, standalone=True), encoding="utf-8")
            f["step"] = step_change_ms(browser, slides, len(stories[0].steps))


def drawing_row(case: Case) -> str:
    """The drawing table's row for a case measured."""
    f, n = case.figures, len(case.data["nodes"])
    return (
        f"{case.name:<13} {n:>6} {len(case.data['links']):>7} | {ms(f['validate'], 8)} | "
        f"{ms(f['made'], 9)} {f['made'] / f['validate']:>5.1f}x | {ms(f['poster'])} "
        f"{f['poster'] / f['validate']:>5.1f}x | {f['bytes'] / 1000:>5.0f} KB {f['code'] / 1000:>4.0f} KB | "
        f"{f['floor'] / 1000:>10.2f} s | {f['first'] / 1000:>9.2f} s {f['first'] / f['floor']:>6.1f}x | "
        f"{ms(f['move'], 10, 1)} | {ms(f['pick'], 8)} {ms(f['pick_frame'], 10, 1)} | "
        f"{ms(f['step'], 8) if 'step' in f else 'not run':>8} | {case.cut}"
    )


def floor_for(browser: object, tmp: Path, fw: Framework, case: str) -> None:
    """Write the canvas floor of ``fw``'s diagram as the app draws it, for the bare app (``<case>.html``)."""
    ours = tmp / f"app-{case}.html"
    ours.write_text(diagram_html(fw), encoding="utf-8")
    with file_tab(browser, ours) as (page, _sizes):
        (tmp / f"{case}.html").write_text(floor_page(page.evaluate(SHAPES)), encoding="utf-8")


def verdicts(cases: dict[str, Case], switches: list[Switch], sizes: dict[str, str]) -> list[str]:
    """One line a target, met or MISSED, for every target of the cases run (a figure not measured, such as an
    action that drew no frame, is MISSED)."""

    def fig(role: str, key: str) -> float | None:
        return cases[role].figures.get(key) if role in cases else None

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    def seconds(ms: float | None) -> float | None:
        return ms / 1000 if ms is not None else None

    first = fig("boxes", "first")
    made = [max(c.figures["made"], c.figures["poster"]) / c.figures["validate"] for c in cases.values()]
    values: dict[str, float | None] = {
        "first_x": ratio(first, fig("boxes", "floor")),
        "first_s_many": seconds(fig("many", "first")),
        "first_s_dense": seconds(fig("dense", "first")),
        "pick_ms": fig("boxes", "pick"),
        "move_ms": fig("boxes", "move"),
        "move_ms_many": fig("many", "move"),
        "move_ms_dense": fig("dense", "move"),
        "switch_x_sample": ratio(switches[0].app_ms, switches[0].bare_ms) if switches else None,
        "switch_x": ratio(switches[-1].app_ms, switches[-1].bare_ms) if switches else None,
        "made_ms": fig("boxes", "made"),
        "made_x": max(made),
        "step_ms": fig("boxes", "step"),
    }
    skipped = set()
    if "dense" not in cases:
        skipped |= {"first_s_dense", "move_ms_dense"}
    if not switches:
        skipped |= {"switch_x_sample", "switch_x"}
    lines = []
    for target in TARGETS:
        value = values[target.key]
        if target.key in skipped:
            continue
        limit = f"{target.limit:g}x" if target.unit == "x" else f"{target.limit:g} {target.unit}"
        if value is None:
            words = target.words.split("{value", 1)[0].format(limit=target.limit, **sizes).strip()
            lines.append(f"MISSED {words}: not measured, no frame drawn (target <= {limit})")
            continue
        words = target.words.format(value=value, limit=target.limit, **sizes)
        lines.append(f"{'met   ' if value <= target.limit else 'MISSED'} {words} (target <= {limit})")
    code = min(c.figures["code"] for c in cases.values()) / 1000
    lines.append(
        f"size   the diagram page's code and markup {code:.0f} KB, all but the framework's data "
        f"(with vis-network, before issue 26: {VIS_NETWORK_CODE_KB} KB)"
    )
    return lines


def options(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line's choices (``argv``, else the process's)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boxes", type=int, default=1000, help="the usual framework (pick, step, switch)")
    parser.add_argument("--many", type=int, default=8000, help="the big framework")
    parser.add_argument("--dense-per-level", type=int, default=350, help="boxes in each of the dense case's levels")
    parser.add_argument("--dense-links", type=int, default=MAX_LINKS, help="the dense case's links")
    parser.add_argument("--no-dense", dest="dense", action="store_false", help="leave out the dense case")
    parser.add_argument("--no-app", dest="app", action="store_false", help="leave out the page switch")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--switches", type=int, default=12, help="page switches timed in each app")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "diagram-latest.txt")
    return parser.parse_args(argv)


def run(browser: object, args: argparse.Namespace) -> list[str]:
    """Run the benchmark in ``browser`` (Playwright's Chromium); print the tables and the targets, write them
    to ``args.out``, return the lines."""
    sizes = {"boxes": f"{args.boxes:,}", "many": f"{args.many:,}"}
    cases = [
        Case(f"{args.boxes:,} boxes", synthetic_data(args.boxes), "boxes"),
        Case(f"{args.many:,} boxes", synthetic_data(args.many), "many"),
    ]
    if args.dense:
        cases.append(Case("dense", dense_data(args.dense_per_level, args.dense_links), "dense"))
    lines = [
        "Diagram benchmark (issue 26): each figure beside its floor, measured in the same run",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine()}",
        "Server times are processor time, median; the rest wall time in Chromium, median. Floors: validate (server),"
        " a bare canvas drawing the same boxes, labels and links (first frame), a bare two-page Streamlit app"
        " (page switch).",
        "",
        f"{'case':<13} {'boxes':>6} {'links':>7} | {'validate':>8} | {'HTML made':>9} {'x val':>6} | {'poster':>7} "
        f"{'x val':>6} | {'page':>8} {'code':>7} | {'canvas floor':>12} | {'first frame':>11} {'x floor':>7} | "
        f"{'pan/zoom':>10} | {'pick':>8} {'frame':>10} | {'step':>8} | layout cut",
        "-" * 190,
    ]
    print("\n".join(lines), flush=True)
    switches: list[Switch] = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for case in cases:
            measure_case(browser, tmp, case, args.repeat)
            lines.append(drawing_row(case))
            print(lines[-1], flush=True)
        if args.app:
            switches = [
                Switch("Swindon sample", find("swindon").load(), "swindon"),
                Switch(f"{args.boxes:,} boxes", loads(json.dumps(synthetic_data(args.boxes))), "boxes"),
            ]
            for switch in switches:
                switch.boxes = len(switch.fw.nodes)
                floor_for(browser, tmp, switch.fw, switch.case)
            page_switches(browser, tmp, switches, args.switches)
    if switches:
        table = [
            "",
            "Page switch: from clicking Diagram in the sidebar (on Home, framework open) to the diagram's first frame",
            f"{'case':<16} {'boxes':>6} | {'bare app':>9} | {'the app':>9} {'x bare':>7}",
            "-" * 56,
        ]
        table += [
            f"{s.name:<16} {s.boxes:>6} | {s.bare_ms / 1000:>7.2f} s | {s.app_ms / 1000:>7.2f} s "
            f"{s.app_ms / s.bare_ms:>6.1f}x"
            for s in switches
        ]
        print("\n".join(table), flush=True)
        lines += table
    summary = ["", *verdicts({c.role: c for c in cases}, switches, sizes)]
    summary.append("Requests leaving the machine were refused (none was made in the app).")
    print("\n".join(summary), flush=True)
    lines += summary
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def main(argv: list[str] | None = None) -> list[str]:
    """The command line: ``run`` in a Chromium of its own."""
    args = options(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            return run(browser, args)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
