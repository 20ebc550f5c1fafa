"""The figure of the modes page plots the counted costs, the same bytes each time."""

import numpy as np

from bpdocs.figures import FIGURES, modes
from bpdocs.modes import jacobian_cost
from bpdocs.plotting import svg_bytes
from tests.conftest import by_gid


def test_registered():
    assert FIGURES["jacobian-costs"] is modes.FIGURES["jacobian-costs"]
    assert modes.FIGURES["jacobian-costs"] is modes.jacobian_costs


def test_deterministic_bytes():
    assert svg_bytes(modes.jacobian_costs()) == svg_bytes(modes.jacobian_costs())


def test_plots_the_counted_passes_and_multiply_adds_on_log_axes():
    fig = modes.jacobian_costs()
    ax_p, ax_c = by_gid(fig, "passes"), by_gid(fig, "multiply-adds")
    assert ax_p.get_xscale() == ax_p.get_yscale() == "log"
    assert ax_c.get_xscale() == ax_c.get_yscale() == "log"
    ns = [n for n, _ in modes.SWEEP]
    assert ns == [2**k for k in range(11)]
    assert all(n * m == 1024 for n, m in modes.SWEEP)
    counted = [jacobian_cost(n, m) for n, m in modes.SWEEP]
    for mode in ("forward", "reverse"):
        passes, madds = by_gid(fig, f"passes-{mode}"), by_gid(fig, f"madds-{mode}")
        assert passes.axes is ax_p and madds.axes is ax_c
        for line in (passes, madds):
            np.testing.assert_array_equal(line.get_xdata(), ns)
        np.testing.assert_array_equal(passes.get_ydata(), [c[mode][0] for c in counted])
        np.testing.assert_array_equal(madds.get_ydata(), [c[mode][1] for c in counted])
    # n passes forward, m reverse
    np.testing.assert_array_equal(by_gid(fig, "passes-forward").get_ydata(), ns)
    np.testing.assert_array_equal(
        by_gid(fig, "passes-reverse").get_ydata(), [m for _, m in modes.SWEEP]
    )
