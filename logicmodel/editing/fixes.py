"""Where a completeness warning is fixed: the Links section (to connect a box) or the box itself.

Each kind of warning says where it is fixed (``WarningKind.fixed_in`` in ``logicmodel.analysis.checks``); this
module turns that into a place in Build for one finding.

The Check page's "Open in Build" uses this, so a warning that says "connect it" opens a place where
the user can connect it, rather than a form with no way to add a link.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from logicmodel.analysis.checks import CHECKS, Finding
from logicmodel.core.models import Framework
from logicmodel.editing.edit import allowed_targets

__all__ = ["FixPlace", "where_to_fix"]


class FixPlace(NamedTuple):
    """Build's section to open (``"links"`` or ``"box"``), the box, and the link's target if it is a link."""

    section: Literal["links", "box"]
    node: str
    target: str | None = None


def where_to_fix(fw: Framework, finding: Finding) -> FixPlace:
    """Where in Build the user can fix ``finding``.

    A warning about a link (one that skips a level, does not say how strong it is, or gives a template's
    example reason) opens that link; one fixed by a new link (a box
    with no links, an activity that reaches no strategic outcome) opens Links with the box as the source,
    if it can lead to a later level; every other warning (and a last-level outcome, which needs links
    into it rather than out) opens the box.

    >>> from logicmodel import from_data
    >>> fw = from_data({"schema_version": 1, "meta": {"title": "T"}, "links": [], "nodes": [
    ...     {"id": "swim", "level": "activity", "label": "Swim"},
    ...     {"id": "fit", "level": "strategic", "label": "Fitter"}]})
    >>> where_to_fix(fw, Finding("unlinked-node", ("swim",), ""))
    FixPlace(section='links', node='swim', target=None)
    >>> where_to_fix(fw, Finding("unlinked-node", ("fit",), ""))
    FixPlace(section='box', node='fit', target=None)
    >>> where_to_fix(fw, Finding("level-skip", ("swim", "fit"), ""))
    FixPlace(section='links', node='swim', target='fit')
    """
    first = finding.nodes[0]
    kind = CHECKS.get(finding.code)
    fixed_in = kind.fixed_in if kind else "box"
    if len(finding.nodes) == 2:  # a finding that names two boxes is about the link between them
        return FixPlace("links", first, finding.nodes[1])
    if fixed_in == "links":
        rank = fw.node_rank
        if any(rank[t] > rank[first] for t in allowed_targets(fw, first)):
            return FixPlace("links", first)
    return FixPlace("box", first)
