"""Changes to a framework, each checked: edits, grids, merge, adapt, repair, undo, fixes, update."""
