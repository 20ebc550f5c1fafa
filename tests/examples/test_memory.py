"""Tests for bpdocs.examples.memory: the counting wrappers and the measurements."""

import numpy as np
import pytest

from bpdocs.checkpoint import cached_arrays, stored_floats
from bpdocs.examples.memory import Counts, instrument, measure
from bpdocs.layers import Linear, Sequential, Tanh


def test_instrument_counts_forward_calls_and_samples_after_each_call():
    net = Sequential(Linear(3, 3, rng=0), Tanh())

    def stored():
        return [a for layer in net.layers for a in cached_arrays(layer)]

    counts = instrument(net.layers, stored)
    assert counts == Counts(0, 0)
    X = np.ones((2, 3))
    net.forward(X)
    assert counts.forward_calls == 2 and counts.peak_floats == 3 * 6
    net.backward(np.ones((2, 3)))
    assert counts.forward_calls == 2  # backward calls are not forwards
    net.forward(X)
    assert counts.forward_calls == 4


def test_plain_measure_holds_b_w_n_plus_one_floats_and_recomputes_nothing():
    for blocks in (1, 5):
        run = measure(blocks, width=4, batch=3)
        assert run.n_layers == 2 * blocks and run.recomputed() == 0
        assert run.counts.peak_floats == 3 * 4 * (2 * blocks + 1)


def test_checkpointed_measure_recomputes_all_but_the_last_segment():
    for blocks, k in [(8, 3), (8, 5), (6, 12), (6, 1)]:
        n = 2 * blocks
        last = n - k * ((n - 1) // k)  # the last segment's length
        assert measure(blocks, k, 4, 2).recomputed() == n - last


def test_measure_gradients_are_the_nets_own():
    run = measure(3, None, 4, 2, seed=5)
    assert run.dX.shape == (2, 4) and len(run.grads) == 6
    again = measure(3, 2, 4, 2, seed=5)
    np.testing.assert_array_equal(run.dX, again.dX)
    assert not np.array_equal(run.dX, measure(3, None, 4, 2, seed=6).dX)
    assert stored_floats([run.dX]) == 8


@pytest.mark.parametrize("every", [None, 2])
def test_the_peak_is_reached_and_not_exceeded(every):
    run = measure(4, every, width=2, batch=1)
    assert run.counts.peak_floats % 2 == 0 and run.counts.peak_floats > 0
