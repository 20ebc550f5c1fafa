"""Draw the figures of a ``FIGURES`` registry as SVG, the same from run to run.

The figures hook runs it in a fresh Python (``python -m sitebuild.drawfigures OUT``),
so an edit to bpdocs is always drawn with the new code.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import traceback
from pathlib import Path

from matplotlib.figure import Figure

from bpdocs.plotting import svg_bytes


def render_svg(fig: Figure) -> bytes:
    """``fig`` as SVG bytes, the same from run to run; TypeError if it is no Figure."""
    if not isinstance(fig, Figure):
        got = type(fig).__name__
        raise TypeError(f"a figure function must return a matplotlib Figure, got {got}")
    return svg_bytes(fig)


def load_figures(module_name: str) -> dict:
    """The ``FIGURES`` registry, ``{name: function}``, of module ``module_name``."""
    module = importlib.import_module(module_name)
    figures = getattr(module, "FIGURES", None)
    if not isinstance(figures, dict):
        raise TypeError(f"{module_name} has no FIGURES dict")
    return figures


def render_all(module_name: str, out_dir: Path, names=None) -> dict:
    """Draw each figure of ``module_name`` into ``out_dir``; return ``{name: err}``."""
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
    """``python -m sitebuild.drawfigures OUT_DIR [--module M] [NAME ...]``."""
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
