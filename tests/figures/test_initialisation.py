"""The initialisation page's figures: registered, deterministic, plotting bpdocs' runs.

Each part is found by gid, never by position.
"""

from __future__ import annotations

import numpy as np

from bpdocs.examples.depth import run_depth
from bpdocs.examples.initialisation import (
    PROFILES,
    run_residual,
    train_clipped,
    variance_profile,
)
from bpdocs.figures import FIGURES
from bpdocs.figures import initialisation as fig_init
from bpdocs.plotting import svg_bytes
from tests.conftest import by_gid


def test_registered():
    assert FIGURES["init-variance-by-layer"] is fig_init.variance_by_layer
    assert FIGURES["residual-gradient-norms"] is fig_init.residual_gradient_norms
    assert FIGURES["gradient-clipping"] is fig_init.clipping


def test_the_svg_is_the_same_bytes_on_every_call():
    small = fig_init.residual_gradient_norms(n_layers=8)  # a small net: the same code
    assert svg_bytes(small) == svg_bytes(fig_init.residual_gradient_norms(n_layers=8))


def test_variance_figure_plots_the_profiles_on_log_axes():
    fig = fig_init.variance_by_layer(n_layers=6, width=32)  # small: the same code
    ax_f, ax_b = by_gid(fig, "forward"), by_gid(fig, "backward")
    assert ax_f.get_yscale() == ax_b.get_yscale() == "log"
    for label, (activation, s) in PROFILES.items():
        fwd, bwd = variance_profile(activation, s, depth=6, width=32)
        line_f, line_b = by_gid(fig, f"fwd {label}"), by_gid(fig, f"bwd {label}")
        assert line_f.axes is ax_f and line_b.axes is ax_b
        np.testing.assert_array_equal(line_f.get_xdata(), np.arange(1, 7))
        np.testing.assert_array_equal(line_f.get_ydata(), fwd)
        np.testing.assert_array_equal(line_b.get_xdata(), np.arange(0, 7))
        np.testing.assert_array_equal(line_b.get_ydata(), bwd)


def test_residual_figure_plots_both_runs():
    fig = fig_init.residual_gradient_norms()
    assert by_gid(fig, "norms").get_yscale() == "log"
    for activation in ("sigmoid", "tanh"):
        plain = by_gid(fig, f"plain {activation}").get_ydata()
        res = by_gid(fig, f"residual {activation}").get_ydata()
        np.testing.assert_array_equal(plain, run_depth(activation).norms)
        np.testing.assert_array_equal(res, run_residual(activation).norms)
    assert (
        by_gid(fig, "residual sigmoid").get_ydata()[0]
        > 1e18 * (by_gid(fig, "plain sigmoid").get_ydata()[0])
    )


def test_clipping_figure_plots_the_three_runs_and_the_threshold():
    fig = fig_init.clipping()
    runs = {
        "plain-large": train_clipped(None, 0.03),
        "plain-small": train_clipped(None, 1e-4),
        "clipped": train_clipped(10.0, 0.03),
    }
    for gid, run in runs.items():
        np.testing.assert_array_equal(
            by_gid(fig, f"loss {gid}").get_ydata(), run.losses
        )
        np.testing.assert_array_equal(by_gid(fig, f"norm {gid}").get_ydata(), run.norms)
    assert len(by_gid(fig, "loss plain-large").get_ydata()) == 2  # diverged at once
    assert by_gid(fig, "max-norm").get_ydata()[0] == 10.0
