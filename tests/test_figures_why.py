"""The figures of the "why it matters" page plot what bpdocs computes, and draw fast."""

import time

import numpy as np
import pytest

from bpdocs import depth, descent
from bpdocs.figures import FIGURES
from bpdocs.figures import why
from bpdocs.plotting import render_svg


def test_registered():
    for name in ("gd-loss-surface", "activation-derivatives", "gradient-norms-by-depth"):
        assert FIGURES[name] is why.FIGURES[name]


@pytest.mark.parametrize("name", sorted(why.FIGURES))
def test_draws_fast(name):
    render_svg(why.FIGURES[name]())  # warm up: fonts and mathtext are loaded on first use
    start = time.process_time()      # CPU time: the machine is shared, wall time is not ours
    svg = render_svg(why.FIGURES[name]())
    assert time.process_time() - start < 1.5
    assert len(svg) > 5_000


def lines_by_label(ax):
    return {line.get_label(): line for line in ax.lines}


def test_loss_surface_path_valley_and_losses():
    fig = why.loss_surface()
    ax, ax_loss = fig.axes[:2]
    lines = ax.lines
    valley, path, end = lines[-3], lines[-2], lines[-1]
    assert "valley" in valley.get_label() and "gradient descent" in path.get_label()
    # the valley line is wx + b = y for x = 2, y = 3: zero loss all along it
    np.testing.assert_allclose(2.0 * valley.get_xdata() + valley.get_ydata(), 3.0, atol=1e-12)
    np.testing.assert_allclose(descent.loss(valley.get_xdata(), valley.get_ydata(), 2.0, 3.0), 0.0, atol=1e-24)
    # the path is descend()'s path, and it heads for the nearest valley point
    expected = np.array(descent.descend(0.0, 0.0, 2.0, 3.0, 0.05, 6))
    np.testing.assert_array_equal(path.get_xdata(), expected[:, 0])
    np.testing.assert_array_equal(path.get_ydata(), expected[:, 1])
    assert (end.get_xdata()[0], end.get_ydata()[0]) == pytest.approx(descent.valley_point(0.0, 0.0, 2.0, 3.0))
    # contours of the loss, and the axes kept equal so "perpendicular to the valley" looks it
    assert ax.collections, "no contour lines"
    assert ax.get_aspect() == 1.0
    # right panel: the losses after each step, on the line L0 c^(2k)
    points, theory = ax_loss.lines
    np.testing.assert_array_equal(points.get_ydata(), expected[:, 2])
    c = descent.contraction(2.0, 0.05)
    np.testing.assert_allclose(theory.get_ydata(), 9.0 * c ** (2 * np.arange(7)), rtol=1e-12)
    np.testing.assert_allclose(points.get_ydata(), theory.get_ydata(), rtol=1e-12)
    assert ax_loss.get_yscale() == "log"


def test_activation_derivatives_and_the_quarter():
    ax = why.activation_derivatives().axes[0]
    sig, tanh, relu = ax.lines[:3]
    z = sig.get_xdata()
    np.testing.assert_allclose(sig.get_ydata(), depth.sigmoid_prime(z), atol=1e-15)
    np.testing.assert_allclose(tanh.get_ydata(), 1 - np.tanh(z) ** 2, atol=1e-15)
    np.testing.assert_array_equal(relu.get_ydata(), (z > 0).astype(float))
    assert sig.get_ydata().max() == pytest.approx(0.25)
    assert z[np.argmax(sig.get_ydata())] == pytest.approx(0.0, abs=1e-12)
    quarter = ax.lines[3]
    assert set(quarter.get_ydata()) == {0.25}


def test_gradient_norms_by_depth_plots_the_runs():
    ax = why.gradient_norms_by_depth().axes[0]
    assert ax.get_yscale() == "log"
    assert len(ax.lines) == len(depth.SETUPS)
    for line, (label, (activation, gain)) in zip(ax.lines, depth.SETUPS.items()):
        run = depth.run_depth(activation, gain)
        assert line.get_label().startswith(label)
        assert f"×{run.per_layer_factor():.2f} per layer" in line.get_label()
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, 31))
        np.testing.assert_array_equal(line.get_ydata(), run.norms)
