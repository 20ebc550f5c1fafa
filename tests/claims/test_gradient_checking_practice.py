"""The comparisons on docs/gradient-checking-practice.md, each computed with bpdocs."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples.gradcheck_practice import (
    POINTS,
    STEPS,
    best_step,
    catch_chance,
    dropout_loss,
    error_bound,
    reciprocal,
    reciprocal_prime,
    small_net,
    step_errors,
    wide_net,
)
from bpdocs.gradcheck import (
    GradcheckError,
    central_difference,
    gradcheck,
    relative_error,
    spot_check,
)
from bpdocs.layers import ReLU
from tests.conftest import claim

PAGE = "gradient-checking-practice.md"
DTYPES = ("float64", "float32")


@pytest.fixture(scope="module")
def curves():
    """The measured curve of each precision, over the page's steps."""
    return {dtype: step_errors(dtype) for dtype in DTYPES}


def log_slope(x, y):
    """The slope of a straight-line fit of log y against log x."""
    return np.polyfit(np.log(x), np.log(y), 1)[0]


def test_truncation_shrinks_with_h_and_rounding_grows_as_h_shrinks(curves):
    claim(
        PAGE, "truncation, which shrinks with the step $h$, and rounding, which grows"
    )
    for errors in curves.values():
        best = np.argmin(errors)
        assert np.all(np.diff(errors[best:]) > 0)  # right of the minimum: rises with h
    left = (STEPS > 1e-11) & (STEPS < 1e-7)
    assert np.all(np.diff(curves["float64"][left]) < 0.5 * curves["float64"][left][1:])
    assert log_slope(STEPS[left], curves["float64"][left]) < -0.8


def test_the_central_difference_of_1_over_x_is_larger_in_size_than_the_derivative():
    claim(PAGE, "which is larger in size than $f'(x) = -\\frac{1}{x^2}$")
    for h in (1e-3, 1e-2, 1e-1):
        n = central_difference(reciprocal, POINTS, h * POINTS)
        assert np.all(np.abs(n) > np.abs(reciprocal_prime(POINTS)))


def test_both_curves_share_the_slope_2_line_and_rise_with_slope_minus_1_below_it(
    curves,
):
    claim(PAGE, "On the right the two lie on the same line of slope 2")
    claim(PAGE, "truncation does\nnot depend on the precision")
    claim(PAGE, "On the left each rises with slope $-1$, parallel to its")
    claim(PAGE, "$\\epsilon / h$ and below it")
    right = STEPS >= 1e-2
    for dtype in DTYPES:
        np.testing.assert_allclose(curves[dtype][right], STEPS[right] ** 2, rtol=0.02)
        assert log_slope(STEPS[right], curves[dtype][right]) == pytest.approx(
            2, abs=0.01
        )
    for dtype, (lo, hi) in {"float64": (1e-11, 1e-7), "float32": (1e-7, 1e-4)}.items():
        arm = (STEPS > lo) & (STEPS < hi)
        assert log_slope(STEPS[arm], curves[dtype][arm]) == pytest.approx(-1, abs=0.1)
        eps = np.finfo(dtype).eps
        assert np.all(curves[dtype][arm] < eps / STEPS[arm])


def test_float32s_arm_is_2_to_the_29_times_higher_and_flat_at_1_below_1e_8(curves):
    claim(PAGE, "Float32's arm starts $2^{29}$ times higher")
    claim(PAGE, "its $\\epsilon$ is\n$2^{29}$ times larger")
    claim(PAGE, "for steps below about $10^{-8}$ it is flat at 1")
    claim(PAGE, "$x + \\delta$\nrounds to $x$ itself")
    assert np.finfo("float32").eps / np.finfo("float64").eps == 2.0**29
    at = np.argmin(np.abs(STEPS - 1e-6))
    ratio = curves["float32"][at] / curves["float64"][at]
    assert 2.0**28 < ratio < 2.0**30
    flat = STEPS <= 1.01e-8
    assert np.all(curves["float32"][flat] == 1)
    x = POINTS.astype(np.float32)
    assert np.all(x + (1e-8 * POINTS).astype(np.float32) == x)


def test_the_measured_minimum_is_left_of_h_star_and_within_3_of_eps_two_thirds(curves):
    claim(
        PAGE, "The measured minimum lies a little to the left of $h^*$, within a factor"
    )
    claim(PAGE, "within a factor of 3 of $\\epsilon^{2/3}$")
    claim(PAGE, "the measured rounding arm is lower\nthan its bound")
    for dtype, errors in curves.items():
        eps, h = np.finfo(dtype).eps, best_step(dtype)
        best = STEPS[np.argmin(errors)]
        assert h / 2 < best < h
        assert eps ** (2 / 3) / 3 < errors.min() < error_bound(h, dtype)
        assert errors.min() < eps ** (2 / 3)
        useful = STEPS > 10 * eps
        assert np.all(errors[useful] <= error_bound(STEPS[useful], dtype))


def test_gradchecks_default_step_is_a_little_on_the_rounding_side(curves):
    claim(PAGE, "`gradcheck`'s default $10^{-6}$, a little on the rounding side of it")
    best = STEPS[np.argmin(curves["float64"])]
    assert 1e-6 < best < 1e-5 and 1e-6 < best_step("float64") < 1e-5
    at = np.argmin(np.abs(STEPS - 1e-6))
    assert curves["float64"][at] > curves["float64"][at + 1]  # still falling there


def test_the_orders_to_keep():
    claim(PAGE, "a step near $\\epsilon^{1/3}$, about $6 \\times 10^{-6}$ in float64")
    claim(PAGE, "and $5 \\times 10^{-3}$ in float32")
    claim(PAGE, "$4 \\times 10^{-11}$ in float64 and $2 \\times 10^{-5}$ in float32")
    e64, e32 = np.finfo("float64").eps, np.finfo("float32").eps
    assert round(e64 ** (1 / 3), 6) == 6e-6 and round(e32 ** (1 / 3), 3) == 5e-3
    assert f"{e64 ** (2 / 3):.0e}" == "4e-11" and f"{e32 ** (2 / 3):.0e}" == "2e-05"
    assert round(3 * 2 ** (-2 / 3), 1) == 1.9  # the bound at h*, over eps^(2/3)


def test_float64_has_four_orders_of_room_and_float32_none(curves):
    claim(PAGE, "more\nthan four orders of magnitude below the threshold $10^{-6}$")
    claim(
        PAGE, "In float32 the best that any step does, even on $1/x$,\nis already above"
    )
    assert 1e-6 / curves["float64"].min() > 1e4
    assert curves["float32"].min() > 1e-6


def verdicts(dtype, h, rtol, scale=1.0):
    """Whether gradcheck passes every parameter of small_net, one entry scaled."""
    loss, params, grads = small_net(dtype)
    grads = {name: g.copy() for name, g in grads.items()}
    grads["0.W"][1, 2] *= scale
    try:
        for name, p in params.items():
            gradcheck(loss, lambda _, n=name: grads[n], p, rtol, h)
    except GradcheckError:
        return False
    return True


def test_each_threshold_passes_the_correct_gradient_and_fails_the_buggy_one():
    claim(PAGE, "Each threshold passes the correct gradient and fails the 1% bug.")
    claim(PAGE, "Held to the float64 threshold,\nthe correct float32 gradient fails")
    claim(PAGE, "a bug of one part in ten thousand slips under $10^{-3}$ but not under")
    for dtype, h, rtol in (("float64", 1e-6, 1e-6), ("float32", 5e-3, 1e-3)):
        assert verdicts(dtype, h, rtol) and not verdicts(dtype, h, rtol, 1.01)
    assert not verdicts("float32", 5e-3, 1e-6)
    assert verdicts("float64", 1e-6, 1e-3, 1.0001)
    assert not verdicts("float64", 1e-6, 1e-6, 1.0001)


def test_a_central_difference_across_the_kink_is_one_half_neither_side():
    claim(PAGE, "neither one-sided derivative")
    claim(
        PAGE, "Only the point $z = 2 \\times 10^{-6}$, farther from the kink than $h$"
    )
    h = 1e-6
    assert central_difference(ReLU.f, 0.0, h) == 0.5
    assert ReLU.f(h) / h == 1 and ReLU.f(-h) == 0
    for z, passes in [(0.0, False), (3e-7, False), (-3e-7, False), (2e-6, True)]:
        error = relative_error(ReLU.df(np.array(z)), central_difference(ReLU.f, z, h))
        assert (error <= 1e-6) == passes


def test_twenty_entries_miss_more_often_than_not_and_two_hundred_always_catch():
    claim(PAGE, "which for $k = 20$ is about one\nhalf")
    claim(PAGE, "Twenty entries missed this bug more often than they caught it")
    claim(PAGE, "two hundred, at a\ntenth of the cost of the full check")
    claim(PAGE, "caught it with every seed")
    loss, W, dW = wide_net()
    buggy = dW.copy()
    buggy[:, 7] *= 2
    caught = {20: 0, 200: 0}
    for k in caught:
        for seed in range(50):
            try:
                spot_check(loss, lambda _: buggy, W, k, rng=seed)
            except GradcheckError:
                caught[k] += 1
    assert caught[20] < 25 and caught[200] == 50
    assert 0.4 < catch_chance(64, 2048, 20) < 0.5
    assert 2 * 200 / (2 * W.size) == pytest.approx(0.1, rel=0.03)


def test_with_fresh_masks_the_difference_is_mostly_the_masks():
    claim(PAGE, "their difference is\nmostly the difference of the masks, not of $x$")
    rng = np.random.default_rng(0)
    X, T, w = rng.normal(size=(8, 3)), rng.normal(size=(8, 1)), rng.normal(size=(3, 1))
    up, down = w.copy(), w.copy()
    up[0, 0] += 1e-6
    down[0, 0] -= 1e-6
    shared = np.random.default_rng(1)
    fresh = abs(dropout_loss(up, X, T, shared) - dropout_loss(down, X, T, shared))
    fixed = abs(
        dropout_loss(up, X, T, np.random.default_rng(1))
        - dropout_loss(down, X, T, np.random.default_rng(1))
    )
    assert fresh > 1e4 * fixed
