"""Adapt: start my framework from another council's, with my details, a note of where it came from, and
without the parts that do not apply here.

The source's title and organisation go into ``meta.provenance`` (with the date), the details are relabelled
(title, organisation, area, authors), and the boxes left out take their links with them; stakeholders no box
names any more are left out too. What was measured and delivered there (measurements, delivery and the area's
code) is the source area's, never mine: it is left out too. What is left out is listed. The result goes
through the one loader.

>>> from logicmodel.core.samples import find
>>> suffolk = find("suffolk").load()
>>> mine, left_out = adapt(suffolk, title="Active Babergh", organisation="Babergh District Council",
...                        leave_out=[suffolk.nodes[0].id], date="2026-11-23")
>>> mine.meta.provenance[0].title == suffolk.meta.title, len(mine.nodes) == len(suffolk.nodes) - 1
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as _date

from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data, to_data

__all__ = ["adapt"]


def adapt(
    source: Framework,
    *,
    title: str,
    organisation: str | None = None,
    area: str | None = None,
    authors: Iterable[str] = (),
    leave_out: Iterable[str] = (),
    leave_out_levels: Iterable[str] = (),
    date: str | None = None,
) -> tuple[Framework, list[str]]:
    """A new framework from ``source``: relabelled, its provenance noted, the boxes (and levels' boxes) asked
    for left out; and a line for each box, link and stakeholder left out. ``FrameworkError`` if it is not valid."""
    data = to_data(source)
    gone_levels = set(leave_out_levels)
    gone = set(leave_out) | {n.id for n in source.nodes if n.level in gone_levels}
    report = [f"box '{n.label}': left out" for n in source.nodes if n.id in gone]
    data["nodes"] = [n for n in data["nodes"] if n["id"] not in gone]
    kept_links = [k for k in data["links"] if k["source"] not in gone and k["target"] not in gone]
    report += [
        f"link {k['source']} -> {k['target']}: left out with its box" for k in data["links"] if k not in kept_links
    ]
    data["links"] = kept_links
    report += _leave_out_results(data["nodes"])
    named = {s for n in data["nodes"] for s in n.get("stakeholders", [])}
    if data.get("stakeholders"):
        report += [
            f"stakeholder '{s['name']}': left out, no box names it"
            for s in data["stakeholders"]
            if s["id"] not in named
        ]
        data["stakeholders"] = [s for s in data["stakeholders"] if s["id"] in named]
    meta = data["meta"]
    taken_from = {"title": source.meta.title, "date": date or _date.today().isoformat()}
    if source.meta.organisation:
        taken_from["organisation"] = source.meta.organisation
    meta["provenance"] = [*meta.get("provenance", []), taken_from]
    meta["title"] = title
    for name, value in (("organisation", organisation), ("area", area)):
        if value:
            meta[name] = value
        else:
            meta.pop(name, None)
    meta["authors"] = list(authors)
    for name in ("created", "updated", "area_code"):
        meta.pop(name, None)
    return from_data(data), report


def _leave_out_results(nodes: list[dict]) -> list[str]:
    """Take the source area's measurements and delivery off the boxes kept, a line for each box that had them."""
    report = []
    for node in nodes:
        measured = sum(len(i.pop("measurements", [])) for i in node.get("indicators", []))
        if measured:
            report.append(f"box '{node['label']}': {measured} measurement(s) left out: they are the source area's")
        delivered = len(node.pop("delivery", []))
        if delivered:
            report.append(f"box '{node['label']}': {delivered} period(s) of delivery left out: they are the source's")
    return report
