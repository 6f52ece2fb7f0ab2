"""Export: the download is the canonical JSON of exactly what was built, the schema is offered too, and every
format of the registry that is not a drawing has its button."""

import json

from app_helpers import button, framework, open_page
from throwaway_format import registered

from logicmodel import dumps, formats, loads
from logicmodel.core.schema import schema_text
from logicmodel.editing.edit import new_framework


def test_export_equals_what_was_built(deferred_downloads):
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
    download = deferred_downloads["download_json"]
    assert (download.file_name, download.mime) == ("active-slough.json", "application/json")
    assert download() == text.encode()  # made, and access asked, when it is clicked
    assert dumps(loads(text)) == text  # it reads back as the same framework


def test_schema_download_is_the_format_schema(deferred_downloads):
    open_page("export", new_framework("T"))
    assert deferred_downloads["download_schema"]() == schema_text().encode()
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


def test_every_format_that_is_not_a_drawing_has_a_download_button():
    at = open_page("export", new_framework("T"))
    keys = [b.proto.id for b in at.get("download_button")]
    for fmt in formats.writers():
        assert any(k.endswith(f"download_{fmt.name}") for k in keys) != fmt.draws(), fmt.name


def test_a_format_registered_shows_on_export_with_its_words_and_its_file(deferred_downloads):
    """Adding a format is one registration: its button, file name, media type and description appear here."""
    with registered() as fmt:
        at = open_page("export", new_framework("Active Slough"))
        assert not at.exception
        [download] = [b for b in at.get("download_button") if b.proto.id.endswith("download_title-only")]
        assert download.proto.label == "Download the title (text)"
        made = deferred_downloads["download_title-only"]
        assert (made.file_name, made.mime) == ("active-slough-title.title", "text/plain")
        assert made() == b"TITLE: Active Slough\n"
        assert any("Just the title, as a line of text" in c.value for c in at.caption)
    assert fmt.name not in [f.name for f in formats.formats()]


def test_every_file_is_made_when_its_button_is_clicked_not_when_export_opens():
    """A report of a big framework takes a second or more: opening Export never waits for it; and every file is
    made when clicked so that the library is asked then whether this user may still read it (issue 19)."""
    at = open_page("export", new_framework("T"))
    buttons = {b.proto.id.rsplit("download_", 1)[-1]: b.proto for b in at.get("download_button")}
    for fmt in formats.writers():
        if fmt.draws():
            continue
        assert buttons[fmt.name].deferred_file_id and not buttons[fmt.name].url, fmt.name
    assert formats.get("report").on_click and formats.get("docx").on_click
