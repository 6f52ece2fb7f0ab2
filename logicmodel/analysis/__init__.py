"""Read-only questions about a framework: checks, fixes' findings, coverage, placeholders, stories,
the offer, value, the narrative, diff and the history's changes."""
