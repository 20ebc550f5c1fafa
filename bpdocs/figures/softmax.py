"""Figures of softmax and cross-entropy: a three-class network, trained."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from bpdocs.examples.softmax import class_grid, three_clouds, train_classifier
from bpdocs.plotting import COLORS, new_figure

#: One colour and one marker per class.
CLASS_COLORS = [COLORS["blue"], COLORS["orange"], COLORS["green"]]
MARKERS = ["o", "s", "^"]


def classifier(lim: float = 3.5, n: int = 141):
    """The trained network's decision regions with the points (left), its loss (right).

    Each region is where that class has the largest softmax probability.
    """
    run = train_classifier()
    X, labels, _ = three_clouds()
    x1, x2, classes, _ = class_grid(run.net, lim, n)
    fig, (ax, ax_loss) = new_figure(
        2, width=10.0, height=4.6, gridspec_kw={"width_ratios": [1, 1.15]}
    )
    regions = ax.contourf(
        x1,
        x2,
        classes,
        levels=[-0.5, 0.5, 1.5, 2.5],
        cmap=ListedColormap(CLASS_COLORS),
        alpha=0.22,
    )
    regions.set_gid("regions")
    for k, (color, marker) in enumerate(zip(CLASS_COLORS, MARKERS, strict=True)):
        ax.scatter(
            *X[labels == k].T,
            marker=marker,
            s=26,
            color=color,
            edgecolors="white",
            linewidths=0.6,
            label=f"class {k}",
            zorder=3,
            gid=f"class-{k}",
        )
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("regions of the most probable class")
    ax.legend(loc="lower left", fontsize=9, framealpha=0.9, frameon=True)
    ax_loss.plot(
        np.arange(len(run.losses)),
        run.losses,
        color=COLORS["purple"],
        lw=2,
        label="mean cross-entropy",
        gid="loss",
    )
    ax_loss.axhline(
        np.log(3),
        color=COLORS["grey"],
        lw=1.2,
        ls=":",
        label="$\\log 3$: all three classes equally likely",
        gid="uniform",
    )
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("softmax cross-entropy")
    ax_loss.set_ylim(0, None)
    ax_loss.set_title(
        f"training: accuracy {run.accuracies[0]:.0%} at the start, "
        f"{run.accuracies[-1]:.0%} at the end"
    )
    ax_loss.legend(loc="center right")
    return fig


FIGURES = {"softmax-classifier": classifier}
