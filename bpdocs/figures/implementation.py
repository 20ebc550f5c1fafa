"""Figures of the implementation: the text's network, trained, checked and varied."""

from __future__ import annotations

import numpy as np

from bpdocs.network import (
    BCENetwork,
    MSENetwork,
    SimpleNeuralNetwork,
    bce_loss,
    both_losses,
    decision_grid,
    run_source_example,
    source_data,
    sweep,
)
from bpdocs.plotting import COLORS, new_figure

PRINT_EVERY = 100  # the text's loop prints the loss when epoch % 100 == 0


def source_loss_curve():
    """The MSE the text's ``compute_loss`` reports at each of its 1000 epochs.

    The epochs whose loss the text prints are marked.
    """
    losses = run_source_example().losses
    epochs = np.arange(len(losses))
    fig, ax = new_figure(width=7.0, height=3.8)
    ax.plot(
        epochs,
        losses,
        color=COLORS["blue"],
        lw=2,
        label="loss at every epoch",
        gid="loss",
    )
    shown = epochs[::PRINT_EVERY]
    ax.plot(
        shown,
        np.asarray(losses)[shown],
        "o",
        color=COLORS["orange"],
        label="the epochs the text prints",
        gid="printed",
    )
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean squared error (compute_loss)")
    ax.set_title("the text's training run: 4 hidden units, learning rate 0.1")
    ax.set_ylim(0, None)
    ax.legend(loc="upper right")
    return fig


def decision_boundary(lim: float = 3.0, n: int = 121):
    """The trained network's output over the input plane, and its 0.5 contour.

    With the training data, the three test inputs and the true boundary.
    """
    run = run_source_example()
    X, y, _ = source_data()
    x1, x2, p = decision_grid(run.net, lim, n)
    fig, ax = new_figure(width=6.4, height=5.4)
    filled = ax.contourf(
        x1, x2, p, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.55
    )
    filled.set_gid("output")
    fig.colorbar(filled, ax=ax, label="network output $a_2$")
    learned = ax.contour(x1, x2, p, levels=[0.5], colors=COLORS["grey"], linewidths=2)
    learned.set_gid("learned-boundary")
    ax.plot([], [], color=COLORS["grey"], lw=2, label="learned boundary: output 0.5")
    ax.plot(
        [-lim, lim],
        [lim, -lim],
        color="black",
        lw=1.5,
        ls="--",
        label="true boundary $x_1 + x_2 = 0$",
        gid="true-boundary",
    )
    ones = y[:, 0] == 1
    ax.scatter(
        *X[ones].T,
        marker="o",
        s=28,
        color=COLORS["red"],
        edgecolors="white",
        linewidths=0.6,
        label=f"class 1 ({ones.sum()} points)",
        zorder=3,
        gid="class-1",
    )
    ax.scatter(
        *X[~ones].T,
        marker="s",
        s=24,
        color=COLORS["blue"],
        edgecolors="white",
        linewidths=0.6,
        label=f"class 0 ({(~ones).sum()} points)",
        zorder=3,
        gid="class-0",
    )
    test_X = np.array([[1, 1], [-1, -1], [1, -1]])
    ax.scatter(
        *test_X.T,
        marker="*",
        s=220,
        color="white",
        edgecolors="black",
        linewidths=1.2,
        label="the three test inputs",
        zorder=4,
        gid="test-inputs",
    )
    for i, ((a, b), pred) in enumerate(
        zip(test_X, run.test_predictions[:, 0], strict=True)
    ):
        ax.annotate(
            f"{pred:.4f}",
            (a, b),
            xytext=(8, 6),
            textcoords="offset points",
            fontsize=10,
            bbox={
                "boxstyle": "round,pad=0.2",
                "fc": "white",
                "ec": "none",
                "alpha": 0.85,
            },
            gid=f"prediction-{i}",
        )
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("the trained network's output over the input plane")
    ax.legend(loc="lower left", fontsize=8.5, framealpha=0.9, frameon=True)
    return fig


SIZE_COLORS = [COLORS["blue"], COLORS["orange"], COLORS["green"], COLORS["purple"]]


def tip_sweep(hidden_sizes=(2, 4, 8, 16), activations=("sigmoid", "tanh", "relu")):
    """The text's tip, tried: BCE per epoch by activation (panel) and size (line)."""
    if len(hidden_sizes) > len(SIZE_COLORS):
        raise ValueError(
            f"at most {len(SIZE_COLORS)} hidden sizes fit one panel, "
            f"got {len(hidden_sizes)}"
        )
    results = sweep(hidden_sizes, activations)
    _, y, _ = source_data()
    # the best a net can do that ignores its input
    base_rate = bce_loss(np.full_like(y, y.mean()), y)
    fig, axes = new_figure(
        len(activations), width=3.2 * len(activations), height=3.9, sharey=True
    )
    axes = np.atleast_1d(axes)
    for ax, activation in zip(axes, activations, strict=True):
        ax.set_gid(f"panel-{activation}")
        for color, h in zip(SIZE_COLORS, hidden_sizes, strict=False):
            ax.plot(
                results[(activation, h)].losses,
                color=color,
                lw=2,
                label=f"{h} hidden units",
                gid=f"{activation}-{h}",
            )
        ax.axhline(
            base_rate,
            color=COLORS["grey"],
            lw=1.2,
            ls=":",
            label="a net that ignores its input",
            gid=f"base-rate-{activation}",
        )
        ax.set_title(f"hidden activation: {activation}")
        ax.set_xlabel("epoch")
    axes[0].set_ylabel("binary cross-entropy")
    axes[0].set_ylim(0, None)
    # one row of legend over three panels; over fewer, wrap it to three columns
    ncol = len(hidden_sizes) + 1 if len(activations) >= 3 else 3
    legend = fig.legend(
        *axes[0].get_legend_handles_labels(),
        loc="outside upper center",
        ncol=ncol,
        fontsize=10,
        frameon=False,
    )
    legend.set_gid("legend")
    return fig


def corrected_losses():
    """The text's network, MSENetwork and BCENetwork, each scored on both losses.

    MSE per epoch on the left, BCE per epoch on the right; all at learning rate 0.1,
    and MSENetwork once more at 0.2, where its first steps are as long as the others'.
    """
    runs = [
        # gid, network, learning rate, label, colour, line style, line width
        (
            "SimpleNeuralNetwork",
            SimpleNeuralNetwork,
            0.1,
            "the text's network, η = 0.1 (reports MSE, steps along the BCE gradient)",
            COLORS["blue"],
            "-",
            4.5,
        ),
        (
            "BCENetwork",
            BCENetwork,
            0.1,
            "BCENetwork, η = 0.1 (reports BCE, takes the text's steps)",
            COLORS["orange"],
            "--",
            2,
        ),
        (
            "MSENetwork",
            MSENetwork,
            0.1,
            "MSENetwork, η = 0.1 (reports MSE, steps along its true gradient)",
            COLORS["green"],
            "-",
            2,
        ),
        (
            "MSENetwork-twice",
            MSENetwork,
            0.2,
            "MSENetwork, η = 0.2 (its first steps as long as the text's)",
            COLORS["purple"],
            ":",
            2.5,
        ),
    ]
    fig, (ax_mse, ax_bce) = new_figure(2, width=9.0, height=4.9)
    ax_mse.set_gid("mse")
    ax_bce.set_gid("bce")
    for gid, cls, lr, label, color, ls, lw in runs:
        history = both_losses(cls, lr=lr)
        style = {"color": color, "ls": ls, "lw": lw, "label": label}
        ax_mse.plot(history.mse, gid=f"mse-{gid}", **style)
        ax_bce.plot(history.bce, gid=f"bce-{gid}", **style)
    ax_mse.set_title("mean squared error\n(what compute_loss reports)")
    ax_bce.set_title("binary cross-entropy\n(the loss whose gradient backward takes)")
    for ax in (ax_mse, ax_bce):
        ax.set_xlabel("epoch")
        ax.set_ylim(0, None)
    ax_mse.set_ylabel("loss on the 100 training points")
    legend = fig.legend(
        *ax_mse.get_legend_handles_labels(),
        loc="outside upper center",
        ncol=1,
        fontsize=10,
        frameon=False,
    )
    legend.set_gid("legend")
    return fig


FIGURES = {
    "implementation-loss-curve": source_loss_curve,
    "implementation-decision-boundary": decision_boundary,
    "implementation-tip-sweep": tip_sweep,
    "implementation-corrected-losses": corrected_losses,
}
