"""A bare two-page Streamlit app: the floor for the diagram benchmark's page switch (``bench/diagram.py``).

Home says one line; Diagram shows, in an ``st.iframe`` of the app's diagram height, a bare canvas page that draws
the same boxes, labels and links as the app's diagram with no library (made by the benchmark, one file a case
in ``$LOGICMODEL_BARE_PAGES``; the address's ``?case=`` names it, remembered for the session since a page
switch drops the address's query). Switching from Home to Diagram here is what Streamlit and a canvas cost
with nothing of the app's own; the benchmark times the same switch in the app beside it, in the same run.

    LOGICMODEL_BARE_PAGES=/tmp/pages streamlit run bench/bare_app.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import streamlit as st

HEIGHT = 724
"""The app's diagram frame: ``DEFAULT_HEIGHT`` and its 4 px border (``app_pages/diagram.py``)."""
EMPTY = (
    "<!DOCTYPE html><html><body><script>window.logicModelView = {ready: true, firstFrame: performance.now()};"
    "</script>No case named.</body></html>"
)


def home() -> None:
    """The page a switch starts from."""
    st.title("Home")
    st.write("A bare page, to switch from.")


def diagram() -> None:
    """The case's bare canvas page in a frame, as the app shows its diagram."""
    st.title("Diagram")
    case = st.session_state.get("case", "")
    page = Path(os.environ.get("LOGICMODEL_BARE_PAGES", ".")) / f"{case}.html"
    html = page.read_text(encoding="utf-8") if case and page.is_file() else EMPTY
    st.iframe(html, height=HEIGHT, alt="Boxes drawn on a bare canvas")


st.set_page_config(page_title="Bare app", layout="wide")
asked = st.query_params.get("case", "")
if re.fullmatch(r"[a-z0-9-]{1,40}", asked):
    st.session_state["case"] = asked
st.navigation([st.Page(home, title="Home", default=True), st.Page(diagram, title="Diagram")]).run()
