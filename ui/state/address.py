"""The address: ``?framework=ID`` names the open framework, so a refresh, a second tab, a colleague's link or
a server restart comes back to it (``sync()``, once per run)."""

from __future__ import annotations

import streamlit as st

from logicmodel.store import NotFound, NotShared, Saved, StoreError
from ui import store
from ui.state.messages import flash
from ui.state.saving import record_saved
from ui.state.session import CLASH, FRAMEWORK_ID, SELECTED, current, init

__all__ = ["QUERY", "point_address_at", "show", "sync"]

QUERY = "framework"
"""The address's query parameter naming the open framework."""


def sync() -> None:
    """Make the session and the address agree, once per run: the address wins when it names another framework.

    A refresh, a link or a new tab arrives with ``?framework=ID`` and a new session: the framework is loaded
    from the library. Streamlit's page links drop the query, so it is put back for the framework open.
    """
    init()
    wanted = st.query_params.get(QUERY)
    have = st.session_state.get(FRAMEWORK_ID)
    if wanted and wanted != have:
        try:
            show(store.library().get(wanted))
        except NotShared as err:  # signed in: the same words whether it exists or not, never its title
            flash("error", f"{err}.")
            point_address_at(have if current() is not None else None)
        except NotFound:
            flash(
                "error",
                "The framework this address names is not in the library: it may have been moved to the bin "
                "(see the bin on Home).",
            )
            point_address_at(have if current() is not None else None)
        except StoreError as err:
            flash("error", f"Could not open the framework this address names: {err}")
    elif have and current() is not None and wanted != have:
        point_address_at(have)


def point_address_at(framework_id: str | None) -> None:
    """Make the address name ``framework_id`` (None: no framework)."""
    if framework_id:
        st.query_params[QUERY] = framework_id
    elif QUERY in st.query_params:
        del st.query_params[QUERY]


def show(saved: Saved) -> None:
    """Make ``saved`` the open framework, as the library has it, and the address name it."""
    st.session_state[FRAMEWORK_ID] = saved.id
    record_saved(saved)
    st.session_state[CLASH] = None
    st.session_state[SELECTED] = None
    point_address_at(saved.id)
