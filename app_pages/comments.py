"""Comments: the open framework's conversation in one place.

- **What is new since you last looked**: comments written and versions saved since this person's last visit to
  this page for this framework. The library keeps that moment per person per framework
  (``Library.looked``/``last_looked``): a visit records it when the page is first drawn (so what arrives while
  the page is open shows as new on the next visit too: nothing is missed), and "Mark all as seen" records it
  again and empties the list. Within one visit the list stays put, so replying does not make it vanish.
- **Threads**: every open thread, saying what it is on (the framework, a box, "A → B" for a link), filtered by
  box; resolved threads folded away but reachable.
- **Comment on…**: the framework, a box, or a link (picked by where it comes from and where it leads), with
  that place's threads and a form to start one.

What each person may do follows the store (``ui.comments``): a viewer reads, a commenter or more writes.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from logicmodel.core.wording import ago
from logicmodel.store import Access, StoreError
from ui import auth, author, comments, sharing, state, store
from ui.text import md, plural
from ui.widgets import box_namer, require_framework, show_flash

FILTER = "comments_filter"
"""The threads' filter; also tells a new visit from a rerun (Streamlit forgets a widget's key on a page that does
not draw it, so the key is missing on the first run of each visit)."""
SINCE = "comments_since"
"""{framework id: the moment this visit shows what is new after (None: never looked before)}."""
EVERYWHERE, ON_FRAMEWORK, ON_LINKS = "everywhere", "framework", "links"
EXCERPT = 240


def who() -> str:
    """Whom "last looked" is kept for: the signed-in person's email, else the name this browser gave."""
    signed_in = auth.user()
    return signed_in.email if signed_in is not None else author.name()


def since_for_this_visit(framework_id: str) -> datetime | None:
    """The moment what is new is counted from for this visit; records this visit as looked (once a visit)."""
    kept: dict[str, datetime | None] = st.session_state.setdefault(SINCE, {})
    if FILTER in st.session_state and framework_id in kept:
        return kept[framework_id]
    library = store.library()
    try:
        kept[framework_id] = library.last_looked(framework_id, who())
        library.looked(framework_id, who())
    except StoreError as err:
        st.error(f"When you last looked cannot be read: {md(err)}")
        kept[framework_id] = None
    return kept[framework_id]


def mark_all_seen() -> None:
    """'Mark all as seen': record looking now, and empty the list of what is new."""
    framework_id = state.current_id()
    try:
        moment = store.library().looked(framework_id, who())
    except StoreError as err:
        state.flash("error", str(err))
        return
    st.session_state.setdefault(SINCE, {})[framework_id] = moment


def excerpt(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= EXCERPT else one_line[: EXCERPT - 1] + "…"


fw = require_framework()
framework_id = state.current_id()
st.title("Comments")
st.caption(md(fw.meta.title))
show_flash()
mine = sharing.access()
if mine < Access.VIEWER or framework_id is None:
    st.info("Open a framework shared with you (on Home) to read its comments.")
    st.stop()
if not comments.can_write(mine):
    st.info(
        "This framework is shared with you to view: you can read its comments, not write them. The owner can "
        "share it with you as a commenter.",
        icon=":material/visibility:",
    )
now = datetime.now(UTC)  # before any read: what is written from now on redraws the page (comments.watch)
namer = box_namer(fw)

# --- what is new --------------------------------------------------------------------------------------------
since = since_for_this_visit(framework_id)
with st.container(border=True, key="comments_news"):
    st.subheader("What is new since you last looked", anchor=False)
    if since is None:
        st.caption(
            "This is your first look at this framework's comments: from your next visit, this says what was "
            "written and saved in between."
        )
    else:
        try:
            news = store.library().new_since(framework_id, since)
        except StoreError as err:
            st.error(f"What is new cannot be read: {md(err)}")
            news = None
        if news is not None:
            if not news.comments and not news.versions:
                st.caption(f"Nothing new since you last looked, {ago(since, now)}.")
            else:
                st.caption(
                    f"Since you last looked, {ago(since, now)}: {plural(len(news.comments), 'comment')} written "
                    f"and {plural(len(news.versions), 'version')} saved."
                )
                for c in news.comments:
                    kind = "Reply" if c.thread is not None else "Comment"
                    st.markdown(
                        f"**{md(c.author)}** · {kind} on **{md(comments.where(fw, c))}** · "
                        f"{ago(c.created_at, now)}  \n{md(excerpt(c.body))}"
                    )
                for v in news.versions:
                    st.markdown(
                        f"Version {v.version} saved by **{md(v.author)}** · {ago(v.saved_at, now)}: {md(v.summary)}"
                    )
                st.button("Mark all as seen", on_click=mark_all_seen, icon=":material/done_all:", key="comments_seen")

# --- threads ------------------------------------------------------------------------------------------------
st.subheader("Threads", anchor=False)
try:
    threads = store.library().threads(framework_id, open_only=False)
except StoreError as err:
    st.error(f"The comments cannot be read: {md(err)}")
    threads = []
open_threads = [t for t in threads if not t.resolved]
boxes_with_threads = list(dict.fromkeys(t.first.box for t in threads if t.first.box is not None))
open_on = {b: sum(1 for t in open_threads if t.first.box == b) for b in boxes_with_threads}


def filter_words(choice: str) -> str:
    if choice == EVERYWHERE:
        return f"Everywhere ({len(open_threads)} open)"
    if choice == ON_FRAMEWORK:
        return "The framework itself"
    if choice == ON_LINKS:
        return "Every link"
    return f"{namer(choice)} ({open_on.get(choice, 0)} open)"


choices = [EVERYWHERE, ON_FRAMEWORK, ON_LINKS, *boxes_with_threads]
if st.session_state.get(FILTER) not in choices:
    st.session_state[FILTER] = EVERYWHERE
chosen = st.selectbox("Show threads on", choices, format_func=filter_words, key=FILTER, width=480)
if chosen == EVERYWHERE:
    shown = threads
elif chosen == ON_FRAMEWORK:
    shown = [t for t in threads if t.first.on == "framework"]
elif chosen == ON_LINKS:
    shown = [t for t in threads if t.first.on == "link"]
else:
    shown = [t for t in threads if t.first.box == chosen]
if not [t for t in shown if not t.resolved]:
    st.caption("No open threads here." if threads else "No comments on this framework yet.")
comments.draw_threads(shown, mine, "all", headings=lambda t: comments.where(fw, t.first))
comments.watch_from(now)  # someone else's comment, reply or resolve redraws the page within seconds

# --- comment on a place -------------------------------------------------------------------------------------
st.subheader("Comment on the framework, a box or a link", anchor=False)
PLACES = {"framework": "The framework", "box": "A box", "link": "A link"}
place = st.radio("On", list(PLACES), format_func=PLACES.get, key="comments_place", horizontal=True)
box = link = None
if place == "box":
    if not fw.nodes:
        st.info("This framework has no boxes yet.")
        st.stop()
    ids = [n.id for n in fw.nodes]
    if st.session_state.get("comments_box") not in ids:
        st.session_state["comments_box"] = state.selected_node() if state.selected_node() in ids else ids[0]
    box = st.selectbox("Box", ids, format_func=namer, key="comments_box")
elif place == "link":
    if not fw.links:
        st.info("This framework has no links yet.")
        st.stop()
    sources = list(dict.fromkeys(s for s, _ in fw.link_pairs))
    c1, c2 = st.columns(2)
    if st.session_state.get("comments_link_from") not in sources:
        st.session_state["comments_link_from"] = sources[0]
    source = c1.selectbox("From", sources, format_func=namer, key="comments_link_from")
    targets = [t for s, t in fw.link_pairs if s == source]
    if st.session_state.get("comments_link_to") not in targets:
        st.session_state["comments_link_to"] = targets[0]
    target = c2.selectbox("To", targets, format_func=namer, key="comments_link_to")
    link = (source, target)
comments.draw(fw, box=box, link=link)
