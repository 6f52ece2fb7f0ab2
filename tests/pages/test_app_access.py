"""Access follows the library at every read (issue 19, finding 5): a share taken back takes effect in a tab that
has the framework open at the next click, on every page, and at the click of every download, not at the next
reload.

AppTest stands in for the provider (``at.user``), as in ``test_app_signin``. A download made when clicked runs
outside the page's script; the test catches what each button would run (``deferred_downloads``) and runs it itself.
"""

from __future__ import annotations

import pytest
from app_helpers import messages, plain
from paths import ROOT
from test_app_signin import ALICE, BOB, app, everything_shown, store

from logicmodel.core.readwrite import load
from logicmodel.editing.edit import add_link, add_node, update_meta
from logicmodel.store import NotShared, User
from ui.pages import shown
from ui.sharing import CLOSED

SAMPLES = ROOT / "sample_frameworks"
TITLE = "Pool refurbishment costs 2027"  # not test_app_signin's title: the library is shared by the session
SECRET_BOX = "Confidential walking scheme"
PAGES = [page.name for page in shown(sign_in=False) if page.name != "home"]  # home opens no framework


def alices_shared_framework(role: str = "viewer") -> str:
    """Alice's framework (a sample's boxes, her title and one box of her own), shared with Bob."""
    fw = update_meta(load(SAMPLES / "swindon.json"), title=TITLE)
    fw = add_node(fw, {"id": "walks", "level": "activity", "label": SECRET_BOX, "stakeholders": ["public-health"]})
    fw = add_link(fw, {"source": "walks", "target": "str-fewer-falls"})
    alice = store().for_user(User(ALICE["email"], ALICE["name"]))
    framework_id = alice.create(fw).id
    alice.share(framework_id, BOB["email"], role)
    return framework_id


def alice():
    return store().for_user(User(ALICE["email"], ALICE["name"]))


def shown_with_sidebar(at) -> str:
    return everything_shown(at) + plain("\n".join(b.label for b in at.get("download_button")))


@pytest.mark.parametrize("page", PAGES)
def test_a_share_taken_back_closes_the_framework_at_the_next_click_on_every_page(page: str):
    framework_id = alices_shared_framework()
    at = app(BOB, page, framework_id)
    assert not at.exception, at.exception
    assert at.session_state["framework"] is not None
    alice().unshare(framework_id, BOB["email"])

    at.run()  # Bob's next click, in the tab he already had open
    assert not at.exception, at.exception
    assert at.session_state["framework"] is None
    shown = shown_with_sidebar(at)
    assert TITLE not in shown and SECRET_BOX not in shown, shown
    assert messages(at) == [plain(CLOSED)]  # said once, in one line
    assert "view only" not in shown  # Build no longer says it is shared with him


def test_a_share_that_stays_keeps_the_framework_open_and_a_viewer_made_editor_may_edit():
    framework_id = alices_shared_framework()
    at = app(BOB, "export", framework_id)
    alice().share(framework_id, BOB["email"], "editor")
    at.run()
    assert at.session_state["framework"].meta.title == TITLE and not messages(at)


@pytest.mark.parametrize(
    ("page", "key"),
    [
        ("export", "download_json"),
        ("export", "download_docx"),
        ("build", "download_boxes_csv"),
        ("diagram", "download_svg"),
        ("present", "download_slides"),
    ],
)
def test_a_download_asks_the_library_again_when_it_is_clicked(deferred_downloads, page: str, key: str):
    """The page was drawn while Bob could see the framework; the share is taken back; his click on the
    download, with no run of the page in between, gets nothing of it."""
    framework_id = alices_shared_framework("editor" if page == "build" else "viewer")  # Build: editors' page
    app(BOB, page, framework_id)
    assert key in deferred_downloads, sorted(deferred_downloads)
    made = deferred_downloads[key]()
    assert made  # while shared, the file is there
    alice().unshare(framework_id, BOB["email"])
    with pytest.raises(NotShared):
        deferred_downloads[key]()


def test_a_commissioners_brief_asks_the_library_again_when_it_is_clicked(deferred_downloads):
    framework_id = alices_shared_framework()
    at = app(BOB, "commissioners", framework_id)
    briefs = [k for k in deferred_downloads if k.startswith("brief_")]
    assert briefs, (sorted(deferred_downloads), [e.value for e in at.error])
    alice().unshare(framework_id, BOB["email"])
    for brief in briefs:
        with pytest.raises(NotShared):
            deferred_downloads[brief]()
