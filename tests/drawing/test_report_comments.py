"""Comments as the report's appendix: only when asked, grouped by where they are, resolved said, text as typed.

The threads are plain values (``logicmodel.core.comments``) as the Export page fills them from the library; the
report knows nothing of the library.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from html.parser import HTMLParser

import docx
import pytest
from hostile_text import PAYLOAD

from logicmodel import formats
from logicmodel.core.comments import CommentText, CommentThread, when
from logicmodel.core.samples import find
from logicmodel.drawing.report import COMMENTS_HEADING, Paragraph, comments_appendix, report

HOSTILE = "<script>alert(1)</script> & <b>bold</b> \"quoted\" 'single' </p><h1>x</h1> " + PAYLOAD
"""A comment that would be markup, a script or Markdown if anything interpreted it."""


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 6, hour, minute, tzinfo=UTC)


def _swindon():
    return find("swindon").load()


def _threads(fw) -> tuple[CommentThread, ...]:
    """On the framework, two on one box, one on another, one on a link (resolved), one on a box now deleted."""
    first, second = fw.nodes[0], fw.nodes[5]
    link = fw.link_pairs[0]
    return (
        CommentThread((CommentText("Priya", _at(9), "Is the whole model agreed by the board?"),)),
        CommentThread(
            (
                CommentText("Sam <admin>", _at(10), HOSTILE),
                CommentText("Priya", _at(10, 30), "Line one\nLine two\n\n  indented line three"),
            ),
            box=first.id,
        ),
        CommentThread((CommentText("Jo", _at(8), "Earlier question on the same box"),), box=first.id),
        CommentThread((CommentText("Jo", _at(11), "Which survey measures this?"),), box=second.id),
        CommentThread(
            (CommentText("Commissioner", _at(12), "What is the evidence for this link?"),),
            link=link,
            resolved_by="Sam",
            resolved_at=_at(13, 5),
        ),
        CommentThread((CommentText("Jo", _at(7), "About a box since deleted"),), box="gone-box"),
    )


class _Text(HTMLParser):
    """The text a reader sees, headings with their text, and every tag (to see nothing typed became one)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[str] = []
        self.tags: list[str] = []
        self.headings: list[str] = []
        self._heading = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h2", "h3"):
            self._heading = True
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self._heading = False

    def handle_data(self, data):
        self.data.append(data)
        if self._heading:
            self.headings[-1] += data


def _html(fw, threads) -> tuple[str, _Text]:
    page = formats.get("report").write(fw, formats.Choices(comments=threads)).decode("utf-8")
    parsed = _Text()
    parsed.feed(page)
    return page, parsed


def test_without_asking_the_report_says_nothing_of_comments():
    fw = _swindon()
    plain = report(fw)
    assert COMMENTS_HEADING not in [s.heading for s in plain.sections]
    page = formats.get("report").write(fw, formats.Choices()).decode("utf-8")
    assert "comment thread" not in page.lower() and COMMENTS_HEADING not in page


def test_the_appendix_groups_threads_by_framework_box_and_link_in_the_frameworks_order():
    fw = _swindon()
    threads = _threads(fw)
    sections = comments_appendix(fw, threads)
    first, second = fw.nodes[0], fw.nodes[5]
    source, target = fw.link_pairs[0]
    by_id = fw.node_by_id
    assert [(s.heading, s.level) for s in sections] == [
        (COMMENTS_HEADING, 1),
        ("On the framework as a whole", 2),
        (f"Box: {first.label}", 2),
        (f"Box: {second.label}", 2),
        ("Box: a box no longer in the framework (id gone-box)", 2),
        (f"Link: {by_id[source].label} → {by_id[target].label}", 2),
    ]
    assert sections[0].blocks[0].text.startswith("6 comment threads on this framework: 5 open, 1 resolved")
    on_first = [b.text for b in sections[2].blocks]
    assert on_first.index("Earlier question on the same box") < on_first.index(HOSTILE)  # oldest thread first
    assert on_first.count("Open thread") == 2


def test_resolved_threads_say_so_with_who_and_when_and_replies_are_marked():
    fw = _swindon()
    sections = comments_appendix(fw, _threads(fw))
    link_part = [b.text for b in sections[-1].blocks]
    assert link_part[0] == f"Resolved thread (resolved by Sam, {when(_at(13, 5))})"
    assert link_part[0] == "Resolved thread (resolved by Sam, 6 Dec 2026, 13:05 UTC)"
    assert link_part[1] == "Commissioner, 6 Dec 2026, 12:00 UTC:"
    box_part = [b.text for b in sections[2].blocks]
    assert "Reply from Priya, 6 Dec 2026, 10:30 UTC:" in box_part
    assert "Sam <admin>, 6 Dec 2026, 10:00 UTC:" in box_part


def test_a_comment_keeps_every_line_as_typed():
    fw = _swindon()
    box_part = comments_appendix(fw, _threads(fw))[2].blocks
    lines = [b.text for b in box_part if isinstance(b, Paragraph) and b.kind == "comment"]
    assert lines[-4:] == ["Line one", "Line two", "", "  indented line three"]


def test_the_html_appendix_escapes_every_text_and_shows_it_as_typed():
    fw = _swindon()
    page, parsed = _html(fw, _threads(fw))
    assert "<script>alert" not in page and "<b>bold</b>" not in page and "<admin>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HOSTILE in parsed.data  # the reader sees it exactly as typed, one paragraph
    assert "Sam <admin>, 6 Dec 2026, 10:00 UTC:" in parsed.data
    assert "script" not in parsed.tags and parsed.tags.count("h1") == 1  # nothing typed became an element
    assert COMMENTS_HEADING in parsed.headings and "On the framework as a whole" in parsed.headings


@pytest.mark.parametrize("name", ["report", "docx"])
def test_both_report_formats_take_the_comments_and_no_other_format_does(name):
    assert "comments" in formats.get(name).options
    others = [f.name for f in formats.writers() if "comments" in f.options and f.name not in ("report", "docx")]
    assert others == []


def test_the_word_appendix_has_its_headings_and_every_text_as_typed():
    fw = _swindon()
    data = formats.get("docx").write(fw, formats.Choices(comments=_threads(fw)))
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", COMMENTS_HEADING) in headings
    assert ("Heading 2", f"Box: {fw.nodes[0].label}") in headings
    assert HOSTILE in texts  # a run of text, never markup
    assert "Resolved thread (resolved by Sam, 6 Dec 2026, 13:05 UTC)" in texts
    assert texts[texts.index("Line one") :][:4] == ["Line one", "Line two", "", "  indented line three"]


def test_the_report_with_no_threads_asked_for_says_no_one_has_commented():
    sections = comments_appendix(_swindon(), ())
    assert [s.heading for s in sections] == [COMMENTS_HEADING]
    assert sections[0].blocks[0].text == "No one has commented on this framework."


def test_headings_still_nest_with_the_appendix():
    fw = _swindon()
    assert report(fw, comments=_threads(fw)).levels_nest()
