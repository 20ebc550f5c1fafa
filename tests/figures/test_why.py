"""The figures of the "why it matters" page plot what bpdocs computes, and draw fast."""

import time

import numpy as np
import pytest

from bpdocs.examples import depth, descent
from bpdocs.figures import FIGURES, why
from bpdocs.layers import sigmoid_prime
from sitebuild.drawfigures import render_svg
from tests.conftest import by_gid


def test_registered():
    for name in (
        "gd-loss-surface",
        "activation-derivatives",
        "gradient-norms-by-depth",
    ):
        assert FIGURES[name] is why.FIGURES[name]


@pytest.mark.parametrize("name", sorted(why.FIGURES))
def test_draws_fast(name):
    render_svg(why.FIGURES[name]())  # warm up: fonts and mathtext load on first use
    start = time.process_time()  # CPU time: the machine is shared, wall time is not
    svg = render_svg(why.FIGURES[name]())
    assert time.process_time() - start < 1.5
    assert len(svg) > 5_000


def test_loss_surface_path_valley_and_losses():
    fig = why.loss_surface()
    ax, ax_loss = by_gid(fig, "loss-surface"), by_gid(fig, "loss-by-step")
    valley, path, end = (by_gid(fig, g) for g in ("valley", "descent", "valley-point"))
    assert valley.axes is path.axes is end.axes is ax
    assert "valley" in valley.get_label() and "gradient descent" in path.get_label()
    # the valley line is wx + b = y for x = 2, y = 3: zero loss all along it
    np.testing.assert_allclose(
        2.0 * valley.get_xdata() + valley.get_ydata(), 3.0, atol=1e-12
    )
    np.testing.assert_allclose(
        descent.loss(valley.get_xdata(), valley.get_ydata(), 2.0, 3.0), 0.0, atol=1e-24
    )
    # the path is descend()'s path, and it heads for the nearest valley point
    expected = np.array(descent.descend(0.0, 0.0, 2.0, 3.0, 0.05, 6))
    np.testing.assert_array_equal(path.get_xdata(), expected[:, 0])
    np.testing.assert_array_equal(path.get_ydata(), expected[:, 1])
    assert (end.get_xdata()[0], end.get_ydata()[0]) == pytest.approx(
        descent.valley_point(0.0, 0.0, 2.0, 3.0)
    )
    # contours of the loss; equal axes, so "perpendicular to the valley" looks it
    contours = by_gid(fig, "contours")
    for level, line in zip(contours.levels, contours.get_paths(), strict=True):
        w, b = line.vertices.T
        np.testing.assert_allclose(descent.loss(w, b, 2.0, 3.0), level, rtol=1e-2)
    assert ax.get_aspect() == 1.0
    # right panel: the losses after each step, on the line L0 c^(2k)
    points, theory = by_gid(fig, "loss-after-k"), by_gid(fig, "loss-formula")
    assert points.axes is theory.axes is ax_loss
    np.testing.assert_array_equal(points.get_ydata(), expected[:, 2])
    c = descent.contraction(2.0, 0.05)
    np.testing.assert_allclose(
        theory.get_ydata(), 9.0 * c ** (2 * np.arange(7)), rtol=1e-12
    )
    np.testing.assert_allclose(points.get_ydata(), theory.get_ydata(), rtol=1e-12)
    assert ax_loss.get_yscale() == "log"


def test_activation_derivatives_and_the_quarter():
    fig = why.activation_derivatives()
    sig, tanh, relu = (by_gid(fig, f"d-{name}") for name in ("sigmoid", "tanh", "relu"))
    z = sig.get_xdata()
    np.testing.assert_allclose(sig.get_ydata(), sigmoid_prime(z), atol=1e-15)
    np.testing.assert_allclose(tanh.get_ydata(), 1 - np.tanh(z) ** 2, atol=1e-15)
    np.testing.assert_array_equal(relu.get_ydata(), (z > 0).astype(float))
    assert sig.get_ydata().max() == pytest.approx(0.25)
    assert z[np.argmax(sig.get_ydata())] == pytest.approx(0.0, abs=1e-12)
    assert set(by_gid(fig, "quarter").get_ydata()) == {0.25}


def test_gradient_norms_by_depth_plots_the_runs():
    ax = by_gid(why.gradient_norms_by_depth(), "norms")
    assert ax.get_yscale() == "log"
    assert len(ax.lines) == len(depth.SETUPS)
    by_label = {line.get_label(): line for line in ax.lines}
    for label, (activation, gain) in depth.SETUPS.items():
        run = depth.run_depth(activation, gain)
        line = by_label[f"{label}: ×{run.per_layer_factor():.2f} per layer"]
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, 31))
        np.testing.assert_array_equal(line.get_ydata(), run.norms)
