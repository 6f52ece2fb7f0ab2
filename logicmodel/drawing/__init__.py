"""Pictures and reports: the layout, its style, the interactive diagram, the SVG poster, the report."""
