"""The figure of the PyTorch page plots the counted nodes, the same bytes each time."""

import numpy as np

from bpdocs.autodiff import topological_order
from bpdocs.examples.pytorch import small_network, value_loss
from bpdocs.figures import FIGURES, pytorch
from bpdocs.plotting import svg_bytes
from tests.conftest import by_gid


def test_registered():
    assert FIGURES["scalar-graph-size"] is pytorch.scalar_graph_size


def test_deterministic_bytes():
    assert svg_bytes(pytorch.scalar_graph_size()) == svg_bytes(
        pytorch.scalar_graph_size()
    )


def test_graph_nodes_counts_the_value_graph_and_the_layers():
    net, X, T = small_network(hidden=2, rows=3)
    assert pytorch.graph_nodes(2, 3) == (
        len(topological_order(value_loss(net, X, T)[0])),
        4,
    )


def test_plots_the_counted_nodes_against_rows_and_width():
    fig = pytorch.scalar_graph_size()
    for name, xs, nodes in (
        ("rows", pytorch.ROWS, [27 * m + 17 for m in pytorch.ROWS]),  # hidden width 3
        ("width", pytorch.WIDTHS, [32 * h + 29 for h in pytorch.WIDTHS]),  # 4 rows
    ):
        ax = by_gid(fig, f"by-{name}")
        value, arrays = (
            by_gid(fig, f"value-nodes-{name}"),
            by_gid(fig, f"array-ops-{name}"),
        )
        assert value.axes is ax and arrays.axes is ax
        assert ax.get_xscale() == ax.get_yscale() == "log"
        np.testing.assert_array_equal(value.get_xdata(), xs)
        np.testing.assert_array_equal(value.get_ydata(), nodes)
        np.testing.assert_array_equal(arrays.get_ydata(), [4] * len(xs))
    assert by_gid(fig, "value-nodes-rows").get_ydata()[-1] == 881
    assert by_gid(fig, "value-nodes-width").get_ydata()[-1] == 1053
