"""Sign-in in a real browser, through a real OpenID Connect provider on loopback (``tests/oidc.py``).

Alice and Bob each sign in through the provider's own form (``sub``, then Authorize) in browser contexts
of their own, against one app server whose ``[auth]`` secrets (kept outside the project, found through
Streamlit's ``secrets.files`` option) point at the provider. Every request either browser makes goes to
the app or the provider, both on 127.0.0.1, or is aborted: nothing leaves the machine. (The provider's form
page asks for a stylesheet on a CDN; it is aborted, and the form works without it.)
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from oidc import OidcProvider, auth_secrets, oidc_provider  # noqa: F401  (the fixture)

from logicmodel.core.readwrite import load, save
from logicmodel.editing.edit import update_meta
from logicmodel.store import Library, administrator

from .conftest import LIVE, AppServer, library_env, wait_for_app

SAMPLE = Path(__file__).resolve().parents[2] / "sample_frameworks" / "swindon.json"
ALICE = ("alice", "alice@example.org", "Alice Owner")
BOB = ("bob", "bob@example.org", "Bob Colleague")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def signin_app(tmp_path_factory: pytest.TempPathFactory, oidc_provider: OidcProvider) -> Iterator[AppServer]:  # noqa: F811
    """An app server with sign-in on, its secrets file in a folder of its own, and its own library."""
    folder = tmp_path_factory.mktemp("signin")
    port = _free_port()
    secrets = auth_secrets(folder, f"http://127.0.0.1:{port}", oidc_provider)
    for sub, email, name in (ALICE, BOB):
        oidc_provider.add_user(sub, email, name)
    env = {**library_env(folder), "STREAMLIT_SECRETS_FILES": str(secrets), **LIVE}  # the commenter sees saves live
    with AppServer(folder / "streamlit.log", env, port=port) as server:
        server.library_url = env["LOGICMODEL_DATABASE_URL"]
        yield server


def tab(browser, server: AppServer, provider: OidcProvider, path: str = "") -> object:
    """A browser context of its own (its own cookies: one person), that may reach only the app and the provider."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith((server.url, provider.url, "data:", "blob:", "about:")):
            route.continue_()
        else:  # aborted, so nothing leaves; recorded unless the provider's own form asked (its stylesheet)
            try:
                asked_by = route.request.frame.url
            except Exception:  # a request from a service worker has no frame
                asked_by = ""
            if not asked_by.startswith(provider.url):
                outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    page.set_default_timeout(60_000)
    page.goto(server.url + path)
    wait_for_app(page)
    return page


def as_shown(text: str) -> re.Pattern[str]:
    """``text`` as the page shows it: the escaper may put an invisible word joiner (U+2060) before the
    ``@`` of an e-mail address, so that Streamlit does not make it a mail link (see ``ui.text.md``)."""
    return re.compile("\u2060?".join(re.escape(char) for char in text))


def sign_in(page, server: AppServer, provider: OidcProvider, person: tuple[str, str, str]) -> None:
    """Sign in through the provider's form: Sign in, then ``sub``, then Authorize, and back to the app."""
    sub, email, name = person
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(provider.url) + ".*authorize"))
    page.locator('input[name="sub"]').fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(server.url)))
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(name).first.wait_for()
    sidebar.get_by_text(as_shown(email)).first.wait_for()


def go(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(page)


def share(page, email: str, role: str) -> None:
    """On the Sharing page (open), share the open framework with ``email`` as ``role``."""
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Share"))
    form.get_by_label("Email address").fill(email)
    form.get_by_text(role.capitalize() + ":").click()
    form.get_by_role("button", name="Share").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text(as_shown(f"Shared with {email} as {role}")).first.wait_for()


def test_two_people_each_see_only_what_is_theirs_or_shared_with_them(
    browser,
    signin_app: AppServer,
    oidc_provider: OidcProvider,  # noqa: F811
    tmp_path: Path,
):
    server, provider = signin_app, oidc_provider
    title = "Leisure trust costs 2027"  # not a sample's title: anywhere it shows, it came from the library
    upload = tmp_path / "leisure-trust.json"
    save(update_meta(load(SAMPLE), title=title), upload)
    alice = tab(browser, server, provider)
    # Signed out: a Sign in button, and nothing of the library
    alice.get_by_role("button", name="Sign in").wait_for()
    body = alice.get_by_test_id("stApp").inner_text()
    assert "Search the library" not in body and "Import" not in body and "Start the framework" not in body

    # Alice signs in and imports a framework
    sign_in(alice, server, provider, ALICE)
    alice.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    wait_for_app(alice)
    alice.wait_for_url(re.compile(r"[?&]framework="))
    framework_id = re.search(r"[?&]framework=([^&]+)", alice.url).group(1)
    with Library.open(server.library_url, actor=administrator()) as lib:
        assert lib.get(framework_id).title == title
        assert lib.sharing(framework_id).owner == ALICE[1]

    # Signed out, even its address shows nothing of it
    stranger = tab(browser, server, provider, f"/?framework={framework_id}")
    stranger.get_by_role("button", name="Sign in").wait_for()
    assert title not in stranger.get_by_test_id("stApp").inner_text()
    stranger.context.close()

    # Bob, signed in, does not see it in the list, in search, or at its address
    bob = tab(browser, server, provider)
    sign_in(bob, server, provider, BOB)
    assert title not in bob.get_by_test_id("stApp").inner_text()
    search = bob.get_by_label("Search the library")
    search.fill("leisure")
    search.press("Enter")
    wait_for_app(bob)
    bob.get_by_text("Nothing in the library matches").first.wait_for()
    bob.goto(f"{server.url}/?framework={framework_id}")
    wait_for_app(bob)
    bob.get_by_text("not shared with you").first.wait_for()
    assert title not in bob.get_by_test_id("stApp").inner_text()

    # Alice shares it with Bob as a viewer: he opens it, and Build has no editing controls
    go(alice, "Sharing")
    share(alice, BOB[1], "viewer")
    bob.goto(f"{server.url}/?framework={framework_id}")
    wait_for_app(bob)
    bob.get_by_test_id("stSidebar").get_by_text(title).first.wait_for()
    go(bob, "Build")
    bob.get_by_text("shared with you to view only").first.wait_for()
    assert bob.get_by_role("button", name="Add the box").count() == 0
    assert bob.get_by_test_id("stForm").count() == 0
    bob.screenshot(path=str(Path(server.log_path).parent / "viewer-build.png"))

    # Alice makes him an editor: his edit is saved, under his name
    share(alice, BOB[1], "editor")
    bob.reload()
    wait_for_app(bob)
    form = bob.get_by_test_id("stForm").filter(has=bob.get_by_role("button", name="Add the box"))
    form.get_by_label("Label").fill("Free swimming for under-16s")
    form.get_by_role("button", name="Add the box").click()
    wait_for_app(bob)
    go(bob, "History")
    bob.get_by_text("by Bob Colleague").first.wait_for()
    with Library.open(server.library_url, actor=administrator()) as lib:
        latest = lib.history(framework_id)[0]
    assert latest.author == "Bob Colleague" and "Free swimming for under-16s" in latest.summary

    # Signing out leaves the sign-in page, and nothing of the framework, even at its address
    bob.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    bob.wait_for_url(re.compile(re.escape(provider.url) + ".*end_session"))  # the provider ends its session too
    bob.get_by_role("button", name="End session").click()
    bob.wait_for_url(re.compile(re.escape(server.url)))
    wait_for_app(bob)
    bob.goto(f"{server.url}/?framework={framework_id}")
    wait_for_app(bob)
    bob.get_by_role("button", name="Sign in").wait_for()
    assert title not in bob.get_by_test_id("stApp").inner_text()

    assert alice.outside_requests == [] and bob.outside_requests == []
    alice.context.close()
    bob.context.close()


def test_a_share_taken_back_stops_the_next_download_and_closes_the_framework_at_the_next_click(
    browser,
    signin_app: AppServer,
    oidc_provider: OidcProvider,  # noqa: F811
):
    """Issue 19, finding 5: Bob's tab, open on Export, still showed the title and downloaded the whole file after
    Alice took her share back. Now his next download gets nothing, and his next click closes the framework."""
    from logicmodel.store import User

    server, provider = signin_app, oidc_provider
    title = "Confidential leisure review"
    with Library.open(server.library_url, actor=administrator()) as lib:
        alice = lib.for_user(User(ALICE[1], ALICE[2]))
        framework_id = alice.create(update_meta(load(SAMPLE), title=title)).id
        alice.share(framework_id, BOB[1], "viewer")
    bob = tab(browser, server, provider)
    bob.set_viewport_size({"width": 1366, "height": 768})
    sign_in(bob, server, provider, BOB)
    bob.goto(f"{server.url}/?framework={framework_id}")
    wait_for_app(bob)
    go(bob, "Export")
    bob.get_by_test_id("stSidebar").get_by_text(title).first.wait_for()
    with bob.expect_download() as shared:  # while it is shared, the file downloads
        bob.get_by_role("button", name=re.compile(r"JSON")).first.click()
    assert shared.value.suggested_filename.endswith(".json")

    with Library.open(server.library_url, actor=administrator()) as lib:
        lib.for_user(User(ALICE[1], ALICE[2])).unshare(framework_id, BOB[1])
    downloads: list[object] = []
    bob.on("download", lambda download: downloads.append(download))
    bob.get_by_role("button", name=re.compile(r"JSON")).first.click()  # the page is as it was drawn
    bob.wait_for_timeout(4000)
    assert downloads == []  # the library was asked at the click: nothing of it left the server

    go(bob, "Diagram")  # his next click
    bob.get_by_text("no longer shared with you").first.wait_for()
    assert title not in bob.get_by_test_id("stApp").inner_text()
    bob.screenshot(path=str(Path(server.log_path).parent / "share-taken-back.png"))
    assert bob.outside_requests == []
    bob.context.close()
