"""A real OpenID Connect provider on loopback for the sign-in tests: ``oidc-provider-mock`` in a subprocess.

``oidc_provider`` (session fixture) starts it on a free port of 127.0.0.1 and yields an ``OidcProvider``;
``add_user`` creates a person through its ``PUT /users/{sub}`` endpoint, with the claims Streamlit reads
(``email``, ``name``). Its authorisation form asks for ``sub`` and has an "Authorize" button. Nothing of it
leaves the machine: it listens on loopback, and Streamlit fetches its metadata and tokens there.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["OidcProvider", "auth_secrets", "oidc_provider"]

STARTUP_SECONDS = 30


@dataclass
class OidcProvider:
    url: str

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def add_user(self, sub: str, email: str, name: str) -> None:
        """Create (or replace) a person the provider will sign in when ``sub`` is typed in its form."""
        claims = {"email": email, "email_verified": True, "name": name}
        request = urllib.request.Request(
            f"{self.url}/users/{sub}",
            data=json.dumps(claims).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """``oidc-provider-mock`` on a free loopback port for the whole run, stopped at the end."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("oidc") / "provider.log"
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    provider = OidcProvider(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"oidc-provider-mock exited with {process.returncode}: {log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(provider.metadata_url, timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"oidc-provider-mock did not answer within {STARTUP_SECONDS} s")
            time.sleep(0.2)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def auth_secrets(folder: Path, app_url: str, provider: OidcProvider, admins: tuple[str, ...] = ()) -> Path:
    """A secrets.toml with an ``[auth]`` section pointing at ``provider``, for an app served at ``app_url``."""
    path = folder / "secrets.toml"
    listed = ", ".join(json.dumps(email) for email in admins)
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        'cookie_secret = "a-cookie-secret-for-the-sign-in-tests-only-0123456789"\n'
        'client_id = "logic-model-builder"\n'
        'client_secret = "a-client-secret-for-the-tests"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n'
        "\n[logicmodel]\n"
        f"admins = [{listed}]\n",
        encoding="utf-8",
    )
    return path
