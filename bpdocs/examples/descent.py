r"""The gradient-descent example of §6 of the text: $L(w, b) = (wx + b - y)^2$.

Here ``y`` is the target. `residual`, `loss` and `gradients` work on plain floats and,
elementwise, on NumPy arrays of ``w`` and ``b`` (the figures evaluate the loss on a
grid); `step`, `descend` and `contraction` take plain numbers.
"""

from __future__ import annotations

# --8<-- [start:imports]
import math
import numbers

# --8<-- [end:imports]


# --8<-- [start:loss]
def residual(w, b, x, y):
    r"""The inner function $r = wx + b - y$: how far the prediction $wx + b$ is off."""
    return w * x + b - y


def loss(w, b, x, y):
    r"""$L(w, b) = (wx + b - y)^2 = r^2$, the squared error on one point $(x, y)$."""
    return residual(w, b, x, y) ** 2


# --8<-- [end:loss]


# --8<-- [start:gradients]
def gradients(w, b, x, y):
    r"""The gradient $(\partial L/\partial w, \partial L/\partial b)$ by the chain rule.

    $\left(\frac{\partial L}{\partial w}, \frac{\partial L}{\partial b}\right)
    = \big(2(wx+b-y)\,x,\; 2(wx+b-y)\big)$.
    """
    r = residual(w, b, x, y)
    dL_dr = 2 * r  # outer function r^2: dL/dr = 2r
    return dL_dr * x, dL_dr * 1.0  # inner function r = wx + b - y: dr/dw = x, dr/db = 1


# --8<-- [end:gradients]


# --8<-- [start:checks]
def _check_finite(name, value):
    """Raise unless `value` is one finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a real number, got {type(value).__name__}: {value!r}"
        )
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")


def _check_descent(w, b, x, y, lr, steps):
    """Raise, naming the argument, unless all are finite, `lr > 0` and `steps >= 0`."""
    for name, value in (("w", w), ("b", b), ("x", x), ("y", y), ("lr", lr)):
        _check_finite(name, value)
    if lr <= 0:
        raise ValueError(f"the learning rate must be positive, got lr={lr!r}")
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral) or steps < 0:
        raise ValueError(f"steps must be a non-negative integer, got {steps!r}")


# --8<-- [end:checks]


# --8<-- [start:step]
def step(w, b, x, y, lr):
    r"""One gradient-descent step on $w$ and $b$, with learning rate $\eta$ = `lr`.

    $w \leftarrow w - \eta \frac{\partial L}{\partial w}$ and
    $b \leftarrow b - \eta \frac{\partial L}{\partial b}$.
    """
    dL_dw, dL_db = gradients(w, b, x, y)
    return w - lr * dL_dw, b - lr * dL_db


def descend(w, b, x, y, lr, steps):
    """`[(w, b, L), ...]`: the start, then the point and loss after each step."""
    _check_descent(w, b, x, y, lr, steps)
    path = [(w, b, loss(w, b, x, y))]
    for _ in range(steps):
        w, b = step(w, b, x, y, lr)
        path.append((w, b, loss(w, b, x, y)))
    return path


# --8<-- [end:step]


# --8<-- [start:contraction]
def contraction(x, lr):
    r"""$1 - 2\eta(x^2 + 1)$: one step multiplies $r$ by it, and $L$ by its square."""
    return 1 - 2 * lr * (x**2 + 1)


def valley_point(w, b, x, y):
    r"""The point of the valley $wx + b = y$ nearest to $(w, b)$: where descent ends."""
    s = residual(w, b, x, y) / (x**2 + 1)  # move along the normal (x, 1) of the line
    return w - s * x, b - s


# --8<-- [end:contraction]
