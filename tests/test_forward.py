"""Tests for bpdocs.forward and bpdocs.modes: tangents, JVPs, VJPs, HVPs, errors."""

import math

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad, hessian

from bpdocs.autodiff import Value
from bpdocs.forward import (
    Dual,
    derivative,
    directional_derivative,
    hvp,
    neuron_gradient,
    neuron_loss,
)
from bpdocs.gradcheck import central_difference, numerical_gradient
from bpdocs.layers import Linear, MSELoss, ReLU, Sequential, Sigmoid, Tanh
from bpdocs.modes import (
    jacobian_cost,
    jacobian_forward,
    jacobian_reverse,
    jvp,
    mlp,
    multiply_adds,
    vjp,
)

# (name, on Dual or Value, on floats, points away from kinks)
OPS = [
    ("add", lambda a: a + 2.5, lambda a: a + 2.5, [-1.3, 0.7]),
    ("radd", lambda a: 2.5 + a, lambda a: 2.5 + a, [-1.3, 0.7]),
    ("sub", lambda a: a - 4.0, lambda a: a - 4.0, [-1.3, 0.7]),
    ("rsub", lambda a: 4.0 - a, lambda a: 4.0 - a, [-1.3, 0.7]),
    ("mul", lambda a: a * a * 3.0, lambda a: a * a * 3.0, [-1.3, 0.7]),
    ("rmul", lambda a: 3.0 * a, lambda a: 3.0 * a, [-1.3, 0.7]),
    ("div", lambda a: a / 3.0, lambda a: a / 3.0, [-1.3, 0.7]),
    ("rdiv", lambda a: 3.0 / a, lambda a: 3.0 / a, [-1.3, 0.7]),
    ("pow", lambda a: a**3, lambda a: a**3, [-1.3, 0.7]),
    ("pow-half", lambda a: a**0.5, lambda a: a**0.5, [0.4, 2.0]),
    ("rpow", lambda a: 2.0**a, lambda a: 2.0**a, [-1.3, 0.7]),
    ("neg", lambda a: -a, lambda a: -a, [-1.3, 0.7]),
    ("exp", lambda a: a.exp(), math.exp, [-1.3, 0.7]),
    ("log", lambda a: a.log(), math.log, [0.3, 2.0]),
    ("sin", lambda a: a.sin(), math.sin, [-1.3, 0.7]),
    ("cos", lambda a: a.cos(), math.cos, [-1.3, 0.7]),
    ("tanh", lambda a: a.tanh(), math.tanh, [-1.3, 0.7]),
    ("sigmoid", lambda a: a.sigmoid(), lambda a: 1 / (1 + math.exp(-a)), [-1.3, 0.7]),
    ("relu", lambda a: a.relu(), lambda a: max(0.0, a), [-1.3, 0.7]),
    ("max", lambda a: a.max(0.5), lambda a: max(a, 0.5), [-1.3, 0.7]),
    ("rmax", lambda a: (a * 0 + 0.5).max(a), lambda a: max(0.5, a), [-1.3, 0.7]),
]


@pytest.mark.parametrize("name, op, op_float, points", OPS, ids=[o[0] for o in OPS])
def test_each_tangent_matches_a_difference_and_value(name, op, op_float, points):
    for x in points:
        out = op(Dual(x, 1.0))
        assert out.value == pytest.approx(op_float(x), rel=1e-14, abs=1e-15)
        assert out.tangent == pytest.approx(
            central_difference(op_float, x), rel=1e-7, abs=1e-8
        )
        v = Value(x)
        op(v).backward()
        assert out.tangent == pytest.approx(v.grad, rel=1e-13, abs=1e-15)


def test_known_tangents():
    assert (Dual(3.0, 1.0) * Dual(3.0, 1.0)).tangent == 6.0
    assert Dual(0.0, 1.0).sigmoid().tangent == 0.25
    assert Dual(2.0, 1.0).max(Dual(2.0, 3.0)).tangent == 2.0  # a tie takes the mean
    assert Dual(0.0, 1.0).relu().tangent == 0.0  # the kink, as ReLU.df takes it
    assert derivative(lambda x: x**3, 2.0) == 12.0
    # df = grad f . v for f(x, y) = x^2 y: grad (2xy, x^2) at (1, 2) is (4, 1)
    df = directional_derivative(lambda x, y: x * x * y, [1.0, 2.0], [1.0, -2.0])
    assert df == 2.0


def test_sigmoid_does_not_overflow():
    assert Dual(-1000.0, 1.0).sigmoid().value == 0.0
    assert Dual(1000.0, 1.0).sigmoid().value == 1.0


def test_bad_input_raises_clear_errors():
    with pytest.raises(TypeError, match="real numbers, got str"):
        Dual("1.0")
    with pytest.raises(TypeError, match="got bool"):
        Dual(True)
    with pytest.raises(ValueError, match="finite, got nan"):
        Dual(1.0, float("nan"))
    with pytest.raises(TypeError, match="Dual \\*\\* Dual"):
        Dual(2.0) ** Dual(2.0)
    with pytest.raises(ValueError, match="not a real number"):
        Dual(-2.0) ** 0.5
    with pytest.raises(ValueError, match="positive numbers, got 0.0"):
        Dual(0.0).log()
    with pytest.raises(ValueError, match="positive base"):
        (-2.0) ** Dual(1.0)
    with pytest.raises(ValueError, match="2 inputs but a direction of 1"):
        directional_derivative(lambda x, y: x * y, [1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="3 parameters but a direction of 2"):
        hvp(lambda w: w, [1.0, 2.0, 3.0], [1.0, 0.0])


def numerical_jacobian(layer, x):
    """The Jacobian of `layer` at `x`, flattened, by central differences."""
    m = layer.forward(x).size
    return np.stack(
        [
            numerical_gradient(lambda X, i=i: layer.forward(X).ravel()[i], x).ravel()
            for i in range(m)
        ]
    )


LAYERS = [
    ("linear", lambda: Linear(3, 2, rng=1)),
    ("tanh", Tanh),
    ("sigmoid", Sigmoid),
    ("relu", ReLU),
    ("mlp", lambda: mlp(3, 2, hidden=4)),
    ("sequential", lambda: Sequential(Linear(3, 4, rng=2), Sigmoid(), Linear(4, 2))),
]


@pytest.mark.parametrize("make", [m for _, m in LAYERS], ids=[n for n, _ in LAYERS])
def test_jvp_and_vjp_build_the_full_jacobian(make):
    layer = make()
    x = np.array([[0.5, -1.2, 2.0], [0.3, 0.8, -0.4]])  # 2 examples: block-diagonal J
    J_num = numerical_jacobian(layer, x)
    J_fwd, fwd = jacobian_forward(layer, x)
    J_rev, rev = jacobian_reverse(layer, x)
    assert (fwd, rev) == (x.size, layer.forward(x).size)
    assert J_fwd.shape == J_rev.shape == J_num.shape == (rev, fwd)
    np.testing.assert_allclose(J_fwd, J_num, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(J_rev, J_num, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(J_fwd, J_rev, rtol=1e-12, atol=1e-14)
    # one JVP is J v and one VJP is u J, for any directions
    rng = np.random.default_rng(3)
    v = rng.standard_normal(x.shape)
    y, Jv = jvp(layer, x, v)
    u = rng.standard_normal(y.shape)
    y2, uJ = vjp(layer, x, u)
    np.testing.assert_array_equal(y, layer.forward(x))
    np.testing.assert_array_equal(y2, y)
    np.testing.assert_allclose(Jv.ravel(), J_num @ v.ravel(), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(uJ.ravel(), u.ravel() @ J_num, rtol=1e-6, atol=1e-8)


def test_vjp_is_what_backward_returns_and_leaves_gradients_alone():
    net = mlp(3, 2, hidden=4)
    x = np.array([[0.5, -1.2, 2.0]])
    u = np.array([[1.0, -2.0]])
    before = [g.copy() for _, _, g in net.params()]
    _, uJ = vjp(net, x, u)
    _, Jv = jvp(net, x, np.ones_like(x))
    for (_, _, g), old in zip(net.params(), before, strict=True):
        np.testing.assert_array_equal(g, old)
    net.forward(x)
    np.testing.assert_allclose(uJ, net.backward(u), rtol=1e-15)


def test_jvp_and_vjp_refuse_bad_directions_and_layers():
    net = mlp(3, 2, hidden=4)
    x = np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"jvp: expected a direction of shape \(1, 3"):
        jvp(net, x, np.zeros((1, 2)))
    with pytest.raises(ValueError, match=r"vjp: expected a direction of shape \(1, 2"):
        vjp(net, x, np.zeros((1, 3)))
    with pytest.raises(TypeError, match="jvp: expected a NumPy array as input"):
        jvp(net, [[0.0, 0.0, 0.0]], x)
    with pytest.raises(TypeError, match="no rule for MSELoss layers"):
        jvp(MSELoss(), x, x)
    with pytest.raises(TypeError, match="no rule for MSELoss layers"):
        vjp(MSELoss(), x, x)


def test_passes_are_n_forward_and_m_reverse_and_multiply_adds_count_the_layers():
    assert multiply_adds(Linear(3, 4), np.zeros((2, 3))) == 2 * 3 * 4
    assert multiply_adds(Tanh(), np.zeros((2, 5))) == 10
    for n, m in [(1, 1), (1, 5), (3, 2), (7, 1), (16, 16)]:
        per_pass = 16 * (n + m) + 288
        assert multiply_adds(mlp(n, m), np.zeros((1, n))) == per_pass
        cost = jacobian_cost(n, m)
        assert cost == {"forward": (n, n * per_pass), "reverse": (m, m * per_pass)}


def gradient_difference(x, t, w, v, i):
    """d/dh of entry i of the neuron's gradient at w + h v, by central difference."""

    def along(h):
        return neuron_gradient([w[k] + h * v[k] for k in range(len(w))], x, t)[i]

    return central_difference(along, 0.0, 1e-5)


@pytest.mark.parametrize("seed", range(5))
def test_hvp_by_forward_over_reverse_matches_differences_of_the_gradient(seed):
    rng = np.random.default_rng(seed)
    x, w, v = (list(rng.standard_normal(4)) for _ in range(3))
    t = float(rng.uniform(-0.9, 0.9))
    ws = [Value(wi) for wi in w]
    neuron_loss(ws, x, t).backward()
    grad = neuron_gradient(w, x, t)
    np.testing.assert_allclose(grad, [wi.grad for wi in ws], rtol=1e-12, atol=1e-15)
    Hv = hvp(lambda w_: neuron_gradient(w_, x, t), w, v)
    fd = [gradient_difference(x, t, w, v, i) for i in range(4)]
    np.testing.assert_allclose(Hv, fd, rtol=1e-6, atol=1e-9)
    # and against the whole Hessian by differences of the gradient, column by column
    eye = np.eye(4)
    H = np.array(
        [[gradient_difference(x, t, w, eye[j], i) for j in range(4)] for i in range(4)]
    )
    np.testing.assert_allclose(Hv, H @ np.array(v), rtol=1e-6, atol=1e-9)
    assert np.abs(Hv).max() > 1e-3  # a real curvature, not zeros


# ---------------------------------------------------------------- autograd as an oracle

# (name, arity, on Dual, on autograd.numpy, floats it is defined at): each op alone
AUTOGRAD_OPS = [
    ("add", 2, lambda a, b: a + b, lambda a, b: a + b),
    ("sub", 2, lambda a, b: a - b, lambda a, b: a - b),
    ("mul", 2, lambda a, b: a * b, lambda a, b: a * b),
    ("div", 2, lambda a, b: a / (1.5 + b * b), lambda a, b: a / (1.5 + b * b)),
    ("rsub", 1, lambda a: 2.0 - a, lambda a: 2.0 - a),
    ("rdiv", 1, lambda a: 3.0 / (2.0 + a * a), lambda a: 3.0 / (2.0 + a * a)),
    ("neg", 1, lambda a: -a, lambda a: -a),
    ("pow", 1, lambda a: a**3, lambda a: a**3),
    ("pow-half", 1, lambda a: (1.0 + a * a) ** 0.5, lambda a: (1.0 + a * a) ** 0.5),
    ("rpow", 1, lambda a: 2.0**a, lambda a: 2.0**a),
    ("exp", 1, lambda a: a.exp(), anp.exp),
    ("log", 1, lambda a: (1.0 + a * a).log(), lambda a: anp.log(1.0 + a * a)),
    ("sin", 1, lambda a: a.sin(), anp.sin),
    ("cos", 1, lambda a: a.cos(), anp.cos),
    ("tanh", 1, lambda a: a.tanh(), anp.tanh),
    ("sigmoid", 1, lambda a: a.sigmoid(), lambda a: 1 / (1 + anp.exp(-a))),
    ("relu", 1, lambda a: a.relu(), lambda a: anp.where(a > 0, a, 0.0)),
    ("max", 2, lambda a, b: a.max(b), anp.maximum),  # both halve a tie
]


def program(ops, steps, xs):
    """Run `steps` of `(op index, i, j)` over registers `xs` with `ops` (2 or 3)."""
    registers = list(xs)
    for k, i, j in steps:
        _, arity, *fns = AUTOGRAD_OPS[k]
        fn = fns[ops - 2]
        a, b = registers[i % len(registers)], registers[j % len(registers)]
        registers.append(fn(a, b) if arity == 2 else fn(a))
    return sum(registers[len(xs) :], registers[0])


def random_case(seed):
    """A random program of 1-10 steps over 1-4 inputs, its inputs and a direction."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 5))
    steps = [
        (
            int(rng.integers(len(AUTOGRAD_OPS))),
            int(rng.integers(50)),
            int(rng.integers(50)),
        )
        for _ in range(rng.integers(1, 11))
    ]
    return steps, rng.uniform(-2, 2, n), rng.standard_normal(n)


@pytest.mark.parametrize("name", [o[0] for o in AUTOGRAD_OPS])
def test_each_operations_tangent_is_autograds_derivative(name):
    k = [o[0] for o in AUTOGRAD_OPS].index(name)
    _, arity, on_dual, on_anp = AUTOGRAD_OPS[k]
    rng = np.random.default_rng(k)
    for x in rng.uniform(-2, 2, size=(6, arity)):
        for j in range(arity):  # the partial derivative in each input
            seeded = [Dual(x[i], float(i == j)) for i in range(arity)]
            expected = grad(lambda *a: on_anp(*a), j)(*x)
            assert on_dual(*seeded).tangent == pytest.approx(
                float(expected), rel=1e-12, abs=1e-14
            )
            assert on_dual(*seeded).value == pytest.approx(
                float(on_anp(*x)), rel=1e-13, abs=1e-15
            )


@pytest.mark.parametrize("seed", range(40))
def test_random_programs_derivative_and_directional_derivative_match_autograd(seed):
    steps, xs, vs = random_case(seed)
    gradient = grad(lambda x: program(3, steps, [x[i] for i in range(len(xs))]))(xs)

    def f(*a):
        return program(2, steps, a)

    expected = float(gradient @ vs)
    got = directional_derivative(f, list(xs), list(vs))
    assert got == pytest.approx(expected, rel=1e-10, abs=1e-12 * (1 + abs(expected)))
    rest = [Dual(x) for x in xs[1:]]  # constants: tangent 0
    one = derivative(lambda a: program(2, steps, [a, *rest]), float(xs[0]))
    assert one == pytest.approx(float(gradient[0]), rel=1e-10, abs=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_hvp_matches_autograds_hessian_vector_product(seed):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(2, 6))
    x, w, v = rng.standard_normal(n), rng.standard_normal(n), rng.standard_normal(n)
    t = float(rng.uniform(-0.9, 0.9))

    def loss(w_):
        return 0.5 * (anp.tanh(anp.dot(w_, x)) - t) ** 2

    H = hessian(loss)(w)
    Hv = hvp(lambda w_: neuron_gradient(w_, list(x), t), list(w), list(v))
    np.testing.assert_allclose(Hv, H @ v, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(
        neuron_gradient(list(w), list(x), t), grad(loss)(w), rtol=1e-12, atol=1e-15
    )
