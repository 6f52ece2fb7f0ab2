"""Sharing the open framework: who owns it, who else may open or edit it, and the owner's controls.

The store decides and enforces who may do what (``logicmodel.store.access``); this module only asks it
what the user may do with the open framework (``access``), so that a page offers nothing the store would
refuse: a viewer is told plainly that they can look, present, export and copy, not edit.

A tab keeps the open framework in its session, and pages draw from there, so access is asked again at
every read: ``recheck`` runs once on every run of every page (from ``app.py``, before anything is drawn)
and closes the framework the moment the library no longer lets this user see it (a share taken back, or
handed over to someone who took it back); a download made when clicked asks again then (``guarded``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from logicmodel.store import EVERYONE_SIGNED_IN, Access, NotShared, StoreError
from logicmodel.store.access import who_can_do_what as _table
from ui import auth, author, state, store
from ui.text import md

__all__ = ["access", "guarded", "panel", "recheck", "refuse_editing", "view_only", "who_can_do_what"]

T = TypeVar("T")

CLOSED = (
    "The framework that was open here is no longer shared with you (or is no longer in the library), "
    "so it was closed. Open another on Home."
)

ROLE_WORDS = {
    "viewer": "Viewer: can open, present, export and copy",
    "commenter": "Commenter: can also comment, but not change it",
    "editor": "Editor: can also change it",
}


def access() -> Access:
    """What this user may do with the open framework (``Access.NONE`` when nothing is open)."""
    framework_id = state.current_id()
    if framework_id is None or state.current() is None:
        return Access.NONE
    try:
        return store.library().access(framework_id)
    except StoreError:
        return Access.NONE


def recheck() -> None:
    """Close the open framework, saying so in one line, when the library no longer lets this user see it.

    Run on every run of every page before anything is drawn (``app.py``), so a share taken back takes
    effect at the user's next click, not at their next reload. (A framework moved to the bin stays open
    for those it is shared with, as before: their next change is refused with the offer to keep it as a
    copy, ``ui.saving``.)
    """
    framework_id = state.current_id()
    if framework_id is None:
        return
    try:
        now = store.library().access(framework_id)
    except StoreError as err:  # cannot ask: show nothing of it this run, keep it open for the next
        st.error(f"The library cannot be reached to check who may see the open framework: {md(err)}")
        st.stop()
    if now >= Access.VIEWER:
        return
    state.close()
    st.error(CLOSED, icon=":material/lock:")


def guarded(make: Callable[[], T]) -> Callable[[], T]:
    """``make`` for a download made when its button is clicked, asking the library again at that moment.

    Call it while the page is drawn (it notes who is asking and for which framework); what it returns runs
    when the button is clicked, outside the page's script, and refuses (``NotShared``: Streamlit says the file
    could not be made) if this user may no longer read the open framework.
    """
    framework_id = state.current_id()
    library = store.library() if framework_id is not None else None

    def made() -> T:
        if library is not None and library.access(framework_id) < Access.VIEWER:
            raise NotShared(framework_id)
        return make()

    return made


def _copy() -> None:
    framework_id = state.current_id()
    try:
        saved = store.library().duplicate(framework_id, author=author.name())
    except StoreError as err:
        state.flash("error", f"Not copied: {err}")
        return
    state.open_saved(saved.id, f"Copied: '{saved.title}' is yours to change.")


def view_only() -> bool:
    """True when a framework is open and the user may look at it but not change it."""
    return state.current() is not None and access() < Access.EDITOR


def refuse_editing() -> None:
    """Say in one line that the open framework is theirs to view only, and offer a copy to change."""
    how = "to read and comment on" if access() == Access.COMMENTER else "to view only"
    st.info(
        f"This framework is shared with you {how}: you can open it, present it, export it and copy it, "
        "but not change it. Make a copy to change it as your own.",
        icon=":material/visibility:",
    )
    st.button("Make a copy to edit", on_click=_copy, icon=":material/file_copy:", key="viewer_copy")


def _share() -> None:
    framework_id = state.current_id()
    everyone = st.session_state.get("share_everyone", False)
    person = EVERYONE_SIGNED_IN if everyone else st.session_state.get("share_email", "")
    role = st.session_state.get("share_role", "viewer")
    try:
        store.library().share(framework_id, person, role)
    except StoreError as err:
        state.flash("error", str(err))
        return
    who = "everyone who signs in" if everyone else person.strip()
    state.flash("success", f"Shared with {who} as {role}.")


def _take_back(person: str) -> None:
    try:
        store.library().unshare(state.current_id(), person)
    except StoreError as err:
        state.flash("error", str(err))
        return
    who = "everyone who signs in" if person == EVERYONE_SIGNED_IN else person
    state.flash("success", f"Sharing with {who} taken back.")


def _hand_over() -> None:
    email = st.session_state.get("hand_over_email", "")
    try:
        store.library().hand_over(state.current_id(), email)
    except StoreError as err:
        state.flash("error", str(err))
        return
    state.flash("success", f"Handed over to {email.strip()}: they own it now, and you can still edit it.")


def panel() -> None:
    """The Sharing page: the owner's controls, or, for anyone else, who owns it and what they may do."""
    framework_id = state.current_id()
    if state.current() is None or framework_id is None:
        st.info("Open a framework first (on Home) to see who it is shared with.")
        return
    try:
        sharing = store.library().sharing(framework_id)
    except StoreError as err:
        st.error(str(err))
        return
    mine = access()
    owner = sharing.owner or "no one (saved before sign-in was set up; an admin can hand it over)"
    st.markdown(f"**Owner:** {md(owner)}")
    if mine == Access.OWNER and sharing.owner != _email():
        st.caption("You are an admin: you can share it and hand it over.")
    elif mine == Access.OWNER:
        st.caption("It is yours: you choose who else may open or change it.")
    else:
        st.caption(f"It is shared with you as {mine.word}.")
    if sharing.shares:
        st.markdown("**Shared with**")
        for share in sharing.shares:
            who = "Everyone who signs in" if share.person == EVERYONE_SIGNED_IN else share.person
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(f"{md(who)} · {share.role}")
                if mine == Access.OWNER:
                    st.button(
                        "Take back",
                        on_click=_take_back,
                        args=(share.person,),
                        key=f"take_back_{share.person}",
                        icon=":material/person_remove:",
                    )
    else:
        st.caption("Not shared with anyone.")
    if mine < Access.OWNER:
        return
    with st.form("share_form", border=True, clear_on_submit=True):
        st.markdown("**Share it**")
        st.text_input("Email address", key="share_email", placeholder="e.g. sam.patel@council.gov.uk")
        st.checkbox("With everyone who signs in to this server instead", key="share_everyone")
        st.radio("As", list(ROLE_WORDS), format_func=ROLE_WORDS.get, key="share_role")
        st.form_submit_button("Share", on_click=_share, type="primary", icon=":material/person_add:")
    with st.form("hand_over_form", border=True, clear_on_submit=True):
        st.markdown("**Hand it over**")
        st.caption("Make someone else its owner (for example when you leave). You keep it as an editor.")
        st.text_input("New owner's email address", key="hand_over_email")
        st.form_submit_button("Hand over", on_click=_hand_over, icon=":material/swap_horiz:")


def who_can_do_what() -> None:
    """The one table of who can do what with a framework (``logicmodel.store.access.CAN``), as docs/security.md
    has it, word for word."""
    st.subheader("Who can do what")
    rows = _table()
    first = next(iter(rows[0]))
    st.table(pd.DataFrame(rows).set_index(first))
    st.caption(
        "A stranger is told the framework is not there. Without sign-in, everyone who reaches the server is one "
        "person and sees only frameworks that belong to no one. A framework that belongs to no one is an "
        "editor's to everyone who signs in."
    )


def _email() -> str | None:
    signed_in = auth.user()
    return signed_in.email if signed_in else None
