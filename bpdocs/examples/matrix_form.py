r"""The matrix form of the chain rule, made literal: a full Jacobian, then contracted.

For a linear layer ``Z = X @ W + b`` (row convention, ``X`` shaped ``(m, n)``, ``W``
shaped ``(n, k)``), the Jacobian $\partial Z / \partial W$ is a 4-D array of shape
``(m, k, n, k)``; with $Z$ and $W$ flattened row by row it is the ``(m k, n k)`` matrix
$X \otimes I_k$. The text's "multiply" in $\frac{\partial L}{\partial W} =
\frac{\partial L}{\partial Z} \cdot \frac{\partial Z}{\partial W}$ is a contraction of
$\frac{\partial L}{\partial Z}$ with it over the two axes of $Z$. Backpropagation never
builds this array: it computes the contraction directly as ``X.T @ dZ``. These helpers
build it anyway, for tiny layers, so a page can show that both give the same numbers,
and count what building it would cost for a layer of realistic size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bpdocs.gradcheck import partial_difference


# --8<-- [start:full_jacobian]
def full_jacobian(F, A, eps=1e-6):
    r"""$J[\text{out}, \text{in}] = \partial F(A)_\text{out} / \partial A_\text{in}$.

    By central differences (`bpdocs.gradcheck.partial_difference`), one entry of `A` at
    a time; `J` is shaped `F(A).shape + A.shape`.
    """
    A = np.array(A, dtype=float)  # a copy: the caller's array is never nudged
    J = np.zeros(np.shape(F(A)) + A.shape)
    for i in np.ndindex(A.shape):
        # column i: how every output moves with A[i]
        J[(...,) + i] = partial_difference(lambda B: np.array(F(B), float), A, i, eps)
    return J


# --8<-- [end:full_jacobian]


# --8<-- [start:contract]
def contract(dL_dY, J):
    r"""The text's "multiply": $\partial L/\partial Y$ times $J$, summed over $Y$.

    That is $\frac{\partial L}{\partial y} \cdot \frac{\partial y}{\partial W}$, summed
    over all the axes of $Y$.
    """
    dL_dY = np.asarray(dL_dY, dtype=float)
    if J.shape[: dL_dY.ndim] != dL_dY.shape:
        raise ValueError(
            f"dL/dY has shape {dL_dY.shape}, but the Jacobian's leading axes are "
            f"{J.shape[: dL_dY.ndim]} (Jacobian shape {J.shape})"
        )
    return np.tensordot(dL_dY, J, axes=dL_dY.ndim)


# --8<-- [end:contract]


# --8<-- [start:jacobian_cost]
@dataclass
class JacobianCost:
    """The full Jacobian dZ/dW of `Z = X @ W + b` against the product `X.T @ dZ`."""

    jacobian: int  # entries of dZ/dW, shape (m, k, n, k)
    read: int  # entries of X and dL/dZ: all that X.T @ dZ reads
    product: int  # multiply-adds of X.T @ dZ: (n, m) times (m, k)
    contraction: int  # multiply-adds of contracting dL/dZ with dZ/dW: one per entry


def jacobian_cost(m, n, k):
    """What a batch of `m`, `n` inputs and `k` outputs costs each way, counted."""
    return JacobianCost(
        jacobian=m * k * n * k,
        read=m * n + m * k,
        product=n * m * k,
        contraction=m * k * n * k,
    )


# --8<-- [end:jacobian_cost]
