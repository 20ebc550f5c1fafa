"""The claims of docs/matrix-form-check.md, each backed by a computation."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples.matrix_form import jacobian_cost
from tests.conftest import claim


def best_right_factor(X, k):
    """The M (k x k) that makes G @ M closest to X.T @ G over every G; and its misfit.

    A least-squares fit over the m k unit matrices G = E_iq, which span all G; the
    misfit is relative, 0 when some M gives X.T @ G = G @ M for every G.
    """
    m, n = X.shape
    assert m == n, "G @ M has m rows and X.T @ G has n: they can only agree if m == n"
    rows, target = [], []
    for i in range(m):
        for q in range(k):
            G = np.zeros((m, k))
            G[i, q] = 1.0
            rows.append(np.kron(G, np.eye(k)))  # vec(G @ M) = (G ⊗ I) vec(M), by rows
            target.append((X.T @ G).ravel())
    A, b = np.vstack(rows), np.concatenate(target)
    solution, *_ = np.linalg.lstsq(A, b, rcond=None)
    misfit = np.linalg.norm(A @ solution - b) / np.linalg.norm(b)
    return solution.reshape(k, k), misfit


def test_no_matrix_on_the_right_works_unless_x_is_a_multiple_of_the_identity():
    claim(
        "matrix-form-check.md",
        r"The two agree for every $G$ only if each example $i$ feeds row $i$ alone, "
        r"and all with the same weight: $X = \lambda I$, where "
        r"$X^\top G = G\,(\lambda I_k)$. For any other batch no $M$ works.",
    )
    rng = np.random.default_rng(0)
    k = 2
    for X in [
        rng.standard_normal((3, 3)),  # m = n: the shapes fit
        np.diag([1.0, 2.0, 3.0]),  # each example feeds its own row, unequal weights
        np.eye(3) + 0.01 * np.ones((3, 3)),  # close to I, but not a multiple of it
    ]:
        _, misfit = best_right_factor(X, k)
        assert misfit > 1e-3
    M, misfit = best_right_factor(2.5 * np.eye(3), k)
    assert misfit < 1e-12
    assert np.allclose(M, 2.5 * np.eye(k))


def test_when_m_differs_from_n_the_shapes_alone_rule_out_a_right_factor():
    claim(
        "matrix-form-check.md",
        r"When $m \ne n$ the shapes say so: $\frac{\partial L}{\partial Z}\,M$ has "
        r"$m$ rows, one per example, and $\frac{\partial L}{\partial W}$ has $n$",
    )
    m, n, k = 5, 4, 3
    X, G = np.ones((m, n)), np.ones((m, k))
    assert (G @ np.eye(k)).shape[0] == m != n == (X.T @ G).shape[0]


def test_a_wrong_formula_can_have_the_right_shape_when_two_sizes_are_equal():
    claim(
        "matrix-form-check.md",
        "check with $m$, $n$ and $k$ all different, since when two of them are equal a "
        "wrong formula can have the right shape.",
    )
    rng = np.random.default_rng(1)
    k = 2
    X, G = rng.standard_normal((3, 3)), rng.standard_normal((3, k))  # m = n = 3
    wrong, right = X @ G, X.T @ G  # X instead of its transpose
    assert wrong.shape == right.shape and not np.allclose(wrong, right)
    X = rng.standard_normal((4, 3))  # m = 4, n = 3: the wrong formula fails at once
    G = rng.standard_normal((4, k))
    with pytest.raises(ValueError):
        X @ G


@pytest.mark.parametrize("m, n, k", [(64, 784, 256), (2, 4, 3), (1, 1, 5)])
def test_contracting_the_full_jacobian_costs_k_times_the_one_product(m, n, k):
    claim(
        "matrix-form-check.md",
        "contracting it would cost $k$ times the arithmetic of the one product that "
        "gives the same answer",
    )
    cost = jacobian_cost(m, n, k)
    assert cost.contraction == k * cost.product
    assert cost.jacobian == k * n * m * k  # one multiply-add per Jacobian entry


def test_the_jacobian_alone_would_take_24_gib():
    claim("matrix-form-check.md", "The Jacobian alone would take 24.5 GiB")
    claim(
        "matrix-form-check.md",
        "For a layer of realistic size the difference is enormous",
    )
    cost = jacobian_cost(64, 784, 256)
    assert round(cost.jacobian * 8 / 2**30, 1) == 24.5
    assert cost.jacobian / cost.read > 40_000  # against the 0.51 MiB the product reads
