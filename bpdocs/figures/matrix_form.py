"""Figures of the matrix-form pages: the gradient products' shapes, the Jacobian."""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.patches import Rectangle

from bpdocs.examples.matrix_form import full_jacobian
from bpdocs.layers import Linear
from bpdocs.plotting import COLORS, new_figure


def linear_gradients(m: int = 6, n: int = 4, k: int = 3, seed: int = 0) -> dict:
    """One forward and backward pass of `Linear(n, k)` on `m` rows: `{name: array}`."""
    rng = np.random.default_rng(seed)
    layer = Linear(n, k, rng=rng)
    X = rng.standard_normal((m, n))
    Z = layer.forward(X)
    dZ = rng.standard_normal(Z.shape)  # any upstream gradient dL/dZ will do
    dX = layer.backward(dZ)
    return {
        "X^T": X.T,
        "dZ": dZ,
        "dW": layer.dW,
        "1^T": np.ones((1, m)),
        "db": layer.db.reshape(1, -1),
        "W^T": layer.W.T,
        "dX": dX,
    }


_TEX = {
    "X^T": r"X^\top",
    "dZ": r"\frac{\partial L}{\partial Z}",
    "dW": r"\frac{\partial L}{\partial W}",
    "1^T": r"\mathbf{1}^\top",
    "db": r"\frac{\partial L}{\partial b}",
    "W^T": r"W^\top",
    "dX": r"\frac{\partial L}{\partial X}",
}
_SYMBOLIC = {
    "X^T": "(n, m)",
    "dZ": "(m, k)",
    "dW": "(n, k)",
    "1^T": "(1, m)",
    "db": "(1, k)",
    "W^T": "(k, n)",
    "dX": "(m, n)",
}
PRODUCTS = [("dW", "X^T", "dZ"), ("db", "1^T", "dZ"), ("dX", "dZ", "W^T")]
#: A matrix's name in a gid, where it differs: ``matrix-dW-Xt`` is X^T in the row of dW.
_GID = {"X^T": "Xt", "1^T": "ones", "W^T": "Wt"}


def _matrix(ax, x, y_mid, name, A, color, gid):
    """Draw `A` as cells, left edge at `x`, centred on `y_mid`; give its right edge."""
    rows, cols = A.shape
    top = y_mid + rows / 2
    ax.add_patch(
        Rectangle(
            (x, top - rows),
            cols,
            rows,
            facecolor=color,
            alpha=0.18,
            edgecolor="none",
            gid=gid,
        )
    )
    for r in range(rows + 1):
        ax.plot(
            [x, x + cols],
            [top - r, top - r],
            color=color,
            lw=0.6 if 0 < r < rows else 1.6,
        )
    for c in range(cols + 1):
        ax.plot(
            [x + c, x + c],
            [top, top - rows],
            color=color,
            lw=0.6 if 0 < c < cols else 1.6,
        )
    ax.text(
        x + cols / 2,
        top + 0.35,
        f"${_TEX[name]}$",
        ha="center",
        va="bottom",
        fontsize=15,
    )
    ax.text(
        x + cols / 2,
        top - rows - 0.35,
        f"{_SYMBOLIC[name]} = {A.shape}",
        ha="center",
        va="top",
        fontsize=9,
        color=COLORS["grey"],
    )
    return x + cols


def shape_diagram(m: int = 6, n: int = 4, k: int = 3):
    """The three products of a linear layer's backward pass, each matrix to shape."""
    arrays = linear_gradients(m, n, k)
    colors = {
        "dW": COLORS["green"],
        "db": COLORS["green"],
        "dX": COLORS["green"],
        "dZ": COLORS["orange"],
        "X^T": COLORS["blue"],
        "1^T": COLORS["blue"],
        "W^T": COLORS["purple"],
    }
    fig, ax = new_figure(width=6.0, height=6.6)
    row_height = max(m, n) + 3.2
    right = 0.0
    for i, (out, lhs, rhs) in enumerate(PRODUCTS):
        y = -i * row_height
        gid = {n: f"matrix-{out}-{_GID.get(n, n)}" for n in (out, lhs, rhs)}
        x = _matrix(ax, 0, y, out, arrays[out], colors[out], gid[out])
        ax.text(x + 1, y, "=", ha="center", va="center", fontsize=16)
        x = _matrix(ax, x + 2, y, lhs, arrays[lhs], colors[lhs], gid[lhs])
        ax.text(x + 0.9, y, "@", ha="center", va="center", fontsize=14)
        x = _matrix(ax, x + 1.8, y, rhs, arrays[rhs], colors[rhs], gid[rhs])
        right = max(right, x)
    ax.set_aspect("equal")
    ax.set_xlim(-0.5, right + 0.5)
    ax.set_ylim(-2 * row_height - max(m, n) / 2 - 1.2, max(m, n) / 2 + 1.6)
    ax.axis("off")
    ax.set_title(
        f"backward pass of Linear({n}, {k}), batch of m = {m} rows:\none cell per entry"
    )
    return fig


def tiny_jacobian(m: int = 2, n: int = 4, k: int = 3, seed: int = 1):
    r"""$X$, $W$, $b$ of a tiny layer, and its full Jacobian $\partial Z / \partial W$.

    The Jacobian is shaped `(m, k, n, k)`.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    W = rng.standard_normal((n, k))
    b = rng.standard_normal(k)
    return X, W, b, full_jacobian(lambda W_: X @ W_ + b, W)


def jacobian_pattern(m: int = 2, n: int = 4, k: int = 3):
    r"""The full Jacobian $\partial Z/\partial W$ of a tiny layer, as $mk \times nk$."""
    X, W, b, J = tiny_jacobian(m, n, k)
    flat = J.reshape(m * k, n * k)
    nonzero = int(np.count_nonzero(np.abs(flat) > 1e-9))
    fig, ax = new_figure(width=8.0, height=3.6)
    limit = np.abs(flat).max()
    cmap = matplotlib.colormaps["RdBu_r"].with_extremes(bad="white")  # 0: a blank cell
    shown = np.ma.masked_where(flat == 0.0, flat)
    image = ax.imshow(
        shown,
        cmap=cmap,
        vmin=-limit,
        vmax=limit,
        interpolation="nearest",
        gid="jacobian",
    )
    ax.set_xticks(
        range(n * k),
        [f"$W_{{{p}{q}}}$" for p in range(n) for q in range(k)],
        fontsize=8,
    )
    ax.set_yticks(
        range(m * k),
        [f"$Z_{{{i}{j}}}$" for i in range(m) for j in range(k)],
        fontsize=8,
    )
    ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.grid(False)
    for edge in np.arange(k, n * k, k) - 0.5:
        ax.axvline(edge, color=COLORS["grey"], lw=0.8)
    for edge in np.arange(k, m * k, k) - 0.5:
        ax.axhline(edge, color=COLORS["grey"], lw=0.8)
    fig.colorbar(image, ax=ax, shrink=0.8, label=r"$\partial Z_{ij} / \partial W_{pq}$")
    ax.set_xlabel(f"{n * k} weights $W_{{pq}}$ (W is {W.shape})")
    ax.set_ylabel(f"{m * k} outputs $Z_{{ij}}$\n(Z is {(m, k)})")
    ax.set_title(
        f"full Jacobian of shape {J.shape}: {flat.size} entries, {nonzero} nonzero; "
        r"block $(i, p)$ is $X_{ip}\,I$",
        fontsize=11,
    )
    return fig


FIGURES = {
    "matrix-form-shapes": shape_diagram,
    "matrix-form-jacobian": jacobian_pattern,
}
