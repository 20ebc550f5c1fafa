"""Figures of the backpropagation page: the network's graph, and what gradients cost."""

from __future__ import annotations

from matplotlib.patches import FancyBboxPatch

from bpdocs.examples import twolayer
from bpdocs.plotting import COLORS, new_figure

# Where each node of the graph sits (column, row) and the title it is drawn with.
NODES = {
    "x": (0, 0, r"$x$ (input)"),
    "W": (0, 1, r"$W$"),
    "b": (0, -1, r"$b$"),
    "z1": (1, 0, r"$z_1 = Wx + b$"),
    "a": (2, 0, r"$a = \sigma(z_1)$"),
    "V": (2, 1, r"$V$"),
    "c": (2, -1, r"$c$"),
    "z2": (3, 0, r"$z_2 = Va + c$"),
    "y": (4, 0, r"$y = \sigma(z_2)$"),
    "t": (4, -1, r"$t$ (target)"),
    "L": (5, 0, r"$L = \frac{1}{2}(y - t)^2$"),
}
EDGES = [
    ("x", "z1"),
    ("W", "z1"),
    ("b", "z1"),
    ("z1", "a"),
    ("a", "z2"),
    ("V", "z2"),
    ("c", "z2"),
    ("z2", "y"),
    ("y", "L"),
    ("t", "L"),
]
GRAD_NAMES = {"z1": r"\delta_1", "z2": r"\delta_2"}


def graph_values(params=None, x=None, t=None):
    """Each node's forward value and gradient dL/dnode, as floats, for a 1-1-1 network.

    The network is `twolayer.scalar_example` unless `params`, `x` and `t` are given.
    """
    if params is None:
        params, x, t = twolayer.scalar_example()
    cache = twolayer.forward(params, x, t)
    grads = twolayer.backward(params, cache)
    values = {**{name: params[name] for name in twolayer.PARAMS}, **cache}
    grads = {
        **grads,
        "x": params["W"].T @ grads["z1"],  # dL/dx = W^T delta1: on to a layer below
        "t": -grads["y"],  # dL/dt = -(y - t)
        "L": 1.0,  # dL/dL
    }
    return {name: (_as_float(values[name]), _as_float(grads[name])) for name in NODES}


def _as_float(v):
    """A float, or a 1-by-1 array, as a float."""
    return float(v) if isinstance(v, float) else float(v.item())


def computational_graph():
    """The network as a graph: each node's value (blue) and its dL/dnode (orange)."""
    numbers = graph_values()
    fig, ax = new_figure(width=9.4, height=4.9)
    ax.set_gid("graph")
    ax.set_axis_off()
    ax.set_xlim(-0.5, 5.5)
    ax.set_ylim(-1.78, 1.62)
    half_w, half_h = 0.42, 0.37
    boxes = {}
    for name, (col, row, title) in NODES.items():
        cx, cy = col, row * 1.05
        box = FancyBboxPatch(
            (cx - half_w, cy - half_h),
            2 * half_w,
            2 * half_h,
            boxstyle="round,pad=0.02",
            facecolor="#f8fafc",
            edgecolor=COLORS["grey"],
            linewidth=1.2,
            zorder=2,
            gid=f"box-{name}",
        )
        ax.add_patch(box)
        boxes[name] = box
        value, grad = numbers[name]
        grad_name = GRAD_NAMES.get(name, rf"\partial L/\partial {name}")
        ax.text(cx, cy + 0.2, title, ha="center", va="center", fontsize=12.5, zorder=3)
        ax.text(
            cx,
            cy - 0.02,
            f"{value:.4f}".replace("-", "\u2212"),
            ha="center",
            va="center",
            fontsize=12,
            color=COLORS["blue"],
            zorder=3,
            gid=f"value-{name}",
        )
        ax.text(
            cx,
            cy - 0.23,
            rf"${grad_name} = {grad:.4f}$".replace("-", "{-}"),
            ha="center",
            va="center",
            fontsize=11,
            color=COLORS["orange"],
            zorder=3,
            gid=f"grad-{name}",
        )
    for a, b in EDGES:
        ax.annotate(
            "",
            xy=boxes[b].get_bbox().get_points().mean(axis=0),
            xytext=boxes[a].get_bbox().get_points().mean(axis=0),
            arrowprops=dict(
                arrowstyle="-|>",
                color=COLORS["grey"],
                lw=1.3,
                mutation_scale=14,
                patchA=boxes[a],
                patchB=boxes[b],
                shrinkA=1,
                shrinkB=1,
            ),
            zorder=1,
        )
    ax.annotate(
        "",
        xy=(5.4, 1.48),
        xytext=(3.75, 1.48),
        arrowprops=dict(
            arrowstyle="-|>", color=COLORS["blue"], lw=1.6, mutation_scale=16
        ),
    )
    ax.text(
        3.65,
        1.48,
        "forward pass: values",
        ha="right",
        va="center",
        color=COLORS["blue"],
        fontsize=12,
    )
    ax.annotate(
        "",
        xy=(3.75, -1.62),
        xytext=(5.4, -1.62),
        arrowprops=dict(
            arrowstyle="-|>", color=COLORS["orange"], lw=1.6, mutation_scale=16
        ),
    )
    ax.text(
        3.65,
        -1.62,
        r"backward pass: gradients $\partial L/\partial\,\mathrm{node}$",
        ha="right",
        va="center",
        color=COLORS["orange"],
        fontsize=12,
    )
    return fig


WIDTHS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
MEASURED_UP_TO = (
    16  # wider nets: numerical gradient = 2P x forward, extrapolated, not run
)


def cost_table():
    """`twolayer.measure_cost` for n = h = k = each of WIDTHS.

    The numerical gradient is run up to MEASURED_UP_TO, and extrapolated beyond.
    """
    return [twolayer.measure_cost(w, run_numerical=w <= MEASURED_UP_TO) for w in WIDTHS]


def gradient_cost():
    """Counted multiply-adds of forward, backward and numerical gradients, against P."""
    rows = cost_table()
    run = [r for r in rows if r.measured]
    extrapolated = [r for r in rows if not r.measured]
    tail = [run[-1]] + extrapolated  # the dashed line starts at the last run point
    P = [r.params for r in rows]
    fig, (ax_abs, ax_rel) = new_figure(2, width=9.4, height=4.6)
    ax_abs.set_gid("multiply-adds")
    ax_rel.set_gid("forward-passes")

    ax_abs.loglog(
        P, [r.forward for r in rows], "o-", color=COLORS["blue"], label="forward pass"
    )
    ax_abs.loglog(
        P,
        [r.backward for r in rows],
        "s-",
        color=COLORS["green"],
        label="backward pass",
    )
    ax_abs.loglog(
        [r.params for r in run],
        [r.numerical for r in run],
        "^-",
        color=COLORS["orange"],
        label="numerical, run and counted",
    )
    ax_abs.loglog(
        [r.params for r in tail],
        [r.numerical for r in tail],
        "--",
        color=COLORS["orange"],
        label=r"numerical, extrapolated: $2P \times$ forward",
    )
    ax_abs.set_xlabel("number of parameters $P$")
    ax_abs.set_ylabel("multiply-adds in matrix products")
    ax_abs.set_title("work for one gradient")
    ax_abs.legend(loc="upper left", fontsize=10)

    ratios = sorted({r.backward / r.forward for r in rows})
    ratio_text = (
        f"{ratios[0]:g}" if len(ratios) == 1 else f"{ratios[0]:g} to {ratios[-1]:g}"
    )
    ax_rel.loglog(
        P,
        [r.backward / r.forward for r in rows],
        "s-",
        color=COLORS["green"],
        label=f"backward: {ratio_text}",
    )
    ax_rel.loglog(
        [r.params for r in run],
        [r.numerical_calls for r in run],
        "^-",
        color=COLORS["orange"],
        label="numerical, run and counted",
    )
    ax_rel.loglog(
        [r.params for r in tail],
        [r.numerical / r.forward for r in tail],
        "--",
        color=COLORS["orange"],
        label="numerical, extrapolated: $2P$",
    )
    ax_rel.set_xlabel("number of parameters $P$")
    ax_rel.set_ylabel("cost in forward passes")
    ax_rel.set_title("the same, in forward passes")
    ax_rel.legend(loc="upper left", fontsize=10)
    return fig


FIGURES = {
    "backprop-graph": computational_graph,
    "backprop-cost": gradient_cost,
}
