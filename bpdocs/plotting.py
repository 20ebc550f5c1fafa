"""The figures' style: one palette and `new_figure`, which makes a figure in it.

Figures are pure functions that return a `matplotlib.figure.Figure`, made with
`Figure()` directly: importing this module leaves matplotlib's backend alone.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib
from matplotlib.figure import Figure

#: One palette for every figure. The figures sit on an opaque white card, so they
#: read the same in the light and the dark palette of the site.
COLORS = {
    "blue": "#1f4e9c",
    "orange": "#c2410c",
    "green": "#15803d",
    "purple": "#7e22ce",
    "grey": "#4b5563",
    "red": "#b91c1c",
}

STYLE = {
    "svg.hashsalt": "bpdocs",  # fixed ids inside the SVG
    "svg.fonttype": "path",  # text as paths: no font is needed to view it
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.edgecolor": "#374151",
    "axes.labelcolor": "#111827",
    "text.color": "#111827",
    "xtick.color": "#374151",
    "ytick.color": "#374151",
    "axes.grid": True,
    "grid.color": "#e5e7eb",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 11,
    "axes.titlesize": 12,
    "legend.frameon": False,
    "figure.dpi": 100,
    "path.simplify": False,
}


def new_figure(
    ncols: int = 1, nrows: int = 1, width: float = 6.4, height: float = 4.0, **kw
):
    """A figure in the site's style: ``fig, axes = new_figure(2)``."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=True, **kw)
    return fig, axes


def show(fig: Figure, alt: str):
    """Show ``fig`` in a notebook as the site draws it: SVG, with ``alt`` text."""
    from IPython.display import HTML

    data = base64.b64encode(svg_bytes(fig)).decode("ascii")
    return HTML(
        f'<img alt="{html.escape(alt)}" src="data:image/svg+xml;base64,{data}">'
    )


def svg_bytes(fig: Figure) -> bytes:
    """``fig`` as SVG bytes, drawn in the site's style."""
    buf = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()
