"""Graphs drawn from the engine's trace: boxes for nodes, arrows for edges."""

from __future__ import annotations

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from bpdocs.autodiff import trace
from bpdocs.examples.engine import gates, linear_loss
from bpdocs.plotting import COLORS, new_figure

BOX_W, BOX_H = 1.2, 1.0  # a node's box, in inches (the axes are drawn 1 unit = 1 inch)
COL_STEP, ROW_STEP = 1.65, 1.2  # distance between columns and between rows
INPUT_GAP = 0.22  # vertical gap between the arrow heads that enter one box
LANE_GAP = 0.25  # height of the lanes that edges skipping a column take above the boxes
MARGIN, TITLE_H = 0.15, 0.45  # white space around the graph, and room for the title


def columns(root):
    """`{node: column}`: one column left of a node's leftmost user; the root is last."""
    nodes, _ = trace(root)
    steps_to_root = {root: 0}
    for node in reversed(nodes):  # every user of a node comes before it in this order
        for child in node._prev:
            steps_to_root[child] = max(
                steps_to_root.get(child, 0), steps_to_root[node] + 1
            )
    last = max(steps_to_root.values())
    return {node: last - steps_to_root[node] for node in nodes}


def layout(root):
    """`{node: (x, y)}` in inches: columns by depth, each node level with its users."""
    nodes, edges = trace(root)
    col = columns(root)
    order = {node: i for i, node in enumerate(nodes)}
    users = {node: [] for node in nodes}
    for child, node in edges:
        users[child].append(node)
    pos = {}
    for c in range(max(col.values()), -1, -1):  # right to left: users before inputs
        wanted = {
            n: sum(pos[u][1] for u in users[n]) / len(users[n]) if users[n] else 0.0
            for n in nodes
            if col[n] == c
        }
        here = sorted(wanted, key=lambda n: (-wanted[n], order[n]))  # top to bottom
        ys = []
        for n in here:  # as near the users as the spacing allows, going down
            ys.append(min(wanted[n], ys[-1] - ROW_STEP) if ys else wanted[n])
        # then centre the column on them
        shift = sum(wanted[n] - y for n, y in zip(here, ys, strict=True)) / len(here)
        for n, y in zip(here, ys, strict=True):
            pos[n] = (c * COL_STEP, y + shift)
    return pos


def describe(node):
    """The lines of text in a node's box: its name, what made it, its data, its grad."""
    if not node._prev:
        name, kind = (
            (node.label, "input") if node.label else (f"{node.data:g}", "constant")
        )
    else:
        name, kind = node.label or "(no label)", f"op {node._op}"
    return [name, kind, f"data {node.data:.6g}", f"grad {node.grad:.6g}"]


def edge_paths(root, pos):
    """`[(points, input, result)]`, a polyline per edge; a skip runs above the boxes."""
    nodes, _ = trace(root)
    top = {}  # column x -> top edge of its highest box
    for x, y in pos.values():
        top[x] = max(top.get(x, y), y + BOX_H / 2)
    lanes, paths = 0, []
    for node in nodes:
        # the top input enters at the top
        inputs = sorted(dict.fromkeys(node._prev), key=lambda n: -pos[n][1])
        for i, child in enumerate(inputs):
            (x0, y0), (x1, y1) = pos[child], pos[node]
            start, end = (
                (x0 + BOX_W / 2, y0),
                (x1 - BOX_W / 2, y1 + ((len(inputs) - 1) / 2 - i) * INPUT_GAP),
            )
            between = [x for x in top if x0 < x < x1]
            if between:  # a lane of its own, above every box it passes
                lanes += 1
                lane = max(top[x] for x in between) + LANE_GAP * lanes
                gap = (COL_STEP - BOX_W) / 2
                points = [start, (start[0] + gap, lane), (end[0] - gap, lane), end]
            else:
                points = [start, end]
            paths.append((points, child, node))
    return paths


def draw_graph(root, title=""):
    """The graph under `root`, left to right: a box per node, an arrow per edge."""
    nodes, _ = trace(root)
    pos = layout(root)
    paths = edge_paths(root, pos)
    xs = [x for x, _ in pos.values()]
    ys = [y + d for _, y in pos.values() for d in (-BOX_H / 2, BOX_H / 2)] + [
        y for p, _, _ in paths for _, y in p
    ]
    x_lo, x_hi = min(xs) - BOX_W / 2 - MARGIN, max(xs) + BOX_W / 2 + MARGIN
    y_lo, y_hi = min(ys) - MARGIN, max(ys) + MARGIN
    title_h = TITLE_H if title else 0.0
    fig, ax = new_figure(width=x_hi - x_lo, height=y_hi - y_lo + title_h)
    ax.set_gid("graph")
    fig.set_layout_engine(None)  # place the axes by hand, so 1 data unit is 1 inch
    ax.set_position((0, 0, 1, (y_hi - y_lo) / (y_hi - y_lo + title_h)))
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_axis_off()
    for node in nodes:
        x, y = pos[node]
        color = (
            COLORS["green"]
            if node is root
            else COLORS["orange"]
            if node._prev
            else COLORS["blue"]
        )
        ax.add_patch(
            FancyBboxPatch(
                (x - BOX_W / 2, y - BOX_H / 2),
                BOX_W,
                BOX_H,
                boxstyle="round,pad=0,rounding_size=0.08",
                facecolor="white",
                edgecolor=color,
                linewidth=1.6,
                zorder=2,
            )
        )
        name, kind, data, grad = describe(node)
        ax.text(
            x,
            y + 0.3,
            name,
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            color=color,
            zorder=3,
        )
        ax.text(
            x,
            y + 0.1,
            kind,
            ha="center",
            va="center",
            fontsize=9.5,
            color=COLORS["grey"],
            zorder=3,
        )
        ax.text(
            x,
            y - 0.22,
            f"{data}\n{grad}",
            ha="center",
            va="center",
            fontsize=9.5,
            linespacing=1.25,
            family="monospace",
            zorder=3,
        )
    for points, _, _ in paths:
        codes = [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
        ax.add_patch(
            FancyArrowPatch(
                path=Path(points, codes),
                arrowstyle="-|>",
                mutation_scale=12,
                color=COLORS["grey"],
                linewidth=1.1,
                shrinkA=0,
                shrinkB=1,
                zorder=1,
            )
        )
    if title:
        y_title = 1 - 0.12 / (y_hi - y_lo + title_h)
        fig.suptitle(title, fontsize=11, y=y_title, va="top", gid="title")
    return fig


def linear_loss_graph(w=0.5, b=0.25, x=2.0, y=3.0):
    r"""§6's $L = (wx + b - y)^2$ as the engine built it, grads from `backward()`."""
    L, _ = linear_loss(w, b, x, y)
    L.backward()
    return draw_graph(
        L, f"L = r², r = wx + b − y, at w = {w:g}, b = {b:g}, x = {x:g}, y = {y:g}"
    )


def gates_graph(x=3.0, y=-4.0, w=2.0):
    r"""`gates`: $f = 2\,(xy + \max(x, w))$, where every gate pattern acts at once."""
    f, _ = gates(x, y, w)
    return draw_graph(f, f"f = 2 (xy + max(x, w))  at  x = {x:g}, y = {y:g}, w = {w:g}")


FIGURES = {
    "autodiff-graph": linear_loss_graph,
    "autodiff-gates": gates_graph,
}
