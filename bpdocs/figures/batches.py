"""Figures of "broadcasting and batches": a batch's gradient against the full one."""

from __future__ import annotations

import numpy as np

from bpdocs.examples.batches import (
    batch_spread,
    network,
    per_example_gradients,
    regression_data,
    spread_theory,
)
from bpdocs.plotting import COLORS, new_figure

#: The batch sizes of the figure: 1 to 128 of the 256 examples.
SIZES = [2**k for k in range(8)]


def gradient_spread(sizes=SIZES, draws=2000):
    r"""The RMS distance of a batch's gradient from the full gradient, against $m$.

    Measured over `draws` batches drawn without replacement, beside $\sigma/\sqrt{m}$
    and $\sigma/\sqrt{m}$ with the finite-population factor $\sqrt{(n-m)/(n-1)}$.
    """
    X, T = regression_data()
    G = per_example_gradients(network(), X, T)
    n = len(G)
    sigma = spread_theory(G, 1)
    fine = np.geomspace(1, n, 200)[:-1]  # up to, not at, m = n, where the spread is 0
    fig, ax = new_figure(width=6.4, height=4.4)
    ax.loglog(
        fine,
        sigma / np.sqrt(fine),
        color=COLORS["grey"],
        lw=1.4,
        ls="--",
        label=r"$\sigma / \sqrt{m}$ (with replacement)",
        gid="one-over-sqrt-m",
    )
    ax.loglog(
        fine,
        sigma / np.sqrt(fine) * np.sqrt((n - fine) / (n - 1)),
        color=COLORS["blue"],
        lw=1.8,
        label=r"$\sigma / \sqrt{m} \cdot \sqrt{(n - m)/(n - 1)}$ (without)",
        gid="without-replacement",
    )
    ax.loglog(
        sizes,
        [batch_spread(G, m, draws) for m in sizes],
        "o",
        color=COLORS["orange"],
        ms=6,
        label=f"measured: {draws} batches of each size",
        gid="measured",
    )
    ax.set_xticks(sizes, [str(m) for m in sizes])
    ax.set_xlabel(f"batch size $m$ (of $n = {n}$ examples, drawn without replacement)")
    ax.set_ylabel(r"RMS of $\Vert g_B - g \Vert$")
    ax.set_title("a batch's gradient: its distance from the full gradient")
    ax.legend(loc="lower left", fontsize=9)
    return fig


FIGURES = {"batch-gradient-spread": gradient_spread}
