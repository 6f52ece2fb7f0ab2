"""Build edits what the format carries: a box's estimated benefit, and the evidence behind a link."""

from __future__ import annotations

from app_helpers import button, framework, messages, open_page, saved, widget
from builder_data import new_forest

from ui.forms import evidence, links
from ui.sections import BOX, SECTION, Section


def box_form(node_id: str = "walk"):
    at = open_page("build", new_forest())
    at.radio(key=SECTION).set_value(Section.EDIT).run()
    at.selectbox(key=BOX).set_value(node_id).run()
    return at


def fill_benefit(at, amount=None, basis=None, currency=None, period=None, node_id="walk"):
    if amount is not None:
        widget(at, "number_input", f"box_benefit_{node_id}").set_value(amount)
    if basis is not None:
        widget(at, "text_input", f"box_basis_{node_id}").input(basis)
    if currency is not None:
        widget(at, "text_input", f"box_benefit_currency_{node_id}").input(currency)
    if period is not None:
        widget(at, "text_input", f"box_benefit_period_{node_id}").input(period)
    button(at, "Save the box").click().run()


def test_add_change_and_remove_a_boxs_estimated_benefit():
    at = box_form()
    fill_benefit(at, 12000.0, "Avoided falls admissions at an illustrative unit cost", period="a year")
    benefit = framework(at).node_by_id["walk"].benefit
    assert (benefit.amount, benefit.currency, benefit.period, benefit.basis) == (
        12000.0,
        "GBP",
        "a year",
        "Avoided falls admissions at an illustrative unit cost",
    )
    assert saved(at).framework.node_by_id["walk"].benefit == benefit  # saved as a version
    assert widget(at, "number_input", "box_benefit_walk").value == 12000.0  # the form shows it back
    fill_benefit(at, 15000.0, currency="eur")
    benefit = framework(at).node_by_id["walk"].benefit
    assert (benefit.amount, benefit.currency, benefit.basis[:7]) == (15000.0, "EUR", "Avoided")
    button(at, "Remove the estimated benefit").click().run()
    assert framework(at).node_by_id["walk"].benefit is None
    assert widget(at, "number_input", "box_benefit_walk").value is None
    assert not [b for b in at.button if b.label == "Remove the estimated benefit"]
    button(at, "Undo").click().run()
    assert framework(at).node_by_id["walk"].benefit.amount == 15000.0


def test_a_benefit_without_its_basis_or_amount_is_refused_naming_the_field():
    at = box_form()
    fill_benefit(at, 12000.0)
    assert framework(at).node_by_id["walk"].benefit is None and saved(at).version == 1
    assert messages(at) == [
        "Not saved: say how the benefit was estimated (Basis of the estimate), or clear its amount."
    ]
    at = box_form()
    fill_benefit(at, basis="Avoided admissions")
    assert messages(at) == ["Not saved: give the estimated benefit's amount (Benefit (estimate)), or clear its basis."]
    at = box_form()
    fill_benefit(at, 500.0, "Avoided admissions", currency="£")
    assert framework(at).node_by_id["walk"].benefit is None
    assert any("benefit.currency: should be a three-letter currency code" in m for m in messages(at))


def link_form():
    """Build's Links section on the link Health walks → Weekly walks delivered."""
    at = open_page("build", new_forest())
    at.radio(key=SECTION).set_value(Section.LINKS).run()
    at.selectbox(key=links.ADD("source")).set_value("walk").run()
    return at


def evidence_of(at):
    return framework(at).links[0].evidence


def test_add_change_and_remove_the_evidence_behind_a_link():
    at = link_form()
    assert any(m.value == "**Evidence behind this link**" for m in at.markdown)
    at.text_input(key=evidence.LINK_ADD("title")).input("Walking for Health evaluation")
    at.text_input(key=evidence.LINK_ADD("url")).input("https://example.org/wfh")
    at.selectbox(key=evidence.LINK_ADD("strength")).set_value("moderate")
    button(at, "Add the evidence behind this link").click().run()
    [item] = evidence_of(at)
    assert (item.title, item.url, item.strength) == (
        "Walking for Health evaluation",
        "https://example.org/wfh",
        "moderate",
    )
    assert "Evidence 'Walking for Health evaluation' added." in messages(at, "success")
    assert not framework(at).node_by_id["sessions"].evidence  # on the link, not on a box
    widget(at, "selectbox", "le_strength_walk_sessions").set_value("strong")
    button(at, "Save the evidence").click().run()
    assert evidence_of(at)[0].strength == "strong"
    button(at, "Remove evidence 1").click().run()
    assert evidence_of(at) == ()
    assert saved(at).version == 4  # add, change, remove: one version each


def test_evidence_behind_a_link_refused_naming_the_field():
    at = link_form()
    button(at, "Add the evidence behind this link").click().run()
    assert messages(at) == ["Not saved: give the evidence a title (Title)."]
    at.text_input(key=evidence.LINK_ADD("title")).input("Walking for Health evaluation")
    at.text_input(key=evidence.LINK_ADD("url")).input("javascript:alert(1)")
    button(at, "Add the evidence behind this link").click().run()
    assert evidence_of(at) == () and saved(at).version == 1
    said = "evidence 1, web address: should be a web address starting http:// or https://"  # no evidence[0].url
    assert any(said in m for m in messages(at))
