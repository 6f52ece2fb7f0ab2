"""A hostile framework cannot run script anywhere in the app.

Every text field of a real sample is replaced by a script or HTML payload (``<script>``, an image with
``onerror``, a ``</script>`` breakout, ``javascript:`` text, a title holding an ``href`` link, which
makes pyvis switch its popups to ``innerHTML``). The file is imported on Home, every page is opened, on
the diagram a box is clicked and hovered, and the test fails if any payload ran: a dialog opened, the
document's title changed to the payload's, or a global the payloads set exists, in the app or its frames.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from payloads import poison

from logicmodel.core.readwrite import dumps, from_data, load
from ui.pages import shown

from .diagram_view import BOX_CENTRE, MOVE_TO_BOX

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = [
    "<script>window.__pwned='script';document.title='PWNED'</script>",
    "<img src=x onerror=\"window.__pwned='img';alert('img')\">",
    "\"></script><script>window.__pwned='breakout'</script>",
    "javascript:window.__pwned='url';alert('url')",
    "<a href=\"javascript:window.__pwned='href'\" onmouseover=\"window.__pwned='hover'\">href</a>",
    "<svg onload=\"window.__pwned='svg'\"></svg>{{7*7}}",
    "'-alert('quote')-'<iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe>",
]
LIMITS = {"label": 300, "description": 5000, "rationale": 5000}
PROBE = """() => {
  const frames = [window, ...Array.from(document.querySelectorAll('iframe')).map(f => f.contentWindow)];
  return frames.map(w => { try { return [w.__pwned || null, w.document.title]; } catch (e) { return [null, ''] } });
}"""


def _hostile_file(tmp_path: Path) -> Path:
    data = json.loads(dumps(load(ROOT / "sample_frameworks" / "swindon.json")))
    data = poison(data, PAYLOADS, LIMITS)
    data["meta"]["title"] = PAYLOADS[0]
    data["nodes"][0]["label"] = PAYLOADS[1] + " " + PAYLOADS[4]  # runs at once if ever markup; has an href
    for node in data["nodes"]:
        for evidence in node.get("evidence", []):
            evidence["url"] = "https://example.org/'onmouseover='window.__pwned=1"
    fw = from_data(data)  # still a valid framework
    path = tmp_path / "hostile.json"
    path.write_text(dumps(fw), encoding="utf-8")
    return path


def test_no_payload_runs_on_any_page_or_in_the_diagram(page, wait_for_app, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(_hostile_file(tmp_path))
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Imported").first.wait_for()

    seen: list[Any] = []
    nav = page.get_by_test_id("stSidebarNav")
    for name in [nav.get_by_role("link").nth(i).inner_text() for i in range(nav.get_by_role("link").count())]:
        nav.get_by_role("link", name=name).click()
        wait_for_app(page)
        page.wait_for_timeout(300)
        seen.append((name, page.evaluate(PROBE)))
        if name == "Diagram":
            frame = page.locator("iframe").first.element_handle(timeout=20_000).content_frame()
            frame.wait_for_selector("html[data-drawn]", timeout=20_000)
            first_id = load(ROOT / "sample_frameworks" / "swindon.json").nodes[0].id
            frame.evaluate(MOVE_TO_BOX, first_id)
            point = frame.evaluate(BOX_CENTRE, first_id)
            canvas = frame.locator("#mynetwork canvas")
            canvas.hover(position={"x": point["x"], "y": point["y"]})
            page.wait_for_timeout(500)
            canvas.click(position={"x": point["x"], "y": point["y"]})
            frame.locator("#lm-details").wait_for(state="visible")
            assert "href" in frame.locator("#lm-details h2").inner_text()  # shown as text
            frame.locator("#lm-details").hover()
            page.wait_for_timeout(300)
            seen.append(("Diagram after a click", page.evaluate(PROBE)))

    every_page = {p.title for p in shown(sign_in=False)}  # the app's one list: no page left unvisited
    assert {*every_page, "Diagram after a click"} <= {name for name, _ in seen}
    for name, frames in seen:
        for pwned, title in frames:
            assert pwned is None, f"a payload ran on {name}: {pwned}"
            assert title != "PWNED", f"a payload changed the title on {name}"
    assert dialogs == [], f"a payload opened a dialog: {dialogs}"
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests}"
