"""The app's pages, listed once: ``app.py``'s navigation, the tests and the browser tests all read this list.

Plain data (no Streamlit), so a test can read it without running the app. Each page is a script in
``app_pages/`` named by the page's short name; the order here is the sidebar's. A new page is one row here and
its script: ``tests/test_app_pages.py`` then renders it with nothing open and with every sample.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PAGES", "AppPage", "named", "shown"]


@dataclass(frozen=True)
class AppPage:
    """One page of the app, as the sidebar lists it."""

    name: str
    """The short name: its script is ``app_pages/<name>.py``."""
    title: str
    """Its name in the sidebar, the browser's tab and its own title."""
    needs_sign_in: bool = False
    """Listed only when sign-in is set up (``[auth]`` in the secrets): sharing needs people to share with."""

    @property
    def path(self) -> str:
        """Its script, relative to ``app.py``."""
        return f"app_pages/{self.name}.py"


PAGES: tuple[AppPage, ...] = (
    AppPage("home", "Home"),
    AppPage("build", "Build"),
    AppPage("diagram", "Diagram"),
    AppPage("present", "Present"),
    AppPage("commissioners", "Commissioners"),
    AppPage("check", "Check"),
    AppPage("progress", "Progress"),
    AppPage("case", "Case"),
    AppPage("export", "Export"),
    AppPage("compare", "Compare"),
    AppPage("history", "History"),
    AppPage("comments", "Comments"),
    AppPage("sharing", "Sharing", needs_sign_in=True),
)
"""Every page, in the sidebar's order; the first is where a visit starts."""


def shown(sign_in: bool) -> list[AppPage]:
    """The pages the sidebar lists: the Sharing page only when sign-in is set up."""
    return [page for page in PAGES if sign_in or not page.needs_sign_in]


def named(name: str) -> AppPage:
    """The page with this short name (``KeyError`` for none)."""
    for page in PAGES:
        if page.name == name:
            return page
    raise KeyError(name)
