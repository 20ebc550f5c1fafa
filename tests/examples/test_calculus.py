"""The worked examples' closed forms against central differences and the engine."""

from __future__ import annotations

import math

import pytest

from bpdocs.examples import calculus

POINTS = [-2.0, -1.0, -1 / 3, 0.0, 0.5, 1.7, 3.0]


@pytest.mark.parametrize("x", POINTS)
def test_single_variable_chain_rule_matches_central_difference(x):
    numeric = calculus.central_difference(calculus.f_of_g, x)
    assert calculus.chain_rule_derivative(x) == pytest.approx(
        numeric, rel=1e-8, abs=1e-8
    )


@pytest.mark.parametrize("x", POINTS)
def test_single_variable_closed_form(x):
    assert calculus.chain_rule_derivative(x) == 6 * (3 * x + 1)
    assert calculus.f_of_g(x) == (3 * x + 1) ** 2


def test_wrong_rule_is_caught():
    """f'(x) g'(x) instead of f'(g(x)) g'(x) is far from the numerical derivative."""
    x = 0.5
    wrong = calculus.df_du(x) * calculus.dg_dx(x)
    assert abs(wrong - calculus.central_difference(calculus.f_of_g, x)) > 1.0


@pytest.mark.parametrize("x", [-1.2, -0.3, 0.0, 0.8, 1.1])
def test_three_chain_matches_central_difference(x):
    numeric = calculus.central_difference(calculus.three_chain, x)
    assert calculus.three_chain_derivative(x) == pytest.approx(
        numeric, rel=1e-7, abs=1e-8
    )
    assert calculus.three_chain_derivative(x) == pytest.approx(
        math.cos(math.exp(x * x)) * math.exp(x * x) * 2 * x, rel=1e-15, abs=1e-15
    )


def test_central_difference_is_second_order():
    """Halving h quarters the central difference's error (smooth, non-quadratic f)."""
    exact = math.cos(1.0)
    e1 = abs(calculus.central_difference(math.sin, 1.0, 1e-2) - exact)
    e2 = abs(calculus.central_difference(math.sin, 1.0, 5e-3) - exact)
    assert e1 / e2 == pytest.approx(4.0, rel=1e-3)
