"""Placeholder text: a template's example words, still in place in a framework started from it.

A template shows a lead what goes where with example boxes, whose ids end in ``-example`` (the
templates' one convention for them): "Example activity: what you will deliver, for whom". Their labels
and descriptions, and the reasons given on links between them, are placeholder text until the lead
replaces them. The check ``placeholder-text`` flags what is left.

A box whose label is still a template's example text is not yet part of the framework, and is counted
nowhere else: not by coverage, not by any other check, nor are its indicators, the links to and from it, or
routes through it (``placeholder_boxes``, ``counted_links``; ``NOT_COUNTED`` says so on screen). So a new
framework's gaps are its own, each coverage figure agrees with its list of gaps, and a template's example
activity does not make a framework 100% complete. Once the lead renames an example box it counts everywhere.

Text is compared with every template's examples as the template wrote them: one look-up in a set, so the
check stays cheap on the largest framework.

>>> from logicmodel.core.samples import find, start_from
>>> fw = start_from(find("sport-england"), "Active Swindon")
>>> [fw.node_by_id[i].label for i in sorted(placeholder_boxes(fw))]
['Example activity: what you will deliver, for whom', 'Example intermediate outcome: what changes for people']
>>> is_placeholder("Example activity: what you will deliver, for whom"), is_placeholder("Health walks")
(True, False)
"""

from __future__ import annotations

import functools

from logicmodel.core.models import Framework, Link
from logicmodel.core.samples import templates

__all__ = ["EXAMPLE_SUFFIX", "NOT_COUNTED", "counted_links", "is_placeholder", "placeholder_boxes", "placeholder_texts"]

EXAMPLE_SUFFIX = "-example"
"""How a template's example box is marked: its id ends in this."""

NOT_COUNTED = (
    "A template's example boxes, while they keep their example words, are counted nowhere: not in the coverage "
    "figures, not among the gaps, and neither are their indicators or the links to and from them. “Template "
    "text still in place” lists them: rename one and it counts like any other box, or delete it."
)
"""What Check and the reports say about a template's example boxes: counted nowhere but as template text."""


@functools.cache
def placeholder_texts() -> frozenset[str]:
    """Every template's example text: labels, descriptions, and reasons on links between examples."""
    texts: set[str] = set()
    for template in templates():  # read once, when first asked
        fw = template.load()
        examples = {n.id for n in fw.nodes if n.id.endswith(EXAMPLE_SUFFIX)}
        texts.update(t for n in fw.nodes if n.id in examples for t in (n.label, n.description) if t)
        texts.update(k.rationale for k in fw.links if k.rationale and {k.source, k.target} <= examples)
    return frozenset(texts)


def is_placeholder(text: str | None) -> bool:
    """Whether ``text`` is a template's example text, as the template wrote it."""
    return text in placeholder_texts()


def placeholder_boxes(fw: Framework) -> frozenset[str]:
    """The ids of the boxes whose label is still a template's example text (worked out once per framework)."""
    return fw.cached("placeholder_boxes", lambda f: frozenset(n.id for n in f.nodes if is_placeholder(n.label)))


def counted_links(fw: Framework) -> tuple[Link, ...]:
    """The links that count: every link but those to or from a template's example box (worked out once)."""

    def links(f: Framework) -> tuple[Link, ...]:
        examples = placeholder_boxes(f)
        if not examples:
            return f.links
        return tuple(k for k in f.links if k.source not in examples and k.target not in examples)

    return fw.cached("counted_links", links)
