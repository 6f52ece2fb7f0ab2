"""The formats registry: each format says what it is, the formats that moved in write what they wrote before,
every reader ends in the one loader with the one size limit, and a format added for a test leaves no trace."""

from __future__ import annotations

import pytest
from throwaway_format import THROWAWAY, registered

from logicmodel import formats
from logicmodel.core.errors import FrameworkError
from logicmodel.core.limits import MAX_FILE_BYTES
from logicmodel.core.readwrite import dumps
from logicmodel.core.samples import find
from logicmodel.core.schema import schema_text
from logicmodel.drawing.diagram import diagram_html
from logicmodel.drawing.svg import poster_svg

ENFIELD = find("enfield")


def test_every_format_says_what_it_is():
    names = [f.name for f in formats.formats()]
    assert names[:4] == ["json", "schema", "svg", "html"] and len(set(names)) == len(names)
    for fmt in formats.formats():
        assert fmt.name == fmt.name.lower() and " " not in fmt.name
        assert fmt.extension.startswith(".") and "/" in fmt.media_type
        assert fmt.description and "\n" not in fmt.description and len(fmt.description) < 120
        assert fmt.write or fmt.read


def test_the_formats_that_moved_in_write_what_they_wrote_before():
    fw = ENFIELD.load()
    choices = formats.Choices()
    assert formats.get("json").write(fw, choices) == dumps(fw).encode()
    assert formats.get("schema").write(fw, choices) == schema_text().encode()
    assert formats.get("svg").write(fw, formats.Choices(paper="A1")) == poster_svg(fw, paper="A1").encode()
    page = formats.get("html").write(fw, formats.Choices(projector=True))
    assert page == diagram_html(fw, projector=True, standalone=True).encode()


def test_json_reads_back_what_it_writes_and_refuses_what_the_loader_refuses():
    fw = ENFIELD.load()
    json_format = formats.get("json")
    assert formats.read(json_format, json_format.write(fw, formats.Choices())) == fw
    with pytest.raises(FrameworkError, match="not valid JSON"):
        formats.read(json_format, b"{")


def test_every_reader_gets_the_one_size_limit():
    with registered() as fmt, pytest.raises(FrameworkError, match="10 MB"):
        formats.read(fmt, b"TITLE: " + b"x" * MAX_FILE_BYTES)


def test_an_upload_is_read_by_the_format_its_name_says():
    assert formats.read_named("Mine.JSON", dumps(ENFIELD.load()).encode()) == ENFIELD.load()
    with pytest.raises(FrameworkError, match=r"use a file ending \.csv or \.graphml"):
        formats.read_named("mine.txt", b"")
    with registered():
        assert ".title" in formats.extensions() and ".json" in formats.extensions()
        assert formats.read_named("x.title", b"TITLE: Active Slough").meta.title == "Active Slough"


def test_a_format_name_is_registered_once():
    with pytest.raises(ValueError, match="registered already"):
        formats.register(formats.get("json"))


def test_the_throwaway_format_leaves_no_trace():
    assert THROWAWAY.name not in [f.name for f in formats.formats()]
