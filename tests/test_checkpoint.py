"""Tests for bpdocs.checkpoint: caches, stored floats, and checkpointed backprop.

Checkpointed gradients must equal plain backprop's bit for bit, for several depths,
widths and k; the recomputation must rebuild what was dropped, and nothing more.
"""

import numpy as np
import pytest

from bpdocs.checkpoint import (
    Checkpointed,
    cached_arrays,
    forget,
    sqrt_schedule,
    stored_floats,
)
from bpdocs.layers import Linear, ReLU, Sequential, Sigmoid, Tanh


def net_of(blocks, width, seed, Act=Tanh):
    rng = np.random.default_rng(seed)
    layers = []
    for _ in range(blocks):
        layers += [Linear(width, width, rng=rng), Act()]
    return Sequential(*layers)


def test_caches_of_each_layer_kind():
    X = np.ones((2, 3))
    linear, tanh = Linear(3, 3, rng=0), Tanh()
    assert cached_arrays(linear) == [] and cached_arrays(tanh) == []
    Z = linear.forward(X)
    H = tanh.forward(Z)
    assert cached_arrays(linear) == [X]
    assert cached_arrays(tanh)[0] is Z and cached_arrays(tanh)[1] is H
    forget(linear)
    forget(tanh)
    assert cached_arrays(linear) == cached_arrays(tanh) == []
    with pytest.raises(RuntimeError, match="forward must be called before backward"):
        tanh.backward(np.ones((2, 3)))


def test_stored_floats_counts_each_array_once():
    a, b = np.zeros((2, 3)), np.zeros(5)
    assert stored_floats([a, b, a, a]) == 11
    assert stored_floats([a, a.copy()]) == 12
    assert stored_floats([]) == 0


@pytest.mark.parametrize("blocks", [1, 3, 6])
def test_plain_backprop_holds_n_plus_one_arrays(blocks):
    net = net_of(blocks, 4, seed=blocks)
    net.forward(np.ones((5, 4)))
    held = [a for layer in net.layers for a in cached_arrays(layer)]
    assert len(held) == 3 * blocks  # each Linear 1, each Tanh 2
    assert stored_floats(held) == 5 * 4 * (2 * blocks + 1)


@pytest.mark.parametrize("Act", [Tanh, Sigmoid, ReLU])
@pytest.mark.parametrize("blocks,width", [(1, 3), (4, 5), (9, 2)])
def test_gradients_are_bit_for_bit_those_of_plain_backprop(blocks, width, Act):
    rng = np.random.default_rng(blocks * 10 + width)
    X = rng.standard_normal((3, width))
    G = rng.standard_normal((3, width))
    plain = net_of(blocks, width, seed=7, Act=Act)
    plain.forward(X)
    dX = plain.backward(G)
    grads = [g.copy() for _, _, g in plain.params()]
    n = 2 * blocks
    for k in sorted({1, 2, 3, sqrt_schedule(n), n - 1, n, n + 5} - {0}):
        net = net_of(blocks, width, seed=7, Act=Act)
        ckpt = Checkpointed(net, k)
        Y = ckpt.forward(X)
        np.testing.assert_array_equal(Y, plain.layers[-1].Y)
        np.testing.assert_array_equal(ckpt.backward(G), dX)
        for a, (_, _, b) in zip(grads, net.params(), strict=True):
            assert np.array_equal(a, b), f"k={k}"
        assert ckpt.checkpoints == []  # every checkpoint used and released
        assert all(cached_arrays(layer) == [] for layer in net.layers)


def test_forward_keeps_checkpoints_and_only_the_last_segments_caches():
    net = net_of(5, 3, seed=0)  # 10 layers
    ckpt = Checkpointed(net, 4)  # segments of 4, 4 and 2 layers
    assert [len(s) for s in ckpt.segments()] == [4, 4, 2]
    X = np.ones((2, 3))
    ckpt.forward(X)
    assert len(ckpt.checkpoints) == 3 and ckpt.checkpoints[0] is X
    assert [bool(cached_arrays(layer)) for layer in net.layers] == [False] * 8 + [
        True
    ] * 2
    assert stored_floats(ckpt.stored()) == 6 * (3 + 2)  # 3 checkpoints, 2 outputs


def test_backward_before_forward_and_a_bad_k_are_errors():
    ckpt = Checkpointed(net_of(2, 3, seed=0), 2)
    with pytest.raises(RuntimeError, match="forward must be called first"):
        ckpt.backward(np.ones((1, 3)))
    for bad in (0, -1, 2.5, None):
        with pytest.raises(ValueError, match="every must be an integer >= 1"):
            Checkpointed(net_of(1, 2, seed=0), bad)


def test_sqrt_schedule():
    assert [sqrt_schedule(n) for n in (1, 2, 3, 4, 10, 64, 100)] == [
        1,
        1,
        2,
        2,
        3,
        8,
        10,
    ]
    with pytest.raises(ValueError, match="need at least one layer, got 0"):
        sqrt_schedule(0)
