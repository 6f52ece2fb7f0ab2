"""Sign-in: who is using the app, with Streamlit's own OpenID Connect (``st.login``, ``st.user``, ``st.logout``).

Sign-in is on when Streamlit's secrets have an ``[auth]`` section (``redirect_uri``, ``cookie_secret``,
and the provider's ``client_id``, ``client_secret`` and ``server_metadata_url``, there or in
``[auth.NAME]``); a deployment may keep that file anywhere with Streamlit's ``secrets.files`` option. Then
a signed-out visitor sees only the sign-in page (``gate``), and the library acts for the person signed in
(``actor``), known by their email. Admins are listed by email in ``[logicmodel] admins = [...]`` in the
same secrets, or in ``$LOGICMODEL_ADMINS`` (comma-separated).

Without ``[auth]``, the app acts for ``EVERYONE``: whoever reaches the server sees and edits every framework
that belongs to no one, and the sidebar says so.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit import config

from logicmodel.store import EVERYONE, Access, Actor, StoreError, Summary, User
from logicmodel.store.access import clean_email
from ui.text import md

__all__ = [
    "actor",
    "admins",
    "configured",
    "gate",
    "incomplete",
    "provider",
    "shared_as",
    "show_who",
    "user",
    "who_can_open",
]


def _no_secrets_file() -> bool:
    """True when Streamlit has no secrets loaded and none of the paths it reads them from (its
    ``secrets.files`` option: each a ``.toml`` file, or a directory of secrets) is there. Then
    ``st.secrets`` would look for them again (and raise) at every call, several a run; a few ``os.path``
    checks say as much, and still see a file added later."""
    if vars(st.secrets).get("_secrets") is not None:  # read already, or given (``AppTest.secrets``)
        return False
    for path in config.get_option("secrets.files"):
        if os.path.isdir(path) or (path.endswith(".toml") and os.path.exists(path)):
            return False
    return True


def _secrets(section: str) -> Mapping[str, Any]:
    """One section of Streamlit's secrets, or {} when there is none (or no secrets at all)."""
    if _no_secrets_file():
        return {}
    try:
        found = st.secrets.get(section)
    except (OSError, ValueError):  # no secrets file (StreamlitSecretNotFoundError is a FileNotFoundError)
        return {}
    return found if isinstance(found, Mapping) else {}


def provider() -> str | None:
    """The provider ``st.login`` is called with: None for one unnamed provider in ``[auth]`` itself,
    else the name of the first ``[auth.NAME]`` section."""
    section = _secrets("auth")
    if "client_id" in section:
        return None
    named = [name for name, value in section.items() if isinstance(value, Mapping) and "client_id" in value]
    return named[0] if named else None


def configured() -> bool:
    """True when the secrets hold an ``[auth]`` section with a provider: sign-in is on."""
    section = _secrets("auth")
    has_provider = "client_id" in section or any(
        isinstance(value, Mapping) and "client_id" in value for value in section.values()
    )
    return bool(section.get("redirect_uri")) and bool(section.get("cookie_secret")) and has_provider


def incomplete() -> str | None:
    """What is missing when the secrets have an ``[auth]`` section that is not enough to sign in, else None.

    Such a server refuses everyone rather than fall back to no sign-in (a typo must not open the library).
    """
    section = _secrets("auth")
    if not section or configured():
        return None
    missing = [key for key in ("redirect_uri", "cookie_secret") if not section.get(key)]
    if provider() is None and "client_id" not in section:
        missing.append("a provider (client_id, client_secret, server_metadata_url)")
    return ", ".join(missing) or "a provider"


def admins() -> frozenset[str]:
    """The admins' emails (ASCII letters in lower case, as ``clean_email``): ``[logicmodel] admins`` in the
    secrets and ``$LOGICMODEL_ADMINS``."""
    listed = _secrets("logicmodel").get("admins") or []
    if isinstance(listed, str):
        listed = listed.split(",")
    listed = [*listed, *os.environ.get("LOGICMODEL_ADMINS", "").split(",")]
    return frozenset(_admin_email(str(email)) for email in listed if str(email).strip())


def _admin_email(email: str) -> str:
    """An admin's email as the library compares it (``clean_email``); one that is not an email matches no one."""
    try:
        return clean_email(email)
    except StoreError:
        return email.strip()


def user() -> User | None:
    """The person signed in, or None (signed out, or no sign-in on this server).

    The email comes from the identity token's ``email`` claim, else ``preferred_username`` (Microsoft Entra
    ID's sign-in name); an email the provider says is not verified is not trusted.
    """
    if not configured() or not st.user.is_logged_in:
        return None
    email = st.user.get("email") or st.user.get("preferred_username") or ""
    if st.user.get("email_verified") is False:
        return None
    try:
        found = User(str(email), str(st.user.get("name") or ""))
    except StoreError:
        return None
    return User(found.email, found.name, admin=found.email in admins())


def actor() -> Actor | None:
    """Who the library acts for: the person signed in, ``EVERYONE`` without sign-in, None when signed out."""
    if not configured():
        return None if incomplete() else EVERYONE
    return user()


def _sign_in() -> None:
    st.login(provider()) if provider() else st.login()


def gate() -> None:
    """When sign-in is on and no one is signed in: the sign-in page, and nothing else (``st.stop``)."""
    missing = incomplete()
    if missing:
        st.error(
            f"Sign-in is set up on this server but incomplete (missing: {md(missing)}), so no one can open "
            "the library. Whoever runs the server can fix the [auth] section of the secrets (see the README).",
            icon=":material/lock:",
        )
        st.stop()
    if not configured() or user() is not None:
        return
    st.title("Logic Model Builder")
    if st.user.is_logged_in:  # signed in, but without an email we can trust
        st.error(
            "Signed in, but your account gave no verified email address, which this server needs to know "
            "what is shared with you. Ask whoever runs it, or sign in with another account.",
            icon=":material/no_accounts:",
        )
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")
        st.stop()
    st.markdown("Sign in to open the frameworks you have built and those shared with you.")
    st.button("Sign in", on_click=_sign_in, type="primary", icon=":material/login:")
    st.stop()


def show_who() -> None:
    """The sidebar's line on who is signed in (with "Sign out"), or that everything here is open to everyone."""
    signed_in = user()
    if signed_in is None:
        st.caption(
            "No sign-in on this server: every framework here is open to everyone who can reach it "
            "(see the README to set up sign-in)."
        )
        return
    role = " · admin" if signed_in.admin else ""
    st.markdown(f"Signed in as **{md(signed_in.name or signed_in.email)}**")
    st.caption(f"{md(signed_in.email)}{role}")
    st.button("Sign out", on_click=st.logout, icon=":material/logout:", key="sign_out")


def who_can_open() -> str:
    """One sentence on who can open the frameworks of the library, for Home."""
    if not configured():
        return "Everyone who can reach this server can open them."
    return "You see those you started, imported or copied, and those shared with you."


def shared_as(item: Summary) -> str:
    """For the library's list: " · shared with you as viewer" (or editor), "" for one's own or without sign-in."""
    signed_in = user()
    if signed_in is None or item.access >= Access.OWNER:
        return ""
    if item.owner is None:
        return " · belongs to no one"
    return f" · {md(item.owner)}'s, shared with you as {item.access.word}"
