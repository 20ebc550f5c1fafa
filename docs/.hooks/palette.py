"""Build hook: no needless restyle of the whole page when it loads.

Material's palette code makes the browser restyle every element of a page, several times over, as
the page loads; the cost grows with the page, so the longest pages paid most. Two edits to the
built theme assets remove it, and keep what a palette toggle does:

1. **The switching rule** (``palette.*.min.css``). The palette script marks ``<body>`` with
   ``data-md-color-switching`` while it applies the palette, on every load as on a toggle. The
   stylesheet's ``[data-md-color-switching] *{transition-duration:0s!important}`` (and the same for
   ``:after`` and ``:before``) then restyles every element twice. The rule only stops colour
   transitions during a toggle; without it, a toggle fades in 0.125 s instead of switching at once.
2. **The color-scheme meta** (``bundle.*.min.js``). On load the script adds a
   ``<meta name="color-scheme">`` and then sets its content to the palette's scheme: Chromium
   restyles every element of the page for each of the two changes. Now the meta is added only when
   the scheme is not ``light`` (the page's own default) or a toggle has already added it: a reader
   of the light palette never causes it, one of the dark palette (a saved choice, or a system
   preference) still gets ``dark`` on load, and every toggle still sets it.

If Material's files no longer hold exactly what is edited, the build fails and names the file.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

RULE = ("[data-md-color-switching] *,[data-md-color-switching] :after,"
        "[data-md-color-switching] :before{transition-duration:0s!important}")

#: (Material's code, its replacement) in bundle.*.min.js: create the meta without adding it, and
#: add it, or change it, only when the scheme differs from what the page already has.
META_EDITS = (
    ('let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
     'let o=x("meta",{name:"color-scheme"});'),
    ('return o.content=a.colorScheme,',
     'return o.content!==a.colorScheme&&(o.content=a.colorScheme,'
     'o.isConnected||a.colorScheme==="light"||document.head.appendChild(o)),'),
)


def _replace_once(text: str, old: str, new: str, name: str) -> str:
    """``text`` with its single ``old`` replaced; PluginError naming ``name`` if not there once."""
    if text.count(old) != 1:
        raise PluginError(f"palette: {name} holds Material's {old!r} {text.count(old)} times, not once; "
                          "review docs/.hooks/palette.py against the new Material")
    return text.replace(old, new, 1)


def remove_switching_rule(css: str, name: str) -> str:
    """``css`` without the palette-switching rule; PluginError naming ``name`` if not there once."""
    return _replace_once(css, RULE, "", name)


def defer_color_scheme_meta(js: str, name: str) -> str:
    """``js`` with the color-scheme meta added only when needed; PluginError naming ``name`` if not found."""
    for old, new in META_EDITS:
        js = _replace_once(js, old, new, name)
    return js


def _one(site: Path, folder: str, pattern: str) -> Path:
    files = sorted(Path(site, "assets", folder).glob(pattern))
    if len(files) != 1:
        raise PluginError(f"palette: expected one {pattern} in the built site, found {len(files)}")
    return files[0]


def on_post_build(config):
    css = _one(config["site_dir"], "stylesheets", "palette.*.min.css")
    css.write_text(remove_switching_rule(css.read_text("utf8"), css.name), "utf8")
    js = _one(config["site_dir"], "javascripts", "bundle.*.min.js")
    js.write_text(defer_color_scheme_meta(js.read_text("utf8"), js.name), "utf8")
