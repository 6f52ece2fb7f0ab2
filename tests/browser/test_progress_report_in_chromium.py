"""The progress report opened and printed in Chromium: with a script or HTML payload in every text of a
framework with illustrative measurements, nothing runs and nothing is asked of any other host; each measured
indicator's chart is drawn, inside the page's width, and the report prints on A4."""

from __future__ import annotations

import json
import re
from pathlib import Path

from payloads import poison
from progress_fixture import illustrated

from logicmodel import formats
from logicmodel.core.readwrite import dumps, from_data

PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=https://evil.example/x.png onerror=\"window.__pwned='img'\">",
    "\"></style></svg><script>window.__pwned='breakout'</script>",
    "<svg onload=\"window.__pwned='svg'\"></svg><link rel=stylesheet href=https://evil.example/s.css>",
]


def _hostile():
    data = poison(json.loads(dumps(illustrated("swindon"))), PAYLOADS)
    for node in data["nodes"]:  # a measurement's source is text too, but "source" is also a link's end
        for indicator in node.get("indicators", []):
            for m in indicator.get("measurements", []):
                m["source"] = PAYLOADS[0] + " Illustrative"
    return from_data(data)


def test_the_progress_report_runs_no_payload_asks_nothing_outside_and_draws_each_chart(browser, tmp_path: Path):
    page_file = tmp_path / "progress.html"
    page_file.write_bytes(formats.get("progress").write(_hostile(), formats.Choices(commissioner="adult-social-care")))
    context = browser.new_context(java_script_enabled=True, viewport={"width": 1366, "height": 768})
    requests: list[str] = []
    context.route("**/*", lambda route: (requests.append(route.request.url), route.continue_()))
    tab = context.new_page()
    try:
        tab.goto(page_file.as_uri())
        tab.wait_for_load_state("load")
        assert tab.evaluate("() => window.__pwned === undefined")
        assert requests == [page_file.as_uri()]
        assert tab.locator("script, iframe, img, link[rel=stylesheet]").count() == 0
        assert "<script>window.__pwned='script'</script>" in tab.inner_text("body")  # shown as typed
        charts = tab.locator("figure.chart svg")
        assert charts.count() == 4
        body = tab.locator("body").bounding_box()
        for k in range(charts.count()):
            box = charts.nth(k).bounding_box()
            assert box["width"] > 300 and box["height"] > 150  # drawn, at a readable size
            assert box["x"] >= body["x"] - 1 and box["x"] + box["width"] <= body["x"] + body["width"] + 1
        pdf = tab.pdf(prefer_css_page_size=True)
        assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) >= 3
    finally:
        context.close()
