"""Logic Model Builder: build, check, see and share an outcomes framework in the browser.

Run with ``streamlit run app.py`` (or ``make run``). This file sets up the shared state and the
navigation; each page in ``app_pages/`` draws one step of the journey from the engine in ``logicmodel/``.
The folder is not called ``pages/``: with that name, Streamlit runs the page an address names without this
file on a server's first visit (so a link followed after a restart would find nothing open).
Every framework is kept in the library (``ui.store``), saved as it is edited; the address names the one
open, so a refresh or a shared link comes back to it.
"""

import streamlit as st

from ui import auth, live, logs, pages, reconnect, saving, sharing, state, store
from ui.text import md, plural

logs.install()  # the server's log names errors (page, kind, where), never what a framework or a person says

# No page_icon and no page icons: the tab icon of a Material icon is fetched from the internet, and the
# app must work offline at a venue.
st.set_page_config(page_title="Logic Model Builder", layout="wide")
state.init()
reconnect.arrived()  # a page come back after its server restarted: read once, at the session's first run

PAGES = [  # listed once, in ui.pages: the tests read the same list
    st.Page(p.path, title=p.title, default=p is pages.PAGES[0]) for p in pages.shown(sign_in=auth.configured())
]
# With sign-in on, a signed-out visitor sees the sign-in page and nothing else: no pages, no library, and no
# framework by its address (the gate stops before the address is read).
# expanded: every page listed (with 13 pages, Streamlit would otherwise hide the last behind "View 3 more")
page = st.navigation(PAGES, position="sidebar" if auth.actor() is not None else "hidden", expanded=True)
# Each page's own name in the browser's tab and history (WCAG 2.4.2), not the same title on every page.
st.set_page_config(page_title=f"{page.title} · Logic Model Builder")

problem = store.problem()
if problem:  # one clear line on every page, never a traceback; the next run tries again
    st.error(
        f"The library of saved frameworks cannot be opened, so nothing can be opened or saved: {md(problem)}",
        icon=":material/database:",
    )
    st.caption("Whoever runs this server can check LOGICMODEL_DATABASE_URL (see the README), then reload.")
    st.stop()
auth.gate()
reconnect.restore_address()
state.sync()
reconnect.say()  # once, in a session come back: its framework is open again, and what of typing
reconnect.forget_old_tab()  # its old session's "here": gone at once, not shown beside the new for a minute
sharing.recheck()  # every run: a share taken back closes the open framework at the next click, on every page

with st.sidebar:
    fw = state.current()
    if fw is None:
        st.caption("No framework open yet: start one on Home, or open one from the library there.")
    else:
        st.caption("Open framework")
        st.markdown(f"**{md(fw.meta.title)}**")
        st.caption(f"{plural(len(fw.nodes), 'box', 'boxes')}, {plural(len(fw.links), 'link')}")
        saving.show_saved()
        live.panel(page.title)
    if auth.user() is None:
        saving.ask_name()
    auth.show_who()

live.show_news()
try:
    if page.title == "Build" and sharing.view_only():  # a viewer: no editing controls, a plain line instead
        st.header("Build")
        sharing.refuse_editing()
        st.stop()
    page.run()
finally:  # even when the page stops early: what its form fields were drawn with, to tell typing from it
    state.live.remember_drawn()
    state.live.after_page()  # "I am here" once the page is drawn, not before it (draws nothing)
