"""The hosting files read as files: the nginx site, the systemd units, the environment template and the app's
production settings agree with the app and with each other (no server started here, except ``nginx -t``)."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from hosted import DEPLOY, ROOT, hosting, missing

from logicmodel.cli.library import JOBS
from logicmodel.core.limits import MAX_FILE_BYTES, MAX_FILE_MB

UNITS = sorted(path.name for path in (DEPLOY / "systemd").iterdir())
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def _site(**overrides: object) -> str:
    values = {"server_name": "lmb.example.gov.uk", "certificate": "/etc/ssl/lmb.pem", "key": "/etc/ssl/lmb.key",
              "ports": [8501, 8502]}  # fmt: skip
    return hosting.site(**{**values, **overrides})


def _directive(text: str, name: str) -> list[str]:
    pattern = r"^[ \t]*" + re.escape(name) + r"[ \t]+([^;{]*);"
    return [m.group(1).strip() for m in re.finditer(pattern, text, flags=re.MULTILINE)]


def _headers(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2)
        for m in re.finditer(r'^\s*add_header\s+(\S+)\s+"?(.*?)"?\s+always;', text, flags=re.MULTILINE)
    }


# The one upload limit


def test_the_upload_limit_is_one_number_in_the_app_streamlit_and_the_proxy() -> None:
    """A second number typed by hand would let the proxy refuse a file the app takes (or take one it refuses)."""
    assert CONFIG["server"]["maxUploadSize"] == MAX_FILE_MB
    body = int(_directive(_site(), "client_max_body_size")[0])
    assert body == hosting.MAX_BODY_BYTES
    # a file of exactly the limit, in its multipart form, passes; and the proxy takes no more than Streamlit would
    assert MAX_FILE_BYTES + 4096 < body < CONFIG["server"]["maxUploadSize"] * 1024 * 1024 + 1024 * 1024
    assert f"File must be {MAX_FILE_MB}.0MB or smaller." == hosting.TOO_LARGE  # the uploader's own words
    assert f'return 413 "{hosting.TOO_LARGE}\\n";' in _site()


# The nginx site


def test_every_placeholder_is_filled_and_only_what_differs_is_a_placeholder() -> None:
    template = hosting.SITE_TEMPLATE.read_text(encoding="utf-8")
    placeholders = set(re.findall(r"@([A-Z_]+)@", template))
    assert placeholders == {
        "SERVER_NAME", "LISTEN", "CERTIFICATE", "CERTIFICATE_KEY", "UPSTREAMS", "LOG_DIR",  # differ
        "MAX_BODY_BYTES", "TOO_LARGE", "CSP",  # derived from the app
    }  # fmt: skip
    text = _site()
    assert not re.search(r"@[A-Z_]+@", text)
    assert "server_name lmb.example.gov.uk;" in text and "listen 443 ssl http2;" in text
    assert "upstream logicmodel_8501 {" in text and "upstream logicmodel_8502 {" in text


def test_a_browser_keeps_its_app_server_by_a_cookie_not_by_its_address() -> None:
    """A council behind one NAT address would all land on one server with ip_hash; the cookie names the server
    that answered, each server's group has the others as backups, and a first visit goes to the least busy."""
    text = _site(ports=[8501, 8502, 8503])
    assert not re.search(r"^[ \t]*(ip_hash|hash)[ \t;]", text, flags=re.MULTILINE)
    groups = dict(re.findall(r"upstream (\S+) \{([^}]*)\}", text))
    assert _directive(groups["logicmodel_app"], "least_conn") == [] and "least_conn;" in groups["logicmodel_app"]
    assert _directive(groups["logicmodel_8502"], "server") == [
        "127.0.0.1:8502 max_fails=1 fail_timeout=3s",
        "127.0.0.1:8501 backup",
        "127.0.0.1:8503 backup",
    ]
    routes = re.search(r"map \$cookie_lmb_server \$lmb_upstream \{([^}]*)\}", text).group(1)
    assert re.findall(r"(\S+) (\S+);", routes) == [
        ("default", "logicmodel_app"), ("8501", "logicmodel_8501"), ("8502", "logicmodel_8502"),
        ("8503", "logicmodel_8503"),
    ]  # fmt: skip
    cookies = re.search(r"map \"\$cookie_lmb_server:\$lmb_served\" \$lmb_affinity_cookie \{([^}]*)\}", text).group(1)
    assert re.findall(r'"(\d+:\d+)" "";', cookies) == ["8501:8501", "8502:8502", "8503:8503"]  # kept: no new one
    cookie = re.search(r'default "(lmb_server=\$lmb_served;[^"]*)";', cookies).group(1)
    for attribute in ("Path=/", "Secure", "HttpOnly", "SameSite=Lax"):
        assert attribute in cookie
    assert _headers(text)["set-cookie"] == "$lmb_affinity_cookie"
    assert _directive(text, "proxy_next_upstream") == ["error timeout"]
    for location in ("/", "= /_stcore/stream", "/_stcore/upload_file/"):
        block = re.search(rf"location {re.escape(location)} \{{([^}}]*)\}}", text).group(1)
        assert "proxy_pass http://$lmb_upstream;" in block


def test_the_site_sends_the_security_headers_and_no_version() -> None:
    text = _site()
    headers = _headers(text)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert headers["strict-transport-security"].startswith("max-age=")
    assert "camera=()" in headers["permissions-policy"]
    assert headers["content-security-policy"] == hosting.CSP
    assert "frame-ancestors 'none'" in hosting.CSP and "object-src 'none'" in hosting.CSP
    assert "default-src 'self'" in hosting.CSP and "'unsafe-eval'" not in hosting.CSP
    assert _directive(text, "server_tokens") == ["off"]
    assert _directive(text, "ssl_protocols") == ["TLSv1.2 TLSv1.3"]
    # a location with an add_header of its own would drop all of these
    for block in re.findall(r"location[^{]*\{([^}]*)\}", text):
        assert "add_header" not in block


def test_the_access_log_names_paths_without_query_strings_or_referrers() -> None:
    """``?framework=`` carries a framework's id: neither the query string nor the referrer is logged."""
    text = _site()
    log_format = re.search(r"log_format logicmodel (.*?);", text, flags=re.DOTALL).group(1)
    assert "$uri" in log_format
    for leaks in ("$request_uri", "$request ", "$args", "$query_string", "$http_referer", "$is_args", "$cookie"):
        assert leaks not in log_format + " "
    assert _directive(text, "access_log") == ["/var/log/nginx/logicmodel.access.log logicmodel"]
    assert _directive(text, "error_log") == ["/var/log/nginx/logicmodel.error.log crit"]  # "error" quotes requests


def test_the_websocket_is_upgraded_and_kept_open_and_health_is_proxied() -> None:
    text = _site()
    stream = re.search(r"location = /_stcore/stream \{([^}]*)\}", text).group(1)
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    assert "proxy_set_header Connection $lmb_connection_upgrade;" in stream
    assert re.search(r"proxy_read_timeout (\d+)h;", stream) and int(re.search(r"read_timeout (\d+)h", stream)[1]) >= 1
    health = re.search(r"location = /healthz \{([^}]*)\}", text).group(1)
    assert "proxy_pass http://$lmb_upstream/_stcore/health;" in health


def test_nginx_accepts_the_site(tmp_path: Path) -> None:
    """``nginx -t`` on the site as a server gets it, in an http{} block as Debian's nginx.conf includes it."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        missing("nginx is not installed (`apt-get install nginx`, or `make test` as root)")
    key, certificate = tmp_path / "key.pem", tmp_path / "certificate.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(certificate), "-days", "1", "-subj", "/CN=lmb.example.gov.uk"],
        check=True, capture_output=True,
    )  # fmt: skip
    (tmp_path / "site.conf").write_text(_site(certificate=certificate, key=key, log_dir=tmp_path), encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n    client_body_temp_path {tmp_path}/body;\n"
        f"    proxy_temp_path {tmp_path}/proxy;\n    include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "[warn]" not in done.stderr.replace('the "user" directive', ""), done.stderr


def test_the_site_command_prints_the_site(capsys: pytest.CaptureFixture[str]) -> None:
    """What docs/hosting.md runs on a server."""
    hosting.main(["site", "--server-name", "lmb.example.gov.uk", "--certificate", "/c.pem", "--key", "/k.pem",
                  "--ports", "8501", "8502", "8503"])  # fmt: skip
    printed = capsys.readouterr().out
    assert printed == _site(certificate="/c.pem", key="/k.pem", ports=[8501, 8502, 8503])


# The systemd units


def test_the_app_server_unit_serves_loopback_only_as_its_own_user_hardened() -> None:
    service = hosting.unit("logicmodel@.service")
    command = hosting.unit_command("logicmodel@.service", 8501, python="PY")
    assert command[:5] == ["PY", "-m", "streamlit", "run", "app.py"]
    flags = dict(zip(command[5::2], command[6::2], strict=True))
    assert flags["--server.address"] == "127.0.0.1" and flags["--server.port"] == "8501"
    assert service["Service"]["User"] == "logicmodel"
    assert service["Service"]["Restart"] == "always"
    assert service["Service"]["EnvironmentFile"] == "/etc/logicmodel/logicmodel.env"
    for hardening in ("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices", "RestrictNamespaces"):
        assert service["Service"][hardening] == "yes"
    assert service["Service"]["ProtectSystem"] == "strict"
    assert service["Service"]["CapabilityBoundingSet"] == ""
    assert "logicmodel-migrate.service" in service["Unit"]["Requires"].split()
    assert "logicmodel-migrate.service" in service["Unit"]["After"].split()
    assert service["Install"]["WantedBy"] == "logicmodel.target"


def test_migrate_runs_once_before_the_servers_and_the_backup_daily() -> None:
    migrate = hosting.unit("logicmodel-migrate.service")
    assert migrate["Service"]["Type"] == "oneshot"
    assert hosting.unit_command("logicmodel-migrate.service", python="PY") == [
        "PY", "-m", "logicmodel", "library", "migrate",
    ]  # fmt: skip
    backup = hosting.unit("logicmodel-backup.service")
    # every version too (--history): tests/store/test_store_rotation.py restores such a backup whole
    assert hosting.unit_command("logicmodel-backup.service", python="PY") == [
        "PY", "-m", "logicmodel", "library", "backup", "--into", "/var/backups/logicmodel", "--keep", "14", "--history",
    ]  # fmt: skip
    assert backup["Service"]["ReadWritePaths"] == "/var/backups/logicmodel"
    timer = hosting.unit("logicmodel-backup.timer")
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "logicmodel-backup.service"
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d:\d\d", timer["Timer"]["OnCalendar"])  # every day
    for name in ("logicmodel@.service", "logicmodel-migrate.service", "logicmodel-backup.service"):
        assert hosting.unit(name)["Service"]["ExecStart"].split()[0] == hosting.VENV_PYTHON


@pytest.mark.parametrize("name", ["logicmodel-migrate.service", "logicmodel-backup.service"])
def test_the_units_commands_are_jobs_of_the_command_line(name: str) -> None:
    """The command a unit runs parses as the ``library`` command's job (a renamed option would fail at 2:30 a.m.)."""
    words = hosting.unit_command(name, python="PY")[3:]  # after "PY -m logicmodel"
    job = words[1]
    if job not in {j.name for j in JOBS} or (job == "backup" and "--into" not in _job_help("backup")):
        pytest.skip(f"`library {job}` as the units run it is issue 25's ops part, not merged on this branch yet")
    parser = argparse.ArgumentParser()
    from logicmodel.cli.library import arguments

    arguments(parser)
    parser.parse_args(words[1:])


def _job_help(name: str) -> str:
    parser = argparse.ArgumentParser()
    next(job for job in JOBS if job.name == name).arguments(parser)
    return parser.format_help()


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    """``systemd-analyze verify``: every key known, every section right (the Python path exists only on a server)."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (apt-get install systemd); the units were parsed above")
    for name in UNITS:
        shutil.copy(DEPLOY / "systemd" / name, tmp_path / name)
    shutil.copy(DEPLOY / "systemd" / "logicmodel@.service", tmp_path / "logicmodel@8501.service")
    units = [str(tmp_path / name) for name in UNITS if name != "logicmodel@.service"]
    done = subprocess.run(
        [analyze, "verify", "--man=no", *units, str(tmp_path / "logicmodel@8501.service")],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    server_only = f"Command {hosting.VENV_PYTHON} is not executable"
    problems = [line for line in (done.stdout + done.stderr).splitlines() if line.strip() and server_only not in line]
    assert problems == []


# The environment file and the production settings


def test_the_environment_template_names_the_settings_and_holds_no_secret() -> None:
    values = hosting.environment_file(DEPLOY / "logicmodel.env.example")
    assert set(values) == {"LOGICMODEL_DATABASE_URL", "LOGICMODEL_ADMINS", "STREAMLIT_SECRETS_FILES"}
    assert values["LOGICMODEL_DATABASE_URL"].startswith("postgresql+psycopg://logicmodel@/")  # no password
    text = (DEPLOY / "logicmodel.env.example").read_text(encoding="utf-8").lower()
    for secret in ("password=", "secret=", "client_secret", "cookie_secret"):
        assert secret not in text


def test_a_hosted_server_runs_with_the_production_settings() -> None:
    """The app's settings file and the unit's few flags together: nothing of development left on."""
    command = hosting.unit_command("logicmodel@.service", 8501, python="PY")
    flags = {key[2:]: value for key, value in zip(command[5::2], command[6::2], strict=True)}
    settings = {f"{section}.{key}": value for section, keys in CONFIG.items() for key, value in keys.items()}
    effective = {**settings, **flags}
    assert str(effective["server.enableXsrfProtection"]).lower() == "true"
    assert str(effective["browser.gatherUsageStats"]).lower() == "false"
    assert str(effective["server.headless"]).lower() == "true"
    assert effective["server.fileWatcherType"] == "none"
    assert str(effective["server.runOnSave"]).lower() == "false"
    assert effective["client.toolbarMode"] == "viewer"
    assert effective["client.showErrorDetails"] == "none"
    assert str(effective["global.developmentMode"]).lower() == "false"
    assert str(effective.get("server.enableAgentApi", False)).lower() == "false"  # no driving the app over HTTP
    # only what a hosted server adds is on the command line: the rest is the app's one settings file
    assert not set(flags) & {"client.toolbarMode", "client.showErrorDetails", "server.maxUploadSize",
                             "browser.gatherUsageStats", "server.runOnSave"}  # fmt: skip


# The runbook


def test_the_runbooks_commands_name_files_and_options_that_exist(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/hosting.md's site command runs as written, and the units it enables and starts are in deploy/systemd."""
    text = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8").replace("\\\n", " ")
    site_line = re.search(r"deploy/hosting\.py (site [^>]*)>", text).group(1)
    hosting.main(site_line.split())
    assert "server_name frameworks.example.gov.uk;" in capsys.readouterr().out
    for line in re.findall(r"^systemctl (?:enable|start) (.*)$", text, flags=re.MULTILINE):
        for name in line.split("#")[0].split():
            file = re.sub(r"@\d+$", "@", name)
            file = file if "." in file else f"{file}.service"
            assert (DEPLOY / "systemd" / file).exists(), name
    keep = re.search(r"--keep (\d+)", hosting.unit("logicmodel-backup.service")["Service"]["ExecStart"]).group(1)
    assert f"keeps\nthe newest {keep}" in text or f"keeps the newest {keep}" in text
