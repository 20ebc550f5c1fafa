"""The gradient-checking-practice figure: registered, deterministic, the measured V."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bpdocs.examples.gradcheck_practice import STEPS, best_step, step_errors
from bpdocs.figures import FIGURES
from bpdocs.figures import gradcheck_practice as fig_gc
from bpdocs.plotting import svg_bytes
from tests.conftest import by_gid

PAGE = Path(__file__).resolve().parents[2] / "docs" / "gradient-checking-practice.md"


@pytest.fixture(scope="module")
def fig():
    return fig_gc.step_error()


def test_registered_and_shown_on_the_page():
    assert FIGURES["gradcheck-step-error"] is fig_gc.step_error
    assert "](figures/gradcheck-step-error.svg)" in PAGE.read_text("utf8")


def test_the_svg_is_the_same_bytes_on_every_call(fig):
    assert svg_bytes(fig) == svg_bytes(fig_gc.step_error())


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_each_curve_is_the_measured_error_of_its_precision(fig, dtype):
    line = by_gid(fig, f"measured-{dtype}")
    assert line.axes.get_xscale() == line.axes.get_yscale() == "log"
    x, y = line.get_data()
    np.testing.assert_array_equal(x, STEPS)
    np.testing.assert_array_equal(y, step_errors(dtype))
    assert by_gid(fig, f"best-{dtype}").get_xdata()[0] == best_step(dtype)


def test_the_guides_have_slopes_2_and_minus_1(fig):
    def slope(gid):
        x, y = by_gid(fig, gid).get_data()
        return np.diff(np.log(y)) / np.diff(np.log(x))

    np.testing.assert_allclose(slope("slope-2"), 2)
    for dtype in ("float64", "float32"):
        np.testing.assert_allclose(slope(f"slope-minus-1-{dtype}"), -1)
        x, y = by_gid(fig, f"slope-minus-1-{dtype}").get_data()
        np.testing.assert_allclose(y * x, np.finfo(dtype).eps)


def test_float32s_v_lies_above_and_right_of_float64s(fig):
    _, y64 = by_gid(fig, "measured-float64").get_data()
    _, y32 = by_gid(fig, "measured-float32").get_data()
    assert STEPS[np.argmin(y32)] > 100 * STEPS[np.argmin(y64)]
    assert y32.min() > 100 * y64.min()
