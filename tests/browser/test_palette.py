"""Palette: the header's toggle switches to the dark palette, where figures stay
legible.

The header's palette toggle is clicked and the body must switch to
``data-md-color-scheme="slate"``. Each figure shown is then screenshotted *as rendered
in the dark palette* and its pixels measured: the background is the figure's most common
colour, and at least 0.2% of its pixels ("ink": lines, text) must have a WCAG contrast
ratio of at least 4.5:1 against it. A transparent figure with dark text shows the dark
page through it, so its text sits dark on dark (about 1.3:1) and fails; a figure on its
own opaque card (``docs/stylesheets/extra.css``) keeps its contrast. This measures what
the reader sees, whatever made it legible. Reloaded, the page must start in the saved
dark palette.
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from tests.browser.conftest import page_id

INK = 0.002  # the share of a figure's pixels at 4.5:1 contrast or more
MAX_PIXELS = 400_000  # a bigger figure is measured on a smaller copy
LINEAR = [
    (c / 255) / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4
    for c in range(256)
]


def luminance(rgb: tuple[int, int, int]) -> float:
    """The WCAG relative luminance of an sRGB colour."""
    r, g, b = (LINEAR[c] for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(l1: float, l2: float) -> float:
    """The WCAG contrast ratio of two luminances."""
    return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)


def legibility(png: bytes) -> tuple[float, float, float]:
    """Background luminance, share of pixels at 4.5:1 or more to it, best contrast."""
    img = Image.open(BytesIO(png)).convert("RGB")
    if img.width * img.height > MAX_PIXELS:
        scale = (MAX_PIXELS / (img.width * img.height)) ** 0.5
        size = (max(1, int(img.width * scale)), max(1, int(img.height * scale)))
        img = img.resize(size, Image.NEAREST)
    colours = img.getcolors(maxcolors=1 << 24)
    bg = luminance(max(colours)[1])  # the most common colour
    ratios = [(n, contrast(luminance(rgb), bg)) for n, rgb in colours]
    ink = sum(n for n, ratio in ratios if ratio >= 4.5)
    return bg, ink / sum(n for n, _ in ratios), max(ratio for _, ratio in ratios)


def test_dark_palette_keeps_figures_legible(page, desktop):
    """The toggle turns the page dark, its figures stay legible, a reload stays dark."""
    assert desktop.scheme == "slate", (
        f"{page_id(page)}: the header's palette toggle did not switch to the dark "
        f"palette (data-md-color-scheme={desktop.scheme!r})"
    )
    problems = []
    for fig, png in desktop.dark_figures:
        if isinstance(png, str):
            problems.append(f"{fig['what']}: {png}")
            continue
        bg, ink, best = legibility(png)
        if ink < INK:
            problems.append(
                f"{fig['what']} is not legible in the dark palette: its background "
                f"(luminance {bg:.2f}) has {ink:.2%} of pixels at 4.5:1 contrast or "
                f"more (best {best:.1f}:1)"
            )
    if desktop.reloaded_scheme != "slate":
        problems.append(
            "reloaded after the toggle, the page starts in scheme "
            f"{desktop.reloaded_scheme!r}, not the saved 'slate'"
        )
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)
