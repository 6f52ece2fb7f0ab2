"""The app's helpers: what users type becomes the engine's values, and what they typed is shown as text."""

import pytest

from ui.forms import as_text, lines, measure, optional
from ui.text import JOINER, md, plural, slug


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Walking groups", "Walking groups"),
        ("**bold**", r"\*\*bold\*\*"),
        (":red[alarm]", r"\:◊red\[alarm\]"),
        ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
        ("[link](javascript:alert(1))", r"\[link\]\(javascript\:◊alert\(1\)\)"),
        ("line one\n# heading", r"line one \# heading"),
        ("www.evil.example", r"www◊\.evil\.example"),
        ("https://evil.example", r"https◊\:\/\/evil\.example"),
        ("someone@example.org", r"someone@◊example\.org"),
        (":material/home: :streamlit: :smile:", r"\:◊material\/home\: \:◊streamlit\: \:◊smile\:"),
        ("$x^2$ a -> b <= c", r"\$x\^2\$ a \-◊\> b \<◊\= c"),
        ("Bell\x07 and\x00 null", "Bell and null"),
        ("Undone: Added 'Walks'. Time 9:30, e.g. www", r"Undone\: Added \'Walks\'\. Time 9\:◊30, e\.g\. www"),
    ],
)
def test_md_shows_user_text_literally(text, shown):
    """Escapes stop formatting; a word joiner (◊ here) breaks addresses, shortcodes and arrows."""
    assert md(text).replace(JOINER, "◊") == shown


@pytest.mark.parametrize(
    ("typed", "value"),
    [("", None), ("  ", None), ("42", 42), ("12.5", 12.5), ("1,200", 1200), ("at least 50%", "at least 50%")],
)
def test_measure_reads_numbers_and_keeps_text(typed, value):
    assert measure(typed) == value


def test_optional_lines_and_back():
    assert optional("  x ") == "x" and optional(None) is None
    assert lines("a\n\n b \n") == ["a", "b"]
    assert as_text(["a", "b"]) == "a\nb" and as_text(None) == ""


def test_plural_and_slug():
    assert (plural(1, "box", "boxes"), plural(0, "link")) == ("1 box", "0 links")
    assert slug("Active Enfield: outcomes") == "active-enfield-outcomes" and slug("★") == "framework"


@pytest.mark.parametrize("module", ["ui.forms", "ui.text"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), verbose=False)
    assert result.failed == 0 and result.attempted > 0
