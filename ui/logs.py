"""What the app writes to its server's log (the journal an IT officer reads): errors named, never content.

The app itself logs no requests (Streamlit's server keeps no access log; the proxy's access log names
requests) and prints nothing. What reaches the log is Streamlit's: its notices, and when a page raises, the
exception with its traceback. An exception's message can hold what someone typed (a box's label in a
``ValueError``, the value a model refused in a ``ValidationError``), so ``install()`` puts one filter on
Streamlit's loggers: any record that carries an exception is logged as one line naming the page, the open
framework's id (from the address), the kind of error and where in our code it happened, and never the
exception's message (``WithoutContent``). The browser sees Streamlit's own redacted message
(``client.showErrorDetails = "none"``). ``docs/security.md`` ("Logs") states the rule;
``tests/pages/test_logs.py`` makes a page raise with a hostile label and reads the log.
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs

from logicmodel.core.limits import ID_PATTERN

__all__ = ["WithoutContent", "describe", "install"]

_ROOT = Path(__file__).resolve().parents[1]
_MAX_FRAMES = 6
_MAX_CHAIN = 3


_SERVERS = ("streamlit", "uvicorn", "starlette", "websockets")
"""The loggers of Streamlit and of the web server under it, each with its own handler (they do not propagate)."""


_seen = 0
"""How many loggers there were at the last ``install``: app.py calls it on every run, and it looks again only
when a logger was added since."""


def install() -> None:
    """Put the filter on every logger of ``_SERVERS`` there is (made as Streamlit is imported); once each."""
    global _seen
    names = list(logging.Logger.manager.loggerDict)
    if len(names) == _seen:
        return
    _seen = len(names)
    for name in names:
        if name.split(".")[0] in _SERVERS:
            logger = logging.getLogger(name)
            if not any(isinstance(f, WithoutContent) for f in logger.filters):
                logger.addFilter(WithoutContent())


class WithoutContent(logging.Filter):
    """Rewrites a record that carries an exception into one line without the exception's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is None and isinstance(record.msg, BaseException):  # ``_LOGGER.warning(exc)``
            error = record.msg
        if error is None:
            return True
        said = "Error" if isinstance(record.msg, BaseException) else str(record.msg)
        if record.args and not isinstance(record.msg, BaseException):
            said = f"{said} (details not logged)"
        record.msg = f"{said}: {describe(error)}; {_where_in_the_app()}"
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def describe(error: BaseException) -> str:
    """The kind of error and where in the app's code it was raised, for each link of its chain; no message."""
    parts = []
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen and len(parts) < _MAX_CHAIN:
        seen.add(id(link))
        kind = type(link)
        name = (
            kind.__qualname__
            if kind.__module__ in ("builtins", "__main__")
            else f"{kind.__module__}.{kind.__qualname__}"
        )
        parts.append(f"{name} at {_frames(link.__traceback__)}")
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    return " caused by ".join(parts) + " (message not logged: it may hold a framework's text)"


def _frames(tb: TracebackType | None) -> str:
    """The app's own frames (not Streamlit's or a library's), innermost last: ``app_pages/build.py:12 in f``."""
    ours = []
    for frame in traceback.extract_tb(tb):
        path = Path(frame.filename)
        if path.is_relative_to(_ROOT) and ".venv" not in path.parts and "site-packages" not in path.parts:
            ours.append(f"{path.relative_to(_ROOT)}:{frame.lineno} in {frame.name}")
    if not ours:
        return "a library's code"
    return " > ".join(ours[-_MAX_FRAMES:])


def _where_in_the_app() -> str:
    """The page and the open framework's id (from the address), when the record is logged by a page's run."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
        if ctx is None:
            return "outside a page's run"
        page = ctx.pages_manager.get_pages().get(ctx.page_script_hash) or {}
        name = page.get("page_name") or page.get("url_pathname") or "?"
        framework = parse_qs(ctx.query_string).get("framework", [""])[0][:40]
    except Exception:  # the log line must never fail because of where it was logged from
        return "page not known"
    opened = f", framework {framework!r}" if re.fullmatch(ID_PATTERN, framework) else ""  # an id, not any text
    return f"page {name!r}{opened}"
