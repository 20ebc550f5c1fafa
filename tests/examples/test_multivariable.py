"""The multivariable example's closed forms against central differences, the engine."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bpdocs.autodiff import Value
from bpdocs.examples import multivariable as mv
from bpdocs.examples.calculus import central_difference

POINTS = [-2.0, -1.0, -0.3, 0.0, 0.5, 1.2, 2.5]


@pytest.mark.parametrize("t", POINTS)
def test_path_derivatives_match_central_differences(t):
    assert mv.dx_dt(t) == pytest.approx(
        central_difference(mv.x_of_t, t), rel=1e-8, abs=1e-9
    )
    assert mv.dy_dt(t) == pytest.approx(
        central_difference(mv.y_of_t, t), rel=1e-8, abs=1e-9
    )


@pytest.mark.parametrize("t", POINTS)
def test_partial_derivatives_match_central_differences(t):
    x, y = mv.x_of_t(t), mv.y_of_t(t)
    assert mv.df_dx(x, y) == pytest.approx(
        central_difference(lambda u: mv.f(u, y), x), rel=1e-8, abs=1e-9
    )
    assert mv.df_dy(x, y) == pytest.approx(
        central_difference(lambda v: mv.f(x, v), y), rel=1e-8, abs=1e-9
    )


@pytest.mark.parametrize("t", POINTS)
def test_total_derivative_matches_central_difference(t):
    numeric = central_difference(mv.f_of_t, t)
    assert mv.df_dt(t) == pytest.approx(numeric, rel=1e-8, abs=1e-8)
    assert mv.df_dt_closed_form(t) == pytest.approx(numeric, rel=1e-8, abs=1e-8)


@pytest.mark.parametrize("t", POINTS)
def test_closed_forms_are_the_source_formulas(t):
    """2x·2t + 2y·cos t = 4t³ + 2 sin t cos t, and f(t², sin t) = t⁴ + sin² t."""
    x, y = t**2, math.sin(t)
    assert mv.f_of_t(t) == pytest.approx(t**4 + math.sin(t) ** 2, rel=1e-15, abs=1e-15)
    assert mv.df_dt(t) == pytest.approx(
        2 * x * 2 * t + 2 * y * math.cos(t), rel=1e-15, abs=1e-15
    )
    assert mv.df_dt_closed_form(t) == pytest.approx(
        4 * t**3 + 2 * math.sin(t) * math.cos(t), rel=1e-15, abs=1e-15
    )
    via_x, via_y = mv.path_terms(t)
    assert via_x == pytest.approx(4 * t**3, rel=1e-15, abs=1e-15)
    assert via_y == pytest.approx(2 * math.sin(t) * math.cos(t), rel=1e-15, abs=1e-15)
    assert via_x + via_y == mv.df_dt(t)


@pytest.mark.parametrize("t", POINTS)
def test_total_derivative_matches_autodiff(t):
    """t feeds f along two paths (through x and y); autodiff adds both into t.grad."""
    tv = Value(t)
    xv = tv**2
    yv = tv.sin()
    out = xv**2 + yv**2
    assert out.data == pytest.approx(mv.f_of_t(t), rel=1e-15, abs=1e-15)
    out.backward()
    assert tv.grad == pytest.approx(mv.df_dt(t), rel=1e-12, abs=1e-12)
    assert xv.grad == pytest.approx(mv.df_dx(xv.data, yv.data), rel=1e-15, abs=1e-15)
    assert yv.grad == pytest.approx(mv.df_dy(xv.data, yv.data), rel=1e-15, abs=1e-15)


@pytest.mark.parametrize("t", POINTS)
def test_partials_and_path_derivative_match_autodiff_directly(t):
    """The library's own functions run on Values where they can: f(x, y) and x = t²."""
    x, y = Value(mv.x_of_t(t)), Value(float(mv.y_of_t(t)))
    out = mv.f(x, y)
    out.backward()
    assert (x.grad, y.grad) == pytest.approx(
        (mv.df_dx(x.data, y.data), mv.df_dy(x.data, y.data)), rel=1e-15
    )
    tv = Value(t)
    xt = mv.x_of_t(tv)
    xt.backward()
    assert tv.grad == pytest.approx(mv.dx_dt(t), rel=1e-15, abs=1e-15)


@pytest.mark.parametrize("t", POINTS)
def test_gradient_dot_velocity_is_the_total_derivative(t):
    x, y = mv.x_of_t(t), mv.y_of_t(t)
    assert mv.gradient(x, y) @ mv.velocity(t) == pytest.approx(
        mv.df_dt(t), rel=1e-14, abs=1e-14
    )
    assert mv.gradient(x, y).shape == mv.velocity(t).shape == (2,)


def test_functions_work_on_arrays():
    t = np.linspace(-2, 2, 9)
    numeric = np.array([central_difference(mv.f_of_t, ti) for ti in t])
    assert np.allclose(mv.df_dt(t), numeric, rtol=1e-8, atol=1e-8)
    assert np.allclose(mv.df_dt(t), mv.df_dt_closed_form(t), rtol=1e-14, atol=1e-14)


def test_dropping_a_path_is_caught():
    """Keeping only the x path (4t³) misses the numeric derivative by 2 sin t cos t."""
    t = 0.7
    numeric = central_difference(mv.f_of_t, t)
    via_x, via_y = mv.path_terms(t)
    assert abs(via_x - numeric) > 0.9
    assert via_x - numeric == pytest.approx(-via_y, rel=1e-7)
