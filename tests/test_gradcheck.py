"""Tests for bpdocs.gradcheck: central differences, the error measure, loud failures."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bpdocs.examples import calculus
from bpdocs.examples.matrix_form import full_jacobian
from bpdocs.gradcheck import (
    GradcheckError,
    central_difference,
    gradcheck,
    numerical_gradient,
    partial_difference,
    relative_error,
    spot_check,
)

FAST = settings(max_examples=25, deadline=None, database=None, derandomize=True)


def sum_of_squares(x):
    return float(np.sum(x**2))


def test_numerical_gradient_known_values():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_allclose(numerical_gradient(sum_of_squares, x), 2 * x, rtol=1e-8)
    # f(x) = x0 * x1 + sin(x2)
    x = np.array([2.0, -3.0, 0.0])
    g = numerical_gradient(lambda v: v[0] * v[1] + np.sin(v[2]), x)
    np.testing.assert_allclose(g, [-3.0, 2.0, 1.0], rtol=1e-8)


def test_numerical_gradient_keeps_shape_and_leaves_x_alone():
    x = np.arange(6.0).reshape(2, 3) / 7
    before = x.copy()
    g = numerical_gradient(sum_of_squares, x)
    assert g.shape == (2, 3)
    assert g.dtype == np.float64
    np.testing.assert_array_equal(x, before)  # every entry restored exactly


def test_x_is_restored_even_when_f_fails():
    x = np.array([1.0, 2.0])
    before = x.copy()

    def f(v):
        if v[1] != 2.0:
            raise ZeroDivisionError("boom")
        return float(v.sum())

    with pytest.raises(ZeroDivisionError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, before)


@FAST
@given(st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_numerical_gradient_of_quadratic_form(n, seed):
    # f(x) = x^T A x has gradient (A + A^T) x; central differences are exact for
    # quadratics, up to round-off.
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    x = rng.standard_normal(n)
    g = numerical_gradient(lambda v: float(v @ A @ v), x)
    np.testing.assert_allclose(g, (A + A.T) @ x, rtol=1e-6, atol=1e-8)


def test_central_difference_is_the_formula():
    assert central_difference(lambda x: x**3, 2.0, h=0.5) == (2.5**3 - 1.5**3) / 1.0
    assert central_difference(lambda x: x**2, 3.0) == pytest.approx(6.0, rel=1e-9)
    assert calculus.central_difference is central_difference  # the pages' import


def test_the_array_loops_are_the_scalar_formula_entry_by_entry():
    """numerical_gradient and full_jacobian: central_difference per entry, exactly."""
    x = np.array([[0.3, -1.2], [2.0, 0.7]])

    def F(v):
        return np.sin(v) * v[::-1]

    def f(v):
        return float(np.sum(F(v)))

    def one_entry(g, i):
        def along(t):
            nudged = x.copy()
            nudged[i] = t
            return g(nudged)

        return central_difference(along, x[i])

    grad, J = numerical_gradient(f, x), full_jacobian(F, x)
    for i in np.ndindex(x.shape):
        assert grad[i] == one_entry(f, i)
        np.testing.assert_array_equal(J[(..., *i)], one_entry(F, i))
        assert partial_difference(f, x.copy(), i) == one_entry(f, i)
    before = x.copy()
    partial_difference(f, x, (0, 1))
    np.testing.assert_array_equal(x, before)  # nudged in place, then restored


# ---------------------------------------------------------------- input errors


def test_non_array_input():
    with pytest.raises(
        TypeError, match="^numerical_gradient: expected a NumPy array as x, got list$"
    ):
        numerical_gradient(sum_of_squares, [1.0, 2.0])


@pytest.mark.parametrize("dtype", ["int64", "int32", "object", "bool"])
def test_non_float_dtype(dtype):
    with pytest.raises(TypeError, match=f"floating-point x, got dtype {dtype}"):
        numerical_gradient(sum_of_squares, np.array([1, 2]).astype(dtype))


def test_nan_in_x_names_the_index():
    x = np.array([[1.0, 2.0], [np.nan, 4.0]])
    with pytest.raises(
        ValueError,
        match=r"^numerical_gradient: x has non-finite value nan at index \(1, 0\)$",
    ):
        numerical_gradient(sum_of_squares, x)


def test_non_scalar_f_names_the_shape():
    with pytest.raises(ValueError, match=r"scalar, got an array of shape \(3,\)"):
        numerical_gradient(lambda v: v**2, np.ones(3))


def test_non_finite_f_is_reported():
    f = lambda v: float("inf") if v[0] < 1.0 else 1.0
    with pytest.raises(ValueError, match=r"f returned inf when x\[0\] was nudged"):
        numerical_gradient(f, np.array([1.0]))


# ---------------------------------------------------------------- gradcheck


def test_gradcheck_passes_and_returns_the_worst_error():
    x = np.array([1.0, -2.0, 0.5])
    err = gradcheck(sum_of_squares, lambda v: 2 * v, x)
    assert isinstance(err, float)
    assert 0.0 <= err < 1e-8


def test_gradcheck_error_value():
    # Analytic 2.002 against numerical 2: |a - n| / max(|a|, |n|) = 0.002 / 2.002.
    x = np.array([1.0])
    err = gradcheck(sum_of_squares, lambda v: np.array([2.002]), x, rtol=1e-2)
    assert err == pytest.approx(0.002 / 2.002, rel=1e-6)


def test_gradcheck_verbose_prints(capsys):
    gradcheck(sum_of_squares, lambda v: 2 * v, np.array([3.0]), verbose=True)
    out = capsys.readouterr().out
    assert out.startswith("max relative error: ")
    assert float(out.split(": ")[1]) < 1e-8


def test_gradcheck_fails_on_a_wrong_gradient():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])

    def wrong(v):
        g = 2 * v
        g[1, 0] = v[1, 0]  # forgot the factor 2 in one entry
        return g

    with pytest.raises(
        GradcheckError,
        match=r"index \(1, 0\): analytic 3, numerical 6, "
        r"relative error 0\.5 > rtol 1e-06$",
    ):
        gradcheck(sum_of_squares, wrong, x)
    assert issubclass(GradcheckError, AssertionError)


def test_gradcheck_fails_on_nan_gradient():
    with pytest.raises(GradcheckError, match=r"index \(0,\): analytic nan"):
        gradcheck(sum_of_squares, lambda v: np.array([np.nan]), np.array([1.0]))


def test_gradcheck_shape_mismatch_names_both_shapes():
    with pytest.raises(ValueError, match=r"shape \(1, 3\), but x has shape \(3,\)"):
        gradcheck(sum_of_squares, lambda v: (2 * v)[None, :], np.ones(3))


def test_floor_keeps_round_off_near_zero_from_failing():
    # f(x) = 1 + 1e-7 x: the true gradient is tiny, and central differences see
    # round-off in it.
    x = np.array([0.3])
    f = lambda v: float(1.0 + 1e-7 * v[0])
    assert gradcheck(f, lambda v: np.array([1e-7]), x) < 1e-6
    with pytest.raises(GradcheckError):
        gradcheck(f, lambda v: np.array([1e-7]), x, floor=1e-300)  # bare relative error
    # the module's example: a right gradient of 1e-6 scores of order 1e-5 bare
    g = lambda v: float(1.0 + 1e-6 * v[0])
    bare = gradcheck(g, lambda v: np.array([1e-6]), x, rtol=1.0, floor=1e-300)
    assert 1e-6 < bare < 1e-4
    assert gradcheck(g, lambda v: np.array([1e-6]), x) < 1e-8
    # ... while a wrong small gradient is still caught against the floor.
    with pytest.raises(GradcheckError, match=r"index \(0,\)"):
        gradcheck(lambda v: float(1e-3 * v[0] ** 2), lambda v: 1e-3 * v, x)


# --- relative_error, central differences in a precision, spot checks -----------------


def test_relative_error_is_the_one_measure_gradcheck_uses():
    a, n = np.array([2.0, -1e-3, 0.0, 1.0]), np.array([1.0, 1e-3, 0.0, 1.0])
    np.testing.assert_array_equal(relative_error(a, n), [0.5, 0.2, 0.0, 0.0])
    assert relative_error(2.0, 1.0, floor=1e-300) == 0.5
    f = lambda v: float(np.sum(v**3))  # noqa: E731
    x = np.array([0.5, -2.0])
    wrong = lambda v: 3 * v**2 * 1.001  # noqa: E731
    worst = gradcheck(f, wrong, x, rtol=np.inf)
    assert worst == relative_error(wrong(x), numerical_gradient(f, x)).max()


def test_central_difference_in_float32_is_computed_in_float32():
    x = np.array([1.0, 1.5, 1.75], dtype=np.float32)
    d = central_difference(lambda v: 1 / v, x, 1e-3, np.float32)
    assert d.dtype == np.float32
    # every step in float32, by hand: the same bits
    h = np.float32(1e-3)
    by_hand = (np.float32(1) / (x + h) - np.float32(1) / (x - h)) / (h + h)
    np.testing.assert_array_equal(d, by_hand)
    # and not the float64 answer rounded: float32's rounding is in it
    d64 = central_difference(lambda v: 1 / v, x.astype(float), 1e-3)
    assert np.abs(d.astype(float) - d64).max() > 1e-7
    # a step below float32's resolution at 1 is lost entirely: x + h == x
    assert np.all(central_difference(lambda v: 1 / v, x, 1e-9, np.float32) == 0)


def test_central_difference_without_dtype_is_unchanged_for_floats():
    f = np.sin
    for x in (0.3, -1.2, 2.0):
        assert central_difference(f, x) == (f(x + 1e-6) - f(x - 1e-6)) / (2 * 1e-6)


def test_partial_difference_nudges_in_the_arrays_precision():
    A = np.array([1.0, 2.0], dtype=np.float32)
    seen = []

    def F(B):
        seen.append(B[0])
        return float(np.sum(B.astype(float) ** 2))

    partial_difference(F, A, (0,), 1e-3)
    h = np.float32(1e-3)
    assert seen == [np.float32(1) + h, np.float32(1) - h]
    assert A[0] == np.float32(1)  # restored


def counted(f):
    """`f`, with its number of calls in `.calls`."""

    def g(v):
        g.calls += 1
        return f(v)

    g.calls = 0
    return g


def test_spot_check_calls_f_twice_per_entry_and_passes_a_correct_gradient():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20, 10))
    f = counted(lambda v: float(np.sum(np.sin(v))))
    before = x.copy()
    worst = spot_check(f, np.cos, x, k=15, rng=3)
    assert f.calls == 30 and worst < 1e-8
    np.testing.assert_array_equal(x, before)


def test_spot_check_names_the_index_of_a_bad_entry_it_draws():
    x = np.linspace(0.1, 1.0, 12).reshape(3, 4)
    bad = lambda v: np.where(np.arange(12).reshape(3, 4) == 6, 5.0, 2 * v)  # noqa: E731
    f = lambda v: float(np.sum(v**2))  # noqa: E731
    with pytest.raises(GradcheckError, match=r"index \(1, 2\)"):
        spot_check(f, bad, x, k=12, rng=0)  # every entry drawn: the bad one too
    # a draw that leaves entry 6 out passes: the check is only as good as its sample
    for seed in range(40):
        chosen = np.random.default_rng(seed).choice(12, size=3, replace=False)
        if 6 not in chosen:
            assert spot_check(f, bad, x, k=3, rng=seed) < 1e-8
            break
    else:
        pytest.fail("no seed left entry 6 out")


def test_spot_check_refuses_bad_k_and_shapes():
    x = np.ones(5)
    f = lambda v: float(np.sum(v))  # noqa: E731
    for k in (0, 6):
        with pytest.raises(
            ValueError, match=f"k must be from 1 to x.size = 5, not {k}"
        ):
            spot_check(f, np.ones_like, x, k=k)
    with pytest.raises(ValueError, match=r"shape \(4,\), but x has shape \(5,\)"):
        spot_check(f, lambda v: np.ones(4), x, k=2)
    with pytest.raises(TypeError, match="spot_check"):
        spot_check(f, np.ones_like, [1.0, 2.0], k=1)
