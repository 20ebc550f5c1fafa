"""Check an analytic gradient against central differences.

The error of entry ``i`` is measured as

    |a_i - n_i| / max(|a_i|, |n_i|, floor)        (floor = 1e-2 by default)

where ``a`` is the analytic gradient and ``n`` the numerical one. For entries
larger than the floor this is the usual relative error, the difference over the
larger of the two, so a gradient off by a factor of 2 scores 0.5. For smaller
entries the difference is measured against the floor instead. The floor is there
because central differences with ``eps = 1e-6`` carry round-off of about 1e-10
times the size of ``f``'s values: for a function whose values are around 1, a
gradient that is truly 0 would show a relative error of 100 %, and one of 1e-6
an error of order 1e-5, even when the analytic gradient is exactly right. Pass
``floor=1e-300`` to get the bare relative error.
"""

import numpy as np

from bpdocs.layers import check_array


# --8<-- [start:gradcheck_error]
class GradcheckError(AssertionError):
    """An analytic gradient disagrees with the numerical one."""


def mismatch(index, analytic, numeric, error, rtol):
    """The `GradcheckError` for entry `index`, with both values and their error."""
    return GradcheckError(
        f"gradient mismatch at index {tuple(int(i) for i in index)}: "
        f"analytic {float(analytic):.8g}, numerical {float(numeric):.8g}, "
        f"relative error {error:.3g} > rtol {rtol:g}"
    )


# --8<-- [end:gradcheck_error]


# --8<-- [start:relative_error]
def relative_error(a, n, floor=1e-2):
    r"""$|a - n| / \max(|a|, |n|, \text{floor})$, entry by entry: the site's measure."""
    a, n = np.asarray(a, dtype=float), np.asarray(n, dtype=float)
    return np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)


# --8<-- [end:relative_error]


def _scalar(y, index):
    """Return `f`'s output as a float, or raise if it is not one finite number."""
    y = np.asarray(y)
    if y.shape != ():
        raise ValueError(f"f must return a scalar, got an array of shape {y.shape}")
    if not np.isfinite(y):
        raise ValueError(f"f returned {y} when x{list(index)} was nudged")
    return float(y)


# --8<-- [start:numerical_gradient]
# --8<-- [start:central_difference]
def central_difference(f, x, h=1e-6, dtype=None):
    r"""$f'(x) \approx \frac{f(x+h) - f(x-h)}{2h}$, with error $O(h^2)$."""
    if dtype is not None:  # x and h in that precision, so every step is computed in it
        x, h = np.asarray(x, dtype=dtype), np.asarray(h, dtype=dtype)
    return (f(x + h) - f(x - h)) / (h + h)  # h + h has h's dtype; 2 * h may not


# --8<-- [end:central_difference]


def partial_difference(F, A, i, eps=1e-6):
    r"""$\partial F / \partial A_i$ by `central_difference`, nudging `A[i]` in place."""
    old = A[i]

    def along(v):  # F as a function of the one entry A[i]
        A[i] = v
        return F(A)

    try:
        return central_difference(along, old, eps, A.dtype)  # nudged in A's precision
    finally:
        A[i] = old  # leave A as we found it, even if F raised


def numerical_gradient(f, x, eps=1e-6):
    r"""$\partial f / \partial x_i$ for each entry $i$ of `x`, by central difference."""
    check_array(x, "numerical_gradient", "x")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        grad[i] = partial_difference(lambda v, i=i: _scalar(f(v), i), x, i, eps)
    return grad


# --8<-- [end:numerical_gradient]


# --8<-- [start:gradcheck]
def gradcheck(f, grad_f, x, rtol=1e-6, eps=1e-6, verbose=False, floor=1e-2):
    """Compare `grad_f(x)` with `numerical_gradient(f, x)`; return the worst error.

    If the worst error is above `rtol`, raise `GradcheckError` naming its index.
    """
    numeric = numerical_gradient(f, x, eps)
    analytic = np.asarray(grad_f(x), dtype=float)
    if analytic.shape != numeric.shape:
        raise ValueError(
            f"grad_f returned shape {analytic.shape}, but x has shape {numeric.shape}"
        )
    if analytic.size == 0:
        return 0.0
    error = relative_error(analytic, numeric, floor)
    worst = np.unravel_index(np.argmax(error), error.shape)
    if verbose:
        print(f"max relative error: {error[worst]:.1e}")
    if not error[worst] <= rtol:  # also catches a NaN from grad_f
        raise mismatch(worst, analytic[worst], numeric[worst], error[worst], rtol)
    return float(error[worst])


# --8<-- [end:gradcheck]


# --8<-- [start:spot_check]
def spot_check(f, grad_f, x, k=20, rng=None, rtol=1e-6, eps=1e-6, floor=1e-2):
    r"""`gradcheck` at `k` random entries of `x`: $2k$ calls of `f`, not 2 `x.size`.

    `rng` seeds the choice of entries; return the worst error among them.
    """
    check_array(x, "spot_check", "x")
    analytic = np.asarray(grad_f(x), dtype=float)
    if analytic.shape != x.shape:
        raise ValueError(
            f"grad_f returned shape {analytic.shape}, but x has shape {x.shape}"
        )
    if not 1 <= k <= x.size:
        raise ValueError(f"spot_check: k must be from 1 to x.size = {x.size}, not {k}")
    flat = np.sort(np.random.default_rng(rng).choice(x.size, size=k, replace=False))
    picked = [np.unravel_index(i, x.shape) for i in flat]
    numeric = np.array(
        [partial_difference(lambda v, i=i: _scalar(f(v), i), x, i, eps) for i in picked]
    )
    error = relative_error([analytic[i] for i in picked], numeric, floor)
    j = int(np.argmax(error))
    if not error[j] <= rtol:
        raise mismatch(picked[j], analytic[picked[j]], numeric[j], error[j], rtol)
    return float(error[j])


# --8<-- [end:spot_check]
