"""The memory page's figures: registered, deterministic, plotting the counted runs."""

from __future__ import annotations

import numpy as np

from bpdocs.checkpoint import sqrt_schedule
from bpdocs.examples.memory import measure
from bpdocs.figures import FIGURES
from bpdocs.figures import memory as fig_memory
from bpdocs.plotting import svg_bytes
from tests.conftest import by_gid


def test_registered():
    assert FIGURES["stored-by-depth"] is fig_memory.stored_by_depth
    assert FIGURES["checkpoint-tradeoff"] is fig_memory.tradeoff


def test_the_svg_is_the_same_bytes_on_every_call():  # small nets: the same code
    assert svg_bytes(fig_memory.tradeoff(4)) == svg_bytes(fig_memory.tradeoff(4))
    small = fig_memory.stored_by_depth(4)
    assert svg_bytes(small) == svg_bytes(fig_memory.stored_by_depth(4))


def test_tradeoff_plots_the_counted_sweep_and_marks_the_sqrt_point():
    fig = fig_memory.tradeoff()
    by_gid(fig, "tradeoff")
    x, y = by_gid(fig, "sweep").get_data()
    assert len(x) == 64
    for k in (1, 8, 13, 64):
        run = measure(32, k)
        assert (x[k - 1], y[k - 1]) == (run.recomputed(), run.counts.peak_floats)
    sx, sy = by_gid(fig, "sqrt-point").get_data()
    run = measure(32, sqrt_schedule(64))
    assert (sx[0], sy[0]) == (run.recomputed(), run.counts.peak_floats) == (56, 2048)
    px, py = by_gid(fig, "plain-point").get_data()
    assert (px[0], py[0]) == (0, 8320)


def test_stored_by_depth_plots_counts_and_the_formula():
    fig = fig_memory.stored_by_depth()
    n, plain = by_gid(fig, "plain").get_data()
    np.testing.assert_array_equal(n, 2 * np.arange(1, 33))
    np.testing.assert_array_equal(by_gid(fig, "formula").get_ydata(), 128 * (n + 1))
    np.testing.assert_array_equal(plain, 128 * (n + 1))  # counted = formula
    _, ckpt = by_gid(fig, "checkpointed").get_data()
    assert ckpt[-1] == measure(32, 8).counts.peak_floats == 2048
    assert np.all(ckpt <= plain)
