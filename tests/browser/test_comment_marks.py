"""The count of open comment threads on a box, as Chromium draws it on the Diagram page: there after a comment,
saying the number, gone once the threads are resolved; the box's details and tooltip say it in words.

The mark is drawn on the canvas, so the test reads where the page's script drew it (``logicModelComments``)
and the colours of the pixels there. Comments are made through the library, as another person's tab would.
"""

from __future__ import annotations

from pathlib import Path

from logicmodel.core.samples import find
from logicmodel.store import Library

from .conftest import AppServer, library_env, new_tab, wait_for_app
from .diagram_view import BOX_CENTRE

MARK = (0x00, 0x3A, 0x70)
"""The filled bubble's colour (diagram.js): a dark blue no level, status or link is drawn in."""

PIXELS_AROUND = """([x, y]) => {
  const canvas = document.querySelector('#mynetwork canvas');
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const px = canvas.getContext('2d').getImageData(Math.round(x * ratio) - 6, Math.round(y * ratio) - 6, 13, 13).data;
  let mark = 0, white = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (Math.abs(px[i] - 0x00) < 12 && Math.abs(px[i + 1] - 0x3a) < 12 && Math.abs(px[i + 2] - 0x70) < 12) mark++;
    if (px[i] > 240 && px[i + 1] > 240 && px[i + 2] > 240) white++;
  }
  return {mark: mark, white: white};
}"""
"""How many pixels around a point (CSS pixels on the canvas) are the mark's blue, and how many white (its digit)."""


def _diagram(tab):
    frame = tab.locator("iframe").first.element_handle(timeout=30_000).content_frame()
    frame.wait_for_selector("html[data-drawn]", timeout=30_000)
    frame.wait_for_timeout(300)  # the first frame drawn, marks included
    return frame


def test_a_box_shows_its_open_threads_and_loses_the_mark_when_they_are_resolved(browser, tmp_path: Path) -> None:
    env = library_env(tmp_path)
    fw = find("swindon").load()
    box = fw.nodes[2]
    with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
        framework_id = lib.create(fw, author="Sam", summary="Opened for a test").id
    with AppServer(tmp_path / "streamlit.log", env) as server:
        laptop = {"width": 1366, "height": 768}
        tab = new_tab(browser, server.url, f"/diagram?framework={framework_id}", viewport=laptop)
        try:
            frame = _diagram(tab)
            assert frame.evaluate("window.logicModelComments === undefined"), "no comments: no marks"
            with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
                first = lib.comment(framework_id, "What is the evidence?", box=box.id, author="Priya")
                second = lib.comment(framework_id, "Who runs it?", box=box.id, author="Jo")
            tab.reload()
            wait_for_app(tab)
            frame = _diagram(tab)
            [mark] = frame.evaluate("window.logicModelComments")
            assert (mark["box"], mark["count"]) == (box.id, 2)
            seen = frame.evaluate(PIXELS_AROUND, [mark["x"], mark["y"]])
            assert seen["mark"] > 40 and seen["white"] > 3, f"no readable mark drawn where it should be: {seen}"
            centre = frame.evaluate(BOX_CENTRE, box.id)
            frame.locator("#mynetwork canvas").hover(position={"x": centre["x"], "y": centre["y"]})
            tip = frame.locator("#lm-tip")
            tip.wait_for(state="visible")
            assert tip.inner_text().endswith(": 2 open comment threads")
            frame.get_by_label("Pathway of").select_option(label=box.label)
            details = frame.locator("#lm-details")
            details.wait_for(state="visible")
            assert "2 open comment threads" in details.inner_text()
            tab.screenshot(path=str(tmp_path / "marked.png"))

            with Library.open(env["LOGICMODEL_DATABASE_URL"]) as lib:
                lib.resolve(framework_id, first.id)
                lib.resolve(framework_id, second.id)
            tab.reload()
            wait_for_app(tab)
            frame = _diagram(tab)
            assert frame.evaluate("window.logicModelComments === undefined"), "resolved: the mark is gone"
            seen = frame.evaluate(PIXELS_AROUND, [mark["x"], mark["y"]])
            assert seen["mark"] == 0, f"a mark is still drawn after every thread was resolved: {seen}"
            assert tab.outside_requests == []
        finally:
            tab.context.close()
