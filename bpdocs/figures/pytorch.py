"""Figures of "from scalars to tensors": how big the graph of scalars grows."""

from __future__ import annotations

from bpdocs.autodiff import topological_order
from bpdocs.examples.pytorch import small_network, value_loss
from bpdocs.plotting import COLORS, new_figure

ROWS = [1, 2, 4, 8, 16, 32]  # rows of the batch, hidden width 3
WIDTHS = [1, 2, 4, 8, 16, 32]  # hidden widths, 4 rows


def graph_nodes(hidden: int, rows: int) -> tuple[int, int]:
    """`(Value nodes, array operations)` of the small network's loss.

    The array operations are one per layer of the `Sequential`, and one for the loss.
    """
    net, X, T = small_network(hidden, rows)
    loss, _ = value_loss(net, X, T)
    return len(topological_order(loss)), len(net.layers) + 1


def scalar_graph_size(rows=ROWS, widths=WIDTHS):
    """The nodes of the `Value` graph of one loss, against the batch and the width."""
    fig, axes = new_figure(2, width=10.0, height=4.0)
    sweeps = (
        ("rows", rows, [graph_nodes(3, m) for m in rows], "rows of the batch"),
        ("width", widths, [graph_nodes(h, 4) for h in widths], "hidden width"),
    )
    for ax, (name, xs, counts, xlabel) in zip(axes, sweeps, strict=True):
        ax.set_gid(f"by-{name}")
        lines = (
            ("o-", "blue", "scalar graph: Value nodes", "value-nodes"),
            ("s-", "orange", "array layers: 3 layers and the loss", "array-ops"),
        )
        for k, (style, color, label, gid) in enumerate(lines):
            ax.loglog(
                xs,
                [c[k] for c in counts],
                style,
                color=COLORS[color],
                lw=1.8,
                ms=5,
                base=2,
                label=label,
                gid=f"{gid}-{name}",
            )
        ax.set_xticks(xs, [str(x) for x in xs])
        ax.set_xlabel(xlabel)
        ax.legend(loc="upper left", fontsize=9)
    axes[0].set_ylabel("nodes of the graph of one loss")
    axes[0].set_title("hidden width 3, more rows")
    axes[1].set_title("4 rows, wider hidden layer")
    return fig


FIGURES = {"scalar-graph-size": scalar_graph_size}
