"""Build's sections and the keys of its page-wide pickers, named once for the page and for the pages that jump there."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["BOX", "LINK", "SECTION", "Section"]


class Section(StrEnum):
    """Build's sections, in the order the page offers them (each is its own name on screen)."""

    ADD = "Add boxes"
    EDIT = "Edit a box"
    LINKS = "Links"
    DETAILS = "Details"
    LEVELS = "Levels"
    STAKEHOLDERS = "Stakeholders"


SECTION = "build_section"
"""Key of Build's section picker."""
BOX = "build_node"
"""Key of the "Box to edit" picker in Edit a box."""
LINK = "build_link"
"""Key of the "Link to edit" picker in Links."""
