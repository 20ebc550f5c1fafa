"""Check an analytic gradient against central differences.

The error of entry ``i`` is measured as

    |a_i - n_i| / max(|a_i| + |n_i|, floor)        (floor = 1e-2 by default)

where ``a`` is the analytic gradient and ``n`` the numerical one. For
gradients larger than the floor this is the usual relative error; below it,
the difference is measured against the floor instead. The floor is there
because central differences carry round-off of about 1e-10 (for a function
whose values are around 1): a gradient that is truly 0, or 1e-6, would
otherwise show a relative error near 100 % even when the analytic gradient is
exactly right. Pass ``floor=1e-300`` to get the bare relative error.
"""

import numpy as np


# --8<-- [start:gradcheck_error]
class GradcheckError(AssertionError):
    """An analytic gradient disagrees with the numerical one."""
# --8<-- [end:gradcheck_error]


# --8<-- [start:checks]
def _check_input(x):
    """Raise unless `x` is a float NumPy array with no NaN or infinity."""
    if not isinstance(x, np.ndarray):
        raise TypeError(f"x must be a NumPy float array, got {type(x).__name__}")
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a NumPy float array, got dtype {x.dtype} (convert with .astype(float))")
    bad = np.argwhere(~np.isfinite(x))
    if len(bad):
        index = tuple(int(i) for i in bad[0])
        raise ValueError(f"x has non-finite value {x[index]} at index {index}")


def _scalar(y, index):
    """Return `f`'s output as a float, or raise if it is not one finite number."""
    y = np.asarray(y)
    if y.shape != ():
        raise ValueError(f"f must return a scalar, got an array of shape {y.shape}")
    if not np.isfinite(y):
        raise ValueError(f"f returned {y} when x{list(index)} was nudged")
    return float(y)
# --8<-- [end:checks]


# --8<-- [start:numerical_gradient]
def numerical_gradient(f, x, eps=1e-6):
    r"""$\frac{\partial f}{\partial x_i} \approx \frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2 \epsilon}$, for every entry $i$ of `x`."""
    _check_input(x)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + eps
            f_plus = _scalar(f(x), i)
            x[i] = old - eps
            f_minus = _scalar(f(x), i)
        finally:
            x[i] = old  # leave x as we found it
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
# --8<-- [end:numerical_gradient]


# --8<-- [start:gradcheck]
def gradcheck(f, grad_f, x, rtol=1e-6, eps=1e-6, verbose=False, floor=1e-2):
    """Compare `grad_f(x)` with `numerical_gradient(f, x)`; return the worst error, or raise `GradcheckError`."""
    numeric = numerical_gradient(f, x, eps)
    analytic = np.asarray(grad_f(x), dtype=float)
    if analytic.shape != numeric.shape:
        raise ValueError(f"grad_f returned shape {analytic.shape}, but x has shape {numeric.shape}")
    if analytic.size == 0:
        return 0.0
    error = np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), floor)
    worst = np.unravel_index(np.argmax(error), error.shape)
    if verbose:
        print(f"max relative error: {error[worst]:.1e}")
    if not error[worst] <= rtol:  # also catches a NaN from grad_f
        raise GradcheckError(
            f"gradient mismatch at index {tuple(int(i) for i in worst)}: analytic {float(analytic[worst])!r}, "
            f"numerical {float(numeric[worst])!r}, relative error {error[worst]:.3g} > rtol {rtol:g}"
        )
    return float(error[worst])
# --8<-- [end:gradcheck]
