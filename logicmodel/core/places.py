"""Where each part of a framework document came from in another tool's file, so a problem is told at its place.

A reader of another format builds a ``Document``: the framework as plain data, with the place in the other
tool's file of each part (``"nodes[3]": "row 5"``), what it could not carry (``left_out``) and what it kept by a
choice the person should confirm (``kept``). The readers fill it in (``logicmodel.formats``); the loader's
problems and a repair's changes (``logicmodel.editing.repair``) are told by its places.
"""

from __future__ import annotations

from typing import Any

from logicmodel.core.errors import Problem

__all__ = ["Document", "place", "place_in_file"]


class Document(dict):  # type: ignore[type-arg]
    """A framework document, with where in the other tool's file each part came from, e.g.
    ``{"nodes[3]": "row 5", "nodes[3].label": "row 5, column B 'title'"}``: problems are told by those places."""

    places: dict[str, str]
    left_out: list[Problem]
    """What of the file the reader could not carry (a column, a sheet, an element without a type): refused,
    unless repaired, when it is listed as left out."""

    kept: list[Problem]
    """What the reader kept by a choice the person should confirm (boxes in no yEd group, kept in a level of
    that name): refused, so that the app asks about it, and kept as it is by a repair ("Open anyway")."""

    own_levels: bool
    """Whether the file defines its levels itself (our workbook's Levels sheet, with ids and labels): then its
    level names are not another tool's words, and nothing is asked about them."""

    unsaid: frozenset[str]
    """Box fields and parts the file says nothing about, though its format can (``"valuation"``,
    ``"appraisal"``: a workbook written before they had a sheet): bringing it back onto the open framework keeps
    the open version's (``logicmodel.formats.update``) rather than taking them as removed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = {}
        self.left_out = []
        self.kept = []
        self.own_levels = False
        self.unsaid = frozenset()


def place(data: dict[str, Any], path: str) -> str:
    """Where ``path`` (e.g. ``nodes[3].label``) is in the file the document came from, as the command line
    says it: the place in the other tool's file and the path, or the path alone.

    >>> doc = Document(); doc.places["nodes[3]"] = "row 5"
    >>> place(doc, "nodes[3].indicators[0].name"), place(doc, "links[0]")
    ('row 5 (nodes[3].indicators[0].name)', 'links[0]')
    """
    found = place_in_file(data, path)
    return f"{found} ({path})" if found else path


def place_in_file(data: dict[str, Any], path: str) -> str:
    """Where ``path`` is in the other tool's file, as a person finds it there ("row 5"); "" when unknown.

    >>> doc = Document(); doc.places["nodes[3]"] = "row 5"
    >>> place_in_file(doc, "nodes[3].label"), place_in_file(doc, "links[0]")
    ('row 5', '')
    """
    places = getattr(data, "places", None) or {}
    if path in places:
        return places[path]
    head = path
    while head:
        cut = max(head.rfind("."), head.rfind("["))
        if cut <= 0:
            break
        head = head[:cut]
        if head in places:
            return places[head]
    return ""
