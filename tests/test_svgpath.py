"""bpdocs.svgpath: transforms, path data, and Matplotlib figures redrawn without ``<use>``.

The formulas are compared pixel for pixel in ``tests/test_math.py``; here a Matplotlib figure
with text, mathtext, tick marks, markers and a log axis is drawn by Chromium before and after
`join_uses`, and the two pictures must agree.
"""

from __future__ import annotations

import base64
import re
from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from bpdocs import plotting, svgpath
from bpdocs.svgpath import IDENTITY, parse_transform, transform_path


def absolute_points(d: str) -> list[tuple[float, float]]:
    """The end point of every command of path data, in absolute coordinates (a small reader)."""
    tokens = svgpath.TOKEN.findall(d)
    pts, x, y, sx, sy, i, cmd = [], 0.0, 0.0, 0.0, 0.0, 0, None
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
        up, rel = cmd.upper(), cmd.islower()
        n = svgpath.ARITY[up]
        v = [float(t) for t in tokens[i:i + n]]
        i += n
        if up == "Z":
            x, y = sx, sy
        elif up == "H":
            x = x + v[0] if rel else v[0]
        elif up == "V":
            y = y + v[0] if rel else v[0]
        else:
            x, y = (x + v[-2], y + v[-1]) if rel else (v[-2], v[-1])
        if up == "M":
            sx, sy = x, y
            cmd = "l" if rel else "L"
        pts.append((x, y))
    return pts


def test_parse_transform_composes_left_to_right():
    m = parse_transform("translate(10 20) scale(2)")
    assert m == (2, 0, 0, 2, 10, 20)
    assert parse_transform("scale(1,-1)") == (1, 0, 0, -1, 0, 0)
    assert parse_transform("matrix(1 0 0 1 5 6)") == (1, 0, 0, 1, 5, 6)
    assert parse_transform(None) == IDENTITY


def test_parse_transform_refuses_what_it_cannot_read():
    with pytest.raises(ValueError, match="rotate"):
        parse_transform("rotate(30)")
    with pytest.raises(ValueError, match="cannot read"):
        parse_transform("translate(1 2) junk")


def test_transform_path_maps_every_point():
    d = "M 794 531 L 1825 531 Q 10 20 30 -40 T 5 5 H 100 V -380 C 1 2 3 4 5 6 Z m 10 10 l 5 5 z"
    m = (0.5, 0, 0, -2, 7, 3)
    out = transform_path(d, m, digits=3)
    assert out.startswith("M404-1059") and out.count("M") == 1, out
    want = [(m[0] * x + m[4], m[3] * y + m[5]) for x, y in absolute_points(d)]
    got = absolute_points(out)
    assert len(got) == len(want)
    assert np.allclose(got, want, atol=1e-3)


def test_numbers_keep_their_zeros_and_need_no_space_before_a_minus():
    assert transform_path("M0 0L-380 100", IDENTITY, digits=0) == "M0 0l-380 100"
    assert transform_path("M0 0L10 -20", IDENTITY, digits=1) == "M0 0l10-20"
    assert transform_path("M0.25 0L0.5 0", IDENTITY, digits=1) == "M0.2 0l0.3 0"   # rounded where it lands


def test_transform_path_reports_cut_short_data():
    with pytest.raises(ValueError, match="cut short"):
        transform_path("M0 0 L 5", IDENTITY)
    with pytest.raises(ValueError, match="starts with a number"):
        transform_path("5 5", IDENTITY)


def test_an_arc_under_a_flip_changes_its_sweep():
    out = transform_path("M0 0 A 5 5 0 0 1 10 0", (2, 0, 0, -1, 0, 0))
    assert out == "M0 0a10 5 0 0 0 20 0"


def _figure():
    fig, ax = plotting.new_figure(2, width=6.4, height=3.0)
    x = np.logspace(0, 3, 40)
    ax[0].loglog(x, x ** 2, "o-", ms=3, label=r"$\partial L/\partial w$")
    ax[0].set_xlabel("parameters $P$")
    ax[0].legend()
    ax[1].plot(np.linspace(-3, 3, 50), np.tanh(np.linspace(-3, 3, 50)), "s", ms=2)
    # overlapping markers with an outline: each one's fill must hide the outline of the one before
    ax[1].scatter(np.linspace(-1, 1, 30), np.zeros(30), s=120, c="#f59e0b", edgecolors="#111827")
    ax[1].set_title(r"$\sigma'(z) = \sigma(z)(1-\sigma(z))$")
    return fig


def _matplotlib_svg(fig=None) -> str:
    import io

    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    with plt.rc_context(plotting.STYLE):
        (fig or _figure()).savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue().decode()


def test_join_uses_leaves_no_use_and_fewer_elements():
    raw = _matplotlib_svg()
    joined = svgpath.join_uses(raw)
    assert raw.count("<use") > 100 and "<use" not in joined
    elements = lambda svg: len(re.findall(r"<[a-zA-Z]", svg)) + svg.count("<use")  # noqa: E731  a use copies its shape
    assert elements(joined) < elements(raw) * 0.4, (elements(joined), elements(raw))
    assert 'id="DejaVuSans' not in joined, "glyph shapes no longer used leave <defs>"
    assert re.search(r"clip-path=\"url\(#\w+\)\"", joined) and "<clipPath" in joined


def _draw_images(svgs: list[str]) -> list[np.ndarray]:
    """Each SVG drawn as an ``<img>`` in Chromium (at twice the pixels), as a grey-level image."""
    from playwright.sync_api import sync_playwright

    from bpdocs.sitebench import launch

    shots = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1000, "height": 600}, device_scale_factor=2)
        for svg in svgs:
            uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
            page.set_content(f'<body style="margin:0"><img id="f" src="{uri}"></body>')
            page.wait_for_function("document.getElementById('f').complete")
            shots.append(page.locator("#f").screenshot())
        browser.close()
    return [np.asarray(Image.open(BytesIO(png)).convert("L"), dtype=float) for png in shots]


def test_every_figure_of_the_site_draws_the_same_joined():
    from bpdocs.figures import FIGURES
    raws = [_matplotlib_svg(fn()) for fn in FIGURES.values()]
    images = _draw_images(raws + [svgpath.join_uses(r) for r in raws])
    n = len(raws)
    for name, a, b in zip(FIGURES, images[:n], images[n:]):
        assert a.shape == b.shape and (np.abs(a - b) > 96).sum() <= 20, f"figure {name} draws differently joined"


def test_joined_figure_draws_what_matplotlib_drew():
    raw = _matplotlib_svg()
    joined = svgpath.join_uses(raw)
    label = r'(<g [^>]*transform="translate\([^)]*\) scale\([^)]*\)">\s*<path d=")[^"]*'
    broken = re.sub(label, r"\1", joined, count=3)          # three labels drawn with nothing
    assert broken != joined
    a, b, c = _draw_images([raw, joined, broken])
    assert a.shape == b.shape == c.shape
    assert (a < 128).sum() > 2000, "nothing was drawn"
    assert (np.abs(a - b) > 96).sum() <= 20, "the joined figure draws differently"
    assert (np.abs(a - c) > 96).sum() > 100, "the comparison cannot see three labels gone"


def test_join_math_joins_glyphs_and_rules_and_keeps_what_it_cannot_draw():
    head = '<mjx-container><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    ok = (head + '<g fill="currentColor" transform="scale(1,-1)"><g data-mml-node="mi" transform="translate(5,0)">'
          '<path d="M0 0L1 1"/></g><rect x="0" y="2" width="3" height="1"/></g></svg></mjx-container>')
    assert svgpath.join_math(ok) == head + '<path fill="currentColor" d="M5 0l1-1M0-2h3v-1h-3z"></path></svg></mjx-container>'
    nested = head + '<g fill="currentColor"><svg><path d="M0 0L1 1"/></svg></g></svg></mjx-container>'
    coloured = head + '<g fill="currentColor"><g fill="red"><path d="M0 0L1 1"/></g></g></svg></mjx-container>'
    unreadable = head + '<g fill="currentColor"><path d="M0 0L1 1"></g></svg></mjx-container>'
    assert svgpath.join_math(nested) is None and svgpath.join_math(coloured) is None
    assert svgpath.join_math(unreadable) is None
