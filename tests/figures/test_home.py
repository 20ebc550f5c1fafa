"""bpdocs/figures/home.py: the home page's graph."""

from __future__ import annotations

import pytest

from bpdocs.examples import calculus


def test_home_graph_carries_the_chain_rule_gradient():
    from bpdocs.autodiff import trace
    from bpdocs.figures.home import chain_rule_graph_root

    for x0 in (-1.0, 0.5, 2.0):
        root = chain_rule_graph_root(x0)
        nodes, _ = trace(root)
        x = next(n for n in nodes if n.label == "x")
        assert x.grad == pytest.approx(calculus.chain_rule_derivative(x0))
        assert root.data == pytest.approx(calculus.f_of_g(x0))
        labels = {n.label for n in nodes}
        assert {"x", "3x", "u", "y"} <= labels
