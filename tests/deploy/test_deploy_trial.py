"""``deploy/trial`` on loopback, without a browser: what it starts is what the units and the site say, it listens
on loopback only, the proxy sends its headers, keeps a browser on one app server and moves it when that server
dies, refuses an upload over the limit with the app's words, logs no query string, and the trial stops leaving
nothing behind."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from hosted import DEPLOY, hosting, missing, trial_module

INSECURE = ssl._create_unverified_context()  # the trial's own self-signed certificate
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options",
                    "strict-transport-security", "permissions-policy")  # fmt: skip


def _get(url: str, method: str = "GET", data: bytes | None = None, headers: dict | None = None, opener=None):
    """(status, headers, body) of one request; an HTTP error is an answer too."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    opener = opener or urllib.request.build_opener(urllib.request.HTTPSHandler(context=INSECURE))
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _browser() -> urllib.request.OpenerDirector:
    """An opener that keeps cookies, as one browser does."""
    return urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=INSECURE), urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _access_lines(trial, marker: str) -> list[str]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [line for line in trial.access_log.read_text().splitlines() if marker in line]
        if lines:
            return lines
        time.sleep(0.2)
    return []


def _upstreams(trial, marker: str) -> set[str]:
    return {re.search(r"upstream=(.*?) \"", line).group(1) for line in _access_lines(trial, marker)}


# What runs


def test_the_app_servers_run_the_units_command_line(trial) -> None:
    for port, pid in zip(trial.app_ports, trial.app_pids, strict=True):
        running = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]
        assert running == hosting.unit_command("logicmodel@.service", port, python=running[0])


def test_the_proxy_sends_the_security_headers_on_pages_static_files_and_its_own_errors(trial) -> None:
    status, headers, body = _get(trial.url + "/")
    assert status == 200
    script = re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', body).group(1).decode()
    answers = {"page": (status, headers), "static": _get(f"{trial.url}/{script}")[:2]}
    answers["health"] = _get(trial.url + "/healthz")[:2]
    answers["too large"] = _get(trial.url + "/_stcore/upload_file/a/b", "PUT", b"x" * (hosting.MAX_BODY_BYTES + 1))[:2]
    answers["metrics"] = _get(trial.url + "/_stcore/metrics")[:2]
    assert answers["static"][0] == 200 and answers["health"][0] == 200 and answers["too large"][0] == 413
    assert answers["metrics"][0] == 404, "Streamlit's usage counters are open to the internet"
    for what, (_, sent) in answers.items():
        for name in SECURITY_HEADERS:
            assert sent[name], f"{name} missing on the {what}"
        assert sent["content-security-policy"] == hosting.CSP
        assert sent["server"] == "nginx", f"the {what} names nginx's version: {sent['server']}"


def test_the_production_server_checks_xsrf_tokens_and_its_cookies_are_secure(trial) -> None:
    """XSRF protection on: the app sets its token cookie (made Secure by the proxy) and refuses an upload without it."""
    status, headers, body = _get(trial.url + "/healthz")
    assert (status, body) == (200, b"ok")
    xsrf = [cookie for cookie in headers.get_all("Set-Cookie") or [] if cookie.startswith("_streamlit_xsrf=")]
    assert xsrf and "Secure" in xsrf[0], headers.get_all("Set-Cookie")
    status = _get(trial.url + "/_stcore/upload_file/a/b", "PUT", b"{}")[0]
    assert status == 403  # no XSRF token: refused by the app server


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated")
def test_tls_is_modern_and_http2_is_offered(trial) -> None:
    def handshake(highest: ssl.TLSVersion) -> tuple[str, str]:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        context.maximum_version = highest
        context.set_ciphers("DEFAULT:@SECLEVEL=0")  # this client would speak TLS 1.1: the server must refuse it
        context.set_alpn_protocols(["h2", "http/1.1"])
        with (
            socket.create_connection(("127.0.0.1", trial.port), timeout=10) as raw,
            context.wrap_socket(raw) as tls,
        ):
            return tls.version(), tls.selected_alpn_protocol()

    assert handshake(ssl.TLSVersion.MAXIMUM_SUPPORTED) == ("TLSv1.3", "h2")
    assert handshake(ssl.TLSVersion.TLSv1_2) == ("TLSv1.2", "h2")
    with pytest.raises(ssl.SSLError):
        handshake(ssl.TLSVersion.TLSv1_1)


# Affinity


def test_each_browser_keeps_one_app_server_and_browsers_spread_over_them(trial) -> None:
    browsers = [_browser() for _ in range(12)]
    seen: list[set[str]] = []
    for number, browser in enumerate(browsers):
        for visit in range(4):
            status, _headers, _ = _get(f"{trial.url}/_stcore/health", opener=browser)
            assert status == 200
            _get(f"{trial.url}/affinity-probe-{os.getpid()}-{number}-{visit}", opener=browser)
        seen.append(_upstreams(trial, f"/affinity-probe-{os.getpid()}-{number}-"))
    assert all(len(servers) == 1 for servers in seen), f"a browser moved between servers: {seen}"
    assert len(set().union(*seen)) == 2, f"every browser landed on one server: {seen}"


def test_the_affinity_cookie_is_set_once_secure_and_http_only(trial) -> None:
    browser = _browser()
    first = _get(trial.url + "/healthz", opener=browser)[1].get_all("Set-Cookie") or []
    ours = [cookie for cookie in first if cookie.startswith("lmb_server=")]
    assert len(ours) == 1
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in ours[0]
    again = _get(trial.url + "/healthz", opener=browser)[1].get_all("Set-Cookie") or []
    assert not [cookie for cookie in again if cookie.startswith("lmb_server=")]  # kept, not replaced


def _cookie(browser: urllib.request.OpenerDirector) -> str | None:
    jar = next(h.cookiejar for h in browser.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    return next((cookie.value for cookie in jar if cookie.name == "lmb_server"), None)


def test_a_dead_servers_browsers_move_to_another_within_seconds_and_stay_there(trial) -> None:
    """The proxy's part of a restart: a browser whose server was killed is answered by another at once, its cookie
    now names that server (which holds its new session), and it stays there when its first server is back."""
    victim, other = (str(port) for port in trial.app_ports[:2])
    browsers = [_browser() for _ in range(12)]
    for browser in browsers:
        _get(f"{trial.url}/healthz", opener=browser)
    on_victim = [browser for browser in browsers if _cookie(browser) == victim]
    assert on_victim and len(on_victim) < len(browsers), [_cookie(browser) for browser in browsers]
    trial.kill_server(0)
    try:
        started = time.monotonic()
        for number, browser in enumerate(on_victim):
            status, _, _ = _get(f"{trial.url}/moved-probe-{os.getpid()}-{number}?framework=x", opener=browser)
            assert status == 200
            assert _upstreams(trial, f"/moved-probe-{os.getpid()}-{number}") <= {
                f"127.0.0.1:{victim}, 127.0.0.1:{other}",
                f"127.0.0.1:{other}",
            }
            assert _cookie(browser) == other
        assert time.monotonic() - started < 10
    finally:
        trial.start_server(0)
    error_log = (trial.logs / "logicmodel.error.log").read_text()
    assert "moved-probe" not in error_log and "?" not in error_log  # nginx's error lines quote whole requests
    for number, browser in enumerate(on_victim):  # its first server is back: it stays where its session is
        _get(f"{trial.url}/stayed-probe-{os.getpid()}-{number}", opener=browser)
        assert _upstreams(trial, f"/stayed-probe-{os.getpid()}-{number}") == {f"127.0.0.1:{other}"}


# Uploads and logs


def test_an_upload_over_the_limit_is_refused_by_the_proxy_with_the_apps_words(trial) -> None:
    over = _get(trial.url + "/_stcore/upload_file/a/b", "PUT", b"x" * (hosting.MAX_BODY_BYTES + 1))
    assert over[0] == 413 and over[2].decode().strip() == hosting.TOO_LARGE
    at_limit = _get(trial.url + "/_stcore/upload_file/a/b", "PUT", b"x" * hosting.MAX_BODY_BYTES)
    assert at_limit[0] != 413  # passed on to the app (which refuses it for want of an XSRF token)


def test_the_access_log_has_paths_and_no_query_strings(trial) -> None:
    secret = f"f-{os.getpid()}-c0ffee"
    _get(
        f"{trial.url}/log-probe-{os.getpid()}?framework={secret}",
        headers={"Referer": f"{trial.url}/?framework={secret}"},
    )
    lines = _access_lines(trial, f"log-probe-{os.getpid()}")
    assert lines and f'"GET /log-probe-{os.getpid()} HTTP/1.1"' in lines[0]
    log = trial.access_log.read_text()
    assert secret not in log and "?" not in log


# Starting and stopping


def _loopback_listeners(pids: set[int]) -> list[tuple[str, int, int]]:
    """(address, port, pid) of every TCP socket the processes listen on, read from /proc."""
    inodes: dict[str, int] = {}
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:["):
                    inodes[target[8:-1]] = pid
        except OSError:
            continue
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for row in Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A" or inode not in inodes:  # 0A: listening
                continue
            address, port = local.split(":")
            raw = bytes.fromhex(address)
            if width == 8:
                shown = socket.inet_ntop(socket.AF_INET, raw[::-1])
            else:
                shown = socket.inet_ntop(socket.AF_INET6, b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))
            found.append((shown, int(port, 16), inodes[inode]))
    return found


def _family(root: int) -> set[int]:
    """``root`` and every process descended from it."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return family


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _postmaster(port: int) -> set[int]:
    """The PostgreSQL server listening on ``port`` (started by pg_ctl, so not the trial's child)."""
    everyone = {int(entry) for entry in os.listdir("/proc") if entry.isdigit()}
    return {pid for _, listened, pid in _loopback_listeners(everyone) if listened == port}


def _parts(process: subprocess.Popen) -> dict:
    """The trial's parts, the one JSON line it writes on standard error before it is ready."""
    said = []
    for line in process.stderr:
        if line.startswith("{"):
            return json.loads(line)
        said.append(line)
    raise AssertionError(f"the trial exited with {process.wait()} before it was ready: {''.join(said)[-3000:]}")


def _alive(pid: int) -> bool:
    """A process still running (a zombie waiting for its parent to collect it has stopped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_trial_command_listens_on_loopback_only_and_stops_leaving_nothing() -> None:
    if trial_module.nginx_binary() is None:
        missing("nginx is not installed (`apt-get install nginx`, or `make test` as root)")
    before = set(Path(tempfile.gettempdir()).glob("logicmodel-*"))
    port = trial_module._free_port()
    process = subprocess.Popen(
        [str(DEPLOY / "trial"), "--port", str(port), "--servers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        parts = _parts(process)
        ready = process.stdout.readline()
        assert ready == f"ready: https://127.0.0.1:{port}/\n", process.stderr.read()
        app_pids = {int(pid) for pid in parts["app_servers"].values()}
        family = _family(process.pid) | _postmaster(parts["database_port"])
        assert app_pids <= family
        listeners = _loopback_listeners(family)
        ports = {listened for _, listened, _ in listeners}
        assert {port, parts["database_port"], *map(int, parts["app_servers"])} <= ports
        assert {address for address, _, _ in listeners} == {"127.0.0.1"}, listeners
        postmaster = _postmaster(parts["database_port"]).pop()
        words = Path(f"/proc/{postmaster}/cmdline").read_bytes().decode().split("\0")
        made = {Path(parts["folder"]), Path(words[words.index("-D") + 1]).parent}  # the trial's and its database's
        assert made <= set(Path(tempfile.gettempdir()).glob("logicmodel-*")) - before
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in family):
        time.sleep(0.2)
    assert [pid for pid in family if _alive(pid)] == []
    assert not [p for p in (port, parts["database_port"], *map(int, parts["app_servers"])) if _listening(p)]
    assert [folder for folder in made if folder.exists()] == []
