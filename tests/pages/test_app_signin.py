"""Sign-in in the app (AppTest): with ``[auth]`` in the secrets, a signed-out visitor sees only "Sign in";
each person sees what is theirs or shared with them; a viewer gets no editing controls; history names the
person signed in. Without ``[auth]``, the app says that every framework is open to everyone.

AppTest stands in for the provider here (``at.user``); ``tests/browser/test_signin.py`` signs in through a
real OpenID Connect provider.
"""

from __future__ import annotations

from app_helpers import APP, APP_TIMEOUT, button, messages, plain
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from logicmodel.editing.edit import new_framework
from logicmodel.store import Library, User
from logicmodel.store.connect import database_url
from ui.pages import named

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a test secret that is long enough to sign cookies",
    "client_id": "logic-model-builder",
    "client_secret": "not a real secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ALICE = {"is_logged_in": True, "email": "alice@example.org", "name": "Alice Owner", "email_verified": True}
BOB = {"is_logged_in": True, "email": "bob@example.org", "name": "Bob Colleague"}


def store() -> Library:
    """The library the app uses, as the command line sees it (every framework)."""
    from logicmodel.store import administrator
    from ui import store as ui_store

    return ui_store._open(database_url()).for_user(administrator())


def app(user: dict | None, page: str = "home", framework_id: str | None = None, *, signin: bool = True) -> AppTest:
    st_config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    if signin:
        at.secrets["auth"] = AUTH
        at.secrets["logicmodel"] = {"admins": ["ada@example.org"]}
    at.user = user if user is not None else {"is_logged_in": False}
    if framework_id:
        at.query_params["framework"] = framework_id
    at.run()
    if page != "home":
        at.switch_page(named(page).path).run()
    return at


def everything_shown(at: AppTest) -> str:
    texts = [m.value for m in (*at.markdown, *at.caption, *at.info, *at.error, *at.title, *at.header, *at.subheader)]
    texts += [b.label for b in at.button] + [m.value for m in (*at.sidebar.markdown, *at.sidebar.caption)]
    return plain("\n".join(texts))


def alices_framework(title: str = "Draft offer to the ICB") -> str:
    return store().for_user(User(ALICE["email"], ALICE["name"])).create(new_framework(title)).id


def test_signed_out_there_is_a_sign_in_button_and_nothing_of_the_library():
    framework_id = alices_framework()
    at = app(None, framework_id=framework_id)
    assert [b.label for b in at.button] == ["Sign in"]
    shown = everything_shown(at)
    assert "ICB" not in shown and "Import" not in shown and "library" not in shown.casefold()
    assert at.session_state["framework"] is None  # the address opened nothing


def test_signed_in_the_sidebar_names_the_person_and_offers_sign_out():
    at = app(ALICE)
    sidebar = plain("\n".join(m.value for m in (*at.sidebar.markdown, *at.sidebar.caption)))
    assert "Alice Owner" in sidebar and "alice@example.org" in sidebar
    assert "Sign out" in [b.label for b in at.sidebar.button]
    assert "Who is editing?" not in sidebar  # no name to type: the sign-in names them


def test_a_framework_not_shared_is_not_listed_not_found_and_not_opened_at_its_address():
    framework_id = alices_framework("Leisure trust costs 2027")
    assert "Leisure trust costs 2027" in everything_shown(app(ALICE))
    at = app(BOB)
    assert "Leisure trust costs 2027" not in everything_shown(at)
    at = app(BOB, framework_id=framework_id)
    assert at.session_state["framework"] is None
    assert any("not shared with you" in m for m in messages(at)), messages(at)
    assert "Leisure trust" not in everything_shown(at)


def test_a_viewer_gets_no_editing_controls_and_an_editor_saves_under_their_own_name():
    framework_id = alices_framework("First draft")
    alice = store().for_user(User(ALICE["email"], ALICE["name"]))
    alice.rename(framework_id, "Draft offer to the ICB", expected_version=1)  # two versions: one to restore
    owner = app(ALICE, "sharing", framework_id)
    owner.text_input(key="share_email").input(BOB["email"])
    owner.radio(key="share_role").set_value("viewer")
    button(owner, "Share").click().run()
    assert any("Shared with bob@example.org as viewer" in m for m in messages(owner, "success"))

    viewer = app(BOB, "build", framework_id)
    assert viewer.session_state["framework"].meta.title == "Draft offer to the ICB"
    assert any("view only" in m for m in messages(viewer, "info"))
    assert [b.label for b in viewer.button if b.key != "sign_out"] == ["Make a copy to edit"]
    assert not viewer.text_input and not viewer.text_area and not viewer.selectbox

    home = app(BOB)  # the library offers a viewer a copy, not a rename or the bin
    assert any("alice@example.org's, shared with you as viewer" in plain(c.value) for c in home.caption)
    keys = {b.key for b in home.button}
    assert f"lib_copy_{framework_id}" in keys and f"lib_delete_{framework_id}" not in keys
    assert f"lib_rename_{framework_id}" not in keys
    history = app(BOB, "history", framework_id)
    history.button(key="view_version_1").click().run()
    (restore,) = [b for b in history.button if b.key == "restore_version"]
    assert restore.disabled  # a viewer cannot restore an old version

    store().for_user(User(ALICE["email"])).share(framework_id, BOB["email"], "editor")
    editor = app(BOB, "build", framework_id)
    editor.radio(key="build_section").set_value("Add boxes").run()
    editor.text_input(key="add_box_label").input("Free swimming")
    editor.selectbox(key="add_box_level").set_value("activity")
    button(editor, "Add the box").click().run()
    latest = store().history(framework_id)[0]
    assert latest.author == "Bob Colleague" and "Free swimming" in latest.summary


def test_without_sign_in_the_sidebar_says_every_framework_is_open_to_everyone():
    at = app(None, signin=False)
    sidebar = plain("\n".join(m.value for m in at.sidebar.caption))
    assert "every framework here is open to everyone who can reach it" in sidebar
    assert "Sign in" not in [b.label for b in at.button]


def test_the_owner_takes_sharing_back_and_an_admin_hands_a_framework_over():
    framework_id = alices_framework("Active Wiltshire 2030")
    alice = store().for_user(User(ALICE["email"], ALICE["name"]))
    alice.share(framework_id, BOB["email"], "editor")
    owner = app(ALICE, "sharing", framework_id)
    button(owner, "Take back").click().run()
    assert any("Sharing with bob@example.org taken back" in m for m in messages(owner, "success"))
    assert "Active Wiltshire 2030" not in everything_shown(app(BOB))

    ada = {"is_logged_in": True, "email": "Ada@Example.org", "name": "Ada Admin"}  # listed in [logicmodel] admins
    assert "Active Wiltshire 2030" in everything_shown(app(ada))
    admin = app(ada, "sharing", framework_id)
    assert any("You are an admin" in plain(c.value) for c in admin.caption)
    admin.text_input(key="hand_over_email").input(BOB["email"])
    button(admin, "Hand over").click().run()
    assert store().sharing(framework_id).owner == BOB["email"]
    assert "Active Wiltshire 2030" in everything_shown(app(BOB))  # his now; Alice keeps it as an editor
    assert "shared with you as editor" in everything_shown(app(ALICE))


def test_an_incomplete_auth_section_opens_nothing_rather_than_falling_back_to_no_sign_in():
    framework_id = store().create(new_framework("Open to everyone without sign-in"), author="Ann").id
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.secrets["auth"] = {"redirect_uri": AUTH["redirect_uri"], "client_id": "x"}  # no cookie_secret
    at.query_params["framework"] = framework_id
    at.run()
    assert any("incomplete (missing: cookie_secret)" in m for m in messages(at))
    assert "Open to everyone" not in everything_shown(at) and at.session_state["framework"] is None


def test_an_account_whose_email_only_case_folds_to_someone_elses_opens_nothing_of_theirs():
    """Finding 12 of issue 19: a verified "\u212aate@" (Kelvin sign) is not kate@, and "straße@" is not strasse@."""
    kate = store().for_user(User("kate@example.org", "Kate"))
    framework_id = kate.create(new_framework("Kate's private offer")).id
    kelvin = {"is_logged_in": True, "email": "\u212aate@example.org", "name": "Not Kate", "email_verified": True}
    at = app(kelvin, framework_id=framework_id)
    assert at.session_state["framework"] is None
    assert "Kate's private offer" not in everything_shown(at)
    assert any("not shared with you" in m for m in messages(at)), messages(at)
    strasse = store().for_user(User("strasse@example.org", "Strasse"))
    other_id = strasse.create(new_framework("Strasse's costs")).id
    at = app({**kelvin, "email": "straße@example.org"}, framework_id=other_id)
    assert at.session_state["framework"] is None and "Strasse's costs" not in everything_shown(at)
