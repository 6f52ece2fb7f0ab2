"""axe-core's accessibility checks, on a page or a frame in a browser test: what a serious or critical violation is,
and a readable report of each. axe-core comes inside the axe-playwright-python package (requirements.txt), so
nothing is fetched: its script is evaluated in the page by Playwright, which the page's CSP does not stop.

``assert_accessible(frame, "Diagram page")`` fails with the list of the violations found there.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BLOCKING", "STRUCTURE", "assert_accessible", "report", "structure_violations", "violations"]

BLOCKING = ("serious", "critical")
"""The impacts a page may not have: axe-core's two highest (the others are moderate and minor)."""

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
"""WCAG 2.1 A and AA, and axe's best practices."""


def violations(target: Any, context: Any = None) -> list[dict[str, Any]]:
    """The serious and critical violations axe-core finds in ``target`` (a Playwright page or frame), within
    ``context`` (a CSS selector, or axe's include/exclude object; the whole document when None)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(target, context=context, options={**RULES, "resultTypes": ["violations"]})
    return [v for v in found.response["violations"] if v["impact"] in BLOCKING]


STRUCTURE = ["landmark-one-main", "page-has-heading-one", "region", "heading-order"]
"""axe's rules of a page's structure (moderate): one main landmark, a level-one heading, everything within a
landmark, headings in order: how a screen reader's user finds their way round the page."""


def structure_violations(target: Any) -> list[dict[str, Any]]:
    """The violations of ``STRUCTURE`` axe-core finds in ``target``, whatever their impact."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "rule", "values": STRUCTURE}, "resultTypes": ["violations"]}
    return Axe().run(target, options=options).response["violations"]


def report(found: list[dict[str, Any]]) -> str:
    """One line a violation and one a place: its rule, impact and help, then each element's selector and why."""
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        for node in v["nodes"][:5]:
            why = "; ".join(
                item["message"] for item in node.get("any", []) + node.get("all", []) + node.get("none", [])
            )
            lines.append(f"    {', '.join(map(str, node['target']))}: {why}")
    return "\n".join(lines)


def assert_accessible(target: Any, where: str, context: Any = None) -> None:
    """Fail when axe-core finds a serious or critical violation in ``target``, saying ``where`` and each one."""
    found = violations(target, context)
    assert not found, f"{where}: {len(found)} serious or critical accessibility violation(s):\n{report(found)}"
