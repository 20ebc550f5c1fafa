r"""The text's multivariable example of §2, each function beside its derivative.

$f(x, y) = x^2 + y^2$ along the path $x = t^2$, $y = \sin t$. Every function works on a
float or on a NumPy array of $t$ values, so the figures use the same code as the page.
"""

from __future__ import annotations

import numpy as np


# --8<-- [start:example]
def f(x, y):
    r"""$f(x, y) = x^2 + y^2$."""
    return x**2 + y**2


def df_dx(x, y):
    r"""$\frac{\partial f}{\partial x} = 2x$."""
    return 2 * x


def df_dy(x, y):
    r"""$\frac{\partial f}{\partial y} = 2y$."""
    return 2 * y


def x_of_t(t):
    r"""$x = t^2$."""
    return t**2


def dx_dt(t):
    r"""$\frac{dx}{dt} = 2t$."""
    return 2 * t


def y_of_t(t):
    r"""$y = \sin t$."""
    return np.sin(t)


def dy_dt(t):
    r"""$\frac{dy}{dt} = \cos t$."""
    return np.cos(t)


def f_of_t(t):
    r"""The composite $f(x(t), y(t)) = t^4 + \sin^2 t$."""
    return f(x_of_t(t), y_of_t(t))


# --8<-- [end:example]


# --8<-- [start:total_derivative]
def path_terms(t):
    r"""One term per path from $t$ to $f$, through $x$ and through $y$.

    $\frac{\partial f}{\partial x}\cdot\frac{dx}{dt}$ and
    $\frac{\partial f}{\partial y}\cdot\frac{dy}{dt}$.
    """
    x, y = x_of_t(t), y_of_t(t)  # where we are on the path
    via_x = df_dx(x, y) * dx_dt(t)  # partial derivative times the path's derivative
    via_y = df_dy(x, y) * dy_dt(t)
    return via_x, via_y


def df_dt(t):
    r"""$\frac{df}{dt}$, the sum of the path terms: the total derivative.

    $\frac{df}{dt} = \sum_i \frac{\partial f}{\partial x_i}\cdot\frac{dx_i}{dt}
    = 2x \cdot 2t + 2y \cdot \cos t$.
    """
    via_x, via_y = path_terms(t)
    return via_x + via_y  # sum over all paths


def df_dt_closed_form(t):
    r"""$\frac{df}{dt} = 4t^3 + 2\sin t \cos t$, everything written in terms of $t$."""
    return 4 * t**3 + 2 * np.sin(t) * np.cos(t)


# --8<-- [end:total_derivative]


# --8<-- [start:gradient_velocity]
def gradient(x, y):
    r"""$\nabla f = (\partial f/\partial x, \partial f/\partial y) = (2x, 2y)$."""
    return np.array([df_dx(x, y), df_dy(x, y)])


def velocity(t):
    r"""The path's velocity $(dx/dt, dy/dt) = (2t, \cos t)$."""
    return np.array([dx_dt(t), dy_dt(t)])


# --8<-- [end:gradient_velocity]
