"""A linear layer's full Jacobian, and its contraction, against the backward rules."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples.matrix_form import contract, full_jacobian, jacobian_cost
from bpdocs.layers import Linear

SHAPES = [(1, 1, 1), (3, 4, 2), (5, 2, 3), (2, 3, 4)]


def layer_and_data(m, n, k, seed=0):
    rng = np.random.default_rng(seed)
    layer = Linear(n, k, rng=rng)
    layer.b = rng.standard_normal(k)
    X = rng.standard_normal((m, n))
    dZ = rng.standard_normal((m, k))
    return layer, X, dZ


@pytest.mark.parametrize("m, n, k", SHAPES)
def test_jacobian_of_z_wrt_w_is_x_times_identity(m, n, k):
    """dZ[i, j] / dW[p, q] = X[i, p] if j == q, else 0: shape (m, k, n, k)."""
    layer, X, _ = layer_and_data(m, n, k)
    J = full_jacobian(lambda W: X @ W + layer.b, layer.W)
    assert J.shape == (m, k, n, k)
    expected = np.einsum("ip,jq->ijpq", X, np.eye(k))
    assert np.allclose(J, expected, rtol=1e-8, atol=1e-9)
    assert np.count_nonzero(J) == m * n * k


@pytest.mark.parametrize("m, n, k", SHAPES)
def test_flattened_jacobian_is_x_kron_identity_and_a_row_vector_times_it(m, n, k):
    """Z and W flattened by rows: dvec(Z)/dvec(W) = X ⊗ I_k, an (m k, n k) matrix.

    vec(dL/dZ) times it is vec(X.T @ dZ): the text's "·" as a matrix product.
    """
    layer, X, dZ = layer_and_data(m, n, k)
    J = full_jacobian(lambda W: X @ W + layer.b, layer.W).reshape(m * k, n * k)
    assert np.allclose(J, np.kron(X, np.eye(k)), rtol=1e-8, atol=1e-9)
    assert np.allclose(dZ.ravel() @ J, (X.T @ dZ).ravel(), rtol=1e-7, atol=1e-8)


def test_the_two_by_two_example_by_hand():
    """x = (1, 2), g = (3, -1): dy1/dW, dy2/dW and dL/dW = x^T g as the page writes."""
    x, g = np.array([1.0, 2.0]), np.array([3.0, -1.0])
    J = full_jacobian(lambda W: x @ W, np.array([[0.5, -1.0], [2.0, 0.0]]))
    assert np.allclose(J[0], [[1, 0], [2, 0]]) and np.allclose(J[1], [[0, 1], [0, 2]])
    assert np.allclose(contract(g, J), [[3, -1], [6, -2]])
    assert np.allclose(J.reshape(2, 4), [[1, 0, 2, 0], [0, 1, 0, 2]])


def test_jacobian_cost_counts_entries_and_multiply_adds():
    cost = jacobian_cost(2, 4, 3)
    assert (cost.jacobian, cost.read, cost.product, cost.contraction) == (
        72,
        2 * 4 + 2 * 3,
        24,
        72,
    )
    J = full_jacobian(lambda W: np.ones((2, 4)) @ W, np.ones((4, 3)))
    assert J.size == cost.jacobian


@pytest.mark.parametrize("m, n, k", SHAPES)
def test_contractions_give_the_linear_backward(m, n, k):
    layer, X, dZ = layer_and_data(m, n, k)
    layer.forward(X)
    dX = layer.backward(dZ)
    JW = full_jacobian(lambda W: X @ W + layer.b, layer.W)
    Jb = full_jacobian(lambda b: X @ layer.W + b, layer.b)
    JX = full_jacobian(lambda A: A @ layer.W + layer.b, X)
    assert (JW.shape, Jb.shape, JX.shape) == ((m, k, n, k), (m, k, k), (m, k, m, n))
    assert np.allclose(contract(dZ, JW), X.T @ dZ, rtol=1e-7, atol=1e-8)
    assert np.allclose(contract(dZ, JW), layer.dW, rtol=1e-7, atol=1e-8)
    assert np.allclose(contract(dZ, Jb), np.ones(m) @ dZ, rtol=1e-7, atol=1e-8)
    assert np.allclose(contract(dZ, Jb), layer.db, rtol=1e-7, atol=1e-8)
    assert np.allclose(contract(dZ, JX), dZ @ layer.W.T, rtol=1e-7, atol=1e-8)
    assert np.allclose(contract(dZ, JX), dX, rtol=1e-7, atol=1e-8)


def test_full_jacobian_of_a_nonlinear_map():
    """Elementwise tanh: a diagonal Jacobian with 1 - tanh² on it."""
    A = np.array([[0.3, -1.2], [2.0, 0.0]])
    J = full_jacobian(np.tanh, A)
    expected = np.einsum("ij,ip,jq->ijpq", 1 - np.tanh(A) ** 2, np.eye(2), np.eye(2))
    assert np.allclose(J, expected, rtol=1e-8, atol=1e-10)


def test_full_jacobian_of_a_scalar_function_is_its_gradient():
    A = np.array([1.0, -2.0, 0.5])
    assert np.allclose(full_jacobian(lambda a: np.sum(a**2), A), 2 * A, rtol=1e-9)


def test_full_jacobian_leaves_its_input_alone():
    A = np.array([[1.0, 2.0]])
    before = A.copy()
    full_jacobian(lambda a: a * 3, A)
    assert np.array_equal(A, before)


def test_contract_names_mismatched_shapes():
    J = np.zeros((3, 2, 4, 2))
    with pytest.raises(
        ValueError, match=r"dL/dY has shape \(2, 3\).*\(3, 2\).*\(3, 2, 4, 2\)"
    ):
        contract(np.zeros((2, 3)), J)
