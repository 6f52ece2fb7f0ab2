"""Comments on screen (issue 24): the Comments page and the threads beside a box (Diagram, Build) and a link.

Without sign-in (everyone is the same person, with the name the browser gave): comment on a box, reply, resolve
(it leaves the open list), reopen; hostile text shown as typed; what is new since the last visit. With sign-in
(AppTest stands in for the provider, as in ``test_app_signin``): a viewer reads threads and gets no comment box;
a commenter comments but gets no editing control on any page; a stranger sees nothing of the comments.
"""

from __future__ import annotations

import sys

import pytest
from app_helpers import PAGES, button, library, messages, open_page, plain, refresh, timer_run
from hostile_text import live_patterns
from paths import ROOT
from test_app_signin import ALICE, BOB, app, everything_shown, store

from logicmodel.core.readwrite import load
from logicmodel.drawing.diagram import offered_stories
from logicmodel.editing.edit import save_story, update_meta
from logicmodel.store import Library, User
from ui import comments
from ui.comments import place_key
from ui.pages import shown

SAMPLES = ROOT / "sample_frameworks"
CAROL = {"is_logged_in": True, "email": "carol@example.org", "name": "Carol Stranger"}
DIANA = {"is_logged_in": True, "email": "diana@example.org", "name": "Diana Commissioner"}
BOX = "str-fewer-falls"
HOSTILE = "**Bold** <script>alert(1)</script> <b>html</b> [link](javascript:alert(1)) :red[x] www.evil.example"


def swindon(title: str = "Swindon comments test"):
    return update_meta(load(SAMPLES / "swindon.json"), title=title)


def texts(at) -> str:
    """Everything the page says in Markdown and captions, as read (escapes removed)."""
    return plain("\n".join(m.value for m in (*at.markdown, *at.caption, *at.subheader, *at.info)))


def threads(at, open_only: bool = True):
    return library().threads(at.session_state["framework_id"], open_only=open_only)


def submit(at, form: str):
    """The submit button of the form keyed ``form``."""
    (found,) = [b for b in at.button if b.proto.form_id == form]
    return found


def comment_on_box(at, box: str, text: str):
    """On the Comments page: choose "A box", pick ``box``, type ``text`` and press Comment."""
    at.radio(key="comments_place").set_value("box").run()
    at.selectbox(key="comments_box").set_value(box).run()
    at.text_area(key=f"comment_new_text_{place_key(box)}").input(text)
    return button(at, "Comment").click().run()


def test_comment_on_a_box_reply_resolve_leaves_the_open_list_and_reopen_brings_it_back():
    at = open_page("comments", swindon())
    assert not at.exception, at.exception
    assert "No comments on this framework yet." in texts(at)

    comment_on_box(at, BOX, "What is the evidence for fewer falls?")
    assert not at.exception, at.exception
    (thread,) = threads(at)
    assert thread.first.box == BOX and thread.first.author == "Test Author"
    assert "What is the evidence for fewer falls?" in texts(at)
    label = at.session_state["framework"].node_by_id[BOX].label
    assert f"On: {label}" in texts(at)  # the open list says where the thread is
    assert "**Test Author** · just now" in texts(at)

    reply_key = f"comment_reply_text_all-t{thread.id}"
    at.text_area(key=reply_key).input("The falls clinic's audit, 2025.")
    submit(at, f"comment_reply_all-t{thread.id}").click().run()
    (thread,) = threads(at)
    assert [c.body for c in thread.replies] == ["The falls clinic's audit, 2025."]

    at.button(key=f"comment_resolve_all-t{thread.id}").click().run()
    assert threads(at) == [] and threads(at, open_only=False)[0].resolved
    assert "No open threads here." in texts(at)
    assert "What is the evidence" not in texts(at)  # folded away...
    at.toggle(key="comment_show_resolved_all").set_value(True).run()
    assert "What is the evidence for fewer falls?" in texts(at)  # ...but reachable
    at.button(key=f"comment_reopen_all-t{thread.id}").click().run()
    assert [t.id for t in threads(at)] == [thread.id]


def test_a_comment_on_the_framework_and_on_a_link_picked_by_where_it_comes_from_and_goes():
    at = open_page("comments", swindon())
    fw = at.session_state["framework"]
    at.text_area(key=f"comment_new_text_{place_key()}").input("Who signs this off?")
    button(at, "Comment").click().run()
    source, target = fw.link_pairs[0]
    at.radio(key="comments_place").set_value("link").run()
    at.selectbox(key="comments_link_from").set_value(source).run()
    at.selectbox(key="comments_link_to").set_value(target).run()
    at.text_area(key=f"comment_new_text_{place_key(link=(source, target))}").input("Is this link strong?")
    button(at, "Comment").click().run()
    on = {t.first.on: t for t in threads(at)}
    assert on["framework"].first.body == "Who signs this off?"
    assert on["link"].first.link == (source, target)
    names = fw.node_by_id
    assert f"On: {names[source].label} → {names[target].label}" in texts(at)
    at.selectbox(key="comments_filter").set_value("links").run()
    assert "Is this link strong?" in texts(at) and "Who signs this off?" not in [
        m.value for m in at.markdown if "On:" not in m.value
    ]


def test_an_empty_comment_and_one_too_long_are_refused_in_one_line():
    at = open_page("comments", swindon())
    at.text_area(key=f"comment_new_text_{place_key()}").input("   ")
    button(at, "Comment").click().run()
    assert messages(at) == ["Not commented: type a comment first."]
    assert not at.exception and threads(at) == []


def test_the_diagram_and_builds_box_form_show_the_boxs_threads_and_take_a_comment():
    at = open_page("diagram", swindon())
    framework_id = at.session_state["framework_id"]
    library().comment(framework_id, "Falls data is two years old", box=BOX, author="Sam")
    at.selectbox(key="diagram_comments_box").set_value(BOX).run()
    assert not at.exception, at.exception
    assert "Falls data is two years old" in texts(at)
    at.text_area(key=f"comment_new_text_{place_key(BOX)}").input("Newer figures due in March")
    button(at, "Comment").click().run()
    assert {t.first.body for t in library().threads(framework_id, box=BOX)} == {
        "Falls data is two years old",
        "Newer figures due in March",
    }
    # A link of the box, picked under it: its threads and a form of its own
    pair = next(p for p in at.session_state["framework"].link_pairs if BOX in p)
    library().comment(framework_id, "Is this link proven?", link=pair, author="Sam")
    at.selectbox(key=comments.DIAGRAM_LINK).set_value(pair).run()
    assert not at.exception, at.exception
    assert "Is this link proven?" in texts(at) and "Falls data is two years old" not in texts(at)
    at.text_area(key=f"comment_new_text_{place_key(link=pair)}").input("Yes: see the 2023 review")
    button(at, "Comment").click().run()
    assert {t.first.body for t in library().threads(framework_id, link=pair)} == {
        "Is this link proven?",
        "Yes: see the 2023 review",
    }
    # The Diagram's button for them counts the open threads
    assert [p.proto.popover.label for p in at.get("popover") if p.proto.popover.label.startswith("Comments")] == [
        "Comments (4 open)"
    ]

    build = open_page("build", swindon("Swindon build comments"), selected_node=BOX)
    build.radio(key="build_section").set_value("Edit a box").run()
    build_id = build.session_state["framework_id"]
    library().comment(build_id, "Is this the right level?", box=BOX, author="Sam")
    build.run()
    assert not build.exception, build.exception
    assert any(e.label.startswith("Comments on this box (1 open)") for e in build.expander), [
        e.label for e in build.expander
    ]
    assert "Is this the right level?" in texts(build)

    source, target = build.session_state["framework"].link_pairs[0]
    library().comment(build_id, "Is this link proven?", link=(source, target), author="Sam")
    build.session_state["selected_node"] = source
    build.radio(key="build_section").set_value("Links").run()
    assert not build.exception, build.exception
    build.selectbox(key="build_link").set_value((source, target)).run()
    assert any(e.label.startswith("Comments on this link (1 open)") for e in build.expander), [
        e.label for e in build.expander
    ]
    assert "Is this link proven?" in texts(build)


def test_builds_box_and_link_forms_look_for_others_comments_on_their_own(monkeypatch):
    """Build's threads refresh as the Diagram's and the Comments page's do (the browser tests show that look
    at work): the box form and the link form each start the look for the open framework, counting from before
    they read the threads, so a comment written meanwhile makes one more run, never a missed one."""
    import ui.comments as comments

    looks = []
    monkeypatch.setattr(comments, "watch", lambda framework_id, counts, read_at: looks.append((framework_id, read_at)))
    build = open_page("build", swindon("Swindon build looks"), selected_node=BOX)
    build.radio(key="build_section").set_value("Edit a box").run()
    assert not build.exception, build.exception
    framework_id = build.session_state["framework_id"]
    assert looks and looks[-1][0] == framework_id
    library().comment(framework_id, "Written after the look began", box=BOX, author="Sam")
    assert library().new_since(framework_id, looks[-1][1]).comments  # the look would see it
    looks.clear()
    build.radio(key="build_section").set_value("Links").run()
    assert not build.exception, build.exception
    assert [framework_id] == [found for found, _ in looks]  # one look a run, on the link form too


def _watchs_questions(monkeypatch) -> list[str]:
    """The library's methods ``ui.comments.watch`` calls from now on, by name, each time it calls one."""
    asked = []
    for name in ("comment_counts", "new_since"):
        real = getattr(Library, name)

        def spy(self, *args, real=real, name=name, **kwargs):
            if sys._getframe(1).f_code is comments.watch.__wrapped__.__code__:
                asked.append(name)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Library, name, spy)
    return asked


def test_the_comments_watch_asks_on_its_timer_runs_only_and_draws_the_page_again_when_they_changed(monkeypatch):
    """On a full run the counts were read just before (``watch_from``): the watch asks nothing more. Its own
    runs ask (the counts, and what is new since the page read them) and rerun the page when they changed."""
    at = open_page("diagram", swindon("Swindon watch"))
    framework_id = at.session_state["framework_id"]
    asked = _watchs_questions(monkeypatch)
    at.run()
    assert not at.exception, at.exception
    assert asked == []  # the full run: nothing asked twice
    pages = []
    monkeypatch.setattr(comments.state.live, "after_page", lambda: pages.append(1))  # app.py's end: a full run
    timer_run(at, comments.watch)
    assert asked == ["comment_counts", "new_since"] and pages == []  # asked; nothing changed: the page stays
    asked.clear()
    library().comment(framework_id, "Written in another tab", author="Sam")
    timer_run(at, comments.watch)
    assert asked == ["comment_counts"]  # the open threads changed (the rerun's inline watch asks nothing)
    assert pages == [1]  # the whole page ran again
    assert "Written in another tab" in texts(at)
    asked.clear()
    pages.clear()
    [thread] = threads(at)
    library().reply(framework_id, thread.id, "A reply: the open threads are as they were", author="Sam")
    timer_run(at, comments.watch)
    assert asked == ["comment_counts", "new_since"] and pages == [1]
    assert "A reply: the open threads are as they were" in texts(at)


def test_hostile_text_in_a_comment_is_shown_as_typed():
    at = open_page("comments", swindon())
    comment_on_box(at, BOX, HOSTILE + "\nsecond line :material/home:")
    assert not at.exception, at.exception
    shown_md = [m.value for m in at.markdown if "script" in plain(m.value)]
    assert shown_md, texts(at)
    for source in shown_md:
        assert live_patterns(source) == [], source
        assert "<script>" not in source.replace("\\<", "")
    assert HOSTILE in texts(at) and "second line :material/home:" in texts(at)


def test_what_is_new_since_you_last_looked_and_mark_all_as_seen():
    at = open_page("comments", swindon())
    framework_id = at.session_state["framework_id"]
    assert "This is your first look" in texts(at)
    library().comment(framework_id, "Added while you were away", box=BOX, author="Sam")
    fw = at.session_state["framework"]
    library().rename(framework_id, "Swindon renamed while away", expected_version=1, author="Sam")

    later = refresh(at, "comments")  # the next visit (a new session of the same browser)
    assert not later.exception, later.exception
    shown_now = texts(later)
    assert "1 comment written and 1 version saved" in shown_now, shown_now
    assert "Added while you were away" in shown_now
    assert "Version 2 saved by **Sam**" in shown_now
    assert fw.node_by_id[BOX].label in shown_now
    later.run()  # a rerun of the same visit keeps the list
    assert "Added while you were away" in texts(later)
    button(later, "Mark all as seen").click().run()
    assert "Nothing new since you last looked" in texts(later)
    again = refresh(at, "comments")
    assert "Nothing new since you last looked" in texts(again)


def test_leaving_the_comments_page_and_coming_back_is_a_new_visit():
    at = open_page("comments", swindon())
    framework_id = at.session_state["framework_id"]
    at.switch_page(PAGES["diagram"]).run()
    library().comment(framework_id, "Written while you were on the Diagram", author="Sam")
    at.switch_page(PAGES["comments"]).run()
    assert not at.exception, at.exception
    assert "1 comment written and 0 versions saved" in texts(at)


# --- who may do what (sign-in on) ------------------------------------------------------------------------------


def alices(role: str | None, title: str) -> str:
    """Alice's framework (with a story of its own, so Present has one to change), shared with Bob as ``role``,
    with one thread of hers on a box."""
    alice = store().for_user(User(ALICE["email"], ALICE["name"]))
    fw = swindon(title)
    fw = save_story(fw, offered_stories(fw)[0])
    framework_id = alice.create(fw).id
    if role:
        alice.share(framework_id, BOB["email"], role)
    alice.comment(framework_id, "Alice asks: is the reach right?", box=BOX)
    return framework_id


def test_a_viewer_reads_threads_but_gets_no_comment_box_reply_or_resolve():
    framework_id = alices("viewer", "Viewer comments test")
    at = app(BOB, "comments", framework_id)
    assert not at.exception, at.exception
    assert "Alice asks: is the reach right?" in texts(at)
    assert not at.text_area
    labels = {b.label for b in at.button}
    assert not labels & {"Comment", "Reply", "Resolve", "Reopen"}, labels
    assert any("can read its comments, not write them" in m for m in messages(at, "info"))


def test_a_commenter_comments_and_replies_but_resolves_only_their_own_thread():
    framework_id = alices("commenter", "Commenter comments test")
    at = app(BOB, "comments", framework_id)
    assert not at.exception, at.exception
    (alices_thread,) = store().threads(framework_id)
    assert not [b for b in at.button if b.label == "Resolve"]  # not his thread, and he is no editor
    at.text_area(key=f"comment_reply_text_all-t{alices_thread.id}").input("Bob: it looks low")
    submit(at, f"comment_reply_all-t{alices_thread.id}").click().run()
    at.radio(key="comments_place").set_value("box").run()
    at.selectbox(key="comments_box").set_value(BOX).run()
    at.text_area(key=f"comment_new_text_{place_key(BOX)}").input("Bob's own question")
    button(at, "Comment").click().run()
    assert not messages(at), messages(at)
    mine = [t for t in store().threads(framework_id) if t.first.author_email == BOB["email"]]
    assert [t.first.body for t in mine] == ["Bob's own question"]
    assert [c.body for c in store().threads(framework_id, box=BOX)[-1].replies] == ["Bob: it looks low"]
    at.button(key=f"comment_resolve_all-t{mine[0].id}").click().run()
    assert store().threads(framework_id, open_only=False)[0].resolved


def test_a_comment_the_store_refuses_is_one_line_and_nothing_is_kept():
    """Bob's page still shows the comment box when Alice makes him a viewer: his comment is refused in one line."""
    framework_id = alices("commenter", "Refused comment test")
    at = app(BOB, "comments", framework_id)
    store().for_user(User(ALICE["email"], ALICE["name"])).share(framework_id, BOB["email"], "viewer")
    at.text_area(key=f"comment_new_text_{place_key()}").input("Sent after my share changed")
    button(at, "Comment").click().run()
    assert not at.exception, at.exception
    (refusal,) = messages(at)
    assert "shared with you to view only, so you cannot comment on it" in refusal, refusal
    assert "\n" not in refusal and "Traceback" not in refusal
    assert all(t.first.body != "Sent after my share changed" for t in store().threads(framework_id))
    assert not at.text_area  # drawn again as a viewer: no comment box


def test_a_viewer_reads_a_boxs_threads_on_the_diagram_without_a_comment_box():
    framework_id = alices("viewer", "Viewer diagram comments test")
    at = app(BOB, "diagram", framework_id)
    at.selectbox(key="diagram_comments_box").set_value(BOX).run()
    assert not at.exception, at.exception
    assert "Alice asks: is the reach right?" in texts(at)
    assert not at.text_area and not [b for b in at.button if b.label in {"Comment", "Reply", "Resolve"}]


EDITING = {
    "Open in Build",  # Check's way to fix a finding
    "Add the box",
    "Save",
    "Save the box",
    "Save the story",
    "Save this story into the framework",
    "Delete this story",
    "Merge their boxes and links into mine",
    "Undo",
    "Redo",
    "Restore this version",
    "Rename",
    "Delete",
}
OWN_THINGS = ("comment", "new_", "adapt_", "import", "library_search", "case_ranges_grid", "search")
"""Fields a commenter may type in: comments, and what stays theirs (a new framework of their own, one adapted
from another, an import, a search of the library, this tab's own sensitivity ranges on Case)."""


@pytest.mark.parametrize("page", [p.name for p in shown(sign_in=True)])
def test_a_commenter_sees_no_editing_control_on_any_page(page: str):
    framework_id = alices("commenter", f"Commenter pages {page}")
    at = app(BOB, page, framework_id)
    assert not at.exception, at.exception
    assert at.session_state["framework"] is not None
    fields = (*at.text_input, *at.text_area, *at.number_input, *at.date_input, *at.data_editor)
    others = [f.id for f in store().list() if f.id != framework_id]  # Home lists others', some his to change

    def about_another(key: str) -> bool:
        return any(key.endswith(other) for other in others)

    changing = [
        (f.key, getattr(f, "label", ""))
        for f in fields
        if not str(f.key).startswith(OWN_THINGS) and not about_another(str(f.key))
    ]
    assert not changing, (page, changing)
    offered = {b.label for b in at.button if not b.disabled and not about_another(str(b.key))}
    assert not offered & EDITING, (page, offered & EDITING)
    assert not [m for m in at.multiselect if "step" in m.label.casefold()], page  # Present's story steps


def test_check_offers_its_fixes_to_an_editor_and_says_why_not_to_a_commenter():
    framework_id = alices("editor", "Check fixes test")
    editor = app(BOB, "check", framework_id)
    assert [b for b in editor.button if b.label == "Open in Build"], "the sample has findings to fix"
    framework_id = alices("commenter", "Check no fixes test")
    commenter = app(BOB, "check", framework_id)
    assert not [b for b in commenter.button if b.label == "Open in Build"]
    assert any("Only people who can edit this framework can fix" in c.value for c in commenter.caption)
    assert not commenter.exception, commenter.exception


def test_a_stranger_sees_no_comments_in_lists_or_at_the_address():
    framework_id = alices(None, "Stranger comments test")
    at = app(CAROL, "comments", framework_id)
    assert not at.exception, at.exception
    assert at.session_state["framework"] is None
    assert "Alice asks" not in everything_shown(at) and "Stranger comments test" not in everything_shown(at)
