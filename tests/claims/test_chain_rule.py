"""The comparisons on docs/chain-rule.md, each computed."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bpdocs.examples import calculus
from tests.conftest import claim

PAGE = "chain-rule.md"


def test_the_central_difference_error_shrinks_like_h_squared():
    claim(PAGE, "approximates $f'(x)$ with an error that shrinks like $h^2$")
    x, exact = 0.8, calculus.three_chain_derivative(0.8)  # not a quadratic
    errors = [
        abs(calculus.central_difference(calculus.three_chain, x, h) - exact)
        for h in (1e-2, 5e-3, 2.5e-3)
    ]
    # halving h divides the error by 4 = 2^2, each time
    assert errors[0] / errors[1] == pytest.approx(4.0, rel=1e-2)
    assert errors[1] / errors[2] == pytest.approx(4.0, rel=1e-2)


def test_for_a_quadratic_only_floating_point_separates_them():
    claim(
        PAGE,
        "for a quadratic the central difference has no truncation error at all, "
        "so only floating point separates them",
    )
    for x in (-1, 0, Fraction(1, 2), 2):
        for h in (Fraction(1), Fraction(1, 10**6)):  # in exact arithmetic, any h
            numeric = calculus.central_difference(calculus.f_of_g, Fraction(x), h)
            assert numeric == calculus.chain_rule_derivative(Fraction(x))
    # in floating point the page's differences are rounding: tiny, and not all zero
    float_errors = [
        abs(
            calculus.central_difference(calculus.f_of_g, x)
            - calculus.chain_rule_derivative(x)
        )
        for x in (-1.0, 0.0, 0.5, 2.0)
    ]
    assert 0 < max(float_errors) < 1e-8


def test_the_wrong_order_is_caught_at_once_by_the_numerical_check():
    claim(PAGE, "for the example above that would give $2x\\cdot 3$")
    claim(PAGE, "which the numerical check catches at once")
    for x in (-1.0, 0.5, 2.0):
        numeric = calculus.central_difference(calculus.f_of_g, x)
        wrong = calculus.df_du(x) * calculus.dg_dx(x)  # f'(x) g'(x) = 2x * 3
        right = calculus.chain_rule_derivative(x)  # f'(g(x)) g'(x)
        # the slip is off by 6(2x + 1), the right rule by rounding alone
        assert abs(wrong - numeric) > 1.0
        assert abs(wrong - numeric) > 1e6 * abs(right - numeric)
