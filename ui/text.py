"""Safe text: anything a user or a file typed is escaped before Streamlit renders it as Markdown.

Streamlit renders labels, captions and ``st.markdown`` as Markdown with its own extensions (``:red[...]``
colours, ``:material/...:`` icons). A box's label is data, not formatting, so every user string goes
through ``md()`` first.

>>> md("**Bold** [link](javascript:alert(1)) :red[x] <b>")
'\\\\*\\\\*Bold\\\\*\\\\* \\\\[link\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\) \\\\:red\\\\[x\\\\] \\\\<b\\\\>'
"""

from __future__ import annotations

import re

__all__ = ["md", "plural", "slug"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&\"'])")


def md(text: object) -> str:
    """``text`` with every Markdown and Streamlit-directive character escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def plural(n: int, word: str, words: str | None = None) -> str:
    """``"1 box"``, ``"3 boxes"``.

    >>> plural(1, "box", "boxes"), plural(3, "box", "boxes"), plural(2, "link")
    ('1 box', '3 boxes', '2 links')
    """
    return f"{n} {word if n == 1 else (words or word + 's')}"


def slug(text: str, default: str = "framework") -> str:
    """A file-name-safe slug of ``text``.

    >>> slug("Active Enfield: outcomes framework")
    'active-enfield-outcomes-framework'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or default
