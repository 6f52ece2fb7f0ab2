r"""Safe text: anything a user or a file typed is shown literally, never as formatting, a link or an icon.

Streamlit renders labels, captions, help, toasts and ``st.markdown`` as GitHub Markdown with its own
additions, so a box's label of ``**Bold** :red[x]`` would be formatted. ``md()`` is the one escaper:

- every Markdown and directive character gets a backslash (``\*``, ``\[``, ``\:``, ``\$``, ``\/``...), so
  no emphasis, link, HTML, colour (``:red[...]``) or LaTeX (``$...$``) is written, and Streamlit's
  first step, which rewrites ``:material/`` in the raw text, finds nothing to rewrite;
- a WORD JOINER (U+2060, invisible, and it never breaks a line) goes where Streamlit would find a
  pattern in the text *after* the escapes are read: between ``www`` or ``http(s)`` and what follows
  (web addresses), after ``@`` (e-mail addresses) and after a ``:`` that starts a word (shortcodes of
  emoji such as ``:smile:`` and icons such as ``:material/home:``, ``:streamlit:``), and inside ``->``,
  ``--``, ``<=``, ``>=`` and ``~=`` (which become arrows and signs). The text reads the same, and
  since ordinary text ("Undone: Added Walks.") gets none, searching the page still finds it.

>>> md("**Bold** [link](javascript:alert(1)) :red[x] <b>").replace(JOINER, "+")
'\\*\\*Bold\\*\\* \\[link\\]\\(javascript\\:+alert\\(1\\)\\) \\:+red\\[x\\] \\<b\\>'
>>> md("www.evil.example someone@example.org https://x.org").replace(JOINER, "+")
'www+\\.evil\\.example someone@+example\\.org https+\\:\\/\\/x\\.org'
"""

from __future__ import annotations

import re

from logicmodel.core.characters import without_unwritable
from logicmodel.core.ids import slug
from logicmodel.core.wording import plural  # the engine's one of each, used by the pages too

__all__ = ["JOINER", "md", "plural", "slug"]

JOINER = "\u2060"
"""WORD JOINER: zero width and no line break, put where a pattern Streamlit acts on must be broken."""

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&\"'/])")
_BREAK = re.compile(
    r"(?<=www)(?=\.)|(?<=http)(?=:)|(?<=https)(?=:)"  # web addresses: www.x.org, http://, https://
    r"|(?<=[:@])(?=[\w+-])"  # e-mail addresses and shortcodes: someone@x.org, :smile:, :material/home:
    r"|(?<=[<-])(?=-)|(?<=-)(?=>)|(?<=[<>~])(?==)",  # <-, --, ->, <=, >=, ~=: arrows and signs
    re.IGNORECASE,
)
"""The places (between two characters) where a joiner goes."""


def md(text: object) -> str:
    """``text`` on one line, shown exactly as written wherever Streamlit reads Markdown."""
    one_line = " ".join(without_unwritable(str(text)).split())
    return _SPECIAL.sub(r"\\\1", _BREAK.sub(JOINER, one_line))
