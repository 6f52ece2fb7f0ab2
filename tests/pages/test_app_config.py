"""The app's settings: offline and private, small uploads, no developer menu, readable colours (WCAG 2.2 AA)."""

import tomllib

import pytest
from paths import ROOT

from logicmodel.core.limits import MAX_FILE_BYTES

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
THEME = CONFIG["theme"]


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        ("textColor", "backgroundColor"),
        ("textColor", "secondaryBackgroundColor"),  # sidebar and input fields
        ("primaryColor", "backgroundColor"),  # selected radio, focus, links
        ("linkColor", "backgroundColor"),
        ("primaryColor", "#ffffff"),  # white text on primary buttons
    ],
)
def test_text_contrast_meets_wcag_aa(foreground, background):
    fg = THEME.get(foreground, foreground)
    bg = THEME.get(background, background)
    assert contrast(fg, bg) >= 4.5, f"{foreground} on {background}: {contrast(fg, bg):.2f}:1"


def blend(colour: str, background: str, opacity: float) -> str:
    fg = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    bg = [int(background.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(opacity * f + (1 - opacity) * b):02x}" for f, b in zip(fg, bg, strict=True))


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_captions_meet_wcag_aa(background):
    """Streamlit draws captions (counts, hints, the sidebar's notes) in the text colour at 60% opacity."""
    bg = THEME[background]
    caption = blend(THEME["textColor"], bg, 0.6)
    assert contrast(caption, bg) >= 4.5, f"captions on {background}: {contrast(caption, bg):.2f}:1"


def test_settings_for_a_public_venue():
    assert CONFIG["server"]["address"] == "localhost"  # private by default; no public-IP lookup at start
    # The server's ceiling (MiB) lets through the app's one limit (logicmodel.core.limits), and no more than 10 MiB
    assert MAX_FILE_BYTES <= CONFIG["server"]["maxUploadSize"] * 1024 * 1024 <= 10 * 1024 * 1024
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["client"]["disableDataExport"] is True  # its CSV would write =HYPERLINK(...) labels as formulas
    assert CONFIG["client"]["showErrorDetails"] == "none"  # never a traceback in front of users
    assert CONFIG["runner"]["magicEnabled"] is False


def test_a_run_does_not_walk_every_object_the_server_holds():
    """Streamlit's default collects all garbage after every run, a fragment's included: each open tab's look at
    the library (every 2.5 s) then cost its server about a tenth of a second, and 50 tabs outran two servers."""
    from streamlit import config

    assert CONFIG["runner"]["postScriptGC"] is False
    assert "runner.postScriptGC" in config._config_options_template  # the option still exists under this name
