"""Present: choose a story, present it (forward and back in the presentation's page), save a ready-made
story into the framework and change its words; every sample's ready-made stories present."""

from __future__ import annotations

import json
import re

import pytest
from app_helpers import button, framework, open_page, plain, saved

from logicmodel.core import samples
from logicmodel.core.readwrite import from_data
from logicmodel.drawing.diagram import present_stories

SAMPLES = samples.samples()
FALLS = "Fewer falls among people aged 65 and over"


def _presentation(at) -> dict:
    """The data block of the presentation the page shows in its frame."""
    page = at.get("iframe")[0].proto.srcdoc
    block = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)


def _swindon():
    return samples.find("swindon").load()


def test_the_page_offers_ready_made_stories_and_presents_one_in_two_clicks():
    fw = _swindon()
    at = open_page("present", fw)
    assert not at.exception
    choice = at.selectbox(key="present_choice")
    titles = choice.options  # as shown
    assert "Fewer falls among people aged 65 and over" in titles
    assert any(t.startswith("What Adult Social Care commissions") for t in titles)
    choice.set_value("outcome-str-fewer-falls").run()
    button(at, "Present").click().run()
    assert not at.exception
    data = _presentation(at)
    assert [s["title"] for s in data["stories"]] == ["Fewer falls among people aged 65 and over"]
    ids = data["ids"]
    steps = [[ids[k] for k in step["nodes"]] for step in data["stories"][0]["steps"]]
    assert steps[0] == ["str-fewer-falls"] and any("act-strength-balance" in step for step in steps)
    assert not at.title, "the page's title and controls are gone while presenting"
    button(at, "Stop presenting").click().run()
    assert [t.value for t in at.title] == ["Present"]
    assert not at.get("iframe")


def _listed_first_step(at) -> str:
    words = (plain(m.value).replace("**", "") for m in at.markdown)
    return next(w for w in words if w.startswith("1. "))


def test_the_story_chosen_is_the_one_shown_listed_and_presented_before_and_after_presenting():
    """Issue 27, finding 1: one piece of state says which story, whether the Story box is drawn or not
    (it is not while presenting); the browser's side is in tests/browser/test_present.py."""
    at = open_page("present", _swindon())
    for story_id, title in [("outcome-str-mental-wellbeing", "Mental wellbeing"), ("outcome-str-fewer-falls", FALLS)]:
        at.selectbox(key="present_choice").set_value(story_id).run()
        assert _listed_first_step(at) == f"1. {title}: {title}"
        button(at, "Present").click().run()
        assert [s["title"] for s in _presentation(at)["stories"]] == [title]
        assert not at.selectbox, "the box is not drawn while presenting"
        button(at, "Stop presenting").click().run()
        assert at.selectbox(key="present_choice").value == story_id
        assert _listed_first_step(at) == f"1. {title}: {title}"
    button(at, "Save this story into the framework").click().run()  # saved: still the chosen one
    assert at.selectbox(key="present_choice").value == "outcome-str-fewer-falls"
    button(at, "Delete this story").click().run()  # its ready-made self comes back, still chosen
    assert at.selectbox(key="present_choice").value == "outcome-str-fewer-falls"
    assert _listed_first_step(at) == f"1. {FALLS}: {FALLS}"


def test_saving_a_ready_made_story_puts_it_in_the_file_and_its_words_can_change():
    at = open_page("present", _swindon())
    button(at, "Save this story into the framework").click().run()
    assert not at.exception
    fw = framework(at)
    assert [s.id for s in fw.stories] == ["outcome-str-physical-wellbeing"]
    assert len(at.selectbox(key="present_choice").options) == len(present_stories(_swindon())), "others stay"
    assert saved(at).framework.stories == fw.stories
    rev_keyed = [w for w in at.text_input if w.key and w.key.startswith("story_title_")]
    rev_keyed[0].input("Why physical wellbeing")
    notes = [w for w in at.text_area if w.key and w.key.startswith("story_step_note_")]
    notes[1].input("<script>alert(1)</script> what leads to it")
    button(at, "Save the story").click().run()
    story = framework(at).stories[0]
    assert story.title == "Why physical wellbeing"
    assert story.steps[1].note == "<script>alert(1)</script> what leads to it"
    assert any("Story 'Why physical wellbeing' saved." in plain(s.value) for s in at.success)
    button(at, "Present").click().run()
    data = _presentation(at)
    assert data["stories"][0]["steps"][1]["note"] == "<script>alert(1)</script> what leads to it"
    assert "<script>alert(1)" not in at.get("iframe")[0].proto.srcdoc, "a note reached the page unescaped"


def test_deleting_a_saved_story_brings_back_the_ready_made_ones():
    at = open_page("present", _swindon())
    button(at, "Save this story into the framework").click().run()
    button(at, "Delete this story").click().run()
    assert framework(at).stories == ()
    assert len(at.selectbox(key="present_choice").options) == len(present_stories(_swindon()))


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_every_samples_ready_made_stories_present(sample):
    fw = sample.load()
    at = open_page("present", fw)
    stories = present_stories(fw)
    assert at.selectbox(key="present_choice").options == [s.title for s in stories]
    for story in stories[:2] + stories[-1:]:
        at.selectbox(key="present_choice").set_value(story.id).run()
        button(at, "Present").click().run()
        assert not at.exception
        data = _presentation(at)
        assert [len(step["nodes"]) for step in data["stories"][0]["steps"]] == [len(s.nodes) for s in story.steps]
        button(at, "Stop presenting").click().run()


def test_the_slides_download_is_offered():
    at = open_page("present", _swindon())
    assert any(b.proto.id.endswith("download_slides") for b in at.get("download_button"))


def test_a_framework_with_its_own_stories_presents_those():
    fw = _swindon()
    data = json.loads(json.dumps(fw.model_dump(mode="json", exclude_defaults=True)))
    data["stories"] = [{"id": "summit", "title": "Summit", "steps": [{"nodes": ["str-fewer-falls"]}]}]
    at = open_page("present", from_data({"schema_version": 1, **data}))
    options = at.selectbox(key="present_choice").options
    assert options[0] == "Summit" and options[1] == "Physical wellbeing (ready-made)"
    assert len(options) == 1 + len(present_stories(_swindon()))
    assert not [b for b in at.button if b.label == "Save this story into the framework"]


def test_a_step_too_wide_to_read_is_pointed_out():
    fw = _swindon()
    data = json.loads(json.dumps(fw.model_dump(mode="json", exclude_defaults=True)))
    data["stories"] = [
        {
            "id": "all",
            "title": "Everything",
            "steps": [{"nodes": ["str-fewer-falls"]}, {"nodes": [n.id for n in fw.nodes]}],
        }
    ]
    at = open_page("present", from_data({"schema_version": 1, **data}))
    assert any("Step 2 of this story show boxes too far apart" in plain(w.value) for w in at.warning)
    assert not [w for w in open_page("present", _swindon()).warning], "a ready-made story always fits"


def test_a_saved_story_s_steps_can_change_their_boxes_be_removed_and_added():
    at = open_page("present", _swindon())
    at.selectbox(key="present_choice").set_value("outcome-str-fewer-falls").run()
    button(at, "Save this story into the framework").click().run()
    at.selectbox(key="present_choice").set_value("outcome-str-fewer-falls").run()
    story = framework(at).stories[0]
    boxes = [w for w in at.multiselect if w.key and w.key.startswith("story_step_boxes_")]
    assert len(boxes) == len(story.steps) + 1  # a new step last
    boxes[1].set_value([])  # step 2 goes
    boxes[-1].set_value(["act-outreach", "str-fewer-falls"])  # a new step
    [w for w in at.text_input if w.key and w.key.startswith("story_step_title_")][-1].input("Outreach matters")
    button(at, "Save the story").click().run()
    after = framework(at).stories[0]
    assert [step.nodes for step in after.steps] == [
        story.steps[0].nodes,
        *(s.nodes for s in story.steps[2:]),
        ("act-outreach", "str-fewer-falls"),
    ]
    assert after.steps[-1].title == "Outreach matters"


def _with_story():
    fw = _swindon()
    data = json.loads(json.dumps(fw.model_dump(mode="json", exclude_defaults=True)))
    steps = [{"nodes": ["str-fewer-falls"]}, {"nodes": ["int-older-strength", "str-fewer-falls"]}]
    data["stories"] = [{"id": "falls", "title": "Falls summit", "steps": steps}]
    return from_data({"schema_version": 1, **data})


def test_build_warns_before_deleting_a_box_a_story_shows_and_keeps_the_story_right():
    at = open_page("build", _with_story())
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("str-fewer-falls").run()
    assert any("the story 'Falls summit', which loses 1 step" in plain(c.value) for c in at.caption)
    assert any("and 1 story that use it" in plain(c.value) for c in at.caption)
    next(b for b in at.button if b.label == "Delete this box").click().run()
    assert not at.exception
    assert [step.nodes for step in framework(at).stories[0].steps] == [("int-older-strength",)]


def test_build_renaming_a_box_rewrites_the_stories():
    at = open_page("build", _with_story())
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("int-older-strength").run()
    next(w for w in at.text_input if w.key and w.key.startswith("box_newid_")).input("older-stronger")
    button(at, "Change the id").click().run()
    assert framework(at).stories[0].steps[1].nodes == ("older-stronger", "str-fewer-falls")
