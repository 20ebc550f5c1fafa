"""The comparisons on docs/autodiff.md, each computed."""

from __future__ import annotations

import pytest

from bpdocs.autodiff import Value, topological_order
from bpdocs.gradcheck import central_difference
from tests.conftest import claim

PAGE = "autodiff.md"


def test_max_gives_the_larger_input_the_whole_gradient_and_the_other_none():
    claim(PAGE, "So the whole gradient goes to the larger input, and none to the other")
    claim(PAGE, "a small nudge of the smaller input does not change $c$ at all")
    for a0, b0 in [(2.0, -3.0), (-4.0, 1.0), (0.5, 0.49), (-1.0, -1.01)]:
        a, b = Value(a0), Value(b0)
        c = a.max(b)
        L = 5 * c
        L.backward()
        larger, smaller = (a, b) if a0 > b0 else (b, a)
        assert (larger.grad, smaller.grad) == (5.0, 0.0)
        nudged = (Value(a0 + 1e-3) if smaller is a else Value(a0)).max(
            Value(b0 + 1e-3) if smaller is b else Value(b0)
        )
        assert nudged.data == c.data


def test_at_a_tie_each_input_gets_half_as_a_central_difference_sees():
    claim(PAGE, "the engine then gives each input half, which is what a")
    claim(PAGE, "central difference sees there")
    a, b = Value(1.0), Value(1.0)
    (5 * a.max(b)).backward()
    assert (a.grad, b.grad) == (2.5, 2.5)
    assert central_difference(lambda v: 5 * max(v, 1.0), 1.0) == pytest.approx(2.5)
    assert central_difference(lambda v: 5 * max(1.0, v), 1.0) == pytest.approx(2.5)


def backward_with_assignment(root):
    """`root.backward()` as if every rule set its inputs' `.grad` with `=`.

    Before each gate runs its rule, its inputs' grads are cleared, so what an input
    holds afterwards is the share of the last gate that handed it one.
    """
    order = topological_order(root)
    for node in order:
        node.grad = 0.0
    root.grad = 1.0
    for node in reversed(order):
        for child in set(node._prev):
            child.grad = 0.0
        node._backward()


def test_with_assignment_the_last_share_overwrites_the_others():
    claim(
        PAGE,
        "With `=` instead of `+=`, the last gate to hand $x$ its share would overwrite "
        "the shares of the others, and `x.grad` would hold that one share instead of "
        "their sum.",
    )
    x = Value(3.0)
    f = x * x + x
    f.backward()
    total = x.grad
    backward_with_assignment(f)
    overwritten = x.grad
    assert total == 2 * 3.0 + 1  # the sum: 3 + 3 from the multiply, 1 from the add
    assert overwritten == 2 * 3.0  # the multiply gate's share alone, which ran last
    assert overwritten != total
