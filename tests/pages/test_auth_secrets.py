"""Sign-in's reading of Streamlit's secrets (``ui.auth._secrets``): with no secrets file, {} at once, without
asking ``st.secrets`` (which would look for the files again, and raise, at every call); a file there, or put
there later, or a directory of secrets, is read as Streamlit reads it."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1.util import patch_config_options

from ui import auth

AUTH = 'redirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "long enough"\nclient_id = "lmb"\n'


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Streamlit's secrets read afresh (none read yet); each time they would be looked for, counted."""
    monkeypatch.setattr(st, "secrets", Secrets())
    monkeypatch.setattr(Secrets, "_maybe_install_file_watchers", lambda self: None)  # no poller left running
    looked = []
    real = Secrets._parse
    monkeypatch.setattr(Secrets, "_parse", lambda self: looked.append(1) or real(self))
    return looked


def files(*paths: Path) -> AbstractContextManager[None]:
    """Streamlit's ``secrets.files`` option (each a ``.toml`` file or a directory) set to ``paths``."""
    return patch_config_options({"secrets.files": [str(p) for p in paths]})


def test_no_secrets_file_is_no_section_without_asking_streamlit(parses, tmp_path):
    with files(tmp_path / "secrets.toml", tmp_path / "secrets.d"):
        assert auth._secrets("auth") == {} and auth._secrets("logicmodel") == {}
        assert not auth.configured()
    assert parses == []


def test_a_secrets_file_is_read_and_one_put_there_later_too(parses, tmp_path):
    file = tmp_path / "secrets.toml"
    with files(tmp_path / "elsewhere" / "secrets.toml", file):
        assert auth._secrets("auth") == {}
        file.write_text(f"[auth]\n{AUTH}\n[logicmodel]\nadmins = ['ada@example.org']\n")
        assert auth._secrets("auth")["client_id"] == "lmb"
        assert auth._secrets("logicmodel")["admins"] == ["ada@example.org"]
        assert auth._secrets("nothing") == {}
    assert parses


def test_a_directory_of_secrets_is_read(parses, tmp_path):
    folder = tmp_path / "secrets.d"
    (folder / "auth").mkdir(parents=True)
    for line in AUTH.splitlines():
        name, value = line.split(" = ")
        (folder / "auth" / name).write_text(value.strip('"'))
    with files(folder):
        assert auth._secrets("auth") == {
            "redirect_uri": "http://localhost:8501/oauth2callback",
            "cookie_secret": "long enough",
            "client_id": "lmb",
        }


def test_a_secrets_file_that_does_not_parse_is_no_section_as_before(parses, tmp_path):
    file = tmp_path / "secrets.toml"
    file.write_text("[auth\nnot toml")
    with files(file):
        assert auth._secrets("auth") == {}
    assert parses


def test_secrets_given_rather_than_read_are_used(parses, tmp_path):
    """As ``AppTest.secrets`` gives them (``tests/pages/test_app_signin.py`` runs the app so)."""
    st.secrets._secrets = {"auth": {"client_id": "given"}}
    with files(tmp_path / "secrets.toml"):
        assert auth._secrets("auth") == {"client_id": "given"}
