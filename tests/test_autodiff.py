"""Tests for bpdocs.autodiff: known derivatives, gradcheck, autograd as an oracle."""

import math
import warnings

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from hypothesis import given, settings
from hypothesis import strategies as st

from bpdocs.autodiff import Value, topological_order, trace
from bpdocs.gradcheck import central_difference, gradcheck

FAST = settings(max_examples=25, deadline=None, database=None, derandomize=True)


def grads(build, *xs):
    """Build `build(*Values)`, backpropagate, and return (output data, input grads)."""
    vs = [Value(x) for x in xs]
    out = build(*vs)
    out.backward()
    return out.data, [v.grad for v in vs]


# ---------------------------------------------------------------- known values


def test_chain_rule_worked_example():
    # f(u) = u^2 with u = 3x + 1, at x = 2: df/dx = 2u * 3 = 6(3x + 1) = 42.
    x = Value(2.0)
    u = 3 * x + 1
    f = u**2
    f.backward()
    assert f.data == 49.0
    assert u.grad == 14.0  # df/du = 2u
    assert x.grad == 42.0


@pytest.mark.parametrize(
    "build, xs, value, expected",
    [
        (lambda a, b: a + b, (2.0, -3.0), -1.0, [1.0, 1.0]),
        (lambda a, b: a * b, (2.0, -3.0), -6.0, [-3.0, 2.0]),
        (lambda a, b: a - b, (2.0, -3.0), 5.0, [1.0, -1.0]),
        (lambda a, b: a / b, (3.0, 2.0), 1.5, [0.5, -0.75]),
        (lambda a: a**3, (2.0,), 8.0, [12.0]),
        (lambda a: a**-2, (2.0,), 0.25, [-0.25]),
        (lambda a: a**0.5, (4.0,), 2.0, [0.25]),
        (lambda a: -a, (2.0,), -2.0, [-1.0]),
        (lambda a: 5 + a, (2.0,), 7.0, [1.0]),
        (lambda a: 5 - a, (2.0,), 3.0, [-1.0]),
        (lambda a: 5 * a, (2.0,), 10.0, [5.0]),
        (lambda a: 6 / a, (2.0,), 3.0, [-1.5]),
        (lambda a: a.exp(), (0.0,), 1.0, [1.0]),
        (lambda a: a.log(), (2.0,), math.log(2.0), [0.5]),
        (lambda a: a.tanh(), (0.0,), 0.0, [1.0]),
        (lambda a: a.sigmoid(), (0.0,), 0.5, [0.25]),
        (lambda a: a.relu(), (3.0,), 3.0, [1.0]),
        (lambda a: a.relu(), (-3.0,), 0.0, [0.0]),
        (lambda a: a.relu(), (0.0,), 0.0, [0.0]),  # our choice at the kink
        (lambda a, b: a.max(b), (2.0, -3.0), 2.0, [1.0, 0.0]),  # to the larger input
        (lambda a, b: a.max(b), (-4.0, 1.0), 1.0, [0.0, 1.0]),
        (lambda a, b: a.max(b), (1.5, 1.5), 1.5, [0.5, 0.5]),  # a tie: half each
        (lambda a: a.max(0.2), (0.7,), 0.7, [1.0]),  # a plain number is a constant
        (lambda a: a.max(a), (2.0,), 2.0, [1.0]),  # both halves reach a
    ],
)
def test_known_derivatives(build, xs, value, expected):
    data, g = grads(build, *xs)
    assert data == pytest.approx(value, rel=1e-15)
    assert g == pytest.approx(expected, rel=1e-15)


def test_rpow_uses_exp_and_log():
    # 2^a = e^{a ln 2}; d/da = 2^a ln 2.
    data, (g,) = grads(lambda a: 2**a, 3.0)
    assert data == pytest.approx(8.0, rel=1e-14)
    assert g == pytest.approx(8.0 * math.log(2.0), rel=1e-14)


def test_node_used_twice_accumulates():
    assert grads(lambda a: a * a, 3.0)[1] == [6.0]  # d(a^2)/da = 2a
    assert grads(lambda a: a + a, 3.0)[1] == [2.0]
    # a used on two paths: f = a*b + a, so df/da = b + 1.
    assert grads(lambda a, b: a * b + a, 3.0, 4.0)[1] == [5.0, 3.0]


def test_backward_twice_gives_same_answer():
    a, b = Value(2.0), Value(-3.0)
    f = a * b + b.tanh()
    f.backward()
    first = (a.grad, b.grad)
    f.backward()  # grads are reset first, not accumulated across calls
    assert (a.grad, b.grad) == first
    assert f.grad == 1.0


def test_fresh_graph_is_independent():
    a = Value(2.0)
    (a * a).backward()
    assert a.grad == 4.0
    g = a * 3.0  # a new graph over the same leaf
    g.backward()
    assert a.grad == 3.0
    assert Value(5.0).grad == 0.0


def test_chain_of_100_000_nodes():
    # y_k = y_{k-1} + x, so y_n = (n + 1) x: a graph 100,000 deep in which x is used
    # 100,001 times.
    x = Value(0.5)
    y = x
    for _ in range(100_000):
        y = y + x
    y.backward()  # no RecursionError: the topological sort uses an explicit stack
    assert y.data == pytest.approx(100_001 * 0.5)
    assert x.grad == 100_001.0


def test_topological_order_puts_inputs_first():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    c = a * b
    d = c + a
    order = topological_order(d)
    assert order == [a, b, c, d]
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        assert all(position[id(child)] < position[id(node)] for child in node._prev)


def test_trace_is_deterministic_and_labelled():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    c.label = "c"
    d = c + c  # the same edge twice is drawn once
    nodes, edges = trace(d)
    assert [n.label for n in nodes] == ["a", "b", "c", ""]
    assert [(u.label, v._op) for u, v in edges] == [("a", "*"), ("b", "*"), ("c", "+")]
    assert trace(d) == (nodes, edges)


def test_ops_are_labelled():
    a = Value(2.0)
    assert (a + 1)._op == "+"
    assert (a * 2)._op == "*"
    assert (a**3)._op == "**3"
    assert [
        op(a)._op
        for op in (Value.exp, Value.log, Value.tanh, Value.sigmoid, Value.relu)
    ] == [
        "exp",
        "log",
        "tanh",
        "sigmoid",
        "relu",
    ]
    assert a.max(1.0)._op == "max"
    c = a * Value(3.0)
    assert c._prev[0] is a


def test_repr():
    v = Value(2.5)
    assert repr(v) == "Value(data=2.5, grad=0.0)"
    (v * 2).backward()
    assert repr(v) == "Value(data=2.5, grad=2.0)"


def test_sigmoid_is_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for x, s in [(1000.0, 1.0), (-1000.0, 0.0), (800.0, 1.0), (-800.0, 0.0)]:
            data, (g,) = grads(lambda a: a.sigmoid(), x)
            assert data == s
            assert g == 0.0
        data, (g,) = grads(lambda a: a.sigmoid(), -30.0)
        assert data == pytest.approx(math.exp(-30.0) / (1 + math.exp(-30.0)), rel=1e-14)
        assert g == pytest.approx(data * (1 - data), rel=1e-14)


# ---------------------------------------------------------------- errors


def test_log_of_non_positive_names_the_value():
    with pytest.raises(ValueError, match=r"log .*positive.*-1\.0"):
        Value(-1.0).log()
    with pytest.raises(ValueError, match=r"got 0\.0"):
        Value(0.0).log()


def test_value_exponent_is_rejected():
    with pytest.raises(TypeError, match="only constant"):
        Value(2.0) ** Value(3.0)
    with pytest.raises(TypeError, match="exponent must be an int or float, got str"):
        Value(2.0) ** "3"


def test_pow_outside_the_reals():
    with pytest.raises(ValueError, match=r"\(-8\.0\) \*\* 0\.5 is not a real number"):
        Value(-8.0) ** 0.5
    with pytest.raises(ValueError, match="positive base, got -2"):
        (-2) ** Value(3.0)
    assert (Value(-2.0) ** 3).data == -8.0  # integer exponents are fine


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_data_is_rejected(bad):
    with pytest.raises(ValueError, match=f"finite, got {bad!r}"):
        Value(bad)


@pytest.mark.parametrize(
    "bad, name", [("3", "str"), (None, "NoneType"), ([1.0], "list"), (True, "bool")]
)
def test_non_numeric_data_is_rejected(bad, name):
    with pytest.raises(TypeError, match=f"real number, got {name}"):
        Value(bad)
    with pytest.raises(TypeError, match=name):
        Value(1.0) + bad


def test_numpy_scalars_are_accepted():
    assert Value(np.float64(1.5)).data == 1.5
    assert (Value(1.0) * np.int64(3)).data == 3.0


# ---------------------------------------------------------------- gradcheck properties

small = st.floats(-3.0, 3.0)
positive = st.floats(0.05, 5.0)
away_from_zero = st.one_of(st.floats(0.01, 3.0), st.floats(-3.0, -0.01))


def value_grad(build, x):
    """(f, grad_f) pair over a float array `x`, for gradcheck."""

    def f(x):
        return build(*[Value(xi) for xi in x]).data

    def grad_f(x):
        return np.array(grads(build, *x)[1])

    return f, grad_f


def check(build, *xs):
    x = np.array(xs, dtype=float)
    f, grad_f = value_grad(build, x)
    assert gradcheck(f, grad_f, x, rtol=1e-6) < 1e-6


UNARY = {
    "neg": (lambda a: -a, small),
    "exp": (lambda a: a.exp(), small),
    "log": (lambda a: a.log(), positive),
    "tanh": (lambda a: a.tanh(), small),
    "sin": (lambda a: a.sin(), small),
    "cos": (lambda a: a.cos(), small),
    "sigmoid": (lambda a: a.sigmoid(), st.floats(-20.0, 20.0)),
    "relu": (lambda a: a.relu(), away_from_zero),
    "square": (lambda a: a**2, small),
    "cube": (lambda a: a**3, small),
    "inverse": (lambda a: a**-1, positive),
    "sqrt": (lambda a: a**0.5, positive),
    "rpow": (lambda a: 2**a, small),
    "radd": (lambda a: 1.5 + a, small),
    "rsub": (lambda a: 1.5 - a, small),
    "rmul": (lambda a: 1.5 * a, small),
    "rtruediv": (lambda a: 1.5 / a, positive),
}

BINARY = {
    "add": (lambda a, b: a + b, small),
    "sub": (lambda a, b: a - b, small),
    "mul": (lambda a, b: a * b, small),
    "truediv": (lambda a, b: a / b, positive),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_ops_pass_gradcheck(name):
    build, values = UNARY[name]

    @FAST
    @given(values)
    def run(x):
        check(build, x)

    run()


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_ops_pass_gradcheck(name):
    build, values = BINARY[name]

    @FAST
    @given(values, values)
    def run(x, y):
        check(build, x, y)

    run()


def test_max_passes_gradcheck_away_from_the_tie():
    """With b = a + gap, |gap| >= 0.01, central differences see max's routing."""

    @FAST
    @given(small, away_from_zero)
    def run(x, gap):
        check(lambda a, b: a.max(b), x, x + gap)
        _, (da, db) = grads(lambda a, b: a.max(b), x, x + gap)
        assert (da, db) == ((0.0, 1.0) if gap > 0 else (1.0, 0.0))

    run()


@pytest.mark.parametrize("a0, b0", [(2.0, -3.0), (-4.0, 1.0), (0.3, 0.3)])
def test_max_routes_the_whole_incoming_gradient(a0, b0):
    """Under L = 5 max(a, b) the larger input gets 5, the other 0; a tie, 2.5 each."""
    a, b = Value(a0), Value(b0)
    c = a.max(b)
    L = 5 * c
    L.backward()
    assert c.grad == 5.0
    assert a.grad + b.grad == 5.0  # nothing is lost or made on the way
    assert a.grad == pytest.approx(central_difference(lambda v: 5 * max(v, b0), a0))
    assert b.grad == pytest.approx(central_difference(lambda v: 5 * max(a0, v), b0))


# ---------------------------------------------------------------- autograd as an oracle

# Each instruction reads one or two registers and appends its result; the same
# program runs on Values and on autograd.numpy, and the gradients must agree.
# The ops are wrapped so that every intermediate stays finite and away from kinks.
PROGRAM_OPS = {
    "add": (2, lambda a, b: a + b, lambda a, b: a + b),
    "sub": (2, lambda a, b: a - b, lambda a, b: a - b),
    "mul": (2, lambda a, b: a * b, lambda a, b: a * b),
    "div": (2, lambda a, b: a / (1 + b**2), lambda a, b: a / (1 + b**2)),
    "square": (1, lambda a: a**2, lambda a: a**2),
    "exp": (1, lambda a: a.tanh().exp(), lambda a: anp.exp(anp.tanh(a))),
    "log": (1, lambda a: (1 + a**2).log(), lambda a: anp.log(1 + a**2)),
    "tanh": (1, lambda a: a.tanh(), anp.tanh),
    "sin": (1, lambda a: a.sin(), anp.sin),
    "cos": (1, lambda a: a.cos(), anp.cos),
    "sigmoid": (1, lambda a: a.sigmoid(), lambda a: 1 / (1 + anp.exp(-a))),
    "relu": (
        1,
        lambda a: a.relu(),
        lambda a: anp.where(a > 0, a, 0.0),
    ),  # gradient 0 at the kink, like ours
    "max": (2, lambda a, b: a.max(b), anp.maximum),  # autograd, too, halves a tie
    "neg": (1, lambda a: -a, lambda a: -a),
    "rsub": (1, lambda a: 2 - a, lambda a: 2 - a),
    "rdiv": (
        1,
        lambda a: 1 / (2 + a.sigmoid()),
        lambda a: 1 / (2 + 1 / (1 + anp.exp(-a))),
    ),
}


def run_program(program, inputs, ops):
    """Run `program` on `inputs`; `ops` picks the Value (1) or autograd (2) ops."""
    registers = list(inputs)
    for name, i, j in program:
        arity = PROGRAM_OPS[name][0]
        fn = PROGRAM_OPS[name][ops]
        a, b = registers[i % len(registers)], registers[j % len(registers)]
        registers.append(fn(a, b) if arity == 2 else fn(a))
    total = registers[0]
    for r in registers[1:]:
        total = total + r
    return total


programs = st.lists(
    st.tuples(
        st.sampled_from(sorted(PROGRAM_OPS)), st.integers(0, 50), st.integers(0, 50)
    ),
    min_size=1,
    max_size=12,
)


@FAST
@given(programs, st.lists(st.floats(-2.0, 2.0), min_size=1, max_size=4))
def test_random_graphs_match_autograd(program, xs):
    vs = [Value(x) for x in xs]
    out = run_program(program, vs, 1)
    out.backward()
    ours = np.array([v.grad for v in vs])

    oracle = grad(lambda x: run_program(program, [x[k] for k in range(len(xs))], 2))
    theirs = oracle(np.array(xs))

    assert out.data == pytest.approx(
        float(run_program(program, np.array(xs), 2)), rel=1e-9, abs=1e-12
    )
    scale = max(1.0, float(np.max(np.abs(theirs))))
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12 * scale)


def test_sin_and_cos_known_values():
    a = Value(0.5)
    (a.sin() * a.cos()).backward()
    # d/da sin a cos a = cos^2 a - sin^2 a = cos 2a
    assert a.grad == pytest.approx(math.cos(1.0), rel=1e-15)
    assert Value(0.0).sin().data == 0.0 and Value(0.0).cos().data == 1.0
