"""What the app writes to its server's log when a page raises: the page, the framework's id, the kind of error
and where; never the exception's message, which can hold a label someone typed (``ui.logs``)."""

from __future__ import annotations

import logging

from app_helpers import open_page
from streamlit import error_util

from logicmodel.analysis import checks
from logicmodel.editing.edit import new_framework
from ui import logs

HOSTILE = "Secret plan <script>alert('x')</script> for Swindon's carers"


def test_a_page_that_raises_with_a_typed_label_logs_its_page_and_kind_never_the_label(monkeypatch):
    def broken_check(fw, *args, **kwargs):
        raise ValueError(f"{fw.meta.title!r} could not be checked")  # a bug that quotes what was typed

    monkeypatch.setattr(checks, "check", broken_check)
    fw = new_framework(HOSTILE)
    # What the logger of Streamlit's errors hands its handlers (Streamlit's own writes to the stream it found
    # when it set up, which another test's capture may have been): the journal's line.
    kept = Kept()
    logger = logging.getLogger(error_util.__name__)
    logger.addHandler(kept)
    try:
        at = open_page("check", fw)
    finally:
        logger.removeHandler(kept)
    logged = "\n".join(kept.lines)
    assert at.exception  # the page did raise: the browser shows Streamlit's redacted message
    assert "Uncaught app execution" in logged and "ValueError" in logged
    assert "app_pages/check.py" in logged and "Check" in logged
    assert f"framework {at.session_state['framework_id']!r}" in logged  # the framework's id names it
    for secret in ("Secret", "script", "could not be checked", "Traceback"):
        assert secret not in logged, logged


def test_describe_names_each_kind_in_the_chain_and_no_message():
    try:
        try:
            {}[HOSTILE]
        except KeyError as exc:
            raise RuntimeError(HOSTILE) from exc
    except RuntimeError as exc:
        said = logs.describe(exc)
    assert said.startswith("RuntimeError at tests/pages/test_logs.py:") and " caused by KeyError at " in said
    assert HOSTILE not in said and "Secret" not in said


class Kept(logging.Handler):
    """The lines a handler on the logger writes (after the logger's filter), as the journal would get them."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(logging.Formatter().format(record))


def test_a_warning_that_is_an_exception_loses_its_message_too():
    logs.install()
    logger = logging.getLogger("streamlit.runtime.scriptrunner.script_runner")
    kept = Kept()
    logger.addHandler(kept)
    try:
        logger.warning(ValueError(HOSTILE))
        logger.info("Ordinary notice %s", "kept")
    finally:
        logger.removeHandler(kept)
    assert kept.lines[0].startswith("Error: ValueError at ") and "Secret" not in kept.lines[0]
    assert kept.lines[1] == "Ordinary notice kept"
