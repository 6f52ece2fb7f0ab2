"""In the browser, text from a framework is shown as typed: no link to an outside address, no icon, no emoji.

The hostile framework (``hostile_text``: web and e-mail addresses, ``:material/home:``, ``:streamlit:``,
``:smile:``, colour directives, LaTeX and ``->`` in every field) is first refused (a broken copy) and
then imported on Home under a file name made of the same patterns. On Home, on every section of Build,
on Diagram, Check and Export, the page (and the diagram's frame) must hold no link to those addresses,
and no piece of text holding them may contain a link, an icon, an image, a formula or coloured text.
"""

from __future__ import annotations

import json
from pathlib import Path

from hostile_text import FILE_NAME, PAYLOAD, hostile_data

from logicmodel.core.readwrite import dumps, from_data
from ui.sections import Section

SECTIONS = [section.value for section in Section]  # Build's sections, as the page names them
PROBE = r"""(expect) => {
  const found = [];
  const frames = Array.from(document.querySelectorAll('iframe')).map(f => {
    try { return f.contentDocument; } catch (e) { return null; }
  });
  for (const doc of [document, ...frames.filter(Boolean)]) {
    for (const a of doc.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href');
      if (/evil\.example|example\.org|mailto:/i.test(href)) found.push('a link to ' + href);
    }
  }
  const read = el => el.textContent.replace(/\u2060/g, '');
  const texts = Array.from(document.querySelectorAll('[data-testid="stMarkdownContainer"]'))
    .filter(el => read(el).includes('evil.example'));
  for (const el of texts) {
    const markup = el.querySelector(
      'a, img, svg, [data-testid="stIconMaterial"], [data-testid="stIconEmoji"], .katex, ' +
      '.stMarkdownColoredText, .stMarkdownColoredBackground');
    const where = ' in "' + read(el).slice(0, 60) + '"';
    if (markup) found.push(markup.outerHTML.slice(0, 120) + where);
    if (/\p{Extended_Pictographic}|→/u.test(el.textContent)) found.push('an emoji or arrow' + where);
  }
  const first = texts.length ? read(texts[0]).slice(0, 200) : '';
  return {found, count: texts.length, first, literal: texts.some(el => read(el).includes(expect))};
}"""


def _upload(page, wait_for_app, data: dict) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": FILE_NAME, "mimeType": "application/json", "buffer": json.dumps(data).encode()}
    )
    wait_for_app(page)


def _assert_literal(page, where: str, expect: str = PAYLOAD) -> None:
    """No outside link on the page; no markup in any text holding the payload; ``expect`` shown as typed."""
    page.wait_for_timeout(300)
    result = page.evaluate(PROBE, expect)
    assert result["found"] == [], f"{where}: {result['found']}"
    assert result["count"] > 0 and result["literal"], f"{where}: the hostile text is not shown as typed: {result}"


def _open(page, wait_for_app, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(page)


def test_text_from_a_file_is_shown_as_typed_on_every_page(page, wait_for_app, tmp_path: Path) -> None:
    broken = hostile_data()
    broken["links"].append({"source": "alone", "target": "nowhere"})
    _upload(page, wait_for_app, broken)
    page.get_by_test_id("stAlertContainer").get_by_text("could not be opened").wait_for()
    _assert_literal(page, "Home, refused import", f"{FILE_NAME} could not be opened")

    _upload(page, wait_for_app, json.loads(dumps(from_data(hostile_data()))))
    page.get_by_test_id("stAlertContainer").get_by_text("Imported").first.wait_for()
    _assert_literal(page, "Home, imported")

    _open(page, wait_for_app, "Build")
    for section in SECTIONS:
        page.get_by_test_id("stRadio").get_by_text(section, exact=True).click()
        wait_for_app(page)
        _assert_literal(page, f"Build, {section}")
    for name in ("Diagram", "Check", "Export"):
        _open(page, wait_for_app, name)
        if name == "Diagram":
            frame = page.locator("iframe").first.element_handle(timeout=20_000).content_frame()
            frame.wait_for_selector("html[data-drawn]", timeout=20_000)
        _assert_literal(page, name)
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests}"
