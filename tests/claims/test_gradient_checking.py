"""The comparisons on docs/gradient-checking.md, each computed with bpdocs."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from bpdocs import Linear, MSELoss, Sequential, Tanh
from bpdocs.examples.descent import gradients, loss, residual
from bpdocs.gradcheck import GradcheckError, gradcheck, numerical_gradient
from bpdocs.network import (
    PARAMS,
    bce_loss,
    loss_gradient_check,
    run_source_example,
    source_data,
    source_gradients,
)
from tests.conftest import claim

PAGE = "gradient-checking.md"
U = 2.0**-53  # the unit round-off of a double


class SmallNet:
    """The page's Linear, Tanh, Linear network under MSE, its passes counted."""

    def __init__(self, hidden=4, inputs=3):
        rng = np.random.default_rng(0)
        self.X = rng.standard_normal((8, inputs))
        self.T = rng.standard_normal((8, 1))
        self.net = Sequential(
            Linear(inputs, hidden, rng=1), Tanh(), Linear(hidden, 1, rng=2)
        )
        self.mse = MSELoss()
        self.passes = {"forward": 0, "backward": 0}
        for kind in self.passes:
            setattr(self.net, kind, self._counted(kind, getattr(self.net, kind)))

    def _counted(self, kind, method):
        def call(*args):
            self.passes[kind] += 1
            return method(*args)

        return call

    def loss(self, _=None):
        """The loss at the parameters' current values: one forward pass."""
        return self.mse.forward(self.net.forward(self.X), self.T)

    def backprop(self):
        """Every parameter's gradient, by one forward and one backward pass."""
        self.loss()
        self.net.backward(self.mse.backward())
        return {name: g.copy() for name, _, g in self.net.params()}

    def errors(self, grads, eps=1e-6):
        """gradcheck's worst error per parameter, never raising."""
        return {
            name: gradcheck(
                self.loss, lambda _, n=name: grads[n], p, rtol=np.inf, eps=eps
            )
            for name, p, _ in self.net.params()
        }

    def size(self):
        return sum(p.size for _, p, _ in self.net.params())


def test_the_loss_still_goes_down_for_the_network_of_section_5():
    claim(PAGE, "the loss may still go down, as it does for the network of")
    claim(PAGE, "its training still lowers the loss")
    losses = run_source_example().losses
    assert losses[-1] < 0.2 * losses[0]  # 0.251 -> 0.038 over the 1000 epochs


def test_a_factor_of_two_scores_one_half_whatever_its_size():
    claim(PAGE, "A gradient off by a factor of 2 scores $\\frac12$ on this measure")
    claim(PAGE, "whatever its size, as both bugs below do")
    for scale in [1e-2, 1.0, 1e3]:  # f = scale * |x|^2, gradient 2 * scale * x

        def f(v, scale=scale):
            return float(scale * np.sum(v**2))

        x = np.array([0.7, -1.3])
        with pytest.raises(GradcheckError, match=r"relative error 0\.5 >"):
            gradcheck(f, lambda v, scale=scale: scale * v, x)  # half the gradient
    # the two bugs of the page: the descent slip and the text's backward against MSE
    theta = np.array([0.5, -1.0])
    with pytest.raises(GradcheckError, match=r"index \(0,\).*relative error 0\.5 >"):
        gradcheck(
            lambda t: loss(t[0], t[1], 2.0, 3.0),
            lambda t: np.full(2, 2 * residual(t[0], t[1], 2.0, 3.0)),
            theta,
        )
    X, y, nn = source_data()
    with pytest.raises(GradcheckError, match=r"relative error 0\.5 >"):
        gradcheck(
            lambda _: nn.compute_loss(nn.forward(X), y),
            lambda _: source_gradients(nn, X, y)["W2"],
            nn.W2,
        )


def test_the_sum_measure_scores_one_third_and_small_errors_at_half():
    claim(PAGE, "That measure scores the same bug $\\frac13$")
    claim(PAGE, "a small error at about half of what this one gives")
    x = np.array([1.5])
    f = lambda v: float(np.sum(v**2))  # noqa: E731  gradient 3 at x
    for analytic, sum_score in [(1.5, 1 / 3), (3.003, None), (2.9997, None)]:
        ours = gradcheck(f, lambda _, a=analytic: np.array([a]), x, rtol=np.inf)
        n = float(numerical_gradient(f, x)[0])
        theirs = abs(analytic - n) / (abs(analytic) + abs(n))
        if sum_score is not None:
            assert ours == pytest.approx(0.5, rel=1e-6)
            assert theirs == pytest.approx(sum_score, rel=1e-6)
        else:
            assert theirs / ours == pytest.approx(0.5, rel=1e-3)


def test_the_floor_can_only_lower_the_score():
    claim(PAGE, "the floor can only lower the score")
    rng = np.random.default_rng(3)
    f = lambda v: float(np.sum(np.sin(v) * 1e-3))  # noqa: E731  gradients ~1e-3
    x = rng.standard_normal(6)
    for wrong in [1.0, 1.01, 1.5, 0.0]:
        grad = lambda v, w=wrong: 1e-3 * np.cos(v) * w  # noqa: E731
        floored = gradcheck(f, grad, x, rtol=np.inf)
        bare = gradcheck(f, grad, x, rtol=np.inf, floor=1e-300)
        assert floored <= bare
    assert floored < bare  # below the floor it lowers it strictly


def test_the_default_rtol_sits_between_the_last_two_marks():
    claim(PAGE, "`gradcheck` fails anything above `rtol` $= 10^{-6}$")
    claim(PAGE, "between the last two marks")
    rtol = inspect.signature(gradcheck).parameters["rtol"].default
    assert rtol == 1e-6
    assert 1e-7 < rtol < 1e-4
    x = np.array([1.0])
    f = lambda v: float(np.sum(v**2))  # noqa: E731
    with pytest.raises(GradcheckError):
        gradcheck(f, lambda v: np.array([2 * (1 + 3e-6)]), x)
    assert gradcheck(f, lambda v: np.array([2 * (1 + 3e-7)]), x) < rtol


def test_correct_gradients_score_1e_11_to_1e_8_a_hundred_times_below_rtol():
    claim(PAGE, "scores between about $10^{-11}$ and $10^{-8}$ on this page")
    claim(PAGE, "at least a hundred times below `rtol`")
    small = SmallNet()
    scores = list(small.errors(small.backprop()).values())
    X, y, nn = source_data()
    scores.append(
        gradcheck(
            lambda _: bce_loss(nn.forward(X), y),
            lambda _: source_gradients(nn, X, y)["W2"],
            nn.W2,
        )
    )
    assert 1e-11 < min(scores) and max(scores) < 1e-8
    assert max(scores) < 1e-6 / 100


@pytest.mark.parametrize("hidden, inputs", [(4, 3), (16, 10)])
def test_two_forward_passes_per_parameter_against_one_pass_each_way(hidden, inputs):
    claim(PAGE, "Central differences cost two forward passes per parameter")
    claim(PAGE, "from one pass each way, whatever $P$ is")
    small = SmallNet(hidden, inputs)
    grads = small.backprop()
    assert small.passes == {"forward": 1, "backward": 1}
    small.passes.update(forward=0, backward=0)
    small.errors(grads)
    assert small.passes == {"forward": 2 * small.size(), "backward": 0}
    assert small.size() == {(4, 3): 21, (16, 10): 193}[hidden, inputs]


def sweep(steps):
    """The worst error over all parameters of the page's network, for each step h."""
    small = SmallNet()
    grads = small.backprop()
    return np.array([max(small.errors(grads, eps=h).values()) for h in steps])


def test_round_off_is_the_larger_error_at_h_1e_6():
    claim(PAGE, "At $h = 10^{-6}$ round-off is the larger of the two")
    claim(PAGE, "`gradcheck` uses $h = 10^{-6}$, on the round-off side of that")
    at_1e5, at_1e6, at_1e7 = sweep([1e-5, 1e-6, 1e-7])
    assert at_1e5 < at_1e6 < at_1e7  # smaller h, larger error: round-off, not h^2
    # truncation alone, extrapolated from h = 1e-4 as h^2, would be far below it
    (at_1e4,) = sweep([1e-4])
    assert at_1e4 * 1e-4 < at_1e6 / 10


def test_truncation_falls_a_hundredfold_and_round_off_rises_tenfold_per_step():
    claim(
        PAGE, "to $10^{-4}$ the error falls a hundredfold per step, as truncation does"
    )
    claim(PAGE, "$10^{-6}$ on it rises about tenfold per step, as round-off does")
    errors = sweep([1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8])
    falls = errors[:2] / errors[1:3]  # 1e-2 -> 1e-3 -> 1e-4
    rises = errors[5:] / errors[4:6]  # 1e-6 -> 1e-7 -> 1e-8
    np.testing.assert_allclose(falls, 100, rtol=0.05)
    assert np.all((5 < rises) & (rises < 20))


def test_the_best_step_is_about_1e_5():
    claim(PAGE, "The best $h$ is where the two meet, here about $10^{-5}$")
    claim(PAGE, "near $u^{1/3} \\approx 5 \\times 10^{-6}$")
    steps = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8]
    assert steps[int(np.argmin(sweep(steps)))] == 1e-5
    assert U ** (1 / 3) == pytest.approx(5e-6, rel=0.05)


def test_the_relative_error_is_of_order_round_off_over_the_gradient():
    claim(PAGE, "of order $10^{-10}\\,|f| / |g|$")
    claim(PAGE, "the smallest entry is $0.018$")
    small = SmallNet()
    L = small.loss()
    grads = small.backprop()
    sizes = np.concatenate([np.abs(g).ravel() for g in grads.values()])
    assert round(L, 2) == 0.71 and round(sizes.min(), 3) == 0.018
    assert L / sizes.min() == pytest.approx(40, rel=0.05)  # "forty times smaller"
    assert U / 1e-6 == pytest.approx(1e-10, rel=0.2)  # u |f| / h is about 1e-10 |f|
    for name, p, _ in small.net.params():
        n = numerical_gradient(small.loss, p)
        a = grads[name]
        error = np.abs(a - n) / np.maximum(np.abs(a), np.abs(n))
        estimate = U * L / (1e-6 * np.abs(a))
        assert np.all(error < 3 * estimate)  # never above the estimate's order
    worst = max(small.errors(grads).values())
    assert 1e-9 < worst < 5e-9  # "up to a few times 1e-9"


def test_the_texts_outputs_are_near_a_half_and_its_step_twice_the_mse_gradient():
    claim(PAGE, "every output is close to $\\frac12$")
    claim(PAGE, "which is close to $\\frac12$ there")
    claim(PAGE, "text's step is about twice the MSE gradient, in the same direction")
    X, y, nn = source_data()
    a2 = nn.forward(X)
    assert np.all(np.abs(a2 - 0.5) < 0.01)
    check = loss_gradient_check(nn, X, y)
    assert np.all(np.abs(check.factor - 0.5) < 0.001)
    for name in PARAMS:
        text, mse = check.source[name].ravel(), check.mse[name].ravel()
        assert np.linalg.norm(text) / np.linalg.norm(mse) == pytest.approx(2, rel=1e-2)
        cosine = text @ mse / (np.linalg.norm(text) * np.linalg.norm(mse))
        assert cosine > 0.9999


def test_the_derivative_for_b_passes():
    claim(PAGE, "The derivative for $b$, index `(1,)`, passed")
    theta = np.array([0.5, -1.0])
    numeric = numerical_gradient(lambda t: loss(t[0], t[1], 2.0, 3.0), theta)
    buggy_b = 2 * residual(0.5, -1.0, 2.0, 3.0)  # the slip's dL/db: 2r, which is right
    assert buggy_b == gradients(0.5, -1.0, 2.0, 3.0)[1]
    assert abs(buggy_b - numeric[1]) / abs(numeric[1]) < 1e-6
    assert abs(buggy_b - numeric[0]) / abs(numeric[0]) == pytest.approx(0.5, rel=1e-6)
