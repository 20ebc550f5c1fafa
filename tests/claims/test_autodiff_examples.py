"""The comparisons on docs/autodiff-examples.md, each computed."""

from __future__ import annotations

from bpdocs.examples import descent
from bpdocs.examples.engine import linear_loss_gradients
from tests.conftest import claim

PAGE = "autodiff-examples.md"


def test_one_step_from_the_engines_gradients_lowers_the_loss():
    claim(PAGE, "is one line each, and it lowers the loss")
    lr = 0.05  # the page's learning rate
    points = [(0.5, 0.25, 2.0, 3.0), (2.0, -1.0, 0.5, 1.5), (-0.3, 0.8, -1.5, 0.4)]
    for w, b, x, y in points:
        dw, db = linear_loss_gradients(w, b, x, y)
        before = descent.loss(w, b, x, y)
        after = descent.loss(w - lr * dw, b - lr * db, x, y)
        assert after < before
