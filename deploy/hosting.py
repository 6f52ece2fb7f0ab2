"""What a council's server and the loopback trial share: the nginx site filled in from one template, and the
systemd units' command lines read back from the unit files.

``python deploy/hosting.py site --server-name NAME --certificate PEM --key PEM --ports 8501 8502`` prints the
nginx site for a server (docs/hosting.md); ``deploy/trial`` calls ``site()`` and ``unit_command()`` for its
trial, so the trial runs what the server runs. Numbers the app already has (its upload limit) are read from
the app, never typed here again.
"""

from __future__ import annotations

import argparse
import configparser
import re
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: the app's package is beside this folder
    sys.path.insert(0, str(ROOT))

from logicmodel.core.limits import MAX_FILE_BYTES, MAX_FILE_MB  # noqa: E402

__all__ = [
    "AFFINITY_COOKIE",
    "CSP",
    "FRAMING_BYTES",
    "MAX_BODY_BYTES",
    "SITE_TEMPLATE",
    "TOO_LARGE",
    "UNITS",
    "VENV_PYTHON",
    "environment_file",
    "site",
    "unit",
    "unit_command",
]

SITE_TEMPLATE = DEPLOY / "nginx" / "logicmodel.conf.template"
UNITS = DEPLOY / "systemd"
VENV_PYTHON = "/opt/logicmodel/venv/bin/python"
"""The Python the units run (the app's virtual environment on the server); the trial runs its own instead."""
APP_FOLDER = "/opt/logicmodel/app"
"""Where the units find the app (``WorkingDirectory``); the trial runs in this checkout instead."""

AFFINITY_COOKIE = "Path=/; Secure; HttpOnly; SameSite=Lax"
"""The affinity cookie's attributes: every page of the site, over HTTPS only, out of scripts' reach, sent on
following a link from elsewhere (so the browser keeps its server) but not on other sites' requests."""

FRAMING_BYTES = 64 * 1024
"""What a multipart upload adds to the file it carries (boundary lines, part headers, the file's name):
a file of exactly the limit must pass the proxy, so its limit is the file's plus this."""
MAX_BODY_BYTES = MAX_FILE_BYTES + FRAMING_BYTES
"""nginx's ``client_max_body_size``: the app's one upload limit (``MAX_FILE_MB``) and the form around it."""
TOO_LARGE = f"File must be {MAX_FILE_MB:.1f}MB or smaller."
"""What the app's uploader says of a file over the limit (Streamlit's words), and so what the proxy says."""

CSP = "; ".join(
    (
        "default-src 'self'",
        # Streamlit's page has one inline script, and the diagram and the presentation are documents of their
        # own (iframes with srcdoc, which take this policy) with their scripts inline: no nonce can reach them.
        # Streamlit compiles a WebAssembly module (wasm-unsafe-eval, not eval), and loads a component's script
        # (the typing watcher, ui/typing_watch.py) from a blob: address it makes in the page.
        "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
"""The Content-Security-Policy: nothing from anywhere but this server, no plug-ins, no framing by other sites
(the strictest the app's pages, diagram, presentation and downloads work under: tests/deploy/test_headers.py)."""


def site(
    server_name: str,
    certificate: str | Path,
    key: str | Path,
    ports: Sequence[int],
    listen: str | int = 443,
    log_dir: str | Path = "/var/log/nginx",
) -> str:
    """The nginx site for app servers on ``ports`` of 127.0.0.1, served as ``server_name`` on ``listen``."""
    if not ports:
        raise ValueError("at least one app server port")
    upstreams = _upstreams([int(port) for port in ports])
    values = {
        "SERVER_NAME": server_name,
        "LISTEN": str(listen),
        "CERTIFICATE": str(certificate),
        "CERTIFICATE_KEY": str(key),
        "UPSTREAMS": upstreams,
        "LOG_DIR": str(log_dir),
        "MAX_BODY_BYTES": str(MAX_BODY_BYTES),
        "TOO_LARGE": TOO_LARGE,
        "CSP": CSP,
    }
    text = SITE_TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise ValueError(f"the nginx template has placeholders site() does not fill: {', '.join(left)}")
    return text


def _upstreams(ports: list[int]) -> str:
    """The upstream groups and the map from the affinity cookie to a group (see the template's comments)."""
    server = "    server 127.0.0.1:{} max_fails=1 fail_timeout=3s;".format
    groups = ["upstream logicmodel_app {", "    least_conn;", *(server(port) for port in ports), "}"]
    for port in ports:
        backups = [f"    server 127.0.0.1:{other} backup;" for other in ports if other != port]
        groups += [f"upstream logicmodel_{port} {{", server(port), *backups, "}"]
    groups += ["map $cookie_lmb_server $lmb_upstream {", "    default logicmodel_app;"]
    groups += [f"    {port} logicmodel_{port};" for port in ports] + ["}"]
    groups += ['map "$cookie_lmb_server:$lmb_served" $lmb_affinity_cookie {', "    volatile;"]
    groups += [f'    "{port}:{port}" "";' for port in ports]
    groups += ['    "~:$" "";', f'    default "lmb_server=$lmb_served; {AFFINITY_COOKIE}";', "}"]
    return "\n".join(groups)


def unit(name: str) -> configparser.ConfigParser:
    """A unit file of ``deploy/systemd`` read as sections of settings (a setting given twice keeps the last)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # systemd's names are case-sensitive
    parser.read(UNITS / name, encoding="utf-8")
    return parser


def unit_command(name: str, instance: str | int | None = None, python: str = sys.executable) -> list[str]:
    """The unit's ``ExecStart`` as a command line, with ``%i`` the instance and the venv's Python ``python``."""
    line = unit(name)["Service"]["ExecStart"].lstrip("-@:+!")
    words = shlex.split(line.replace("%i", str(instance)) if instance is not None else line)
    return [python if word == VENV_PYTHON else word for word in words]


def environment_file(path: Path) -> dict[str, str]:
    """The settings of a systemd ``EnvironmentFile`` (``NAME=value`` lines; ``#`` starts a comment line)."""
    found: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")) or "=" not in line:
            continue
        name, value = line.split("=", 1)
        found[name.strip()] = value.strip().strip('"')
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """``site``: print the nginx site for a server."""
    parser = argparse.ArgumentParser(prog="deploy/hosting.py", description=__doc__.splitlines()[0])
    jobs = parser.add_subparsers(dest="job", required=True)
    make = jobs.add_parser("site", help="print the nginx site (save it as /etc/nginx/sites-available/logicmodel)")
    make.add_argument("--server-name", required=True, help="the address officers open, e.g. lmb.council.gov.uk")
    make.add_argument("--certificate", required=True, help="the certificate chain (PEM)")
    make.add_argument("--key", required=True, help="the certificate's private key (PEM)")
    make.add_argument("--ports", type=int, nargs="+", required=True, help="the app servers' ports on 127.0.0.1")
    make.add_argument("--listen", default="443", help="what nginx listens on (default 443)")
    make.add_argument("--log-dir", default="/var/log/nginx", help="where the access and error logs go")
    args = parser.parse_args(argv)
    print(site(args.server_name, args.certificate, args.key, args.ports, args.listen, args.log_dir), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
