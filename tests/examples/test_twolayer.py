"""The two-layer network of the backpropagation page.

Every formula against central differences, HIPS autograd and bpdocs.autodiff; shapes;
errors; the update; the operation counts.
"""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad as autograd_grad

from bpdocs.autodiff import Value
from bpdocs.examples import twolayer
from bpdocs.examples.twolayer import (
    PARAMS,
    CountingArray,
    backward,
    backward_update_as_you_go,
    check_gradients,
    check_inputs,
    counted,
    counting_instance,
    example,
    forward,
    gradient_step,
    measure_cost,
    pass_costs,
    random_instance,
    scalar_example,
)
from bpdocs.gradcheck import GradcheckError, numerical_gradient
from bpdocs.layers import sigmoid

SHAPES = [(3, 4, 2), (1, 1, 1), (5, 2, 3), (2, 6, 1)]


def instances():
    """The page's example, the graph's 1-1-1 example, random nets of other shapes."""
    yield example()
    yield scalar_example()
    for i, (n, h, k) in enumerate(SHAPES):
        yield random_instance(n, h, k, seed=i)


# --------------------------------------------------------------------------------------
# Forward
# --------------------------------------------------------------------------------------


def test_forward_values_and_shapes_on_the_example():
    params, x, t = example()
    cache = forward(params, x, t)
    n, h, k = 3, 4, 2
    shapes = {
        "x": (n, 1),
        "z1": (h, 1),
        "a": (h, 1),
        "z2": (k, 1),
        "y": (k, 1),
        "t": (k, 1),
    }
    assert {name: cache[name].shape for name in shapes} == shapes
    W, b, V, c = (params[p] for p in PARAMS)
    a = 1 / (1 + np.exp(-(W @ x + b)))
    y = 1 / (1 + np.exp(-(V @ a + c)))
    assert np.allclose(cache["a"], a) and np.allclose(cache["y"], y)
    assert cache["L"] == pytest.approx(0.5 * ((y - t) ** 2).sum())
    assert isinstance(cache["L"], float)


def test_example_has_readable_nonzero_entries():
    params, x, t = example()
    assert {name: p.shape for name, p in params.items()} == {
        "W": (4, 3),
        "b": (4, 1),
        "V": (2, 4),
        "c": (2, 1),
    }
    for p in params.values():
        assert np.all(np.abs(p) >= 0.1) and np.allclose(p, np.round(p, 1))
    assert (
        example()[0]["W"].tolist() == params["W"].tolist()
    )  # seeded: the page's numbers are fixed


# --------------------------------------------------------------------------------------
# Backward against central differences
# --------------------------------------------------------------------------------------


def loss_of(params, x, t, name):
    """L as a function of parameter `name` alone (numerical_gradient nudges it)."""
    return lambda P: forward({**params, name: P}, x, t)["L"]


@pytest.mark.parametrize(
    "instance", list(instances()), ids=["example", "scalar"] + [f"{s}" for s in SHAPES]
)
def test_every_parameter_gradient_matches_central_differences(instance):
    params, x, t = instance
    grads = backward(params, forward(params, x, t))
    for name in PARAMS:
        numeric = numerical_gradient(loss_of(params, x, t, name), params[name].copy())
        assert grads[name].shape == params[name].shape
        assert np.allclose(grads[name], numeric, rtol=1e-6, atol=1e-9), name


@pytest.mark.parametrize(
    "instance", list(instances()), ids=["example", "scalar"] + [f"{s}" for s in SHAPES]
)
def test_error_signals_match_central_differences_in_z(instance):
    """delta2 = dL/dz2 and delta1 = dL/dz1, with z2 and z1 nudged directly."""
    params, x, t = instance
    cache = forward(params, x, t)
    grads = backward(params, cache)
    V, c = params["V"], params["c"]

    def loss_from_z2(z2):
        return 0.5 * float(np.sum((sigmoid(z2) - t) ** 2))

    def loss_from_z1(z1):
        return loss_from_z2(V @ sigmoid(z1) + c)

    def loss_from_a(a):
        return loss_from_z2(V @ a + c)

    assert np.allclose(
        grads["z2"],
        numerical_gradient(loss_from_z2, cache["z2"].copy()),
        rtol=1e-6,
        atol=1e-10,
    )
    assert np.allclose(
        grads["z1"],
        numerical_gradient(loss_from_z1, cache["z1"].copy()),
        rtol=1e-6,
        atol=1e-10,
    )
    assert np.allclose(
        grads["a"],
        numerical_gradient(loss_from_a, cache["a"].copy()),
        rtol=1e-6,
        atol=1e-10,
    )
    assert np.allclose(grads["y"], cache["y"] - cache["t"])


def test_backward_is_literally_the_page_formulas():
    params, x, t = example()
    cache = forward(params, x, t)
    g = backward(params, cache)
    y, a = cache["y"], cache["a"]
    delta2 = (y - t) * y * (1 - y)
    delta1 = (params["V"].T @ delta2) * a * (1 - a)
    assert np.array_equal(g["z2"], delta2) and np.array_equal(g["z1"], delta1)
    assert np.allclose(g["V"], np.outer(delta2, a)) and np.allclose(
        g["W"], np.outer(delta1, x)
    )
    assert np.array_equal(g["c"], delta2) and np.array_equal(g["b"], delta1)


def test_check_gradients_reports_small_errors_on_the_example():
    params, x, t = example()
    errors = check_gradients(params, x, t)
    assert set(errors) == set(PARAMS)
    assert all(0 <= e < 1e-7 for e in errors.values())


def test_check_gradients_catches_a_missing_sigmoid_derivative(monkeypatch):
    """Drop y(1 - y) from delta2 (as dz2 = a2 - y does): the check must fail."""
    real = twolayer.backward

    def wrong(params, cache):
        g = real(params, cache)
        delta2 = cache["y"] - cache["t"]
        g["c"], g["V"] = delta2, delta2 @ cache["a"].T
        return g

    monkeypatch.setattr(twolayer, "backward", wrong)
    params, x, t = example()
    with pytest.raises(GradcheckError, match="gradient mismatch"):
        twolayer.check_gradients(params, x, t)


# --------------------------------------------------------------------------------------
# Backward against HIPS autograd and bpdocs.autodiff
# --------------------------------------------------------------------------------------


def autograd_loss(W, b, V, c, x, t):
    """The same network written independently with autograd.numpy."""
    a = 1 / (1 + anp.exp(-(anp.dot(W, x) + b)))
    y = 1 / (1 + anp.exp(-(anp.dot(V, a) + c)))
    return 0.5 * anp.sum((y - t) ** 2)


@pytest.mark.parametrize(
    "instance", list(instances()), ids=["example", "scalar"] + [f"{s}" for s in SHAPES]
)
def test_every_gradient_matches_autograd(instance):
    params, x, t = instance
    cache = forward(params, x, t)
    grads = backward(params, cache)
    args = [params[p] for p in PARAMS] + [x, t]
    assert autograd_loss(*args) == pytest.approx(cache["L"], rel=1e-12)
    for i, name in enumerate(PARAMS):
        assert np.allclose(
            grads[name], autograd_grad(autograd_loss, i)(*args), rtol=1e-10, atol=1e-14
        ), name
    # the error signals, as gradients with respect to z2 and z1
    W, b, V, c = (params[p] for p in PARAMS)
    from_z2 = lambda z2: 0.5 * anp.sum((1 / (1 + anp.exp(-z2)) - t) ** 2)  # noqa: E731
    from_z1 = lambda z1: from_z2(anp.dot(V, 1 / (1 + anp.exp(-z1))) + c)  # noqa: E731
    assert np.allclose(
        grads["z2"], autograd_grad(from_z2)(cache["z2"]), rtol=1e-10, atol=1e-14
    )
    assert np.allclose(
        grads["z1"], autograd_grad(from_z1)(cache["z1"]), rtol=1e-10, atol=1e-14
    )


def value_network(params, x, t):
    """The network built from scalar `Value`s: (L, {name: 2-D list of Values})."""
    nodes = {
        name: [[Value(float(v)) for v in row] for row in arr]
        for name, arr in {**params, "x": x, "t": t}.items()
    }
    W, b, V, c, xs, ts = (nodes[k] for k in ("W", "b", "V", "c", "x", "t"))

    def layer(M, v, bias):
        return [
            [
                (
                    sum((M[i][j] * v[j][0] for j in range(len(v))), Value(0.0))
                    + bias[i][0]
                ).sigmoid()
            ]
            for i in range(len(M))
        ]

    a = layer(W, xs, b)
    y = layer(V, a, c)
    L = 0.5 * sum(((y[i][0] - ts[i][0]) ** 2 for i in range(len(y))), Value(0.0))
    nodes.update(a=a, y=y)
    return L, nodes


@pytest.mark.parametrize(
    "instance", list(instances()), ids=["example", "scalar"] + [f"{s}" for s in SHAPES]
)
def test_every_gradient_matches_bpdocs_autodiff(instance):
    params, x, t = instance
    cache = forward(params, x, t)
    grads = backward(params, cache)
    L, nodes = value_network(params, x, t)
    L.backward()
    assert L.data == pytest.approx(cache["L"], rel=1e-12)
    for name in ["W", "b", "V", "c", "a", "y"]:
        got = np.array([[v.grad for v in row] for row in nodes[name]])
        assert np.allclose(grads[name], got, rtol=1e-10, atol=1e-14), name
    dx = np.array([[v.grad for v in row] for row in nodes["x"]])
    assert np.allclose(
        params["W"].T @ grads["z1"], dx
    )  # the figure's dL/dx = W^T delta1


# --------------------------------------------------------------------------------------
# Bad input: clear errors that name the shapes
# --------------------------------------------------------------------------------------


def test_check_inputs_returns_the_sizes():
    params, x, t = example()
    assert check_inputs(params, x, t) == (3, 4, 2)


@pytest.mark.parametrize(
    "change, error, words",
    [
        (
            lambda p, x, t: (p, x.ravel(), t),
            ValueError,
            ["x has shape (3,)", "expected (3, 1)", "n = 3"],
        ),
        (
            lambda p, x, t: (p, x[:2], t),
            ValueError,
            ["x has shape (2, 1)", "expected (3, 1)"],
        ),
        (
            lambda p, x, t: ({**p, "b": p["b"].ravel()}, x, t),
            ValueError,
            ["b has shape (4,)", "expected (4, 1)", "h = 4"],
        ),
        (
            lambda p, x, t: ({**p, "V": p["V"][:, :3]}, x, t),
            ValueError,
            ["V has shape (2, 3)", "expected (2, 4)"],
        ),
        (
            lambda p, x, t: ({**p, "c": p["c"][:1]}, x, t),
            ValueError,
            ["c has shape (1, 1)", "expected (2, 1)", "k = 2"],
        ),
        (
            lambda p, x, t: (p, x, t.T),
            ValueError,
            ["t has shape (1, 2)", "expected (2, 1)"],
        ),
        (
            lambda p, x, t: ({**p, "W": p["W"].ravel()}, x, t),
            ValueError,
            ["W must be a 2-D array", "(12,)"],
        ),
        (
            lambda p, x, t: ({**p, "V": [1.0]}, x, t),
            ValueError,
            ["V must be a 2-D array", "list"],
        ),
        (
            lambda p, x, t: (p, x.astype(int), t),
            TypeError,
            ["bpdocs.examples.twolayer: expected a floating-point x, got dtype int64"],
        ),
        (
            lambda p, x, t: (p, x.tolist(), t),
            TypeError,
            ["bpdocs.examples.twolayer: expected a NumPy array as x, got list"],
        ),
        (
            lambda p, x, t: (p, np.array([[1.0], [np.nan], [0.0]]), t),
            ValueError,
            ["x has non-finite value nan at index (1, 0)"],
        ),
        (
            lambda p, x, t: ({k: v for k, v in p.items() if k != "c"}, x, t),
            KeyError,
            ["params has no c"],
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_shapes(change, error, words):
    params, x, t = change(*example())
    with pytest.raises(error) as info:
        forward(params, x, t)
    for word in words:
        assert word in str(info.value)


# --------------------------------------------------------------------------------------
# The update
# --------------------------------------------------------------------------------------


def test_gradient_step_moves_against_the_gradient_and_lowers_the_loss():
    params, x, t = example()
    before = {k: v.copy() for k, v in params.items()}
    cache = forward(params, x, t)
    grads = backward(params, cache)
    stepped = gradient_step(params, grads, 0.5)
    for name in PARAMS:
        assert np.array_equal(stepped[name], before[name] - 0.5 * grads[name])
        assert np.array_equal(params[name], before[name])  # the input is not changed
    assert forward(stepped, x, t)["L"] < cache["L"]
    # first order: the decrease is about lr * |grad|^2, and closer for smaller steps
    sq = sum(float((grads[n] ** 2).sum()) for n in PARAMS)
    small = forward(gradient_step(params, grads, 1e-4), x, t)["L"]
    assert (cache["L"] - small) == pytest.approx(1e-4 * sq, rel=1e-3)


def test_updating_as_you_go_uses_the_new_V_and_is_not_the_gradient():
    params, x, t = example()
    cache = forward(params, x, t)
    grads = backward(params, cache)
    new, used = backward_update_as_you_go(params, cache, 0.5)
    assert np.allclose(used["V"], grads["V"]) and np.allclose(used["c"], grads["c"])
    # what it used for W is backward's formula evaluated with the updated V
    redo = backward({**params, "V": new["V"]}, cache)
    assert np.allclose(used["W"], redo["W"]) and np.allclose(used["b"], redo["b"])
    assert not np.allclose(used["W"], grads["W"], rtol=1e-3)
    # the discrepancy is proportional to the learning rate, and vanishes at lr = 0
    off = [
        np.linalg.norm(
            backward_update_as_you_go(params, cache, lr)[1]["W"] - grads["W"]
        )
        for lr in (0.5, 0.05)
    ]
    assert off[0] / off[1] == pytest.approx(10, rel=1e-9)
    assert np.allclose(
        backward_update_as_you_go(params, cache, 0.0)[1]["W"],
        grads["W"],
        rtol=0,
        atol=0,
    )
    for name in PARAMS:
        assert np.allclose(new[name], params[name] - 0.5 * used[name])


# --------------------------------------------------------------------------------------
# Counting the work
# --------------------------------------------------------------------------------------


def test_counting_array_counts_matrix_products_only():
    A = np.ones((2, 3)).view(CountingArray)
    B = np.ones((3, 5))
    result, madds = counted(lambda: (A @ B) + 1.0 * np.exp(A @ B))
    assert madds == 2 * 2 * 3 * 5
    assert isinstance(result, CountingArray)
    _, madds = counted(lambda: B.T @ A.T)  # counted from either side
    assert madds == 5 * 3 * 2
    out = np.zeros((2, 5)).view(CountingArray)
    np.matmul(A, B, out=out)
    assert np.array_equal(out, np.full((2, 5), 3.0))


def test_counting_does_not_change_the_numbers():
    params, x, t = random_instance(3, 4, 2)
    plain = backward(params, forward(params, x, t))
    cp = {k: v.view(CountingArray) for k, v in params.items()}
    cache, _ = counted(forward, cp, x.view(CountingArray), t.view(CountingArray))
    counting = backward(cp, cache)
    for name in plain:
        assert np.array_equal(np.asarray(counting[name]), plain[name])


@pytest.mark.parametrize("width", [1, 2, 3, 8])
def test_measured_counts_are_the_formulas(width):
    c = measure_cost(width)
    n = h = k = width
    assert c.measured and c.width == width
    assert c.params == h * n + h + k * h + k
    assert c.forward == h * n + k * h  # W x and V a
    assert c.backward == k * h + h * k + h * n  # delta2 a^T, V^T delta2, delta1 x^T
    assert (
        c.numerical_calls == 2 * c.params
    )  # two forward passes per parameter, counted
    assert c.numerical == c.numerical_calls * c.forward


def test_extrapolated_counts_are_labelled_and_agree_with_running():
    run, guessed = measure_cost(4), measure_cost(4, run_numerical=False)
    assert run.measured and not guessed.measured
    assert (guessed.numerical_calls, guessed.numerical) == (
        run.numerical_calls,
        run.numerical,
    )
    assert (guessed.forward, guessed.backward) == (run.forward, run.backward)


@pytest.mark.parametrize("n, h, k", [(3, 4, 2), (1, 1, 1), (5, 2, 7)])
def test_pass_costs_count_each_product_of_either_pass(n, h, k):
    forward_madds, backward_madds = pass_costs(n, h, k)
    assert forward_madds == h * n + k * h  # W x and V a
    assert backward_madds == k * h + h * k + h * n  # delta2 a^T, V^T delta2, delta1 x^T
    if n == h == k:
        c = measure_cost(n, run_numerical=False)
        assert (c.forward, c.backward) == (forward_madds, backward_madds)


def test_counting_instance_is_random_instance_as_counting_arrays():
    params, x, t = counting_instance(3, 4, 2, seed=5)
    plain, x0, t0 = random_instance(3, 4, 2, seed=5)
    for name in PARAMS:
        assert isinstance(params[name], CountingArray)
        assert np.array_equal(params[name], plain[name])
    assert isinstance(x, CountingArray) and isinstance(t, CountingArray)
    assert np.array_equal(x, x0) and np.array_equal(t, t0)
