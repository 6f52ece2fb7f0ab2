"""Messages for the user, queued by a callback or an edit and shown once, the next time a page draws."""

from __future__ import annotations

import streamlit as st

from ui.state.session import FLASH, init

__all__ = ["flash", "pop_flash"]


def flash(kind: str, text: str) -> None:
    """Queue a message (``success``, ``info``, ``warning`` or ``error``) for the next time a page draws."""
    init()
    st.session_state[FLASH].append((kind, text))


def pop_flash() -> list[tuple[str, str]]:
    """Take the queued messages (each is shown once)."""
    init()
    messages = st.session_state[FLASH]
    st.session_state[FLASH] = []
    return messages
