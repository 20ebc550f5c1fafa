"""Figures: every figure of the page loads, once scrolled into view, and takes room.

``js/figures.js`` finds each ``<img>`` of the page and each ``<svg>`` of the content
that is not a formula or an icon. The figures after the page's first ``<h2>`` load
lazily (``loading="lazy"``, decided in ``sitebuild/hooks/figures.py``): each image not
yet loaded is scrolled into view, as a reader brings it there, and given 10 s. Then
every ``<img>`` must have loaded (``complete`` and ``naturalWidth > 0``), and every
figure shown a non-zero size.
"""

from tests.browser.conftest import page_id


def test_figures_load(page, desktop):
    """Every image loads once scrolled into view; every figure shown has a size."""
    problems = []
    for fig in desktop.figures:
        if not fig["loaded"]:
            lazy = " (lazy)" if fig["lazy"] else ""
            problems.append(f"{fig['what']}{lazy} did not load, scrolled into view")
        if fig["shown"] and (fig["width"] <= 0 or fig["height"] <= 0):
            size = f"{fig['width']}×{fig['height']}"
            problems.append(f"{fig['what']} is shown but has no size ({size})")
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)
