"""Sharing: who owns the open framework and who else may open or change it; the owner shares, takes back
and hands over here (``ui.sharing``), above the one table of who can do what. Only in the navigation when
sign-in is set up."""

import streamlit as st

from ui import sharing
from ui.widgets import show_flash

st.header("Sharing")
show_flash()
sharing.panel()
sharing.who_can_do_what()
