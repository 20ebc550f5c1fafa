"""Figures of "why it matters": descent on one data point, gradients through depth."""

from __future__ import annotations

import numpy as np

from bpdocs.examples import depth, descent
from bpdocs.layers import sigmoid_prime
from bpdocs.plotting import COLORS, new_figure


def loss_surface(
    x: float = 2.0,
    y: float = 3.0,
    w0: float = 0.0,
    b0: float = 0.0,
    lr: float = 0.05,
    steps: int = 6,
):
    r"""Contours of $L(w, b) = (wx + b - y)^2$, its valley $wx + b = y$, a descent."""
    path = np.array(descent.descend(w0, b0, x, y, lr, steps))
    w_end, b_end = descent.valley_point(w0, b0, x, y)
    fig, (ax, ax_loss) = new_figure(
        2, width=10.0, height=4.4, gridspec_kw={"width_ratios": [1.25, 1]}
    )
    ax.set_gid("loss-surface")
    ax_loss.set_gid("loss-by-step")

    w = np.linspace(-1.0, 2.5, 241)
    b = np.linspace(-1.0, 2.5, 241)
    W, B = np.meshgrid(w, b)
    L = descent.loss(W, B, x, y)
    levels = [0.05, 0.25, 1, 2.25, 4, 9, 16, 25]
    contours = ax.contour(W, B, L, levels=levels, colors=COLORS["grey"], linewidths=0.8)
    contours.set_gid("contours")
    ax.clabel(contours, fmt="%g", fontsize=8)
    ax.plot(
        w,
        y - w * x,
        color=COLORS["green"],
        lw=2.5,
        ls="--",
        label=r"valley $wx + b = y$: $L = 0$ all along it",
        gid="valley",
    )
    ax.plot(
        path[:, 0],
        path[:, 1],
        "o-",
        color=COLORS["orange"],
        lw=1.8,
        ms=5,
        label=rf"gradient descent, $\eta = {lr:g}$, from $({w0:g}, {b0:g})$",
        gid="descent",
    )
    ax.plot(
        [w_end],
        [b_end],
        "*",
        color=COLORS["blue"],
        ms=13,
        label=f"nearest valley point ({w_end:.3g}, {b_end:.3g})",
        gid="valley-point",
    )
    ax.set_xlim(w[0], w[-1])
    ax.set_ylim(b[0], b[-1])
    ax.set_aspect("equal")
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.set_title(rf"$L(w, b) = (wx + b - y)^2$ for one point $x = {x:g}$, $y = {y:g}$")
    ax.legend(loc="upper right", fontsize=8.5, framealpha=0.9, frameon=True)

    k = np.arange(steps + 1)
    factor = descent.contraction(x, lr)
    ax_loss.semilogy(
        k,
        path[:, 2],
        "o",
        color=COLORS["orange"],
        ms=7,
        label="$L$ after $k$ steps (descend)",
        gid="loss-after-k",
    )
    ax_loss.semilogy(
        k,
        path[0, 2] * factor ** (2 * k),
        color=COLORS["blue"],
        lw=1.5,
        label=rf"$L_0\,(1 - 2\eta(x^2+1))^{{2k}}$, factor ${factor:g}$ per step on $r$",
        gid="loss-formula",
    )
    ax_loss.set_xlabel("step $k$")
    ax_loss.set_ylabel("loss $L$ (log scale)")
    ax_loss.set_title("the loss falls by the same factor every step")
    ax_loss.legend(loc="upper right", fontsize=8.5)
    return fig


def activation_derivatives():
    r"""$\sigma'$, $\tanh'$ and ReLU$'$ from bpdocs' layers; $\sigma' \le \frac14$."""
    z = np.linspace(-6.0, 6.0, 601)
    fig, ax = new_figure(width=6.4, height=3.8)
    ax.plot(
        z,
        depth.local_derivative("sigmoid", z),
        color=COLORS["blue"],
        lw=2,
        label=r"$\sigma'(z) = \sigma(1-\sigma)$",
        gid="d-sigmoid",
    )
    ax.plot(
        z,
        depth.local_derivative("tanh", z),
        color=COLORS["orange"],
        lw=2,
        label=r"$\tanh'(z) = 1 - \tanh^2 z$",
        gid="d-tanh",
    )
    ax.plot(
        z,
        depth.local_derivative("relu", z),
        color=COLORS["green"],
        lw=2,
        label=r"ReLU$'(z) \in \{0, 1\}$",
        gid="d-relu",
    )
    ax.axhline(0.25, color=COLORS["blue"], ls=":", lw=1.2, gid="quarter")
    ax.annotate(
        r"$\sigma'(0) = \frac{1}{4}$, its maximum",
        (0.0, float(sigmoid_prime(0.0))),
        xytext=(1.6, 0.42),
        color=COLORS["blue"],
        fontsize=10,
        arrowprops={"arrowstyle": "->", "color": COLORS["blue"]},
    )
    ax.set_xlabel("pre-activation $z$")
    ax.set_ylabel("local derivative $f'(z)$")
    ax.set_title("the factor each activation puts into the chain rule")
    ax.set_ylim(-0.05, 1.12)
    ax.legend(loc="upper left", fontsize=9)
    return fig


LINE_COLORS = {
    "sigmoid, LeCun init": COLORS["blue"],
    "tanh, LeCun init": COLORS["orange"],
    "ReLU, LeCun init": COLORS["grey"],
    "ReLU, He init": COLORS["green"],
    "ReLU, 1.5 × He init": COLORS["red"],
}


def gradient_norms_by_depth(n_layers: int = 30, width: int = 32, seed: int = 0):
    r"""$\lVert \partial L / \partial h_l \rVert$ at each layer $l$ of deep MLPs."""
    fig, ax = new_figure(width=7.4, height=4.4)
    ax.set_gid("norms")
    layers = np.arange(1, n_layers + 1)
    for label, (activation, gain) in depth.SETUPS.items():
        run = depth.run_depth(activation, gain, depth=n_layers, width=width, seed=seed)
        ax.semilogy(
            layers,
            run.norms,
            "o-",
            ms=3,
            lw=1.6,
            color=LINE_COLORS[label],
            label=f"{label}: ×{run.per_layer_factor():.2f} per layer",
        )
    ax.set_xlabel(
        f"layer $l$ (1 = input end, {n_layers} = output end, where the gradient starts)"
    )
    ax.set_ylabel(r"$\Vert \partial L / \partial h_l \Vert$ (log scale)")
    ax.set_title(f"gradient norm through {n_layers} layers of width {width}")
    ax.invert_xaxis()  # read left to right as backpropagation runs: output to input
    ax.legend(loc="lower left", fontsize=8.5, frameon=True, framealpha=0.9)
    return fig


FIGURES = {
    "gd-loss-surface": loss_surface,
    "activation-derivatives": activation_derivatives,
    "gradient-norms-by-depth": gradient_norms_by_depth,
}
