"""The softmax page's figure: registered, shown, deterministic, plotting bpdocs' run.

Each part of the figure is found by gid, never by position.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bpdocs.examples.softmax import (
    CENTERS,
    class_grid,
    three_clouds,
    train_classifier,
)
from bpdocs.figures import FIGURES
from bpdocs.figures import softmax as fig_softmax
from bpdocs.plotting import svg_bytes
from tests.conftest import by_gid

PAGE = Path(__file__).resolve().parents[2] / "docs" / "softmax.md"


@pytest.fixture(scope="module")
def fig():
    return fig_softmax.classifier()


def test_registered_and_shown_on_the_page():
    assert FIGURES["softmax-classifier"] is fig_softmax.classifier
    assert "](figures/softmax-classifier.svg)" in PAGE.read_text("utf8")


def test_the_svg_is_the_same_bytes_on_every_call():
    assert svg_bytes(fig_softmax.classifier()) == svg_bytes(fig_softmax.classifier())


def test_every_part_has_its_gid(fig):
    for gid in ["regions", "class-0", "class-1", "class-2", "loss", "uniform"]:
        by_gid(fig, gid)


def test_the_points_are_the_training_data(fig):
    X, labels, _ = three_clouds()
    for k in range(3):
        offsets = by_gid(fig, f"class-{k}").get_offsets()
        np.testing.assert_array_equal(np.asarray(offsets), X[labels == k])
    assert sum(len(by_gid(fig, f"class-{k}").get_offsets()) for k in range(3)) == 120


def test_the_loss_curve_is_the_training_run(fig):
    run = train_classifier()
    x, y = by_gid(fig, "loss").get_data()
    np.testing.assert_array_equal(x, np.arange(300))
    np.testing.assert_array_equal(y, run.losses)
    assert by_gid(fig, "uniform").get_ydata()[0] == pytest.approx(np.log(3))


def test_the_regions_are_the_trained_networks_most_probable_class(fig):
    run = train_classifier()
    _, _, classes, confidence = class_grid(run.net)
    regions = by_gid(fig, "regions")
    np.testing.assert_array_equal(regions.levels, [-0.5, 0.5, 1.5, 2.5])
    assert set(np.unique(classes)) == {0, 1, 2}  # all three classes have a region
    assert (confidence > 1 / 3).all()  # the largest of three probabilities
    # each cloud's centre lies in its own class's region
    for k, centre in enumerate(CENTERS):
        P = run.net.forward(centre[None, :])
        assert int(P.argmax()) == k
