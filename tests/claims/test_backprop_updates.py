"""The claims of docs/backprop-updates.md, each backed by a computation."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples.twolayer import (
    backward,
    backward_update_as_you_go,
    example,
    forward,
    gradient_step,
    measure_cost,
    pass_costs,
)
from bpdocs.gradcheck import GradcheckError, gradcheck
from tests.conftest import claim

PAGE = "backprop-updates.md"
#: (n, h, k): equal widths, a wide first layer, a narrow one, a single output
SHAPES = [(4, 4, 4), (784, 256, 10), (1, 256, 256), (10, 100, 1), (3, 7, 5)]


@pytest.mark.parametrize("n, h, k", SHAPES)
def test_the_backward_pass_costs_between_one_and_two_forward_passes(n, h, k):
    claim(PAGE, "So the backward pass costs between one and two forward passes:")
    claim(
        PAGE, "The backward pass does more work than the forward one, but only a fixed"
    )
    forward, backward = pass_costs(n, h, k)
    assert 1 < backward / forward < 2
    assert backward / forward == pytest.approx(1 + k * h / (h * n + k * h), rel=1e-15)


@pytest.mark.parametrize("n, h, k", SHAPES)
def test_each_forward_product_is_matched_by_at_most_two_backward_products(n, h, k):
    claim(
        PAGE,
        "is matched by at most two of the same size in the backward pass: one for the "
        "weight gradient",
    )
    claim(
        PAGE, "The first layer needs no second product, since there is no layer below"
    )
    forward, backward = pass_costs(n, h, k)
    assert forward == h * n + k * h  # W x and V a
    assert backward == 2 * (k * h) + 1 * (h * n)  # twice the second, once the first


def test_every_row_of_the_table_shows_one_and_a_half():
    claim(PAGE, "Every row shows 1.5: with $n = h = k$ the backward pass makes three")
    for width in [1, 2, 4, 8, 16]:
        c = measure_cost(width, run_numerical=False)
        assert c.backward / c.forward == 1.5


def test_near_one_for_a_wide_first_layer_and_near_two_for_a_narrow_one():
    claim(PAGE, "near 1 when the first layer's product $hn$ is much larger than the")
    claim(PAGE, "near 2 when it is much\nsmaller:")
    wide, narrow = pass_costs(784, 256, 10), pass_costs(1, 256, 256)
    assert 1 < wide[1] / wide[0] < 1.02
    assert 1.99 < narrow[1] / narrow[0] < 2


def test_backward_is_a_constant_while_the_numerical_gradient_needs_2p_passes():
    claim(PAGE, "That gap, a constant against a factor of $2P$")
    costs = [measure_cost(width) for width in [1, 2, 4, 8]]
    assert {c.backward / c.forward for c in costs} == {1.5}
    assert [c.numerical_calls for c in costs] == [2 * c.params for c in costs]
    assert costs[-1].numerical_calls / (costs[-1].backward / costs[-1].forward) > 100


def test_updating_as_you_go_fails_a_gradient_check_on_w_and_b_only():
    claim(PAGE, "so a gradient check fails")
    claim(PAGE, "The output layer's\ngradients are still right")
    params, x, t = example()
    _, used = backward_update_as_you_go(params, forward(params, x, t), 0.5)
    for name in "Wb":
        with pytest.raises(GradcheckError):
            gradcheck(
                lambda P, name=name: forward({**params, name: P}, x, t)["L"],
                lambda _, name=name: used[name],
                params[name].copy(),
            )
    for name in "Vc":
        gradcheck(
            lambda P, name=name: forward({**params, name: P}, x, t)["L"],
            lambda _, name=name: used[name],
            params[name].copy(),
        )


def test_the_error_is_in_proportion_to_the_learning_rate():
    claim(PAGE, "but the ones below it are off, in proportion to $\\eta$")
    params, x, t = example()
    cache = forward(params, x, t)
    grads = backward(params, cache)

    def off(lr):
        used = backward_update_as_you_go(params, cache, lr)[1]
        return np.linalg.norm(used["W"] - grads["W"]) / np.linalg.norm(grads["W"])

    assert off(0.05) / off(0.005) == pytest.approx(10, rel=1e-6)
    assert off(0.5) / off(0.05) == pytest.approx(10, rel=1e-2)


def test_updating_as_you_go_happens_to_end_a_little_lower_here():
    claim(PAGE, "(in this example it even\nhappens to be a little lower)")
    params, x, t = example()
    cache = forward(params, x, t)
    lr = 0.5
    true_step = forward(gradient_step(params, backward(params, cache), lr), x, t)["L"]
    as_you_go = forward(backward_update_as_you_go(params, cache, lr)[0], x, t)["L"]
    assert as_you_go < true_step < cache["L"]
    assert (true_step - as_you_go) / true_step < 0.01  # close: within a percent


def test_the_loss_goes_down_by_about_the_first_order_prediction():
    claim(PAGE, "The loss goes down, by about what the first-order prediction says")
    params, x, t = example()
    cache = forward(params, x, t)
    grads = backward(params, cache)
    lr = 0.5
    after = forward(gradient_step(params, grads, lr), x, t)["L"]
    predicted = cache["L"] - lr * sum(float((grads[n] ** 2).sum()) for n in "WbVc")
    assert after < cache["L"]
    assert abs(after - predicted) < 0.1 * (cache["L"] - after)  # within a tenth
