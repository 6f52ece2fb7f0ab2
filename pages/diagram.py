"""Diagram: placeholder until the diagram page lands (owned by the diagram work)."""

import streamlit as st

st.title("Diagram")
st.info("Diagram coming: the interactive diagram of the open framework will appear here.")
