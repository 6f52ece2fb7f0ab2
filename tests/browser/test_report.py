"""The printable report and brief of a hostile framework, opened in Chromium: no payload runs and nothing is
asked of any other host. Every text field of Swindon holds a script or HTML payload, with costs and a benefit
so that every section of the report has text in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from payloads import poison

from logicmodel import formats
from logicmodel.core.readwrite import dumps, from_data
from logicmodel.core.samples import find

PAYLOADS = [
    "<script>window.__pwned='script';document.title='PWNED'</script>",
    "<img src=https://evil.example/x.png onerror=\"window.__pwned='img'\">",
    "\"></style></svg><script>window.__pwned='breakout'</script>",
    "<link rel=stylesheet href=https://evil.example/s.css><svg onload=\"window.__pwned='svg'\"></svg>",
    "<iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe>{{7*7}}",
]


def _hostile():
    data = json.loads(dumps(find("swindon").load()))
    for node in data["nodes"]:
        if node["level"] == "activity":
            node["cost"] = {"amount": 1000, "period": "a year"}
    data["nodes"][-1]["benefit"] = {"amount": 5000, "period": "a year", "basis": "estimate"}
    data = poison(data, PAYLOADS)
    data["meta"]["title"] = PAYLOADS[0]
    return from_data(data)


@pytest.mark.parametrize("commissioner", [None, "adult-social-care"])
def test_hostile_report_runs_no_script_and_requests_nothing_outside(browser, tmp_path: Path, commissioner):
    fw = _hostile()
    page_file = tmp_path / "report.html"
    page_file.write_bytes(formats.get("report").write(fw, formats.Choices(commissioner=commissioner)))
    context = browser.new_context(java_script_enabled=True)
    requests: list[str] = []
    dialogs: list[str] = []
    context.route("**/*", lambda route: (requests.append(route.request.url), route.continue_()))
    tab = context.new_page()
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        tab.goto(page_file.as_uri())
        tab.wait_for_load_state("load")
        tab.mouse.move(200, 300)
        assert tab.evaluate("() => window.__pwned === undefined")
        assert "<script>window.__pwned='script'" in tab.title()  # the payload as text, not run
        assert tab.locator("script").count() == 0 and tab.locator("iframe").count() == 0
        body = tab.inner_text("body")
        assert "<script>window.__pwned='script'" in body  # shown as typed
        assert requests == [page_file.as_uri()]  # the page itself and nothing else
        assert dialogs == []
    finally:
        context.close()


def _pages(pdf: bytes) -> int:
    """The pages of a PDF that Chromium printed (its page objects are plain, never in object streams)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("sample", ["swindon", "new-forest"])
def test_every_brief_prints_on_one_a4_page(browser, tmp_path: Path, sample):
    """A commissioner's brief is a one-page read: printed by Chromium on A4, every stakeholder's brief of the
    sample is one page, and the full report of the same framework (the check that pages are counted) is more."""
    fw = find(sample).load()
    tab = browser.new_page()
    try:
        counts = {}
        for who in [s.id for s in fw.stakeholders] + [None]:
            page_file = tmp_path / f"{who or 'report'}.html"
            page_file.write_bytes(formats.get("report").write(fw, formats.Choices(commissioner=who)))
            tab.goto(page_file.as_uri())
            counts[who] = _pages(tab.pdf(prefer_css_page_size=True))
        assert counts.pop(None) > 2  # the full report: pages are counted
        assert counts == dict.fromkeys(counts, 1)
    finally:
        tab.close()
