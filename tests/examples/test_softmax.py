"""bpdocs/examples/softmax.py: the three clouds, the classifier trained on them."""

from __future__ import annotations

import numpy as np

from bpdocs.examples.softmax import CENTERS, class_grid, three_clouds, train_classifier
from bpdocs.layers import SoftmaxCrossEntropyLoss


def test_three_clouds_are_labelled_one_hot_around_their_centres():
    X, labels, Y = three_clouds(n_per_class=50)
    assert X.shape == (150, 2) and Y.shape == (150, 3)
    assert np.array_equal(Y.argmax(axis=1), labels) and np.all(Y.sum(axis=1) == 1)
    for k, centre in enumerate(CENTERS):
        assert np.linalg.norm(X[labels == k].mean(axis=0) - centre) < 0.3
    again = three_clouds(n_per_class=50)
    assert np.array_equal(again[0], X)


def test_training_lowers_the_loss_it_reports_and_agrees_with_the_loss_layer():
    run = train_classifier(epochs=50)
    assert len(run.losses) == 50 and run.losses[-1] < run.losses[0]
    X, labels, Y = three_clouds()
    final = SoftmaxCrossEntropyLoss().forward(run.net.forward(X), Y)
    assert final < run.losses[-1]  # the loss after the last update is lower still
    assert run.accuracies[-1] > 0.9


def test_the_grid_gives_a_class_for_every_point_of_the_plane():
    run = train_classifier(epochs=50)
    x1, x2, classes, confidence = class_grid(run.net, n=21)
    assert x1.shape == x2.shape == classes.shape == confidence.shape == (21, 21)
    assert set(np.unique(classes).tolist()) == {0, 1, 2}
    assert np.all((confidence >= 1 / 3) & (confidence <= 1))
