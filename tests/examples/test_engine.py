"""The engine's versions of the source's examples: closed forms, central differences."""

import math

import numpy as np
import pytest

from bpdocs.autodiff import Value, topological_order, trace
from bpdocs.examples import descent, twolayer
from bpdocs.examples import multivariable as mv
from bpdocs.examples.calculus import central_difference, chain_rule_derivative, f_of_g
from bpdocs.examples.engine import (
    as_values,
    dot,
    gates,
    linear_loss,
    linear_loss_gradients,
    multivariable,
    single_variable,
    two_layer,
)
from bpdocs.gradcheck import numerical_gradient


@pytest.mark.parametrize("x", [-1.0, 0.0, 0.5, 2.0, -0.3])
def test_single_variable_matches_6_3x_plus_1(x):
    assert single_variable(x) == pytest.approx(6 * (3 * x + 1), abs=1e-12)
    assert single_variable(x) == pytest.approx(chain_rule_derivative(x), abs=1e-12)
    assert single_variable(x) == pytest.approx(
        central_difference(f_of_g, x), rel=1e-8, abs=1e-8
    )


@pytest.mark.parametrize("t", [-1.0, 0.3, 0.7, 1.2, 2.0])
def test_multivariable_path_terms_and_total(t):
    total, via_x, via_y = multivariable(t)
    assert total == pytest.approx(via_x + via_y, abs=1e-12)  # t.grad sums the two paths
    # closed forms of the two path terms: 2x * 2t = 4t^3 and 2y * cos t = 2 sin t cos t
    assert via_x == pytest.approx(4 * t**3, abs=1e-12)
    assert via_y == pytest.approx(2 * math.sin(t) * math.cos(t), abs=1e-12)
    assert (via_x, via_y) == pytest.approx(
        tuple(map(float, mv.path_terms(t))), abs=1e-12
    )
    # the total derivative against a central difference of f(t^2, sin t)
    assert via_x + via_y == pytest.approx(
        central_difference(lambda s: s**4 + math.sin(s) ** 2, t), rel=1e-8
    )
    assert via_x + via_y == pytest.approx(float(mv.df_dt_closed_form(t)), abs=1e-12)


def test_two_layer_matches_closed_form_deltas_on_the_page_instance():
    params, x, t = twolayer.example()
    L, engine = two_layer(params, x, t)
    cache = twolayer.forward(params, x, t)
    closed = twolayer.backward(params, cache)
    assert L == pytest.approx(cache["L"], abs=1e-15)
    for name in twolayer.PARAMS:
        assert engine[name].shape == params[name].shape
        np.testing.assert_allclose(engine[name], closed[name], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("n, h, k, seed", [(1, 1, 1, 0), (2, 3, 1, 1), (3, 2, 2, 2)])
def test_two_layer_matches_central_differences(n, h, k, seed):
    rng = np.random.default_rng(seed)
    params = {
        "W": rng.normal(size=(h, n)),
        "b": rng.normal(size=(h, 1)),
        "V": rng.normal(size=(k, h)),
        "c": rng.normal(size=(k, 1)),
    }
    x, t = rng.normal(size=(n, 1)), rng.uniform(size=(k, 1))
    _, engine = two_layer(params, x, t)
    for name in twolayer.PARAMS:
        numeric = numerical_gradient(
            lambda P, name=name: two_layer({**params, name: P}, x, t)[0],
            params[name].copy(),
        )
        np.testing.assert_allclose(engine[name], numeric, rtol=1e-6, atol=1e-9)


def test_two_layer_rejects_shapes_that_do_not_fit():
    params, x, t = twolayer.example()
    with pytest.raises(ValueError, match=r"x has shape \(2, 1\), expected \(3, 1\)"):
        two_layer(params, x[:2], t)


def test_as_values_and_dot():
    rows = as_values(np.array([[1.0, 2.0], [3.0, 4.0]]), "W")
    assert [[v.label for v in row] for row in rows] == [
        ["W[0,0]", "W[0,1]"],
        ["W[1,0]", "W[1,1]"],
    ]
    s = dot(rows[1], [10.0, 100.0])
    s.backward()
    assert s.data == 430.0
    assert [v.grad for v in rows[1]] == [10.0, 100.0]


@pytest.mark.parametrize(
    "w, b, x, y", [(0.5, 0.25, 2.0, 3.0), (2.0, -1.0, 0.5, 1.5), (-0.3, 0.8, -1.5, 0.4)]
)
def test_linear_loss_gradients_match_2r_x_and_2r(w, b, x, y):
    dw, db = linear_loss_gradients(w, b, x, y)
    r = w * x + b - y
    assert (dw, db) == pytest.approx(
        (2 * r * x, 2 * r), abs=1e-12
    )  # the closed forms on the page
    assert (dw, db) == pytest.approx(descent.gradients(w, b, x, y), abs=1e-12)
    loss = lambda w_, b_: (w_ * x + b_ - y) ** 2  # noqa: E731
    assert dw == pytest.approx(
        central_difference(lambda v: loss(v, b), w), rel=1e-7, abs=1e-8
    )
    assert db == pytest.approx(
        central_difference(lambda v: loss(w, v), b), rel=1e-7, abs=1e-8
    )


def test_linear_loss_graph_is_labelled_and_builds_subtraction_from_primitives():
    L, inputs = linear_loss(0.5, 0.25, 2.0, 3.0)
    nodes, edges = trace(L)
    assert L.data == pytest.approx(3.0625)
    assert [n.label for n in nodes if n.label] == [
        "w",
        "x",
        "wx",
        "b",
        "wx + b",
        "y",
        "-y",
        "r",
        "L",
    ]
    assert sorted(n._op for n in nodes if n._prev) == [
        "*",
        "*",
        "**2",
        "+",
        "+",
    ]  # no '-' node: it is + and * -1
    assert len(nodes) == 10 and len(edges) == 9
    assert set(inputs) == {"w", "x", "b", "y"}


def test_quotient_rule_falls_out_of_the_primitives():
    # the page's closed forms: d(a/b)/da = 1/b and d(a/b)/db = -a/b^2
    for a0, b0 in [(3.0, 2.0), (-1.5, 0.4), (2.0, -5.0)]:
        a, b = Value(a0), Value(b0)
        (a / b).backward()
        assert a.grad == pytest.approx(1 / b0)
        assert b.grad == pytest.approx(-a0 / b0**2)
        assert a.grad == pytest.approx(
            central_difference(lambda v, b0=b0: v / b0, a0), rel=1e-8
        )
        assert b.grad == pytest.approx(
            central_difference(lambda v, a0=a0: a0 / v, b0), rel=1e-7
        )


def test_a_chain_of_100000_operations_needs_no_recursion():
    n, c = 100_000, 1.00001
    x = Value(2.0)
    y = x
    for _ in range(n):
        y = y * c
    y.backward()  # a recursive topological sort raises RecursionError here
    assert len(topological_order(y)) == 2 * n + 1
    assert x.grad == pytest.approx(c**n, rel=1e-12)


def test_a_node_used_three_times_accumulates_every_use():
    x = Value(3.0)
    f = x * x + x
    f.backward()
    assert x.grad == 7.0  # 2x + 1
    f.backward()
    assert x.grad == 7.0  # backward resets before it accumulates


@pytest.mark.parametrize(
    "x, y, w", [(3.0, -4.0, 2.0), (-1.0, 0.5, 2.0), (0.7, 2.0, -3.0)]
)
def test_gates_match_the_derivatives_by_hand_and_central_differences(x, y, w):
    """f = 2 (xy + max(x, w)): df/dx = 2(y + [x > w]); df/dy = 2x, df/dw = 2[w > x]."""
    f, inputs = gates(x, y, w)
    assert f.data == 2 * (x * y + max(x, w))
    grads = [inputs[name].grad for name in "xyw"]
    assert grads == [2 * (y + (x > w)), 2 * x, 2 * (w > x)]
    by_hand = lambda x_, y_, w_: 2 * (x_ * y_ + max(x_, w_))  # noqa: E731
    numeric = [
        central_difference(lambda v: by_hand(v, y, w), x),
        central_difference(lambda v: by_hand(x, v, w), y),
        central_difference(lambda v: by_hand(x, y, v), w),
    ]
    assert grads == pytest.approx(numeric, rel=1e-7, abs=1e-8)


def test_gates_shows_every_pattern_on_the_page_instance():
    """The numbers the page reads off the graph, node by node."""
    f, inputs = gates()
    nodes = {node.label: node for node in trace(f)[0] if node.label}
    assert set(nodes) == {"x", "y", "w", "xy", "max(x, w)", "s", "f"}
    assert nodes["s"].grad == 2.0  # the last gate, s * 2, swaps: s gets 2 * 1
    assert nodes["xy"].grad == nodes["max(x, w)"].grad == 2.0  # add distributes
    assert (inputs["x"].grad, inputs["w"].grad) == (-6.0, 0.0)  # max routes to x
    assert inputs["y"].grad == 6.0  # multiply swaps: 2 * x
    assert inputs["x"].grad == 2.0 * -4.0 + 2.0  # fan-out adds the two shares
