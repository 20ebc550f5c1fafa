"""Figure style and deterministic SVG rendering for the bpdocs site.

Figures are pure functions that return a `matplotlib.figure.Figure`.
The build hook (``docs/.hooks/figures.py``) renders them with `render_svg`,
in a subprocess (``python -m bpdocs.plotting OUT_DIR``), so that an edit to bpdocs
is always drawn with the new code.
"""

from __future__ import annotations

import argparse
import base64
import html
import importlib
import io
import json
import sys
import traceback
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from bpdocs.svgpath import join_uses  # noqa: E402

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
    "svg.hashsalt": "bpdocs",          # fixed ids inside the SVG
    "svg.fonttype": "path",            # text as paths: no font is needed to view it
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


# --8<-- [start:new_figure]
def new_figure(ncols: int = 1, nrows: int = 1, width: float = 6.4, height: float = 4.0, **kw):
    """A figure in the site's style: ``fig, axes = new_figure(2)``."""
    with plt.rc_context(STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=True, **kw)
    return fig, axes
# --8<-- [end:new_figure]


def render_svg(fig: Figure) -> bytes:
    """Render ``fig`` to SVG bytes that are identical from one run to the next.

    Each character and tick mark, a ``<use>`` in Matplotlib's SVG, is drawn as part of one path
    (`bpdocs.svgpath.join_uses`): the same picture, with a third to a half of the elements.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"a figure function must return a matplotlib Figure, got {type(fig).__name__}")
    buf = io.BytesIO()
    with plt.rc_context(STYLE):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return join_uses(buf.getvalue().decode("utf8")).encode("utf8")


def show(fig: Figure, alt: str):
    """Display ``fig`` in a notebook as the site draws it: SVG, with ``alt`` text saying what it shows."""
    from IPython.display import HTML

    if len(alt.split()) < 4:
        raise ValueError(f"a figure needs alt text that says what it shows, got {alt!r}")
    data = base64.b64encode(render_svg(fig)).decode("ascii")
    return HTML(f'<img alt="{html.escape(alt)}" src="data:image/svg+xml;base64,{data}">')


def load_figures(module_name: str) -> dict:
    """The ``FIGURES`` registry, ``{name: function}``, of module ``module_name``."""
    module = importlib.import_module(module_name)
    figures = getattr(module, "FIGURES", None)
    if not isinstance(figures, dict):
        raise TypeError(f"{module_name} has no FIGURES dict")
    return figures


def render_all(module_name: str, out_dir: Path, names=None) -> dict:
    """Render each figure of ``module_name`` to ``out_dir/NAME.svg``; return ``{name: error}``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = load_figures(module_name)
    errors = {}
    for name in names or sorted(figures):
        fn = figures.get(name)
        if fn is None:
            errors[name] = f"no figure named {name!r} in {module_name}.FIGURES"
            continue
        try:
            svg = render_svg(fn())
        except Exception:
            where = f"{fn.__module__}.{fn.__qualname__}"
            errors[name] = f"{where}() raised:\n{traceback.format_exc(limit=-3)}"
            continue
        (out_dir / f"{name}.svg").write_bytes(svg)
    return errors


def main(argv=None) -> int:
    """``python -m bpdocs.plotting OUT_DIR [--module M] [NAME ...]``: render figures as SVG."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--module", default="bpdocs.figures")
    args = parser.parse_args(argv)
    errors = render_all(args.module, args.out_dir, args.names or None)
    json.dump(errors, sys.stdout)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
