"""Every page renders without an exception, with nothing open and with every sample and template open."""

import pytest
from app_helpers import open_page, plain
from paths import ROOT

from logicmodel.core import samples
from ui.pages import PAGES as EVERY_PAGE
from ui.pages import named, shown

PAGES = [page.name for page in shown(sign_in=False)]  # the app's one list; Sharing: test_app_signin
SHIPPED = samples.samples() + samples.templates()


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_nothing_open(page):
    at = open_page(page)
    assert not at.exception
    if page not in ("home", "diagram"):  # the Diagram page says it its own way
        assert "No framework is open yet" in plain(at.info[0].value)


@pytest.mark.parametrize("sample", SHIPPED, ids=[s.name for s in SHIPPED])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_each_sample(page, sample):
    fw = sample.load()
    at = open_page(page, fw)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    if page != "home":
        titles = [t.value for t in at.title]
        assert titles and titles[0] == named(page).title


def test_every_page_script_is_in_the_one_list_and_every_page_listed_has_its_script():
    """A page added to app_pages/ but not to ui.pages would be unreachable and never rendered by these tests."""
    scripts = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))
    assert sorted(page.name for page in EVERY_PAGE) == scripts
    assert len({page.title for page in EVERY_PAGE}) == len(EVERY_PAGE)  # no two sidebar entries alike
    assert EVERY_PAGE[0].name == "home"  # where a visit starts
    assert [page.name for page in EVERY_PAGE if page.needs_sign_in] == ["sharing"]


def test_samples_are_shipped():
    assert len(samples.samples()) >= 1 and len(samples.templates()) >= 1


def test_sidebar_names_the_open_framework_and_when_it_was_saved_with_no_download_warning():
    fw = samples.samples()[0].load()
    at = open_page("home", fw)
    sidebar = " ".join(plain(m.value) for m in at.sidebar.markdown)
    assert fw.meta.title in sidebar
    assert "Saved just now as version 1" in [c.value for c in at.sidebar.caption]
    assert not at.sidebar.warning  # the work is saved: no "download it before you lose it"


@pytest.mark.parametrize("sample", SHIPPED, ids=[s.name for s in SHIPPED])
def test_every_build_section_renders_with_each_sample(sample):
    at = open_page("build", sample.load())
    for section in at.radio(key="build_section").options:
        at.radio(key="build_section").set_value(section).run()
        assert not at.exception, f"{section}: {at.exception[0].value}"
        assert not at.error, f"{section}: {[e.value for e in at.error]}"
