"""Logic Model Builder: build, check, see and share an outcomes framework in the browser.

Run with ``streamlit run app.py`` (or ``make run``). This file sets up the shared state and the
navigation; each page in ``pages/`` draws one step of the journey from the engine in ``logicmodel/``.
"""

import streamlit as st

from ui import state
from ui.text import md, plural

# No page_icon and no page icons: the tab icon of a Material icon is fetched from the internet, and the
# app must work offline at a venue.
st.set_page_config(page_title="Logic Model Builder", layout="wide")
state.init()

PAGES = [
    st.Page("pages/home.py", title="Home", default=True),
    st.Page("pages/build.py", title="Build"),
    st.Page("pages/diagram.py", title="Diagram"),
    st.Page("pages/check.py", title="Check"),
    st.Page("pages/export.py", title="Export"),
]
page = st.navigation(PAGES)
# Each page's own name in the browser's tab and history (WCAG 2.4.2), not the same title on every page.
st.set_page_config(page_title=f"{page.title} · Logic Model Builder")

with st.sidebar:
    fw = state.current()
    if fw is None:
        st.caption("No framework open yet: start one on Home.")
    else:
        st.caption("Open framework")
        st.markdown(f"**{md(fw.meta.title)}**")
        st.caption(f"{plural(len(fw.nodes), 'box', 'boxes')}, {plural(len(fw.links), 'link')}")
    if state.unsaved():
        st.warning(
            "You have changes that are not downloaded yet. Refreshing or closing this tab loses them: "
            "download the framework on Export.",
            icon=":material/warning:",
        )
        st.page_link("pages/export.py", label="Go to Export", icon=":material/download:")

page.run()
