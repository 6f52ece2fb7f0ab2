"""Export: download the framework as canonical JSON, and the JSON Schema of the format."""

from __future__ import annotations

import streamlit as st

from logicmodel.readwrite import dumps
from logicmodel.schema import schema_text
from ui import state
from ui.text import md, plural, slug
from ui.widgets import require_framework, show_flash


@st.cache_data(show_spinner=False)
def cached_schema() -> str:
    """The schema depends only on the code, so it is built once per server."""
    return schema_text()


fw = require_framework()
st.title("Export", anchor=False)
st.caption(md(fw.meta.title))
show_flash()

text = fw.cached("ui_canonical_json", dumps)
st.header("The framework", anchor=False)
st.markdown(
    f"A file of {plural(len(fw.nodes), 'box', 'boxes')} and {plural(len(fw.links), 'link')} that this builder "
    "opens again (on Home). Send it to a neighbouring council or keep it with the project's papers: the same "
    "framework always gives the same file, so two versions can be compared line by line."
)
st.page_link(
    "app_pages/diagram.py",
    label="The diagram, as a page or a poster to print, downloads on Diagram",
    icon=":material/account_tree:",
)
st.download_button(
    "Download the framework (JSON)",
    data=text,
    file_name=f"{slug(fw.meta.title)}.json",
    mime="application/json",
    on_click="ignore",
    type="primary",
    icon=":material/download:",
    key="download_framework",
)
saved = state.last_saved()
if saved is not None:
    st.caption(
        f"The file is version {saved[0]} as saved in the library. The library keeps every change already: "
        "download a file to send the framework to someone, or to keep a copy outside this server."
    )
with st.expander("Preview the file"):
    lines = text.splitlines()
    st.code("\n".join(lines[:200]) + ("\n..." if len(lines) > 200 else ""), language="json")

st.header("The format", anchor=False)
st.markdown(
    "The JSON Schema describes every field of the format, for other tools and councils that want to read or "
    "write frameworks."
)
st.download_button(
    "Download the JSON Schema",
    data=cached_schema(),
    file_name="framework-v1.schema.json",
    mime="application/schema+json",
    on_click="ignore",
    icon=":material/schema:",
    key="download_schema",
)
