"""Tests for bpdocs.layers: the sigmoid, known values, gradcheck, autograd, and errors.

HIPS autograd is the oracle for whole networks; every layer is also held against central
differences.
"""

import re
import warnings

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from hypothesis import given, settings
from hypothesis import strategies as st

from bpdocs.autodiff import Value
from bpdocs.gradcheck import central_difference, gradcheck, numerical_gradient
from bpdocs.layers import (
    Activation,
    BCELoss,
    Linear,
    MSELoss,
    ReLU,
    Residual,
    Sequential,
    Sigmoid,
    SoftmaxCrossEntropyLoss,
    Tanh,
    check_array,
    clip_by_global_norm,
    global_norm,
    log_softmax,
    sigmoid,
    sigmoid_prime,
    softmax,
    unbroadcast,
)

FAST = settings(max_examples=25, deadline=None, database=None, derandomize=True)

seeds = st.integers(0, 2**32 - 1)
sizes = st.integers(1, 6)


# ---------------------------------------------------------------- the sigmoid


@pytest.mark.parametrize("z", [-30.0, -4.0, -1.0, -0.2, 0.0, 0.3, 1.5, 6.0, 30.0])
def test_sigmoid_prime_matches_central_difference_and_autodiff(z):
    assert sigmoid_prime(z) == pytest.approx(
        central_difference(sigmoid, z), rel=1e-7, abs=1e-12
    )
    v = Value(z)
    out = v.sigmoid()
    out.backward()
    assert out.data == sigmoid(z)  # the engine's sigmoid is this one
    assert sigmoid_prime(z) == pytest.approx(v.grad, rel=1e-12, abs=1e-300)


def test_sigmoid_is_one_over_one_plus_exp():
    z = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14, atol=0)
    z = z[np.abs(z) <= 8]  # beyond, 1 - sigma(z) keeps few digits of sigma'(z)
    np.testing.assert_allclose(
        sigmoid_prime(z), np.exp(-z) / (1 + np.exp(-z)) ** 2, rtol=1e-12
    )


def test_sigmoid_is_stable_for_huge_inputs():
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = sigmoid(z)
        d = sigmoid_prime(z)
    assert s.tolist()[::2] == [0.0, 0.5, 1.0]
    assert np.all(np.isfinite(d)) and d[0] == d[-1] == 0.0


def test_sigma_prime_is_a_quarter_minus_a_square():
    s = sigmoid(np.linspace(-8, 8, 1001))
    np.testing.assert_allclose(s * (1 - s), 0.25 - (s - 0.5) ** 2, atol=1e-15)


def test_sigma_prime_is_at_most_a_quarter_with_the_maximum_at_zero():
    z = np.linspace(-10, 10, 200_001)  # the grid of the vanishing-gradients page
    d = sigmoid_prime(z)
    i = int(np.argmax(d))
    assert d[i] == pytest.approx(0.25, abs=1e-15)
    assert abs(z[i]) < 1e-9
    assert not np.any(d > 0.25)
    assert sigmoid_prime(0.0) == 0.25
    # and the derivative of sigma' (= sigma' (1 - 2 sigma)) vanishes only there
    dd = [central_difference(sigmoid_prime, t) for t in (-1.0, -0.1, 0.0, 0.1, 1.0)]
    assert dd[0] > 0 and dd[1] > 0 and dd[3] < 0 and dd[4] < 0
    assert dd[2] == pytest.approx(0.0, abs=1e-9)


# ---------------------------------------------------------------- the activations


@pytest.mark.parametrize("Layer", [Sigmoid, Tanh, ReLU])
def test_each_activation_gives_only_its_function_and_derivative(Layer):
    own = {name for name in vars(Layer) if not name.startswith("__")}
    assert issubclass(Layer, Activation) and own == {"f", "df"}, own
    z = np.array([[-3.0, -0.7, -0.1, 0.2, 0.9, 2.5]])  # away from ReLU's kink at 0
    numeric = [central_difference(Layer.f, t) for t in z[0]]
    np.testing.assert_allclose(Layer.df(z)[0], numeric, rtol=1e-7, atol=1e-12)
    # the base's bookkeeping: forward is f, backward is dY * f'(X)
    layer, dY = Layer(), np.arange(6.0).reshape(1, 6)
    np.testing.assert_array_equal(layer.forward(z), Layer.f(z))
    np.testing.assert_array_equal(layer.backward(dY), dY * Layer.df(z))
    assert repr(layer) == f"{Layer.__name__}()" and layer.params() == []


def test_activation_functions_are_the_known_ones():
    z = np.array([-2.0, 0.0, 0.5])
    np.testing.assert_array_equal(Sigmoid.f(z), sigmoid(z))
    np.testing.assert_array_equal(Sigmoid.df(z), sigmoid_prime(z))
    np.testing.assert_array_equal(Tanh.df(z), 1 - np.tanh(z) ** 2)
    np.testing.assert_array_equal(ReLU.f(z), [0.0, 0.0, 0.5])
    np.testing.assert_array_equal(ReLU.df(z), [0.0, 0.0, 1.0])  # 0 at the kink


# ---------------------------------------------------------------- known values


def test_linear_known_values():
    layer = Linear(2, 3)
    layer.W = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
    layer.b = np.array([0.5, 0.0, 0.0])
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    np.testing.assert_array_equal(
        layer.forward(X), [[5.5, 2.0, -1.0], [-1.5, -1.0, 0.0]]
    )

    dY = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
    dX = layer.backward(dY)
    np.testing.assert_array_equal(layer.dW, X.T @ dY)
    np.testing.assert_array_equal(layer.dW, [[1.0, 0.0, 0.0], [2.0, -1.0, -1.0]])
    np.testing.assert_array_equal(layer.db, [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(dX, [[1.0, 2.0], [-1.0, 1.0]])
    assert [name for name, _, _ in layer.params()] == ["W", "b"]
    assert layer.params()[0][2] is layer.dW


def test_linear_init_is_seeded():
    a, b = Linear(4, 3, rng=7), Linear(4, 3, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a.W, b.W)
    assert a.W.shape == (4, 3) and a.b.shape == (3,)
    np.testing.assert_array_equal(a.b, 0.0)
    np.testing.assert_array_equal(a.dW, 0.0)
    assert repr(a) == "Linear(4, 3)"


def test_activations_known_values():
    X = np.array([[-1.0, 0.0, 2.0]])
    dY = np.ones_like(X)
    s = Sigmoid()
    np.testing.assert_allclose(
        s.forward(X), [[1 / (1 + np.e), 0.5, 1 / (1 + np.exp(-2.0))]], rtol=1e-15
    )
    np.testing.assert_allclose(s.backward(dY), s.Y * (1 - s.Y), rtol=1e-15)
    t = Tanh()
    np.testing.assert_allclose(t.forward(X), np.tanh(X), rtol=1e-15)
    np.testing.assert_allclose(
        t.backward(2 * dY), 2 * (1 - np.tanh(X) ** 2), rtol=1e-15
    )
    r = ReLU()
    np.testing.assert_array_equal(r.forward(X), [[0.0, 0.0, 2.0]])
    np.testing.assert_array_equal(r.backward(dY), [[0.0, 0.0, 1.0]])  # 0 at the kink


def test_mse_known_values():
    loss = MSELoss()
    y, t = np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]])
    assert loss.forward(y, t) == 2.5  # (1 + 4) / 2
    np.testing.assert_array_equal(loss.backward(), [[1.0, 2.0]])  # 2 (y - t) / N


def test_bce_known_values():
    loss = BCELoss()
    p, t = np.array([[0.5, 0.8]]), np.array([[1.0, 0.0]])
    assert loss.forward(p, t) == pytest.approx(
        -(np.log(0.5) + np.log(0.2)) / 2, rel=1e-15
    )
    np.testing.assert_allclose(
        loss.backward(), [[-1.0, 2.5]], rtol=1e-14
    )  # (-1/0.5)/2, (1/0.2)/2


def test_bce_is_finite_at_exactly_0_and_1():
    loss = BCELoss()
    with np.errstate(all="raise"):
        value = loss.forward(
            np.array([[0.0, 1.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 0.0, 1.0]])
        )
        g = loss.backward()
    # Two confident mistakes cost about -ln(1e-12) = 27.6 each; the two right answers
    # cost about 1e-12. (1 - eps is rounded in float64, so p = 1 is clipped to
    # 1.00009e-12 below 1, not exactly eps.)
    eps = BCELoss.eps
    assert value == pytest.approx((-np.log(eps) - np.log(1 - (1 - eps))) / 4, rel=1e-9)
    assert value == pytest.approx(2 * 27.631 / 4, rel=1e-4)
    np.testing.assert_array_equal(
        g, 0.0
    )  # the clip is flat there, so this is the true gradient


def test_sequential_params_and_step():
    net = Sequential(Linear(2, 3, rng=0), Tanh(), Linear(3, 1, rng=1))
    assert [name for name, _, _ in net.params()] == ["0.W", "0.b", "2.W", "2.b"]
    assert repr(net) == "Sequential(Linear(2, 3), Tanh(), Linear(3, 1))"
    X, T = np.array([[1.0, -1.0]]), np.array([[0.5]])
    loss = MSELoss()
    loss.forward(net.forward(X), T)
    net.backward(loss.backward())
    before = {name: p.copy() for name, p, _ in net.params()}
    net.step(0.1)
    for name, p, g in net.params():
        np.testing.assert_allclose(p, before[name] - 0.1 * g, rtol=1e-15)
    assert net.params()[0][1] is net.layers[0].W  # step updates in place


def test_training_reduces_the_loss():
    # XOR, with a small tanh network and plain gradient descent.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    T = np.array([[0.0], [1.0], [1.0], [0.0]])
    net = Sequential(Linear(2, 8, rng=0), Tanh(), Linear(8, 1, rng=1), Sigmoid())
    loss = BCELoss()
    first = loss.forward(net.forward(X), T)
    for _ in range(500):
        loss.forward(net.forward(X), T)
        net.backward(loss.backward())
        net.step(0.5)
    last = loss.forward(net.forward(X), T)
    assert last < 0.1 < first
    np.testing.assert_array_equal(net.forward(X) > 0.5, T > 0.5)


def test_sigmoid_layer_is_stable_at_extremes():
    X = np.array([[-1000.0, 1000.0, -745.0, 745.0]])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        layer = Sigmoid()
        Y = layer.forward(X)
        dX = layer.backward(np.ones_like(X))
        t = Tanh()
        t.forward(X)
        t.backward(np.ones_like(X))
    np.testing.assert_array_equal(Y, [[0.0, 1.0, 5e-324, 1.0]])
    np.testing.assert_array_equal(dX[0, :2], [0.0, 0.0])
    assert np.all(np.isfinite(dX))


# ---------------------------------------------------------------- gradcheck properties


def random_array(rng, shape, away_from_zero=False):
    X = rng.uniform(-2.0, 2.0, size=shape)
    if away_from_zero:  # keep ReLU inputs off the kink
        X = np.where(X >= 0, X + 0.01, X - 0.01)
    return X


@pytest.mark.parametrize("Layer", [Sigmoid, Tanh, ReLU])
def test_activations_pass_gradcheck(Layer):
    @FAST
    @given(sizes, sizes, seeds)
    def run(n, d, seed):
        rng = np.random.default_rng(seed)
        X = random_array(rng, (n, d), away_from_zero=True)
        R = rng.standard_normal((n, d))  # f(X) = sum(R * layer(X)), so dL/dY = R
        layer = Layer()

        def grad_f(X):
            layer.forward(X)
            return layer.backward(R)

        assert gradcheck(lambda X: np.sum(R * layer.forward(X)), grad_f, X) < 1e-6

    run()


@FAST
@given(sizes, sizes, sizes, seeds)
def test_linear_passes_gradcheck(n, d_in, d_out, seed):
    rng = np.random.default_rng(seed)
    layer = Linear(d_in, d_out, rng=rng)
    layer.b = rng.standard_normal(d_out)
    X = random_array(rng, (n, d_in))
    R = rng.standard_normal((n, d_out))

    def f(_):
        return np.sum(R * layer.forward(X))

    def grad_of(name):
        def grad_f(_):
            f(None)
            dX = layer.backward(R)
            return {"X": dX, "W": layer.dW, "b": layer.db}[name]

        return grad_f

    # gradcheck nudges the array in place: passing the layer's own W and b checks them
    assert gradcheck(lambda X_: np.sum(R * layer.forward(X_)), grad_of("X"), X) < 1e-6
    assert gradcheck(f, grad_of("W"), layer.W) < 1e-6
    assert gradcheck(f, grad_of("b"), layer.b) < 1e-6


@FAST
@given(sizes, sizes, seeds)
def test_mse_passes_gradcheck(n, d, seed):
    rng = np.random.default_rng(seed)
    y, t = random_array(rng, (n, d)), random_array(rng, (n, d))
    loss = MSELoss()

    def grad_f(y):
        loss.forward(y, t)
        return loss.backward()

    assert gradcheck(lambda y: loss.forward(y, t), grad_f, y) < 1e-6


@FAST
@given(sizes, sizes, seeds)
def test_bce_passes_gradcheck(n, d, seed):
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.05, 0.95, size=(n, d))
    t = rng.uniform(0.0, 1.0, size=(n, d))  # soft targets are fine too
    loss = BCELoss()

    def grad_f(p):
        loss.forward(p, t)
        return loss.backward()

    assert gradcheck(lambda p: loss.forward(p, t), grad_f, p) < 1e-6


ACTIVATIONS = [Sigmoid, Tanh, ReLU]


def random_net(rng, depth, widths):
    """Linear layers of the given widths, each then a random activation; random b."""
    layers = []
    for k in range(depth):
        linear = Linear(widths[k], widths[k + 1], rng=rng)
        linear.b = rng.standard_normal(widths[k + 1])
        layers += [linear, ACTIVATIONS[rng.integers(len(ACTIVATIONS))]()]
    return Sequential(*layers)


nets = st.tuples(
    st.integers(1, 4), st.lists(sizes, min_size=5, max_size=5), st.integers(1, 4), seeds
)


@FAST
@given(nets)
def test_sequential_passes_gradcheck(net_spec):
    depth, widths, n, seed = net_spec
    rng = np.random.default_rng(seed)
    net = random_net(rng, depth, widths)
    X = random_array(rng, (n, widths[0]))
    T = random_array(rng, (n, widths[depth]))
    loss = MSELoss()

    def f(_):
        return loss.forward(net.forward(X), T)

    def backprop():
        f(None)
        return net.backward(loss.backward())

    def grad_of(name):
        def grad_f(_):
            backprop()
            return {k: g for k, _, g in net.params()}[name]

        return grad_f

    assert (
        gradcheck(lambda X_: loss.forward(net.forward(X_), T), lambda X_: backprop(), X)
        < 1e-6
    )
    for name, p, _ in net.params():  # gradcheck nudges each parameter array in place
        assert gradcheck(f, grad_of(name), p) < 1e-6


# ---------------------------------------------------------------- autograd as an oracle

ORACLE_ACTIVATIONS = {
    Sigmoid: lambda z: 1 / (1 + anp.exp(-z)),
    Tanh: anp.tanh,
    ReLU: lambda z: anp.where(z > 0, z, 0.0),
}


def autograd_loss(net, T, bce):
    """The same net and loss in autograd.numpy, as a function of ([W, b, ...], X)."""

    def loss(args):
        params, X = args
        params = iter(params)
        for layer in net.layers:
            if isinstance(layer, Linear):
                X = X @ next(params) + next(params)
            else:
                X = ORACLE_ACTIVATIONS[type(layer)](X)
        if bce:
            return -anp.mean(T * anp.log(X) + (1 - T) * anp.log(1 - X))
        return anp.mean((X - T) ** 2)

    return loss


@FAST
@given(nets, st.booleans())
def test_sequential_matches_autograd(net_spec, bce):
    depth, widths, n, seed = net_spec
    rng = np.random.default_rng(seed)
    net = random_net(rng, depth, widths)
    if bce:
        net.layers[-1] = Sigmoid()  # BCE needs probabilities
    X = random_array(rng, (n, widths[0]))
    T = rng.uniform(0.0, 1.0, size=(n, widths[depth]))
    loss = BCELoss() if bce else MSELoss()

    value = loss.forward(net.forward(X), T)
    dX = net.backward(loss.backward())

    oracle = autograd_loss(net, T, bce)
    params = [p for _, p, _ in net.params()]
    oracle_params, oracle_dX = grad(oracle)((params, X))

    assert value == pytest.approx(float(oracle((params, X))), rel=1e-12)
    np.testing.assert_allclose(dX, oracle_dX, rtol=1e-9, atol=1e-15)
    for (name, _, g), expected in zip(net.params(), oracle_params, strict=True):
        np.testing.assert_allclose(g, expected, rtol=1e-9, atol=1e-15, err_msg=name)


# ---------------------------------------------------------------- errors


def test_linear_shape_mismatch_names_both_shapes():
    with pytest.raises(
        ValueError,
        match=r"^Linear\(3, 4\)\.forward: "
        r"expected input with 3 features, got shape \(5, 2\)$",
    ):
        Linear(3, 4).forward(np.ones((5, 2)))
    with pytest.raises(
        ValueError, match=r"expected a 2-D array \(batch, features\), got shape \(3,\)"
    ):
        Linear(3, 4).forward(np.ones(3))


def test_backward_gradient_shape_mismatch():
    layer = Linear(3, 4)
    layer.forward(np.ones((5, 3)))
    with pytest.raises(
        ValueError, match=r"gradient of shape \(5, 4\) .*got shape \(4, 5\)"
    ):
        layer.backward(np.ones((4, 5)))


@pytest.mark.parametrize("Layer", [lambda: Linear(3, 2), Sigmoid, Tanh, ReLU])
@pytest.mark.parametrize(
    "bad, text", [(np.nan, "nan"), (np.inf, "inf"), (-np.inf, "-inf")]
)
def test_non_finite_input_names_layer_and_index(Layer, bad, text):
    layer = Layer()
    X = np.zeros((2, 3))
    X[1, 2] = bad
    expected = f"{layer!r}.forward: input has non-finite value {text} at index (1, 2)"
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        layer.forward(X)


@pytest.mark.parametrize("Layer", [lambda: Linear(3, 2), Sigmoid, Tanh, ReLU])
@pytest.mark.parametrize("dtype", ["int64", "object", "bool"])
def test_non_float_dtype_is_a_type_error(Layer, dtype):
    with pytest.raises(TypeError, match=f"floating-point input, got dtype {dtype}"):
        Layer().forward(np.ones((2, 3)).astype(dtype))


@pytest.mark.parametrize(
    "A, error, message",
    [
        ([1.0], TypeError, "here: expected a NumPy array as what, got list"),
        (
            np.ones(2, dtype=int),
            TypeError,
            "here: expected a floating-point what, got dtype int64 "
            "(convert with .astype(float))",
        ),
        (
            np.array([[0.0, 1.0], [2.0, np.nan]]),
            ValueError,
            "here: what has non-finite value nan at index (1, 1)",
        ),
    ],
)
def test_check_array_names_where_what_and_the_index(A, error, message):
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        check_array(A, "here", "what")
    check_array(np.zeros((2, 3), dtype=np.float32), "here", "what")  # any float is fine


def test_non_array_input_is_a_type_error():
    with pytest.raises(TypeError, match="NumPy array as input, got list"):
        Tanh().forward([[1.0, 2.0]])


@pytest.mark.parametrize("Layer", [lambda: Linear(3, 2), Sigmoid, Tanh, ReLU])
def test_backward_before_forward(Layer):
    with pytest.raises(RuntimeError, match="forward must be called before backward"):
        Layer().backward(np.ones((2, 2)))


@pytest.mark.parametrize("Loss", [MSELoss, BCELoss])
def test_loss_errors(Loss):
    with pytest.raises(
        RuntimeError,
        match=rf"{Loss.__name__}\.backward: forward must be called before backward",
    ):
        Loss().backward()
    with pytest.raises(
        ValueError, match=r"prediction shape \(2, 1\) and target shape \(2,\) differ"
    ):
        Loss().forward(np.full((2, 1), 0.5), np.full(2, 0.5))
    with pytest.raises(TypeError, match="floating-point target, got dtype int64"):
        Loss().forward(np.full((2, 1), 0.5), np.ones((2, 1), dtype=np.int64))
    with pytest.raises(
        ValueError, match=r"prediction has non-finite value nan at index \(1, 0\)"
    ):
        Loss().forward(np.array([[0.5], [np.nan]]), np.full((2, 1), 0.5))


def test_bce_rejects_values_outside_0_1():
    with pytest.raises(
        ValueError, match=r"prediction must lie in \[0, 1\], got 1\.5 at index \(0, 1\)"
    ):
        BCELoss().forward(np.array([[0.5, 1.5]]), np.array([[0.0, 1.0]]))
    with pytest.raises(
        ValueError, match=r"target must lie in \[0, 1\], got -1\.0 at index \(0, 0\)"
    ):
        BCELoss().forward(np.array([[0.5, 0.5]]), np.array([[-1.0, 1.0]]))


# ---------------------------------------------------------------- softmax


def test_softmax_rows_sum_to_one_and_known_values():
    Z = np.random.default_rng(3).normal(scale=5, size=(6, 4))
    P = softmax(Z)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    assert (P > 0).all()
    np.testing.assert_allclose(
        softmax(np.array([2.0, 1.0, 0.1])),
        np.exp([2.0, 1.0, 0.1]) / np.exp([2.0, 1.0, 0.1]).sum(),
        rtol=1e-15,
    )
    np.testing.assert_allclose(softmax(np.array([[0.0, 0.0]])), [[0.5, 0.5]])


def test_softmax_ignores_a_shift_of_the_logits():
    z = np.array([[0.3, -1.2, 2.5]])
    np.testing.assert_allclose(
        softmax(z + 500.0), softmax(z), rtol=1e-12
    )  # z + 500 rounds


def test_log_softmax_at_plus_minus_1000_is_finite_and_the_shifted_formula():
    Z = np.array([[1000.0, -1000.0, 0.0], [1000.0, 1000.0, 999.0], [-1000.0] * 3])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow, no invalid value, not even once
        log_p = log_softmax(Z)
        P = softmax(Z)
    assert np.isfinite(log_p).all() and np.isfinite(P).all()
    M = Z.max(axis=1, keepdims=True)
    shifted = (Z - M) - np.log(np.exp(Z - M).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(log_p, shifted, rtol=1e-15, atol=0)
    np.testing.assert_allclose(log_p[0], [0.0, -2000.0, -1000.0], atol=1e-12)
    np.testing.assert_allclose(log_p[2], [-np.log(3)] * 3, rtol=1e-15)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, atol=1e-15)
    with np.errstate(all="ignore"):  # the naive formula overflows to inf / inf = nan
        naive = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    assert np.isnan(naive[:2]).any()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_jacobian_is_diag_p_minus_p_p_transpose(seed):
    z = np.random.default_rng(seed).normal(size=4)
    p = softmax(z)
    numeric = np.array(
        [numerical_gradient(lambda v, i=i: softmax(v)[i], z) for i in range(4)]
    )
    np.testing.assert_allclose(np.diag(p) - np.outer(p, p), numeric, atol=1e-9)


@given(n=sizes, k=st.integers(2, 5), seed=seeds)
@FAST
def test_softmax_cross_entropy_passes_gradcheck(n, k, seed):
    rng = np.random.default_rng(seed)
    Z = rng.normal(scale=2, size=(n, k))
    Y = np.eye(k)[rng.integers(0, k, n)]

    def f(Z):
        return SoftmaxCrossEntropyLoss().forward(Z, Y)

    def grad_f(Z):
        loss = SoftmaxCrossEntropyLoss()
        loss.forward(Z, Y)
        return loss.backward()

    assert gradcheck(f, grad_f, Z, rtol=1e-6) <= 1e-6
    np.testing.assert_allclose(grad_f(Z), numerical_gradient(f, Z), atol=1e-8)
    np.testing.assert_allclose(grad_f(Z), (softmax(Z) - Y) / n, rtol=1e-15)


def test_softmax_cross_entropy_known_values():
    z = np.array([[2.0, 1.0, 0.1]])
    y = np.array([[1.0, 0.0, 0.0]])
    loss = SoftmaxCrossEntropyLoss()
    value = loss.forward(z, y)
    assert value == pytest.approx(np.log(np.exp(z).sum()) - 2.0, rel=1e-15)
    np.testing.assert_allclose(loss.backward(), softmax(z) - y, rtol=1e-15)
    uniform = SoftmaxCrossEntropyLoss().forward(
        np.zeros((4, 3)), np.eye(3)[[0, 1, 2, 0]]
    )
    assert uniform == pytest.approx(np.log(3), rel=1e-15)


def test_softmax_cross_entropy_at_plus_minus_1000():
    Z = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]])
    Y = np.array([[0.0, 1.0], [0.0, 1.0]])  # the first row is confidently wrong
    loss = SoftmaxCrossEntropyLoss()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = loss.forward(Z, Y)
        grad = loss.backward()
    assert value == pytest.approx(1000.0, rel=1e-15)  # (2000 + 0) / 2
    np.testing.assert_allclose(grad, [[0.5, -0.5], [0.0, 0.0]], atol=1e-300)


def test_softmax_cross_entropy_errors():
    loss = SoftmaxCrossEntropyLoss
    where = r"SoftmaxCrossEntropyLoss\.forward: "
    with pytest.raises(
        RuntimeError,
        match=r"SoftmaxCrossEntropyLoss\.backward: forward must be called before",
    ):
        loss().backward()
    with pytest.raises(
        ValueError,
        match=where + r"logits shape \(2, 3\) and target shape \(2, 2\) differ",
    ):
        loss().forward(np.zeros((2, 3)), np.eye(2))
    with pytest.raises(
        ValueError,
        match=where + r"expected 2-D logits \(batch, classes\), got shape \(3,\)",
    ):
        loss().forward(np.zeros(3), np.array([1.0, 0.0, 0.0]))
    with pytest.raises(
        ValueError,
        match=where
        + r"target must be one-hot \(entries 0 or 1\), got 0\.5 at index \(1, 1\)",
    ):
        loss().forward(np.zeros((2, 3)), np.array([[1.0, 0, 0], [0, 0.5, 0.5]]))
    with pytest.raises(
        ValueError, match=where + r"target row 1 has 2 ones, not exactly one"
    ):
        loss().forward(np.zeros((2, 3)), np.array([[1.0, 0, 0], [0, 1.0, 1.0]]))
    with pytest.raises(ValueError, match=where + r"target row 0 has 0 ones"):
        loss().forward(np.zeros((1, 3)), np.zeros((1, 3)))
    with pytest.raises(TypeError, match=where + "expected a floating-point target"):
        loss().forward(np.zeros((2, 3)), np.eye(3, dtype=np.int64)[:2])
    with pytest.raises(
        ValueError, match=where + r"logits has non-finite value inf at index \(0, 1\)"
    ):
        loss().forward(np.array([[0.0, np.inf]]), np.array([[1.0, 0.0]]))


def test_log_softmax_errors_name_the_shape_and_the_value():
    with pytest.raises(
        ValueError,
        match=r"log_softmax: expected logits with at least one class"
        r" on the last axis, got shape \(2, 0\)",
    ):
        log_softmax(np.zeros((2, 0)))
    with pytest.raises(ValueError, match=r"got shape \(\)"):
        softmax(np.array(1.0))
    with pytest.raises(
        ValueError,
        match=r"log_softmax: logits has non-finite value nan at index \(1,\)",
    ):
        softmax(np.array([0.0, np.nan]))
    with pytest.raises(
        TypeError, match="log_softmax: expected a NumPy array as logits"
    ):
        log_softmax([1.0, 2.0])


# ---------------------------------------------- softmax and its loss, against autograd


def autograd_log_softmax(Z):
    """log-softmax along the last axis in autograd.numpy, by the shifted formula."""
    shifted = Z - anp.max(Z, axis=-1, keepdims=True)
    return shifted - anp.log(anp.sum(anp.exp(shifted), axis=-1, keepdims=True))


@pytest.mark.parametrize("seed", range(12))
def test_softmax_log_softmax_and_the_loss_match_autograd(seed):
    rng = np.random.default_rng(seed)
    m, k = int(rng.integers(1, 6)), int(rng.integers(2, 6))
    Z = rng.normal(scale=3, size=(m, k))
    Y = np.eye(k)[rng.integers(0, k, m)]
    U = rng.standard_normal((m, k))  # a direction to pull back
    np.testing.assert_allclose(log_softmax(Z), autograd_log_softmax(Z), rtol=1e-13)
    np.testing.assert_allclose(
        softmax(Z), anp.exp(Z) / anp.sum(anp.exp(Z), axis=1, keepdims=True), rtol=1e-13
    )
    # backward through softmax: the VJP U^T J with J = diag(p) - p p^T, row by row
    P = softmax(Z)
    vjp = grad(lambda Z_: anp.sum(U * anp.exp(autograd_log_softmax(Z_))))(Z)
    ours = P * (U - (U * P).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(ours, vjp, rtol=1e-10, atol=1e-14)
    for n in range(m):
        J = np.diag(P[n]) - np.outer(P[n], P[n])
        np.testing.assert_allclose(U[n] @ J, vjp[n], rtol=1e-10, atol=1e-14)

    def mean_ce(Z_):
        return -anp.sum(Y * autograd_log_softmax(Z_)) / m

    loss = SoftmaxCrossEntropyLoss()
    assert loss.forward(Z, Y) == pytest.approx(float(mean_ce(Z)), rel=1e-13)
    np.testing.assert_allclose(
        loss.backward(), grad(mean_ce)(Z), rtol=1e-10, atol=1e-15
    )


def test_the_loss_matches_autograd_at_logits_of_plus_minus_1000():
    Z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 999.0, 1000.0]])
    Y = np.eye(3)[[1, 2]]

    def mean_ce(Z_):
        return -anp.sum(Y * autograd_log_softmax(Z_)) / 2

    loss = SoftmaxCrossEntropyLoss()
    assert loss.forward(Z, Y) == pytest.approx(float(mean_ce(Z)), rel=1e-15)
    np.testing.assert_allclose(loss.backward(), grad(mean_ce)(Z), atol=1e-15)


# ---------------------------------------------------- the residual connection, clipping


@pytest.mark.parametrize("Act", [Sigmoid, Tanh, ReLU])
def test_residual_passes_gradcheck_for_input_and_parameters(Act):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(3, 4)) + 0.05  # away from ReLU's kink
    R = rng.normal(size=(3, 4))
    linear = Linear(4, 4, rng=1)
    linear.b = rng.normal(size=4)
    layer = Residual(Sequential(linear, Act()))

    def f(_=None):
        return float(np.sum(R * layer.forward(X)))

    def grad_of(name):
        def g(_):
            layer.forward(X)
            dX = layer.backward(R)
            return {"X": dX, "W": linear.dW, "b": linear.db}[name]

        return g

    assert gradcheck(lambda X_: np.sum(R * layer.forward(X_)), grad_of("X"), X) < 1e-6
    assert gradcheck(f, grad_of("W"), linear.W) < 1e-6
    assert gradcheck(f, grad_of("b"), linear.b) < 1e-6
    assert [name for name, _, _ in layer.params()] == ["0.W", "0.b"]
    assert repr(layer) == f"Residual(Sequential(Linear(4, 4), {Act.__name__}()))"


def test_residual_is_x_plus_block_and_its_jacobian_is_i_plus_the_blocks():
    linear = Linear(3, 3, rng=0)
    block = Sequential(linear, Sigmoid())
    x = np.array([[0.2, -0.5, 1.0]])
    layer = Residual(block)
    np.testing.assert_array_equal(
        layer.forward(x), x + Sequential(linear, Sigmoid()).forward(x)
    )
    z = x @ linear.W + linear.b
    J = np.eye(3) + np.diag(sigmoid_prime(z[0])) @ linear.W.T
    numeric = np.stack(
        [
            numerical_gradient(lambda H, i=i: layer.forward(H)[0, i], x)[0]
            for i in range(3)
        ]
    )
    np.testing.assert_allclose(J, numeric, atol=1e-9)


def test_residual_needs_a_block_that_keeps_the_shape():
    with pytest.raises(ValueError, match=r"maps shape \(2, 3\) to \(2, 4\)"):
        Residual(Linear(3, 4, rng=0)).forward(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="non-finite value nan at index"):
        Residual(Linear(2, 2, rng=0)).forward(np.array([[0.0, np.nan]]))


def test_clip_keeps_the_direction_and_caps_the_norm():
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=(4, 3)), rng.normal(size=3), rng.normal(size=(2, 2))]
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    assert global_norm(grads) == pytest.approx(norm, rel=1e-15)
    for c in [0.1, 1.0, norm / 2]:
        clipped, before = clip_by_global_norm(grads, c)
        assert before == global_norm(grads)
        assert global_norm(clipped) == pytest.approx(c, rel=1e-12)
        assert global_norm(clipped) <= c * (1 + 1e-12)
        flat = np.concatenate([g.ravel() for g in grads])
        flat_c = np.concatenate([g.ravel() for g in clipped])
        cosine = flat @ flat_c / (np.linalg.norm(flat) * np.linalg.norm(flat_c))
        assert cosine == pytest.approx(1.0, abs=1e-12)  # the same direction
        for g, k in zip(grads, clipped, strict=True):
            np.testing.assert_allclose(k, g * (c / norm), rtol=1e-12)
    kept, _ = clip_by_global_norm(grads, 2 * norm)  # short enough: untouched
    for g, k in zip(grads, kept, strict=True):
        np.testing.assert_array_equal(g, k)
    zero, n0 = clip_by_global_norm([np.zeros(3)], 1.0)
    assert n0 == 0.0 and np.array_equal(zero[0], np.zeros(3))
    assert clip_by_global_norm(grads, 1.0)[0][0] is not grads[0]  # a new list


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_clip_rejects_non_finite_gradients_naming_the_array_and_index(bad):
    grads = [np.ones(2), np.array([[1.0, bad]])]
    with pytest.raises(ValueError, match=rf"gradient 1 has non-finite value {bad}"):
        clip_by_global_norm(grads, 1.0)


@pytest.mark.parametrize("c", [0.0, -1.0, np.nan, np.inf])
def test_clip_rejects_a_bad_threshold(c):
    with pytest.raises(ValueError, match="max_norm must be > 0"):
        clip_by_global_norm([np.ones(2)], c)


# --- unbroadcast: the backward of a broadcast ----------------------------------------


@pytest.mark.parametrize(
    "shape", [(4,), (1, 4), (3, 1), (), (3, 4), (1, 1), (2, 1, 4), (1,)]
)
def test_unbroadcast_is_the_adjoint_of_broadcasting(shape):
    # <unbroadcast(G), p> = <G, broadcast(p)> for every p: the copy's backward is a sum
    rng = np.random.default_rng(0)
    target = np.broadcast_shapes(shape, (3, 4))
    G = rng.normal(size=target)
    p = rng.normal(size=shape)
    back = unbroadcast(G, shape)
    assert back.shape == shape
    np.testing.assert_allclose(
        np.sum(back * p), np.sum(G * np.broadcast_to(p, target)), rtol=1e-12
    )


def test_unbroadcast_gives_the_bias_gradient_of_linear():
    layer = Linear(3, 4, rng=0)
    X = np.random.default_rng(1).normal(size=(5, 3))
    dY = np.random.default_rng(2).normal(size=(5, 4))
    layer.forward(X)
    layer.backward(dY)
    np.testing.assert_array_equal(unbroadcast(dY, layer.b.shape), layer.db)


def test_unbroadcast_against_the_engine_for_a_scalar_and_a_column():
    X = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]])
    c = Value(0.7)
    col = [Value(0.3), Value(-1.2)]  # one number per row, broadcast over the columns
    L = sum((c * x + col[i]) ** 2 for i, row in enumerate(X) for x in row)
    L.backward()
    Y = 0.7 * X + np.array([[0.3], [-1.2]])
    dY = 2 * Y
    assert unbroadcast(dY * X, ()) == pytest.approx(c.grad, rel=1e-12)
    np.testing.assert_allclose(
        unbroadcast(dY, (2, 1)).ravel(), [v.grad for v in col], rtol=1e-12
    )


@pytest.mark.parametrize("shape", [(3,), (2, 4), (4, 4), (1, 3, 4, 1)])
def test_unbroadcast_refuses_a_shape_that_does_not_broadcast(shape):
    with pytest.raises(
        ValueError, match=re.escape(f"shape {shape} does not broadcast")
    ):
        unbroadcast(np.zeros((3, 4)), shape)


def test_unbroadcast_refuses_a_bad_gradient():
    with pytest.raises(ValueError, match="non-finite value nan at index"):
        unbroadcast(np.array([[1.0, np.nan]]), (2,))
    with pytest.raises(TypeError, match="floating-point gradient"):
        unbroadcast(np.ones((2, 2), dtype=int), (2,))
