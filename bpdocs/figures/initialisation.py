"""Figures of "initialisation": variances through depth, residual paths, clipping."""

from __future__ import annotations

import numpy as np

from bpdocs.examples import depth, initialisation
from bpdocs.plotting import COLORS, new_figure

PROFILE_COLORS = {
    "ReLU, 0.5/n: too small": COLORS["grey"],
    "ReLU, 1/n: LeCun": COLORS["blue"],
    "ReLU, 2/n: He": COLORS["green"],
    "ReLU, 4/n: too large": COLORS["red"],
    "tanh, 1/n: Glorot (= LeCun here)": COLORS["orange"],
}


def variance_by_layer(n_layers: int = 24, width: int = 128, seed: int = 0):
    r"""$\mathrm{E}[z_l^2]$ and $\mathrm{E}[(\partial L/\partial h_l)^2]$ by layer."""
    fig, (ax_f, ax_b) = new_figure(2, width=10.0, height=4.4, sharey=True)
    ax_f.set_gid("forward")
    ax_b.set_gid("backward")
    for label, (activation, s) in initialisation.PROFILES.items():
        fwd, bwd = initialisation.variance_profile(
            activation, s, depth=n_layers, width=width, seed=seed
        )
        style = {"color": PROFILE_COLORS[label], "lw": 1.6, "ms": 3}
        ax_f.semilogy(
            np.arange(1, n_layers + 1),
            fwd,
            "o-",
            label=label,
            gid=f"fwd {label}",
            **style,
        )
        ax_b.semilogy(
            np.arange(0, n_layers + 1),
            bwd,
            "o-",
            label=label,
            gid=f"bwd {label}",
            **style,
        )
    ax_f.set_xlabel("layer $l$ (input end to output end)")
    ax_f.set_ylabel("mean square (log scale)")
    ax_f.set_title(r"forward: $\mathrm{E}[z_l^2]$")
    ax_b.set_xlabel(f"layer $l$ ({n_layers} = output end, where the gradient starts)")
    ax_b.set_title(r"backward: $\mathrm{E}[(\partial L / \partial h_l)^2]$")
    ax_b.invert_xaxis()  # read left to right as backpropagation runs
    ax_f.legend(loc="lower left", fontsize=8.5, frameon=True, framealpha=0.9)
    return fig


RESIDUAL_SETUPS = [("sigmoid", COLORS["blue"]), ("tanh", COLORS["orange"])]


def residual_gradient_norms(n_layers: int = 30, width: int = 32, seed: int = 0):
    r"""$\lVert \partial L/\partial h_l \rVert$ by layer, with and without $h+F(h)$."""
    fig, ax = new_figure(width=7.4, height=4.4)
    ax.set_gid("norms")
    layers = np.arange(1, n_layers + 1)
    for activation, color in RESIDUAL_SETUPS:
        plain = depth.run_depth(activation, depth=n_layers, width=width, seed=seed)
        res = initialisation.run_residual(
            activation, depth=n_layers, width=width, seed=seed
        )
        ax.semilogy(
            layers,
            plain.norms,
            "o--",
            ms=3,
            lw=1.4,
            color=color,
            label=f"{activation}, plain: {plain.norms[0]:.2g} at layer 1",
            gid=f"plain {activation}",
        )
        ax.semilogy(
            layers,
            res.norms,
            "s-",
            ms=3,
            lw=1.8,
            color=color,
            label=f"{activation}, residual: {res.norms[0]:.2g} at layer 1",
            gid=f"residual {activation}",
        )
    ax.set_xlabel(
        f"layer $l$ (1 = input end, {n_layers} = output end, where the gradient starts)"
    )
    ax.set_ylabel(r"$\Vert \partial L / \partial h_l \Vert$ (log scale)")
    ax.set_title(
        f"the same {n_layers} blocks of width {width}, with and without $h + F(h)$"
    )
    ax.invert_xaxis()
    ax.legend(loc="lower left", fontsize=8.5, frameon=True, framealpha=0.9)
    return fig


def clipping(lr: float = 0.03, max_norm: float = 10.0, best_plain_lr: float = 1e-4):
    """Loss and gradient norm per step: plain descent and descent clipped by norm."""
    runs = {
        f"plain, $\\eta = {lr:g}$": (initialisation.train_clipped(None, lr), "red"),
        f"plain, $\\eta = {best_plain_lr:g}$": (
            initialisation.train_clipped(None, best_plain_lr),
            "grey",
        ),
        f"clipped to {max_norm:g}, $\\eta = {lr:g}$": (
            initialisation.train_clipped(max_norm, lr),
            "green",
        ),
    }
    fig, (ax_l, ax_n) = new_figure(2, width=10.0, height=4.2)
    ax_l.set_gid("loss")
    ax_n.set_gid("grad-norm")
    for (label, (run, color)), gid in zip(
        runs.items(), ["plain-large", "plain-small", "clipped"], strict=True
    ):
        for ax, values, what in ((ax_l, run.losses, "loss"), (ax_n, run.norms, "norm")):
            ax.semilogy(
                np.arange(len(values)),
                values,
                "-",
                marker="o" if len(values) < 5 else None,
                color=COLORS[color],
                lw=1.8,
                label=label,
                gid=f"{what} {gid}",
            )
    ax_n.axhline(max_norm, color=COLORS["green"], ls=":", lw=1.2, gid="max-norm")
    ax_l.set_xlabel("step")
    ax_l.set_ylabel("loss (log scale)")
    ax_l.set_title("mean squared error")
    ax_n.set_xlabel("step")
    ax_n.set_ylabel(r"$\Vert g \Vert$ before clipping (log scale)")
    ax_n.set_title(f"gradient norm; dotted: $c = {max_norm:g}$")
    ax_l.legend(loc="center right", fontsize=8.5, frameon=True, framealpha=0.9)
    return fig


FIGURES = {
    "init-variance-by-layer": variance_by_layer,
    "residual-gradient-norms": residual_gradient_norms,
    "gradient-clipping": clipping,
}
