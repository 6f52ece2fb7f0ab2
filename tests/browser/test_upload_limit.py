"""The browser's uploader and the engine refuse files at the same size: 10 MB of 1,000,000 bytes.

Streamlit's uploader checks a file's size in the browser before sending it, counting a megabyte as
1,000,000 bytes (except on Windows); the engine refuses anything over ``MAX_FILE_BYTES``. A file of
exactly the limit opens, one byte more is refused, whichever check sees it first.
"""

from __future__ import annotations

from pathlib import Path

from logicmodel.core import samples
from logicmodel.core.limits import MAX_FILE_BYTES
from logicmodel.core.readwrite import dumps


def _padded(tmp_path: Path, name: str, size: int) -> Path:
    text = dumps(samples.samples()[0].load()).encode()
    path = tmp_path / name
    path.write_bytes(text + b" " * (size - len(text)))
    return path


def test_a_file_of_the_limit_opens_and_one_byte_more_is_refused(page, wait_for_app, tmp_path: Path) -> None:
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    page.get_by_test_id("stFileUploader").get_by_text("10MB").first.wait_for()  # the limit the page states

    uploader.set_input_files(_padded(tmp_path, "over.json", MAX_FILE_BYTES + 1))
    wait_for_app(page)
    page.get_by_test_id("stFileUploader").get_by_text("10.0MB or smaller").first.wait_for()
    assert page.get_by_test_id("stAlertContainer").get_by_text("Imported").count() == 0

    uploader.set_input_files(_padded(tmp_path, "full.json", MAX_FILE_BYTES))
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Imported").first.wait_for()
    assert page.get_by_text("full.json").count() >= 1
