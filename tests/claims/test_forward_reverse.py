"""The comparisons on docs/forward-reverse.md, each computed."""

from __future__ import annotations

import numpy as np

from bpdocs.figures.modes import SWEEP
from bpdocs.modes import jacobian_cost, jacobian_reverse, jvp, mlp
from tests.conftest import claim

PAGE = "forward-reverse.md"


def test_one_input_one_output_is_the_same_work_both_ways():
    claim(PAGE, "For one input and one output the two are the same amount of work.")
    cost = jacobian_cost(1, 1)
    assert cost["forward"] == cost["reverse"]


def test_one_pass_costs_the_same_either_way():
    claim(PAGE, "One pass costs the same either way, counted in multiply-adds")
    for n, m in SWEEP:
        cost = jacobian_cost(n, m)
        (fp, fc), (rp, rc) = cost["forward"], cost["reverse"]
        assert fc / fp == rc / rp


def test_the_shorter_side_decides_which_mode_is_cheaper():
    claim(PAGE, "Forward mode needs $n$ passes and reverse mode $m$")
    claim(
        PAGE, "whichever side of the Jacobian is shorter decides which mode is cheaper"
    )
    for n, m in [*SWEEP, (3, 5), (5, 3), (2, 9)]:
        cost = jacobian_cost(n, m)
        assert cost["forward"][0] == n and cost["reverse"][0] == m
        fwd, rev = cost["forward"][1], cost["reverse"][1]
        assert (fwd < rev) == (n < m) and (fwd == rev) == (n == m)


def test_a_million_parameters_one_reverse_pass():
    claim(PAGE, "Reverse mode needs one pass where forward mode needs a million.")
    claim(PAGE, "forward mode would pay that price a million times")
    for n in [1, 8, 64]:  # the rule, on shapes small enough to build
        cost = jacobian_cost(n, 1)
        per_pass = 16 * (n + 1) + 288
        assert cost == {"forward": (n, n * per_pass), "reverse": (1, per_pass)}
    n, per_pass = 10**6, 16 * (10**6 + 1) + 288
    assert n * per_pass == 10**6 * (1 * per_pass) and f"{per_pass:.2e}" == "1.60e+07"


def test_a_tall_jacobian_favours_forward_mode():
    claim(
        PAGE,
        "forward mode builds the whole Jacobian in 1 pass and reverse mode needs 1024",
    )
    cost = jacobian_cost(1, 1024)
    assert cost["forward"][0] == 1 and cost["reverse"][0] == 1024
    assert cost["forward"][1] < cost["reverse"][1]


def test_one_jvp_gives_jv_in_one_pass():
    claim(PAGE, "One JVP gives it in one pass, whatever $n$ and $m$")
    net = mlp(64, 64)
    rng = np.random.default_rng(0)
    x, v = rng.standard_normal((1, 64)), rng.standard_normal((1, 64))
    _, Jv = jvp(net, x, v)
    J, passes = jacobian_reverse(net, x)
    assert passes == 64 > 1
    np.testing.assert_allclose(Jv, v @ J.T, rtol=1e-12, atol=1e-14)
