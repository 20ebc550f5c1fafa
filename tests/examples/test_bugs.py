"""bpdocs/examples/bugs.py: broken, each fails gradcheck, fixed, it passes."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples import bugs
from bpdocs.gradcheck import GradcheckError, gradcheck

NAMES = list(bugs.BUGS)


def test_the_gallery_has_the_eight_bugs():
    assert NAMES == [
        "fork", "reset", "transpose", "mean", "loss", "sign", "local", "broadcast"
    ]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_the_broken_version_fails_gradcheck(name):
    f, broken, _, x = bugs.BUGS[name]
    x = x.copy()
    with pytest.raises(GradcheckError if name != "broadcast" else ValueError):
        gradcheck(f, broken, x)
    np.testing.assert_array_equal(x, bugs.BUGS[name][3])  # nudged and put back


@pytest.mark.parametrize("name", NAMES)
def test_the_fixed_version_passes_gradcheck(name):
    f, _, fixed, x = bugs.BUGS[name]
    assert gradcheck(f, fixed, x.copy()) < 1e-7


@pytest.mark.parametrize("name", [n for n in NAMES if n != "broadcast"])
def test_each_bug_is_far_from_rounding_noise(name):
    """The printed 2 digits of each bug's error are the bug's, not round-off."""
    f, broken, _, x = bugs.BUGS[name]
    assert 0.5 < bugs.worst_error(f, broken, x.copy()) < 2


def test_worst_error_refuses_a_gradient_of_another_shape():
    with pytest.raises(ValueError, match=r"shape \(4, 3\), not x's \(3,\)"):
        bugs.worst_error(bugs.bias_loss, bugs.bias_grad_broken, bugs.x0.copy())


def test_the_fork_bug_keeps_only_the_tanh_paths_share():
    x = bugs.x0
    u = np.tanh(x)
    np.testing.assert_allclose(bugs.fork_grad_broken(x), x * (1 - u**2))
    np.testing.assert_allclose(bugs.fork_grad_fixed(x), u + x * (1 - u**2))


def test_one_backward_pass_without_reset_is_right_the_second_is_not():
    """The reset bug shows only from the second pass of a graph on."""
    from bpdocs.autodiff import Value

    leaves = [Value(v) for v in bugs.x0]
    loss = sum((2 * v) ** 2 for v in leaves)
    bugs.backward_no_reset(loss)
    np.testing.assert_allclose([v.grad for v in leaves], 8 * bugs.x0)
    right = bugs.twice(bugs.backward_reset)(bugs.x0)
    np.testing.assert_allclose(right, 8 * bugs.x0)
    assert not np.allclose(bugs.twice(bugs.backward_no_reset)(bugs.x0), right)


def test_the_transposed_gradient_is_the_transpose():
    W = bugs.W0
    np.testing.assert_allclose(bugs.linear_grad_broken(W), bugs.linear_grad_fixed(W).T)


def test_the_mean_bug_is_m_times_the_gradient():
    W = bugs.W0
    m = bugs.X.shape[0]
    np.testing.assert_allclose(bugs.mean_grad_broken(W), m * bugs.mean_grad_fixed(W))


def test_the_bias_gradient_is_the_sum_of_the_rows():
    b = bugs.x0
    np.testing.assert_allclose(bugs.bias_grad_fixed(b), bugs.bias_grad_broken(b).sum(0))
