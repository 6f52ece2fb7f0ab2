"""Logic Model Builder: placeholder until the builder pages land."""

import streamlit as st

st.set_page_config(page_title="Logic Model Builder")
st.title("Logic Model Builder")
st.write("The builder pages are on their way. The engine is ready: `python -m logicmodel --help`.")
