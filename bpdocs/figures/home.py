"""The home page's preview: a small computational graph, its values and gradients."""

from __future__ import annotations

from bpdocs.autodiff import Value
from bpdocs.figures.graph import draw_graph


def chain_rule_graph_root(x: float = 0.5) -> Value:
    r"""The §1 example $y = (3x+1)^2$ built by the engine, after ``y.backward()``."""
    xv = Value(x, label="x")
    t = 3 * xv
    t.label = "3x"
    u = t + 1
    u.label = "u"
    y = u**2
    y.label = "y"
    y.backward()
    return y


def preview_graph(x: float = 0.5):
    """The graph of ``chain_rule_graph_root``: data flows right, gradients flow left."""
    return draw_graph(
        chain_rule_graph_root(x),
        f"y = (3x + 1)²  at  x = {x:g}: data forward, grad backward "
        "(dy/dx = 6(3x + 1))",
    )


FIGURES = {"home-graph": preview_graph}
