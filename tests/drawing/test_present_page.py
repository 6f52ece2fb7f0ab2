"""The presentation and the diagram's fixes, in the page's data: stories told by box number and escaped, the
same look for a level's role in every framework, routed links, a page that fills its window, the keyboard."""

from __future__ import annotations

from test_diagram import PAYLOAD, _framework, _page_data

from logicmodel.core.models import Step, Story
from logicmodel.core.readwrite import from_data, load
from logicmodel.core.samples import find, templates
from logicmodel.core.synthetic import synthetic_data
from logicmodel.drawing.diagram import PRESENT, crowded_steps, diagram_html, present_room, present_stories
from logicmodel.drawing.style import ROLE_STYLES, level_roles, level_styles

SWINDON = find("swindon")


def test_a_strategic_outcome_looks_the_same_in_every_framework() -> None:
    shipped = [SWINDON.load(), *(t.load() for t in templates())]
    looks = set()
    for fw in shipped:
        for level_id, role in level_roles(fw).items():
            if role == "strategic":
                style = level_styles(fw)[level_id]
                looks.add((style.colour, style.mark))
    assert looks == {ROLE_STYLES["strategic"]}
    kellogg = next(t for t in templates() if t.name == "kellogg").load()
    assert list(level_roles(kellogg).values())[-2:] == ["strategic", "impact"]
    assert len({ROLE_STYLES[r] for r in ROLE_STYLES}) == len(ROLE_STYLES), "two roles look alike"


def test_links_that_skip_columns_carry_their_bend_points_and_are_drawn_by_the_page() -> None:
    fw = _framework(
        links=[{"source": "walk", "target": "active"}, {"source": "swim", "target": "sessions"}]
    )  # walk → active skips the outputs column
    data = _page_data(diagram_html(fw))
    ids = data["ids"]
    routed = {(ids[data["from"][j]], ids[data["to"][j]]): points for j, points in data["routes"]}
    assert list(routed) == [("walk", "active")]
    points = routed[("walk", "active")]
    assert len(points) >= 6 and len(points) % 2 == 0, "a route runs through at least one bend point"


def test_the_offline_page_fills_its_window_and_the_app_page_has_its_height() -> None:
    assert "html, body { height: 100%;" in diagram_html(_framework(), standalone=True)
    assert "height: 555px" in diagram_html(_framework(), height=555)
    assert "900px" not in diagram_html(_framework(), projector=True, standalone=True)


def test_the_diagram_takes_the_keyboard_once_it_has_the_focus() -> None:
    page = diagram_html(_framework(), standalone=True)
    assert _page_data(page)["keys"] and 'id="mynetwork" tabindex="0"' in page  # keys reach it once focused
    assert not _page_data(diagram_html(_framework(), stories=present_stories(SWINDON.load())[:1]))["keys"]
    assert "the arrow keys move it and + and - zoom" in page


def test_a_presentation_tells_its_stories_by_box_number() -> None:
    fw = SWINDON.load()
    stories = present_stories(fw)
    falls = next(s for s in stories if s.title == "Fewer falls among people aged 65 and over")
    data = _page_data(diagram_html(fw, stories=(falls,)))
    told = data["stories"][0]
    assert told["title"] == falls.title
    assert [[data["ids"][k] for k in step["nodes"]] for step in told["steps"]] == [list(s.nodes) for s in falls.steps]
    assert data["present"]["most"] == PRESENT["most"]
    page = diagram_html(fw, stories=(falls,))
    assert '<div id="lm-bar">' not in page and 'id="lm-f-level"' not in page, "no toolbar while presenting"
    assert '<aside id="lm-panel"' in page


def test_story_text_reaches_the_presentation_only_escaped() -> None:
    fw = _framework(stories=[{"id": "s", "title": PAYLOAD[:200], "steps": [{"nodes": ["falls"], "note": PAYLOAD}]}])
    page = diagram_html(fw, stories=tuple(fw.stories), standalone=True)
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert _page_data(page)["stories"][0]["steps"][0]["note"] == PAYLOAD


def test_ready_made_steps_fit_the_projector_at_the_promised_size() -> None:
    from logicmodel.drawing.diagram import _present_layout, _story_boxes, _together  # the layout the page draws

    room_w, room_h = present_room()
    for fw in (SWINDON.load(), load(find("nottingham").path), from_data(synthetic_data(120, seed=3))):
        for story in present_stories(fw):
            m, _boxes, drawn = _present_layout(fw, _together(fw, _story_boxes(story)))
            half = (m["width"] + 2 * m["margin"] + 4) / 2
            for step in story.steps:
                xs = [drawn.x[n] for n in step.nodes]
                tops = [drawn.y[n] - drawn.height[n] / 2 for n in step.nodes]
                bottoms = [drawn.y[n] + drawn.height[n] / 2 for n in step.nodes]
                fits = max(xs) - min(xs) + 2 * half <= room_w and max(bottoms) - min(tops) <= room_h
                assert fits or len(step.nodes) == 1, f"{story.title}: {step.title} does not fit"


def test_a_hand_made_story_of_boxes_not_drawn_is_left_out() -> None:
    fw = _framework()
    story = Story(id="s", title="S", steps=[Step(nodes=["falls"]), Step(nodes=["active", "falls"])])
    data = _page_data(diagram_html(fw, stories=(story,)))
    assert len(data["stories"][0]["steps"]) == 2


def test_a_step_too_wide_to_frame_readably_is_named() -> None:
    fw = SWINDON.load()
    story = Story(id="s", title="S", steps=[Step(nodes=["str-fewer-falls"]), Step(nodes=[n.id for n in fw.nodes])])
    assert crowded_steps(fw, story) == [2]
    assert all(crowded_steps(fw, s) == [] for s in present_stories(fw))
