"""Streamlit helpers of the app: session state, shared widgets and text. Pages import from here."""
