"""The graph figure: the engine's trace, laid out by depth, legible, deterministic."""

import itertools
import time

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from bpdocs.autodiff import Value, trace
from bpdocs.examples.engine import gates, linear_loss
from bpdocs.figures import FIGURES, graph
from sitebuild.drawfigures import render_svg
from tests.conftest import by_gid


def _built_loss():
    L, inputs = linear_loss(0.5, 0.25, 2.0, 3.0)
    L.backward()
    return L, inputs


@pytest.mark.parametrize(
    "name, draw",
    [
        ("autodiff-graph", graph.linear_loss_graph),
        ("autodiff-gates", graph.gates_graph),
    ],
)
def test_registered_and_fast(name, draw):
    assert FIGURES[name] is draw
    start = time.perf_counter()
    fig = draw()
    assert time.perf_counter() - start < 1.5
    assert fig.get_size_inches()[0] <= 8.5  # about the page's width: text not shrunk


@pytest.mark.parametrize("draw", [graph.linear_loss_graph, graph.gates_graph])
def test_svg_is_byte_identical_on_rebuild(draw):
    assert render_svg(draw()) == render_svg(draw())


def test_columns_count_steps_to_the_root_and_edges_go_left_to_right():
    L, inputs = _built_loss()
    col = graph.columns(L)
    nodes, edges = trace(L)
    assert col[L] == max(col.values()) == 4
    assert col[inputs["w"]] == col[inputs["x"]] == 0
    assert col[inputs["b"]] == col[inputs["y"]] == 1
    assert all(col[child] < col[node] for child, node in edges)


def test_layout_gives_each_node_its_own_place():
    for root in (_built_loss()[0], _used_twice()):
        pos = graph.layout(root)
        for (xa, ya), (xb, yb) in itertools.combinations(pos.values(), 2):
            assert xa != xb or abs(ya - yb) >= graph.ROW_STEP - 1e-9


def _used_twice():
    x = Value(3.0, label="x")
    f = x * x + x
    f.backward()
    return f


def test_boxes_show_op_data_and_grad_from_the_engine():
    L, inputs = _built_loss()
    assert graph.describe(inputs["w"]) == ["w", "input", "data 0.5", "grad -7"]
    assert graph.describe(inputs["b"]) == ["b", "input", "data 0.25", "grad -3.5"]
    assert graph.describe(L) == ["L", "op **2", "data 3.0625", "grad 1"]
    minus_one = next(n for n in trace(L)[0] if not n._prev and not n.label)
    assert graph.describe(minus_one) == ["-1", "constant", "data -1", "grad -10.5"]
    fig = graph.linear_loss_graph()
    ax = by_gid(fig, "graph")
    texts = [t.get_text() for t in ax.texts]
    assert "data 0.5\ngrad -7" in texts and "data 2\ngrad -1.75" in texts
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert (len(boxes), len(arrows)) == (10, 9)


@pytest.mark.parametrize(
    "build",
    [
        lambda: graph.linear_loss_graph(),
        lambda: graph.draw_graph(_used_twice(), "x*x + x"),
        lambda: graph.gates_graph(),
    ],
)
def test_no_label_overlaps_another_and_each_stays_in_its_box(build):
    fig = build()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = by_gid(fig, "graph")
    texts = [t.get_window_extent(renderer) for t in ax.texts]
    for a, b in itertools.combinations(texts, 2):
        assert not a.overlaps(b), "two labels overlap"
    boxes = [
        p.get_window_extent(renderer)
        for p in ax.patches
        if isinstance(p, FancyBboxPatch)
    ]
    for t in texts:
        assert any(
            box.x0 <= t.x0 and t.x1 <= box.x1 and box.y0 <= t.y0 and t.y1 <= box.y1
            for box in boxes
        ), "a label sticks out of its box"
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), "two boxes overlap"
    title = by_gid(fig, "title").get_window_extent(renderer)
    assert title.y0 >= max(b.y1 for b in boxes), "the title runs into a box"
    assert (
        fig.bbox.x0 <= title.x0 and title.x1 <= fig.bbox.x1 and title.y1 <= fig.bbox.y1
    ), "the title is cut off"
    fig_box = fig.bbox
    assert all(
        fig_box.x0 <= b.x0 and b.x1 <= fig_box.x1 and fig_box.y0 <= b.y0 for b in boxes
    )


def _branchy():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    g = (a * b).exp() + a * (b + a).tanh() + b
    g.backward()
    return g


@pytest.mark.parametrize(
    "build", [lambda: _built_loss()[0], _used_twice, _branchy, lambda: gates()[0]]
)
def test_no_arrow_runs_through_a_box_it_does_not_join(build):
    root = build()
    pos = graph.layout(root)
    paths = graph.edge_paths(root, pos)
    assert len(paths) == len(trace(root)[1])
    for points, child, node in paths:
        for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
            for s in [i / 50 for i in range(51)]:
                px, py = xa + s * (xb - xa), ya + s * (yb - ya)
                for other, (ox, oy) in pos.items():
                    inside = (
                        abs(px - ox) < graph.BOX_W / 2 - 1e-9
                        and abs(py - oy) < graph.BOX_H / 2 - 1e-9
                    )
                    assert not inside or other in (child, node), (
                        f"an arrow crosses the box of {other!r}"
                    )


def test_the_gates_graph_shows_each_pattern_in_its_boxes():
    """Each box of the gates figure holds the engine's data and grad for its node."""
    ax = by_gid(graph.gates_graph(), "graph")
    texts = [t.get_text() for t in ax.texts]
    for name, data, grad in [
        ("x", 3, -6),  # fan-out: -8 through xy plus 2 through max
        ("y", -4, 6),
        ("w", 2, 0),  # max routes nothing to the smaller input
        ("xy", -12, 2),
        ("max(x, w)", 3, 2),
        ("s", -9, 2),
        ("f", -18, 1),
    ]:
        assert name in texts
        assert f"data {data}\ngrad {grad}" in texts
    assert "op max" in texts
