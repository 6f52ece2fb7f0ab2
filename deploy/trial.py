"""The hosted configuration on loopback, for a trial and for the tests: ``deploy/trial --port PORT --servers N``.

It starts, all on 127.0.0.1: a throwaway PostgreSQL cluster, the library's upgrade as
``logicmodel-migrate.service`` runs it, N app servers with ``logicmodel@.service``'s own ``ExecStart`` line (read
from the unit file), nginx with the site ``deploy/hosting.py`` fills in from the one template and a throwaway
self-signed certificate, and with ``--sign-in`` the loopback OpenID Connect provider (``oidc-provider-mock``).
It prints ``ready: https://127.0.0.1:PORT/`` when every part answers, and on Ctrl+C or SIGTERM stops all of it
and removes every file it made.

Importable (the tests do): ``with Trial(port, servers=2) as trial:`` gives ``trial.url``, ``trial.app_ports``,
``trial.app_processes`` (``subprocess.Popen``; ``trial.kill_server(i)`` and ``trial.start_server(i)`` for a
crash and a restart), ``trial.access_log``, ``trial.database_url`` and, with sign-in, ``trial.provider_url``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import grp
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hosting import DEPLOY, ROOT, environment_file, site, unit_command

from logicmodel.testing.postgres import PostgresUnavailable, throwaway_postgres

__all__ = ["Trial", "TrialUnavailable", "migrate", "nginx_binary"]

STARTUP_SECONDS = 90


class TrialUnavailable(RuntimeError):
    """A part of the trial cannot be had here (no nginx, no openssl, no PostgreSQL); the message says which."""


def nginx_binary() -> str | None:
    """Debian's nginx (``apt-get install nginx``), or None."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    """In a child, before it runs: SIGTERM it when the trial itself dies (even by SIGKILL), so nothing outlives it."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _answers(url: str, insecure: bool = False) -> bool:
    context = ssl._create_unverified_context() if insecure else None  # the trial's own self-signed certificate
    try:
        with urllib.request.urlopen(url, timeout=3, context=context) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def migrate(env: dict[str, str], log: Path) -> None:
    """The library's upgrade, once, before any app server starts: what ``logicmodel-migrate.service`` runs.

    The one place the trial upgrades the library. Until the ``library migrate`` job is in the command line
    (issue 25's ops part), the same upgrade runs through the store's own ``Library.open`` (which upgrades under
    PostgreSQL's advisory lock); with the job there, the unit's own command runs.
    """
    from logicmodel.cli.library import JOBS

    if any(job.name == "migrate" for job in JOBS):
        command = unit_command("logicmodel-migrate.service")
    else:
        opens = "from logicmodel.store import Library, administrator; Library.open(actor=administrator()).close()"
        command = [sys.executable, "-c", opens]
    with log.open("ab") as out:
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=300)
    if done.returncode:
        raise TrialUnavailable(f"the library's upgrade failed (exit {done.returncode}): see {log}")


class Trial:
    """The hosted configuration on 127.0.0.1: a context manager (``start`` and ``stop`` otherwise)."""

    def __init__(self, port: int | None = None, servers: int = 2, sign_in: bool = False, admins: Sequence[str] = ()):
        if servers < 1:
            raise ValueError("at least one app server")
        self.port = port or _free_port()
        self.servers = servers
        self.sign_in = sign_in
        self.admins = tuple(admins)
        self.url = f"https://127.0.0.1:{self.port}"
        self.app_ports: list[int] = []
        self.app_processes: list[subprocess.Popen] = []
        self.folder: Path | None = None
        self.database_url: str | None = None
        self.provider_url: str | None = None
        self.nginx: subprocess.Popen | None = None
        self.provider: subprocess.Popen | None = None
        self._postgres: contextlib.ExitStack | None = None
        self.env: dict[str, str] = {}

    # Where things are

    @property
    def logs(self) -> Path:
        assert self.folder is not None, "the trial has not started"
        return self.folder / "logs"

    @property
    def access_log(self) -> Path:
        """nginx's access log (the site's format: no query strings)."""
        return self.logs / "logicmodel.access.log"

    @property
    def app_pids(self) -> list[int]:
        return [process.pid for process in self.app_processes]

    def app_log(self, index: int) -> Path:
        return self.logs / f"app-{self.app_ports[index]}.log"

    # Starting

    def start(self) -> Trial:
        nginx = nginx_binary()
        if nginx is None:
            raise TrialUnavailable("nginx is not installed (`apt-get install nginx`, or `make test` as root)")
        if shutil.which("openssl") is None:
            raise TrialUnavailable("openssl is not installed (`apt-get install openssl`)")
        self.folder = Path(tempfile.mkdtemp(prefix="logicmodel-trial-"))
        try:
            self.logs.mkdir()
            self._postgres = contextlib.ExitStack()
            try:
                self.database_url = self._postgres.enter_context(throwaway_postgres())
            except PostgresUnavailable as exc:
                raise TrialUnavailable(str(exc)) from None
            if self.sign_in:
                self._start_provider()
            self.env = {**os.environ, **environment_file(self._environment_file())}
            migrate(self.env, self.logs / "migrate.log")
            self.app_ports = [_free_port() for _ in range(self.servers)]
            self.app_processes = [self._spawn_server(port) for port in self.app_ports]
            for index in range(self.servers):
                self._wait_for_server(index)
            self._start_nginx(nginx)
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(self, command: list[str], log_name: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        with (self.logs / log_name).open("ab") as log:
            return subprocess.Popen(
                command,
                cwd=ROOT,
                env=env or self.env or None,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl+C reaches the trial, which stops each part in turn
                preexec_fn=_die_with_parent,
            )

    def _environment_file(self) -> Path:
        """The trial's ``/etc/logicmodel/logicmodel.env``: the example's settings, with the trial's values."""
        example = environment_file(DEPLOY / "logicmodel.env.example")
        secrets_path = self.folder / "secrets.toml"
        values = {
            "LOGICMODEL_DATABASE_URL": self.database_url,
            "LOGICMODEL_ADMINS": ",".join(self.admins),
            "STREAMLIT_SECRETS_FILES": str(secrets_path),
        }
        assert set(values) == set(example), "the trial sets what logicmodel.env.example sets, and nothing else"
        secrets_path.write_text(self._secrets(), encoding="utf-8")
        path = self.folder / "logicmodel.env"
        path.write_text("".join(f"{name}={value}\n" for name, value in values.items()), encoding="utf-8")
        return path

    def _secrets(self) -> str:
        """The secrets file: an ``[auth]`` section for the loopback provider with ``--sign-in``, else empty."""
        if not self.sign_in:
            return "# No sign-in in this trial.\n"
        return (
            "[auth]\n"
            f'redirect_uri = "{self.url}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
            'client_id = "logic-model-builder"\n'
            'client_secret = "a-client-secret-for-the-trial"\n'
            f'server_metadata_url = "{self.provider_url}/.well-known/openid-configuration"\n'
        )

    def _start_provider(self) -> None:
        port = _free_port()
        self.provider_url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
        self.provider = self._spawn(command, "provider.log", env=dict(os.environ))
        self._wait(lambda: _answers(f"{self.provider_url}/.well-known/openid-configuration"), "the sign-in provider",
                   self.provider, self.logs / "provider.log")  # fmt: skip

    def _spawn_server(self, port: int) -> subprocess.Popen:
        return self._spawn(unit_command("logicmodel@.service", port), f"app-{port}.log")

    def _wait_for_server(self, index: int) -> None:
        port = self.app_ports[index]
        self._wait(lambda: _answers(f"http://127.0.0.1:{port}/_stcore/health"), f"the app server on port {port}",
                   self.app_processes[index], self.app_log(index))  # fmt: skip

    def _wait(self, answers, what: str, process: subprocess.Popen, log: Path) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not answers():
            if process.poll() is not None:
                raise TrialUnavailable(f"{what} exited with {process.returncode}:\n{_tail(log)}")
            if time.monotonic() > deadline:
                raise TrialUnavailable(f"{what} did not answer within {STARTUP_SECONDS} s:\n{_tail(log)}")
            time.sleep(0.2)

    def _start_nginx(self, nginx: str) -> None:
        certificate, key = self.folder / "certificate.pem", self.folder / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", str(key), "-out", str(certificate), "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        server_site = site("127.0.0.1", certificate, key, self.app_ports, f"127.0.0.1:{self.port}", self.logs)
        (self.folder / "logicmodel.conf").write_text(server_site, encoding="utf-8")
        (self.folder / "nginx.conf").write_text(self._nginx_main(), encoding="utf-8")
        command = [nginx, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"),
                   "-e", str(self.logs / "nginx.log"), "-g", "daemon off;"]  # fmt: skip
        self.nginx = self._spawn(command, "nginx.out")
        self._wait(lambda: _answers(f"{self.url}/healthz", insecure=True), "nginx", self.nginx,
                   self.logs / "nginx.log")  # fmt: skip

    def _nginx_main(self) -> str:
        """What Debian's /etc/nginx/nginx.conf is on a server: the http{} block the site is included in."""
        temp = {name: self.folder / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for path in temp.values():
            path.mkdir()
        user = ""
        if os.geteuid() == 0:  # nginx's workers would switch to "nobody", who cannot enter this folder
            user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};\n"
        mime = "include /etc/nginx/mime.types;\n" if Path("/etc/nginx/mime.types").exists() else ""
        return (
            f"{user}worker_processes 1;\npid {self.folder / 'nginx.pid'};\nerror_log {self.logs / 'nginx.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"    {mime}    default_type application/octet-stream;\n"
            f"    client_body_temp_path {temp['client_body']};\n    proxy_temp_path {temp['proxy']};\n"
            f"    fastcgi_temp_path {temp['fastcgi']};\n    uwsgi_temp_path {temp['uwsgi']};\n"
            f"    scgi_temp_path {temp['scgi']};\n"
            f"    access_log off;\n"
            f"    include {self.folder / 'logicmodel.conf'};\n"
            "}\n"
        )

    # A crash and a restart (for the tests of a server killed under a browser)

    def kill_server(self, index: int) -> None:
        """SIGKILL app server ``index``: gone at once, as in a crash."""
        process = self.app_processes[index]
        if process.poll() is None:
            process.kill()
            process.wait()

    def start_server(self, index: int) -> None:
        """Start app server ``index`` again on its port (what systemd's Restart=always does), and wait for it."""
        self.kill_server(index)
        self.app_processes[index] = self._spawn_server(self.app_ports[index])
        self._wait_for_server(index)

    # Stopping

    def stop(self) -> None:
        """Stop every part (nginx, app servers, provider, PostgreSQL) and remove the trial's folder.

        A second Ctrl+C or SIGTERM while it stops is ignored, so that stopping is never left half done.
        """
        held = {}
        if threading.current_thread() is threading.main_thread():
            held = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self._stop()
        finally:
            for sig, handler in held.items():
                signal.signal(sig, handler)

    def _stop(self) -> None:
        for process in [self.nginx, *self.app_processes, self.provider]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [self.nginx, *self.app_processes, self.provider]:
            if process is None:
                continue
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._postgres is not None:
            self._postgres.close()
            self._postgres = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Trial:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no {path.name})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="deploy/trial", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8443, help="nginx's port on 127.0.0.1 (default 8443)")
    parser.add_argument("--servers", type=int, default=2, help="how many app servers (default 2)")
    parser.add_argument("--sign-in", action="store_true", help="sign in through a loopback OpenID Connect provider")
    parser.add_argument("--admin", action="append", default=[], help="an administrator's email (repeatable)")
    args = parser.parse_args(argv)

    def stop_on_sigterm(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        with Trial(args.port, args.servers, args.sign_in, args.admin) as trial:
            parts = {
                "app_servers": dict(zip(trial.app_ports, trial.app_pids, strict=True)),
                "database_port": int(trial.database_url.rsplit(":", 1)[1].split("/")[0]),
                "folder": str(trial.folder),
            }
            if trial.provider_url:
                parts["sign_in_provider"] = trial.provider_url
            print(json.dumps(parts), file=sys.stderr, flush=True)
            print(f"ready: {trial.url}/", flush=True)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    except TrialUnavailable as exc:
        print(f"trial: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
