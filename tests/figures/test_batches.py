"""The batches page's figure: registered, shown, deterministic, plotting the spread."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bpdocs.examples.batches import (
    batch_spread,
    network,
    per_example_gradients,
    regression_data,
    spread_theory,
)
from bpdocs.figures import FIGURES
from bpdocs.figures import batches as fig_batches
from bpdocs.plotting import svg_bytes
from tests.conftest import by_gid

PAGE = Path(__file__).resolve().parents[2] / "docs" / "broadcasting.md"


@pytest.fixture(scope="module")
def fig():
    return fig_batches.gradient_spread()


@pytest.fixture(scope="module")
def G():
    X, T = regression_data()
    return per_example_gradients(network(), X, T)


def test_registered_and_shown_on_the_page():
    assert FIGURES["batch-gradient-spread"] is fig_batches.gradient_spread
    assert "](figures/batch-gradient-spread.svg)" in PAGE.read_text("utf8")


def test_the_svg_is_the_same_bytes_on_every_call(fig):
    assert svg_bytes(fig) == svg_bytes(fig_batches.gradient_spread())


def test_the_points_are_the_measured_spread_on_log_axes(fig, G):
    measured = by_gid(fig, "measured")
    assert measured.axes.get_xscale() == measured.axes.get_yscale() == "log"
    x, y = measured.get_data()
    np.testing.assert_array_equal(x, fig_batches.SIZES)
    assert list(x) == [1, 2, 4, 8, 16, 32, 64, 128]
    for i in (0, 4, 7):  # m = 1, 16, 128: the points are batch_spread's
        assert y[i] == batch_spread(G, int(x[i]), 2000)


def test_the_lines_are_sigma_over_root_m_with_and_without_the_correction(fig, G):
    sigma, n = spread_theory(G, 1), len(G)
    plain, corrected = (
        by_gid(fig, "one-over-sqrt-m"),
        by_gid(fig, "without-replacement"),
    )
    m, y = plain.get_data()
    np.testing.assert_allclose(y, sigma / np.sqrt(m), rtol=1e-12)
    np.testing.assert_allclose(np.diff(np.log(y)) / np.diff(np.log(m)), -0.5)
    m2, y2 = corrected.get_data()
    np.testing.assert_allclose(y2, [spread_theory(G, k) for k in m2], rtol=1e-12)
    assert m2.max() < n and (y2 <= y).all()  # the correction only lowers it
    # the measured points lie within 15% of the corrected line
    x, ym = by_gid(fig, "measured").get_data()
    np.testing.assert_allclose(ym, [spread_theory(G, k) for k in x], rtol=0.15)
