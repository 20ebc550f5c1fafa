"""Figures of "gradient checking in practice": a difference's error against h."""

from __future__ import annotations

import numpy as np

from bpdocs.examples.gradcheck_practice import STEPS, best_step, step_errors
from bpdocs.plotting import COLORS, new_figure

#: Each precision's name and colour.
PRECISIONS = {"float64": COLORS["blue"], "float32": COLORS["orange"]}


def step_error(steps=STEPS):
    r"""The median relative error of the central difference of $1/x$, against $h$.

    One curve for float64 and one for float32, with guide lines of slope 2
    (truncation, $h^2$) and $-1$ (rounding, $\epsilon / h$ for each precision).
    """
    fig, ax = new_figure(width=6.6, height=4.6)
    ax.loglog(
        steps,
        steps**2,
        color=COLORS["grey"],
        lw=1.2,
        ls="--",
        label="slope 2: truncation $h^2$",
        gid="slope-2",
    )
    for name, color in PRECISIONS.items():
        eps = float(np.finfo(name).eps)
        ax.loglog(
            steps,
            eps / steps,
            color=color,
            lw=1.2,
            ls=":",
            label=rf"slope $-1$: rounding $\epsilon / h$, {name}",
            gid=f"slope-minus-1-{name}",
        )
        ax.loglog(
            steps,
            step_errors(name, steps),
            "o-",
            color=color,
            lw=1.6,
            ms=3,
            label=f"measured, {name}",
            gid=f"measured-{name}",
        )
        ax.axvline(best_step(name), color=color, lw=0.8, alpha=0.6, gid=f"best-{name}")
    ax.set_ylim(1e-13, 2)
    ax.set_xlabel(r"relative step $h$ (each $x$ nudged by $h x$)")
    ax.set_ylabel(r"median relative error of $f'(x)$, $f = 1/x$")
    ax.set_title("the error of a central difference: a V, one per precision")
    ax.legend(loc="lower left", fontsize=8, frameon=True, framealpha=0.9)
    return fig


FIGURES = {"gradcheck-step-error": step_error}
