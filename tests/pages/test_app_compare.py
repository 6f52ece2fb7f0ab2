"""Compare: the open framework against a sample or a file, as a table of changes and a diagram with the changes
marked and a legend; the same framework says so; a file that cannot be read says why."""

from app_helpers import open_page

from logicmodel import dumps
from logicmodel.analysis.diff import compare, table_rows
from logicmodel.core.samples import find
from ui.forms.compare import ADAPT

ENFIELD = find("enfield").load()
SLOUGH = find("slough").load()


def test_a_sample_against_the_open_framework_shows_the_table_and_the_marked_diagram():
    at = open_page("compare", ENFIELD)
    at.selectbox(key="compare_sample").set_value("slough").run()
    assert not at.exception
    rows = at.dataframe[0].value
    assert len(rows) == len(table_rows(compare(ENFIELD, SLOUGH), ENFIELD, SLOUGH))
    assert "+ added" in set(rows["Change"]) and "− removed" in set(rows["Change"])
    legend = " ".join(m.value for m in at.markdown)
    assert "+ added" in legend and "− removed" in legend and "~ changed" in legend
    assert len(at.get("iframe")) == 1


def test_the_same_framework_says_so():
    at = open_page("compare", ENFIELD)
    at.selectbox(key="compare_sample").set_value("enfield").run()
    assert any("is the same framework" in s.value for s in at.success)
    assert not at.dataframe


def test_an_uploaded_file_is_compared_and_a_broken_one_is_refused_saying_why():
    at = open_page("compare", ENFIELD)
    at.radio(key="compare_source").set_value("file").run()
    at.file_uploader(key="compare_file").set_value(("slough.json", dumps(SLOUGH).encode(), "application/json")).run()
    assert not at.exception and at.dataframe
    at.file_uploader(key="compare_file").set_value(("broken.json", b"{", "application/json")).run()
    assert any("could not be read" in e.value for e in at.error)


def test_merging_the_compared_framework_brings_its_boxes_into_the_open_one():
    from app_helpers import button, framework

    from logicmodel.editing.merge import merge

    at = open_page("compare", ENFIELD)
    at.selectbox(key="compare_sample").set_value("slough").run()
    button(at, "Merge their boxes and links into mine").click().run()
    assert not at.exception
    assert framework(at) == merge(ENFIELD, SLOUGH)[0]


def test_a_framework_of_my_own_starts_from_the_compared_one_with_its_source_recorded():
    from app_helpers import button, framework

    at = open_page("compare", ENFIELD)
    at.selectbox(key="compare_sample").set_value("slough").run()
    at.text_input(key=ADAPT("title")).input("Active Windsor")
    at.multiselect(key=ADAPT("leave_out")).set_value([SLOUGH.nodes[0].id])
    button(at, "Start my framework").click().run()
    fw = framework(at)
    assert fw.meta.title == "Active Windsor" and fw.meta.provenance[0].title == SLOUGH.meta.title
    assert len(fw.nodes) == len(SLOUGH.nodes) - 1


def test_a_file_differing_in_any_one_optional_field_shows_the_change():
    """Generated from the models (``model_variants``): for every optional field of every model, a file that differs
    from the open framework only there is shown as a change, named in the table, never as "the same framework"."""
    import json

    from model_variants import BASE, variants, words_for

    at = open_page("compare", BASE)
    at.radio(key="compare_source").set_value("file").run()
    for variant in [v for v in variants() if v.optional and v.follows_rules]:
        data = json.dumps(variant.doc).encode()
        at.file_uploader(key="compare_file").set_value(("other.json", data, "application/json")).run()
        assert not at.exception, variant.name
        assert not any("is the same framework" in s.value for s in at.success), variant.name
        shown = at.dataframe[0].value.to_json(force_ascii=False)
        if variant.field not in ("id", "source", "target") and variant.model.__name__ != "Framework":
            assert any(word in shown for word in words_for(variant)), (variant.name, shown)
