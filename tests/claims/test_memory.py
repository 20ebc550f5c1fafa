"""The comparisons on docs/memory.md, each computed by counting."""

from __future__ import annotations

import math

import pytest

from bpdocs.checkpoint import sqrt_schedule
from bpdocs.examples.memory import measure
from tests.conftest import claim

PAGE = "memory.md"


@pytest.fixture(scope="module")
def sweep():
    """`{k: peak arrays, recomputed}` for the 64-layer net, every k from 1 to 64."""
    out = {}
    for k in range(1, 65):
        run = measure(32, k)
        out[k] = (run.counts.peak_floats // 128, run.recomputed())
    return out


def test_memory_grows_in_proportion_to_depth_and_batch():
    claim(PAGE, "The memory grows in proportion to the depth, and to the batch")
    claim(PAGE, "doubling either doubles it")
    for blocks in (2, 4, 8):
        a = measure(blocks).counts.peak_floats
        assert measure(blocks, batch=16).counts.peak_floats == 2 * a
        n = 2 * blocks
        assert a == 8 * 16 * (n + 1)  # (n + 1) arrays: doubling n nearly doubles it
        assert measure(2 * blocks).counts.peak_floats == 8 * 16 * (2 * n + 1)


def test_the_peak_stays_within_two_arrays_of_the_estimate(sweep):
    claim(PAGE, "The counted peak stays within two arrays of $\\lceil n/k \\rceil + k$")
    for k, (peak, _) in sweep.items():
        assert 0 <= math.ceil(64 / k) + k - peak <= 2
    for blocks in (5, 12, 17):  # other depths
        n = 2 * blocks
        for k in range(1, n + 1):
            peak = measure(blocks, k, width=2, batch=1).counts.peak_floats // 2
            assert 0 <= math.ceil(n / k) + k - peak <= 2


def test_sqrt_n_holds_a_quarter_for_less_than_one_extra_forward(sweep):
    claim(PAGE, "At $k = 8 = \\sqrt{64}$ the net holds 16 arrays instead of 65")
    claim(
        PAGE, "about a quarter, for 56 recomputed layer forwards, less than one extra"
    )
    assert sqrt_schedule(64) == 8 and sweep[8] == (16, 56)
    assert measure(32).counts.peak_floats // 128 == 65
    assert 0.2 < 16 / 65 < 0.3 and 56 < 64


def test_never_more_than_one_extra_forward_pass(sweep):
    claim(PAGE, "never more than one extra forward pass")
    assert all(recomputed < 64 for _, recomputed in sweep.values())


def test_the_smallest_peak_is_one_array_below_sqrt_n(sweep):
    claim(
        PAGE,
        "smallest peak over every $k$ from 1 to 64, 15 arrays at $k = 7$, 9 and 11",
    )
    claim(PAGE, "is one array lower")
    low = min(peak for peak, _ in sweep.values())
    assert low == 15 == sweep[8][0] - 1
    assert {k for k, (peak, _) in sweep.items() if peak == low} == {7, 9, 11}


def test_both_ends_hold_as_much_as_plain_backprop(sweep):
    claim(PAGE, "both hold as much as plain backprop")
    assert sweep[1][0] == sweep[64][0] == 65 == measure(32).counts.peak_floats // 128


def test_plain_grows_with_n_and_the_sqrt_schedule_with_sqrt_n():
    claim(PAGE, "plain backprop's memory grows with $n$ and the square-root schedule's")
    for blocks in (2, 8, 32):
        n = 2 * blocks
        peak = measure(blocks, sqrt_schedule(n)).counts.peak_floats // 128
        assert 2 * math.sqrt(n) - 2 <= peak <= 2 * math.sqrt(n) + 1
        assert measure(blocks).counts.peak_floats // 128 == n + 1
