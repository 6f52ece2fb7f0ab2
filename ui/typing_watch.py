"""The browser's watcher of typing: which form fields hold text typed and not yet submitted.

Text typed into an ``st.form`` stays in the browser until the form is submitted, so the server cannot see it.
This tiny component (``st.components.v2``, its script inline: nothing fetched from anywhere) listens in the
page for typing into form fields and reports their keys (Streamlit puts ``st-key-<key>`` on a keyed
widget's container) as its state, ``typed``; ``ui.state.fields`` holds those fields when a newer version
changes them, so the person's text stays. A form's keys leave the list when its submit button is pressed
(or Enter submits it), and a key leaves it when its field is no longer on the page (saved, so redrawn under
a new key, or the section left). It reports only when its list differs from the one the server last had
(``known``), so a report reruns the live fragment once. Choices in drop-down lists are not watched (their
menus are drawn outside the field): a drop-down changed by someone else while open shows their choice.
"""

from __future__ import annotations

import streamlit as st

from ui.state import fields

__all__ = ["JS", "watch"]

JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const w = window;
  const s = w.__lmTyping || (w.__lmTyping = { keys: new Set(), known: "[]", sent: null, timer: null });
  s.set = setStateValue;
  let incoming = data;
  if (typeof incoming === "string") {
    try { incoming = JSON.parse(incoming); } catch (e) { incoming = {}; }
  }
  s.known = JSON.stringify((incoming && incoming.known) || []);
  const keyOf = (el) => {
    const box = el && el.closest ? el.closest('[class*="st-key-"]') : null;
    if (!box || !box.closest('[data-testid="stForm"]')) return null;
    for (const c of box.classList) if (c.startsWith("st-key-")) return c.slice(7);
    return null;
  };
  const onPage = (key) => {
    try { return document.querySelector(".st-key-" + CSS.escape(key)) !== null; } catch (e) { return false; }
  };
  const report = () => {
    for (const key of Array.from(s.keys)) if (!onPage(key)) s.keys.delete(key);
    const now = JSON.stringify(Array.from(s.keys).sort());
    if (now === s.known) { s.sent = null; return; }
    if (now === s.sent) return;
    s.sent = now;
    try { s.set("typed", JSON.parse(now)); } catch (e) { s.sent = null; }
  };
  const later = () => { clearTimeout(s.timer); s.timer = setTimeout(report, 300); };
  const submitted = (form) => {
    if (!form) return;
    for (const el of form.querySelectorAll('[class*="st-key-"]')) {
      for (const c of el.classList) if (c.startsWith("st-key-")) s.keys.delete(c.slice(7));
    }
  };
  if (!s.listening) {
    s.listening = true;
    const typed = (event) => {
      const key = keyOf(event.target);
      if (key && !s.keys.has(key)) { s.keys.add(key); later(); }
    };
    document.addEventListener("input", typed, true);
    document.addEventListener("change", typed, true);
    document.addEventListener("click", (event) => {
      const button = event.target && event.target.closest
        ? event.target.closest('[data-testid="stFormSubmitButton"]') : null;
      if (button) submitted(button.closest('[data-testid="stForm"]'));
    }, true);
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || !event.target || !event.target.closest) return;
      const inArea = event.target.tagName === "TEXTAREA";
      if (inArea && !(event.ctrlKey || event.metaKey)) return;
      if (event.target.tagName !== "INPUT" && !inArea) return;
      submitted(event.target.closest('[data-testid="stForm"]'));
    }, true);
  }
  later();
}
"""

_WATCHER = st.components.v2.component("lm_typing_watch", js=JS)


def watch() -> bool:
    """Draw the watcher (inside the live fragment, so its reports rerun only that) and pass on what it says.
    True when it says something new: this run is its report's, not the fragment's timer."""
    known = sorted(st.session_state.get(fields.TYPED) or ())
    result = _WATCHER(key="lm_typing_watch", data={"known": known}, height=0, on_typed_change=_noop)
    reported = result.get("typed") if result is not None else None
    if reported is None:  # nothing until its first report: a test may say what is typed instead
        return False
    now = sorted(str(k) for k in reported)
    fields.set_typed(now)
    return now != known


def _noop() -> None:
    """A report needs no callback of its own: the fragment's rerun reads it."""
