"""Figures of the single-variable chain-rule page."""

from __future__ import annotations

import numpy as np

from bpdocs.examples import calculus
from bpdocs.plotting import COLORS, new_figure


def composite_and_tangent(x0: float = 0.5):
    r"""$u = g(x)$ and $y = f(g(x))$, with the tangent at $x_0$ of slope $6(3x_0+1)$."""
    x = np.linspace(-1.5, 1.5, 301)
    fig, (ax_g, ax_fg) = new_figure(2, width=9.0, height=3.8)
    ax_g.set_gid("inner")
    ax_fg.set_gid("composite")

    ax_g.plot(
        x,
        calculus.g(x),
        color=COLORS["blue"],
        lw=2,
        label=r"$u = g(x) = 3x+1$",
        gid="g",
    )
    ax_g.set_xlabel("$x$")
    ax_g.set_ylabel("$u$")
    ax_g.set_title(r"inner function: slope $\frac{du}{dx} = 3$ everywhere")
    ax_g.legend(loc="upper left")

    y0 = calculus.f_of_g(x0)
    slope = calculus.chain_rule_derivative(x0)
    xt = np.linspace(x0 - 0.6, x0 + 0.6, 2)
    ax_fg.plot(
        x,
        calculus.f_of_g(x),
        color=COLORS["blue"],
        lw=2,
        label=r"$y = f(g(x)) = (3x+1)^2$",
        gid="f-of-g",
    )
    ax_fg.plot(
        xt,
        y0 + slope * (xt - x0),
        color=COLORS["orange"],
        lw=2,
        ls="--",
        label=rf"tangent at $x_0={x0:g}$, slope $6(3x_0+1) = {slope:g}$",
        gid="tangent",
    )
    ax_fg.plot([x0], [y0], "o", color=COLORS["orange"], gid="x0")
    ax_fg.set_xlabel("$x$")
    ax_fg.set_ylabel("$y$")
    ax_fg.set_title("composite: the chain rule gives the tangent's slope")
    ax_fg.legend(loc="upper left", fontsize=9)
    return fig


FIGURES = {
    "chain-rule-tangent": composite_and_tangent,
}
