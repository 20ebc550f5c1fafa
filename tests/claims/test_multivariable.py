"""The comparisons on docs/multivariable.md, each computed."""

from __future__ import annotations

import numpy as np

from bpdocs.examples import multivariable as mv
from tests.conftest import claim

PAGE = "multivariable.md"


def test_near_zero_the_path_through_y_dominates_and_farther_out_x_takes_over():
    claim(PAGE, "Near $t = 0$ the path through $y$ dominates")
    claim(PAGE, "For larger $|t|$ the path through $x$ takes over.")
    t = np.linspace(-1.2, 1.2, 2401)  # the range of the figure
    t = t[t != 0]  # at t = 0 both terms are 0
    via_x, via_y = mv.path_terms(t)
    y_wins = np.abs(via_y) > np.abs(via_x)
    # one crossing on each side, near |t| = 0.63: y inside it, x outside
    crossing = np.abs(t[y_wins]).max()
    assert 0.6 < crossing < 0.7
    assert np.all(y_wins[np.abs(t) <= crossing])
    assert not np.any(y_wins[np.abs(t) > crossing])
    # near 0, 2 sin t cos t is about 2t while 4t^3 is tiny
    small = np.abs(t) < 0.05
    assert np.all(np.abs(via_x[small]) < 0.01 * np.abs(via_y[small]))
