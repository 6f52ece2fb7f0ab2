"""Which kind of script run this is: the whole app's, or a fragment's own.

A fragment (``st.fragment``) is called inline on every full run of the app, then runs again on its own, alone,
on its timer (``run_every``) or when a widget in it is used. A fragment that polls the library need not ask
on a full run what the page was just drawn from: ``fragment_rerun`` tells the two apart, so the polling is
done on the fragment's own runs only (``ui.live``, ``ui.comments.watch``), and the full run's page is sent
sooner.
"""

from __future__ import annotations

from streamlit.runtime.scriptrunner import get_script_run_ctx

__all__ = ["fragment_rerun"]


def fragment_rerun() -> bool:
    """True in a run of one or more fragments alone (their timer, a widget in them); False in a full run of the
    app (fragments called inline with the page) and outside a script run.

    Streamlit's run context lists the fragments a run is for (``fragment_ids_this_run``), and lists none in a
    full run: the same test Streamlit makes to scope a widget's rerun."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx is not None and ctx.fragment_ids_this_run)
