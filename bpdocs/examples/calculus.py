r"""The text's worked example of §1, and a longer chain, each beside its derivative.

`central_difference` lives in `bpdocs.gradcheck`; it is imported here too, beside the
derivatives it checks.
"""

from __future__ import annotations

import math

from bpdocs.gradcheck import central_difference  # noqa: F401 (importable here)


# --8<-- [start:single_variable]
def g(x: float) -> float:
    r"""Inner function $u = g(x) = 3x + 1$."""
    return 3 * x + 1


def dg_dx(x: float) -> float:
    r"""$\frac{du}{dx} = 3$."""
    return 3.0


def f(u: float) -> float:
    r"""Outer function $f(u) = u^2$."""
    return u**2


def df_du(u: float) -> float:
    r"""$\frac{df}{du} = 2u$."""
    return 2 * u


def f_of_g(x: float) -> float:
    r"""The composite $y = f(g(x)) = (3x+1)^2$."""
    return f(g(x))


def chain_rule_derivative(x: float) -> float:
    r"""$\frac{dy}{dx} = f'(g(x)) \cdot g'(x) = 2(3x+1) \cdot 3 = 6(3x+1)$."""
    return df_du(g(x)) * dg_dx(x)


# --8<-- [end:single_variable]


# --8<-- [start:three_chain]
def three_chain(x: float) -> float:
    r"""$y = \sin\big(e^{x^2}\big)$: three functions applied one after another."""
    return math.sin(math.exp(x**2))


def three_chain_local_derivatives(x: float) -> tuple[float, float, float]:
    r"""The three local derivatives, with $a = x^2$ and $b = e^a$.

    $\frac{da}{dx} = 2x$, $\frac{db}{da} = e^a$ and $\frac{dy}{db} = \cos b$.
    """
    a = x**2
    b = math.exp(a)
    return 2 * x, math.exp(a), math.cos(b)


def three_chain_derivative(x: float) -> float:
    r"""The product of the local derivatives.

    $\frac{dy}{dx} = \cos(e^{x^2}) \cdot e^{x^2} \cdot 2x$.
    """
    d1, d2, d3 = three_chain_local_derivatives(x)
    return d3 * d2 * d1


# --8<-- [end:three_chain]
