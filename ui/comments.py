"""Comments on screen: the threads on one place of the open framework (the framework itself, a box or a link).

``draw`` shows a place's open threads, each with its comments (who wrote it, how long ago), a reply box and
Resolve; resolved threads are folded away behind a toggle, each with Reopen; then a "New comment" form.
``beside`` is the same inside an expander, for a form's side (Build's box and link forms, the Diagram).

The store is the check (``Library.comment`` and the rest refuse whoever may not): this module only hides what
would be refused. Anyone who may open the framework reads its comments; a commenter, an editor or the owner
(and everyone, where there is no sign-in) writes and replies; the author of a thread, an editor or the owner
resolves and reopens it. Without sign-in, comments are written under the name this browser gave
(``ui.author``). A refused operation becomes one line at the top of the page (``state.flash``), never a
traceback. Every typed text is shown through ``ui.text.md``, line by line.

Widget keys name the place by a short digest, never the open revision, so a half-typed comment is not taken for
unsaved typing in a form (``ui.state.live``) and survives another person's save.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from logicmodel.core.models import Framework
from logicmodel.core.wording import ago
from logicmodel.store import Access, Comment, CommentCounts, StoreError, Thread
from logicmodel.store.limits import MAX_COMMENT
from ui import auth, author, runs, sharing, state, store
from ui.text import md, plural
from ui.widgets import box_namer

__all__ = [
    "beside",
    "body",
    "can_resolve",
    "can_write",
    "diagram_button",
    "draw",
    "draw_thread",
    "draw_threads",
    "on_diagram",
    "place_key",
    "threads_on",
    "watch",
    "watch_from",
    "where",
]

Link = tuple[str, str]
DIAGRAM_BOX = "diagram_comments_box"
"""The Diagram panel's pick: a box id, or None for the framework itself."""
DIAGRAM_LINK = "diagram_comments_link"
"""Then, under it: one of the box's links (source, target), or None for the box itself."""


def place_key(box: str | None = None, link: Link | None = None) -> str:
    """A short, stable word for a place, safe in a widget key (no underscore, never just a number)."""
    text = f"box\x00{box}" if box is not None else f"link\x00{link[0]}\x00{link[1]}" if link else "framework"
    return "p" + hashlib.sha1(text.encode()).hexdigest()[:12]


def where(fw: Framework, comment: Comment) -> str:
    """What a comment is on, in words (plain text: show it through ``md``): "The framework", a box's label, or
    "A → B" for a link; a box no longer in the framework is named by its id."""
    if comment.box is not None:
        node = fw.node_by_id.get(comment.box)
        return node.label if node is not None else f"a box no longer in the framework ({comment.box})"
    if comment.link is not None:
        source, target = comment.link
        names = [fw.node_by_id[b].label if b in fw.node_by_id else b for b in (source, target)]
        return f"{names[0]} → {names[1]}"
    return "The framework"


def body(text: str) -> str:
    """A comment's text for ``st.markdown``: each line shown exactly as typed, the lines kept."""
    lines = [md(line) for line in text.splitlines()]
    return "  \n".join(line for line in lines) or md(text)


def can_write(mine: Access) -> bool:
    """True when the store would let this user comment and reply (a commenter or more)."""
    return mine >= Access.COMMENTER


def can_resolve(mine: Access, thread: Thread) -> bool:
    """True when the store would let this user resolve or reopen ``thread``: an editor or more, or a signed-in
    commenter who started it."""
    if mine >= Access.EDITOR:
        return True
    signed_in = auth.user()
    return mine >= Access.COMMENTER and signed_in is not None and thread.first.author_email == signed_in.email


def threads_on(box: str | None = None, link: Link | None = None) -> list[Thread]:
    """Every thread (open and resolved) on the place, newest first; only those on the framework itself when
    neither ``box`` nor ``link`` is given. Empty when the library cannot say (a line says why)."""
    framework_id = state.current_id()
    if framework_id is None:
        return []
    try:
        found = store.library().threads(framework_id, open_only=False, box=box, link=link)
    except StoreError as err:
        st.error(f"The comments cannot be read: {md(err)}", icon=":material/error:")
        return []
    if box is None and link is None:
        found = [t for t in found if t.first.on == "framework"]
    return found


# --- what the buttons do (callbacks: they run before the page is drawn again) --------------------------------


def _typed(key: str) -> str:
    return str(st.session_state.get(key) or "")


def _done(what: Callable[[], object], success: str) -> None:
    try:
        what()
    except StoreError as err:
        state.flash("error", str(err))
        return
    state.flash("success", success)


def _comment(key: str, box: str | None, link: Link | None) -> None:
    text = _typed(key)
    if not text.strip():
        state.flash("error", "Not commented: type a comment first.")
        return
    framework_id = state.current_id()
    _done(
        lambda: store.library().comment(framework_id, text, box=box, link=link, author=author.name()),
        "Comment added.",
    )


def _reply(key: str, thread: int) -> None:
    text = _typed(key)
    if not text.strip():
        state.flash("error", "Not replied: type a reply first.")
        return
    framework_id = state.current_id()
    _done(lambda: store.library().reply(framework_id, thread, text, author=author.name()), "Reply added.")


def _resolve(thread: int) -> None:
    _done(lambda: store.library().resolve(state.current_id(), thread), "Thread resolved.")


def _reopen(thread: int) -> None:
    _done(lambda: store.library().reopen(state.current_id(), thread), "Thread reopened.")


# --- drawing -------------------------------------------------------------------------------------------------


def _by(comment: Comment, now: datetime) -> None:
    st.caption(f"**{md(comment.author)}** · {ago(comment.created_at, now)}")


def _said(comment: Comment, now: datetime) -> None:
    _by(comment, now)
    st.markdown(body(comment.body))


def draw_thread(thread: Thread, mine: Access, key: str, *, heading: str | None = None) -> None:
    """One thread in a bordered box: what it is on (``heading``, plain text, where the list mixes places) with
    Resolve, or Reopen when it is resolved (for whoever may), its comments oldest first, then a reply box for
    whoever may write. ``key`` keeps the widgets of two drawings of one thread apart. The reply box is always
    in view, not in a popover: a popover closes when the page is drawn again, and would lose what was typed."""
    now = datetime.now(UTC)
    k = f"{key}-t{thread.id}"
    with st.container(border=True, key=f"comment_thread_{k}"):
        with st.container(horizontal=True, vertical_alignment="center"):
            if heading is not None:
                st.markdown(f"**On: {md(heading)}**")
            else:  # the first comment's author beside Resolve, so the row is not empty
                _by(thread.first, now)
            if thread.resolved:
                who = f" by {md(thread.first.resolved_by)}" if thread.first.resolved_by else ""
                st.caption(f":material/check_circle: Resolved {ago(thread.first.resolved_at, now)}{who}")
            if can_resolve(mine, thread):
                st.space("stretch")
                if thread.resolved:
                    st.button(
                        "Reopen",
                        key=f"comment_reopen_{k}",
                        on_click=_reopen,
                        args=(thread.id,),
                        icon=":material/undo:",
                        width="content",
                    )
                else:
                    st.button(
                        "Resolve",
                        key=f"comment_resolve_{k}",
                        on_click=_resolve,
                        args=(thread.id,),
                        icon=":material/check:",
                        width="content",
                    )
        if heading is not None:
            _by(thread.first, now)
        st.markdown(body(thread.first.body))
        for comment in thread.replies:
            _said(comment, now)
        if can_write(mine):
            with st.form(f"comment_reply_{k}", clear_on_submit=True, border=False):
                st.text_area(
                    "Reply",
                    key=f"comment_reply_text_{k}",
                    max_chars=MAX_COMMENT,
                    height=68,
                    placeholder="Reply to this thread",
                    label_visibility="collapsed",
                )
                st.form_submit_button(
                    "Reply", icon=":material/reply:", on_click=_reply, args=(f"comment_reply_text_{k}", thread.id)
                )


def draw_threads(
    threads: Sequence[Thread], mine: Access, key: str, headings: Callable[[Thread], str] | None = None
) -> None:
    """Open threads shown; resolved ones folded away behind a toggle (not an expander, so the whole may sit in
    one)."""
    open_ = [t for t in threads if not t.resolved]
    resolved = [t for t in threads if t.resolved]
    for thread in open_:
        draw_thread(thread, mine, key, heading=headings(thread) if headings else None)
    if resolved and st.toggle(
        f"Show {plural(len(resolved), 'resolved thread')}", key=f"comment_show_resolved_{key}", value=False
    ):
        for thread in resolved:
            draw_thread(thread, mine, key, heading=headings(thread) if headings else None)


def draw(
    fw: Framework, *, box: str | None = None, link: Link | None = None, threads: list[Thread] | None = None
) -> None:
    """The threads on a place of the open framework (the framework itself, ``box`` or ``link``) and, for a
    commenter or more, a form to start one (``threads``: those already read for the place)."""
    mine = sharing.access()
    if mine < Access.VIEWER:
        return
    key = place_key(box, link)
    if threads is None:
        threads = threads_on(box, link)
    open_count = sum(1 for t in threads if not t.resolved)
    if not threads:
        st.caption("No comments here yet.")
    elif not open_count:
        st.caption("No open threads here.")
    draw_threads(threads, mine, key)
    if not can_write(mine):
        st.caption("You can read the comments here; the owner can share it with you to comment.")
        return
    with st.form(f"comment_new_{key}", clear_on_submit=True, border=True):
        st.markdown("**New comment**")
        if not auth.configured() and not author.named():
            st.caption(md(f"Written as '{author.name()}': give your name in the sidebar to sign your comments."))
        st.text_area(
            "Comment",
            key=f"comment_new_text_{key}",
            max_chars=MAX_COMMENT,
            height=80,
            placeholder="Ask a question or say what you think, e.g. what is the evidence for this?",
        )
        st.form_submit_button(
            "Comment",
            type="primary",
            icon=":material/add_comment:",
            on_click=_comment,
            args=(f"comment_new_text_{key}", box, link),
        )


def beside(fw: Framework, *, box: str | None = None, link: Link | None = None) -> None:
    """``draw`` folded into an expander saying how many threads are open: for the side of a form. Others'
    comments, replies and resolvings show within ``WATCH_EVERY_S`` without a click (``watch``)."""
    if sharing.access() < Access.VIEWER:
        return
    read_at = datetime.now(UTC)
    threads = threads_on(box, link)
    open_count = sum(1 for t in threads if not t.resolved)
    on = "this box" if box is not None else "this link" if link is not None else "the framework"
    title = f"Comments on {on} ({open_count} open)" if threads else f"Comments on {on}"
    with st.expander(title, icon=":material/forum:"):
        draw(fw, box=box, link=link, threads=threads)
    watch_from(read_at)


def diagram_button(open_threads: int) -> DeltaGenerator:
    """The Diagram's button for its comments, saying how many threads are open (``open_threads``), to draw
    ``on_diagram`` in.

    A popover, which the browser draws only when it is opened: a page switch to a big framework's diagram does
    not wait for the browser to lay out the threads and the form first (issue 26). Others' comments show in it
    all the same (``watch``), and it stays open while a comment is written."""
    return st.popover(
        f"Comments ({open_threads} open)" if open_threads else "Comments",
        icon=":material/forum:",
        help="The comments on the framework and on each box: read them, and write one.",
    )


def on_diagram(fw: Framework) -> None:
    """The Diagram's comments (in ``diagram_button``): pick a box (the one last selected first), or the
    framework itself, and see its threads, with a form to start one."""
    ids = [n.id for n in fw.nodes]
    picked = st.session_state.get(DIAGRAM_BOX)
    if picked is not None and picked not in ids:  # a box since deleted
        del st.session_state[DIAGRAM_BOX]  # back to its first option (None in the state: no option shown)
    if DIAGRAM_BOX not in st.session_state and state.selected_node() in ids:
        st.session_state[DIAGRAM_BOX] = state.selected_node()
    namer = box_namer(fw)
    box = st.selectbox(
        "On",
        [None, *ids],
        format_func=lambda b: "The framework itself" if b is None else namer(b),
        key=DIAGRAM_BOX,
        width=480,
        help="Pick a box to read and write the comments on it; the Comments page lists every open thread.",
    )
    link = None
    if box is not None:
        state.select_node(box)
        link = _link_of(fw, box, namer)
    read_at = datetime.now(UTC)
    draw(fw, box=None if link else box, link=link)
    watch_from(read_at)


def _link_of(fw: Framework, box: str, namer: Callable[[str], str]) -> Link | None:
    """A link into or out of ``box`` to comment on instead of the box itself (None: the box), picked under "On"."""
    touching = [pair for pair in fw.link_pairs if box in pair]
    if not touching:
        return None
    if st.session_state.get(DIAGRAM_LINK) not in (None, *touching):  # a link of a box picked before
        del st.session_state[DIAGRAM_LINK]  # back to its first option (None in the state: no option shown)
    return st.selectbox(
        "Or one of its links",
        [None, *touching],
        format_func=lambda pair: "The box itself" if pair is None else f"{namer(pair[0])} → {namer(pair[1])}",
        key=DIAGRAM_LINK,
        width=480,
        help="A link into or out of the box: its threads, and a form to start one on it.",
    )


WATCH_EVERY_S = 2 * state.live.POLL_S
"""How often a page showing comments asks the library whether the conversation changed (two cheap queries)."""


@st.fragment(run_every=WATCH_EVERY_S)
def watch(framework_id: str, drawn: CommentCounts, read_at: datetime) -> None:
    """Draw the page again when someone else comments, replies, resolves or reopens: a comment written after
    ``read_at``, or open threads other than ``drawn``. Forms here are not keyed on the
    framework's revision, so what a person is typing in them stays where it is.

    Asks on its own (timer) runs only: on a full run ``drawn`` was read just now (``watch_from``), so asking
    again would find nothing, and the next timer run asks with the same ``read_at``, so nothing is missed."""
    if not runs.fragment_rerun():
        return
    library = store.library()
    try:
        changed = library.comment_counts(framework_id) != drawn or bool(
            library.new_since(framework_id, read_at).comments
        )
    except StoreError:
        return  # cannot ask now: the page says so on its next run
    if changed:
        st.rerun(scope="app")


def watch_from(read_at: datetime) -> None:
    """Start ``watch`` for the open framework, for a page that read its comments from ``read_at`` on (taken
    before the reads: a comment written during them makes one extra run, never a missed one)."""
    framework_id = state.current_id()
    if framework_id is None:
        return
    try:
        counts = store.library().comment_counts(framework_id)
    except StoreError:
        return
    watch(framework_id, counts, read_at)
