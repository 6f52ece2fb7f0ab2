"""Export: the download is the canonical JSON of exactly what was built, and the schema is offered too."""

import json

from app_helpers import button, framework, open_page
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from logicmodel import dumps, loads
from logicmodel.edit import new_framework
from logicmodel.schema import schema_text


def download_id(at, key):
    """The content hash in a download button's address (Streamlit names media files by a hash of content)."""
    return at.get("download_button")[
        [b.proto.id.endswith(key) for b in at.get("download_button")].index(True)
    ].proto.url


def test_export_equals_what_was_built():
    at = open_page("build", new_framework("Active Slough"))
    at.text_input(key="add_box_label").input("Healthy Hearts programme")
    button(at, "Add the box").click().run()
    at.text_input(key="add_box_label").input("Healthier hearts")
    at.selectbox(key="add_box_level").set_value("strategic")
    button(at, "Add the box").click().run()
    built = framework(at)
    at.switch_page("app_pages/export.py").run()
    assert not at.exception
    text = dumps(built)
    assert at.code[0].value == text.rstrip("\n")
    expected = _calculate_file_id(text.encode(), "application/json", "active-slough.json")
    assert expected in download_id(at, "download_framework")
    assert dumps(loads(text)) == text  # it reads back as the same framework


def test_schema_download_is_the_format_schema():
    at = open_page("export", new_framework("T"))
    expected = _calculate_file_id(schema_text().encode(), "application/schema+json", "framework-v1.schema.json")
    assert expected in download_id(at, "download_schema")
    assert json.loads(schema_text())["properties"]["schema_version"]["const"] == 1


def test_export_says_which_saved_version_the_file_is():
    at = open_page("export", new_framework("T"))
    assert any("The file is version 1 as saved in the library" in c.value for c in at.caption)
    assert not any("not been downloaded" in c.value for c in at.caption)


def test_export_speaks_plainly_and_points_to_the_diagram_downloads():
    at = open_page("export", new_framework("Active Slough"))
    words = " ".join(m.value for m in at.markdown)
    assert "canonical" not in words and "version control" not in words
    assert any("Diagram" in p.proto.label and p.proto.page.endswith("diagram") for p in at.get("page_link"))
