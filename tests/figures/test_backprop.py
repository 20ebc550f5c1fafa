"""The backpropagation page's figures, found by gid and label.

The graph shows bpdocs' own numbers, legibly; the cost figure plots the counts it has.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from bpdocs.autodiff import Value
from bpdocs.examples import twolayer
from bpdocs.figures import FIGURES
from bpdocs.figures import backprop as figs
from sitebuild.drawfigures import render_svg
from tests.conftest import by_gid

NUMBER = re.compile(r"-?\d+\.\d+")


def shown_number(text) -> float:
    """The number a graph label shows, written with a Unicode minus or mathtext {-}."""
    s = text.get_text().replace("\u2212", "-").replace("{-}", "-")
    return float(NUMBER.findall(s)[-1])


@pytest.fixture(scope="module")
def graph():
    return figs.computational_graph()


def labels(fig):
    """{gid: Text} for the value and gradient labels of the graph."""
    return {
        f"{kind}-{name}": by_gid(fig, f"{kind}-{name}")
        for name in figs.NODES
        for kind in ("value", "grad")
    }


def test_both_figures_are_registered():
    assert FIGURES["backprop-graph"] is figs.computational_graph
    assert FIGURES["backprop-cost"] is figs.gradient_cost


def test_graph_has_every_node_and_edge(graph):
    assert set(figs.NODES) == {"x", "W", "b", "z1", "a", "V", "c", "z2", "y", "t", "L"}
    shown = labels(graph)
    assert set(shown) == {
        f"{kind}-{n}" for n in figs.NODES for kind in ("value", "grad")
    }
    # one arrow per edge, plus the two "forward" and "backward" arrows
    arrows = [
        t
        for t in by_gid(graph, "graph").texts
        if getattr(t, "arrow_patch", None) is not None
    ]
    assert len(arrows) == len(figs.EDGES) + 2


def test_graph_numbers_are_forward_and_backward_of_bpdocs(graph):
    params, x, t = twolayer.scalar_example()
    cache = twolayer.forward(params, x, t)
    grads = twolayer.backward(params, cache)
    expected_value = {**{p: params[p] for p in twolayer.PARAMS}, **cache}
    shown = labels(graph)
    for name in ["W", "b", "V", "c", "x", "z1", "a", "z2", "y", "t", "L"]:
        assert shown_number(shown[f"value-{name}"]) == pytest.approx(
            float(np.squeeze(expected_value[name])), abs=5e-5
        )
    for name in ["W", "b", "V", "c", "z1", "a", "z2", "y"]:
        assert shown_number(shown[f"grad-{name}"]) == pytest.approx(
            float(np.squeeze(grads[name])), abs=5e-5
        )
    assert (
        "delta_1" in shown["grad-z1"].get_text()
        and "delta_2" in shown["grad-z2"].get_text()
    )
    assert shown_number(shown["grad-L"]) == 1.0


def test_graph_numbers_agree_with_the_autodiff_engine(graph):
    """Every node of the 1-1-1 network, rebuilt from scalar Values: the same numbers."""
    params, x, t = twolayer.scalar_example()
    v = {
        name: Value(float(np.squeeze(a)))
        for name, a in {**params, "x": x, "t": t}.items()
    }
    v["z1"] = v["W"] * v["x"] + v["b"]
    v["a"] = v["z1"].sigmoid()
    v["z2"] = v["V"] * v["a"] + v["c"]
    v["y"] = v["z2"].sigmoid()
    v["L"] = 0.5 * (v["y"] - v["t"]) ** 2
    v["L"].backward()
    shown = labels(graph)
    for name in figs.NODES:
        assert shown_number(shown[f"value-{name}"]) == pytest.approx(
            v[name].data, abs=5e-5
        ), name
        assert shown_number(shown[f"grad-{name}"]) == pytest.approx(
            v[name].grad, abs=5e-5
        ), name
    assert figs.graph_values()["x"][1] == pytest.approx(v["x"].grad, rel=1e-12)
    assert figs.graph_values()["t"][1] == pytest.approx(v["t"].grad, rel=1e-12)


def test_graph_labels_do_not_overlap_and_stay_inside(graph):
    renderer = FigureCanvasAgg(graph).get_renderer()
    graph.draw(renderer)
    texts = [t for t in by_gid(graph, "graph").texts if t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    fig_box = graph.bbox
    for i, a in enumerate(boxes):
        assert (
            fig_box.x0 <= a.x0
            and a.x1 <= fig_box.x1
            and fig_box.y0 <= a.y0
            and a.y1 <= fig_box.y1
        ), texts[i].get_text()
        for j in range(i + 1, len(boxes)):
            assert not a.overlaps(boxes[j]), (texts[i].get_text(), texts[j].get_text())
    # and each node's three lines sit inside its own box
    assert len(by_gid(graph, "graph").patches) == len(figs.NODES)
    for name in figs.NODES:
        frame = by_gid(graph, f"box-{name}").get_window_extent(renderer)
        for kind in ("value", "grad"):
            label = labels(graph)[f"{kind}-{name}"].get_window_extent(renderer)
            assert frame.x0 <= label.x0 and label.x1 <= frame.x1, (name, kind)


def test_cost_table_counts_what_it_claims():
    rows = figs.cost_table()
    assert [r.width for r in rows] == figs.WIDTHS
    for r in rows:
        w = r.width
        assert r.measured == (w <= figs.MEASURED_UP_TO)
        assert r.params == 2 * w * w + 2 * w
        assert (r.forward, r.backward) == (2 * w * w, 3 * w * w)
        assert r.numerical_calls == 2 * r.params
        assert r.numerical == 2 * r.params * r.forward
    assert sum(r.measured for r in rows) >= 4  # several are run, not extrapolated


def test_cost_figure_plots_the_table():
    rows = figs.cost_table()
    fig = figs.gradient_cost()
    ax_abs, ax_rel = by_gid(fig, "multiply-adds"), by_gid(fig, "forward-passes")
    lines = {line.get_label(): line for line in ax_abs.lines}
    P = [r.params for r in rows]
    assert lines["forward pass"].get_xdata().tolist() == P
    assert lines["forward pass"].get_ydata().tolist() == [r.forward for r in rows]
    assert lines["backward pass"].get_ydata().tolist() == [r.backward for r in rows]
    run = lines["numerical, run and counted"]
    assert run.get_ydata().tolist() == [r.numerical for r in rows if r.measured]
    extrapolated = next(
        line
        for label, line in lines.items()
        if label.startswith("numerical, extrapolated")
    )
    assert extrapolated.get_linestyle() == "--"
    # the dashed line continues from the last run point
    assert extrapolated.get_xdata()[0] == run.get_xdata()[-1]
    assert extrapolated.get_ydata().tolist()[1:] == [
        2 * r.params * r.forward for r in rows if not r.measured
    ]

    rel = {line.get_label(): line for line in ax_rel.lines}
    backward = next(line for label, line in rel.items() if label.startswith("backward"))
    assert backward.get_label() == "backward: 1.5"
    assert np.allclose(backward.get_ydata(), 1.5)
    counted_calls = rel["numerical, run and counted"]
    assert counted_calls.get_ydata().tolist() == [
        2 * r.params for r in rows if r.measured
    ]
    for ax in fig.axes:
        assert ax.get_xscale() == ax.get_yscale() == "log"


@pytest.mark.parametrize("name", ["backprop-graph", "backprop-cost"])
def test_figures_render_to_identical_svg_twice(name):
    assert render_svg(FIGURES[name]()) == render_svg(FIGURES[name]())
