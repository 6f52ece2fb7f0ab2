"""Who is saving: the name each version of a framework records, asked once per browser and remembered.

There is no sign-in, so the name is the person's own word. It is kept in the session and in a cookie of
this site, so that a refresh, a new tab or another day in the same browser saves under the same name
without asking again. Streamlit reads cookies (``st.context.cookies``, sent when the page connects) but
cannot set them, so ``remember()`` queues a one-line script that sets the cookie in the page itself
(``st.html`` with JavaScript, same origin). The name reaches that script only as escaped JSON.
"""

from __future__ import annotations

from urllib.parse import unquote

import streamlit as st

from logicmodel.drawing.diagram import json_for_script
from logicmodel.store.limits import MAX_AUTHOR
from ui import auth

__all__ = ["ANONYMOUS", "COOKIE", "KEY", "name", "named", "remember", "write_cookie"]

COOKIE = "logicmodel_author"
KEY = "author_name"
"""Session key of the name (tests set it directly)."""
ANONYMOUS = "Someone (no name given)"
"""What the history says for saves made before a name was given."""
_PENDING = "author_cookie_pending"
_YEAR = 365 * 24 * 3600


def _clean(text: object) -> str:
    return " ".join(str(text or "").split())[:MAX_AUTHOR]


def named() -> bool:
    """True once this browser has given a name."""
    return bool(_current())


def _current() -> str:
    if KEY not in st.session_state:
        st.session_state[KEY] = _clean(unquote(st.context.cookies.get(COOKIE) or ""))
    return st.session_state[KEY]


def name() -> str:
    """The name saves are recorded under: the person signed in, else the one given, or ``ANONYMOUS``."""
    signed_in = auth.user()
    if signed_in is not None:
        return signed_in.label
    return _current() or ANONYMOUS


def remember(text: str) -> bool:
    """Take ``text`` as this browser's name (for this session now, in the cookie from the next draw)."""
    cleaned = _clean(text)
    if not cleaned:
        return False
    st.session_state[KEY] = cleaned
    st.session_state[_PENDING] = cleaned
    return True


def write_cookie() -> None:
    """Set the cookie for a name just given (``ui.widgets.show_flash`` calls it, once per run of any page)."""
    pending = st.session_state.pop(_PENDING, None)
    if pending:
        value = json_for_script(pending)
        st.html(
            f"<script>document.cookie = '{COOKIE}=' + encodeURIComponent({value}) + "
            f"'; path=/; max-age={_YEAR}; SameSite=Lax';</script>",
            unsafe_allow_javascript=True,
            width="content",
        )
