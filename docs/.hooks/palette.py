"""Build hook: no needless restyle of the whole page when it loads.

Material's palette script marks ``<body>`` with ``data-md-color-switching`` while it applies the
palette, on every page load as well as on a toggle, and removes it a frame later. Its stylesheet
has ``[data-md-color-switching] *{transition-duration:0s!important}`` (and the same for ``:after``
and ``:before``), which makes the browser restyle every element of the page twice as it loads:
on a long page, about a fifth of the load. The rule only stops colour transitions during a
toggle; without it, a toggle fades in 0.125 s instead of switching at once. It is removed from the
built ``palette.*.min.css``; if Material's file no longer holds it, the build fails and says so.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

RULE = ("[data-md-color-switching] *,[data-md-color-switching] :after,"
        "[data-md-color-switching] :before{transition-duration:0s!important}")


def remove_switching_rule(css: str, name: str) -> str:
    """``css`` without the palette-switching rule; PluginError naming ``name`` if it is not there."""
    if RULE not in css:
        raise PluginError(f"palette: {name} no longer holds Material's rule {RULE!r}; "
                          "review docs/.hooks/palette.py against the new Material")
    return css.replace(RULE, "", 1)


def on_post_build(config):
    files = sorted(Path(config["site_dir"], "assets", "stylesheets").glob("palette.*.min.css"))
    if len(files) != 1:
        raise PluginError(f"palette: expected one palette.*.min.css in the built site, found {len(files)}")
    files[0].write_text(remove_switching_rule(files[0].read_text("utf8"), files[0].name), "utf8")
