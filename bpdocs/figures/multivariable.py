"""Figures of the multivariable chain rule: the path over contours, df/dt by path."""

from __future__ import annotations

import numpy as np

from bpdocs.examples import multivariable as mv
from bpdocs.examples.calculus import central_difference
from bpdocs.plotting import COLORS, new_figure

T_MAX = 1.2
MARKED_T = (-1.2, -0.6, 0.0, 0.6, 1.2)


def path_over_contours(t_max: float = T_MAX, marked=MARKED_T):
    r"""The path $(x, y) = (t^2, \sin t)$ over the contours of $f = x^2 + y^2$."""
    fig, ax = new_figure(width=6.2, height=5.0)
    gx, gy = np.meshgrid(np.linspace(-0.4, 2.6, 241), np.linspace(-1.3, 1.3, 209))
    levels = [0.25, 0.5, 1, 2, 3, 4, 5, 6]
    contours = ax.contour(
        gx, gy, mv.f(gx, gy), levels=levels, colors=COLORS["grey"], linewidths=0.8
    )
    contours.set_gid("contours")
    ax.clabel(  # on the positive x-axis, clear of the path
        contours,
        fmt=lambda v: f"$f={v:g}$",
        fontsize=8,
        manual=[(np.sqrt(v), 0.0) for v in levels],
    )

    t = np.linspace(-t_max, t_max, 301)
    ax.plot(
        mv.x_of_t(t),
        mv.y_of_t(t),
        color=COLORS["blue"],
        lw=2.2,
        label=r"path $(x, y) = (t^2, \sin t)$",
        gid="path",
    )
    tm = np.asarray(marked, dtype=float)
    xm, ym = mv.x_of_t(tm), mv.y_of_t(tm)
    ax.plot(
        xm,
        ym,
        "o",
        color=COLORS["orange"],
        ms=7,
        zorder=3,
        label="marked $t$",
        gid="marked",
    )
    vx, vy = mv.velocity(tm)  # (dx/dt, dy/dt) at each marked t
    ax.quiver(
        xm,
        ym,
        vx,
        vy,
        color=COLORS["orange"],
        angles="xy",
        scale_units="xy",
        scale=4,
        width=0.004,
        zorder=3,
        label=r"velocity $(\frac{dx}{dt}, \frac{dy}{dt})$, scaled by 1/4",
        gid="velocity",
    )
    for ti, xi, yi in zip(tm, xm, ym, strict=True):
        below = yi < 0
        ax.annotate(
            f"$t={ti:g}$",
            (xi, yi),
            textcoords="offset points",
            xytext=(-8, -14 if below else 6),
            ha="right",
            fontsize=9,
            color=COLORS["orange"],
        )
    ax.set_aspect("equal")
    ax.set_xlim(-0.4, 2.6)
    ax.set_ylim(-1.3, 1.3)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title(r"contours of $f = x^2 + y^2$ and the path $x = t^2$, $y = \sin t$")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, fontsize=9)
    return fig


def path_terms(t_max: float = T_MAX, n_markers: int = 13):
    r"""$\frac{df}{dt}$ split into its path terms $4t^3$ and $2\sin t\cos t$.

    Central differences of $f(t^2, \sin t)$ are drawn over them as markers.
    """
    fig, ax = new_figure(width=7.0, height=4.2)
    t = np.linspace(-t_max, t_max, 301)
    via_x, via_y = mv.path_terms(t)
    ax.plot(
        t,
        via_x,
        color=COLORS["blue"],
        lw=1.8,
        ls="--",
        label=r"via $x$: "
        r"$\frac{\partial f}{\partial x}\frac{dx}{dt} = 2x \cdot 2t = 4t^3$",
        gid="via-x",
    )
    ax.plot(
        t,
        via_y,
        color=COLORS["orange"],
        lw=1.8,
        ls="--",
        label=r"via $y$: "
        r"$\frac{\partial f}{\partial y}\frac{dy}{dt} = 2y \cos t = 2\sin t\cos t$",
        gid="via-y",
    )
    ax.plot(
        t,
        mv.df_dt(t),
        color=COLORS["green"],
        lw=2.4,
        label=r"sum: $\frac{df}{dt} = 4t^3 + 2\sin t\cos t$",
        gid="df-dt",
    )
    tm = np.linspace(-t_max, t_max, n_markers)
    numeric = [central_difference(mv.f_of_t, ti) for ti in tm]
    ax.plot(
        tm,
        numeric,
        "o",
        color=COLORS["purple"],
        ms=6,
        mfc="none",
        mew=1.6,
        label=r"central difference of $f(t^2, \sin t)$",
        gid="central-difference",
    )
    ax.axhline(0, color=COLORS["grey"], lw=0.8)
    ax.set_xlabel("$t$")
    ax.set_ylabel("rate of change of $f$")
    ax.set_title("each path from $t$ to $f$ contributes a term; their sum is $df/dt$")
    ax.legend(loc="upper left", fontsize=9)
    return fig


FIGURES = {
    "multivariable-path": path_over_contours,
    "multivariable-path-terms": path_terms,
}
