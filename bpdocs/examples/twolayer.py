r"""The text's two-layer network in the column convention it writes.

$a = \sigma(Wx + b)$, $y = \sigma(Va + c)$, $L = \frac{1}{2}(y - t)^2$ (summed over the
$k$ outputs).

Vectors are columns: NumPy arrays of shape ``(size, 1)``, so each line of code reads
like its formula (``W @ x + b``, ``delta2 @ a.T``). The shapes are x ``(n, 1)``, W
``(h, n)``, b ``(h, 1)``, V ``(k, h)``, c ``(k, 1)`` and t ``(k, 1)``. Parameters travel
as a dict ``{"W": ..., "b": ..., "V": ..., "c": ...}``.

The text's Python code uses the other convention, one example per row: its ``W1`` is
$W^\top$, its ``W2`` is $V^\top$, and its ``y`` is the target, here ``t``.
"""

from __future__ import annotations

# --8<-- [start:imports]
from dataclasses import dataclass

import numpy as np

from bpdocs.gradcheck import gradcheck, numerical_gradient
from bpdocs.layers import check_array, sigmoid

PARAMS = ("W", "b", "V", "c")


# --8<-- [end:imports]


def _check_column(name, A, shape, meaning):
    """Raise unless `A` is a finite float array of `shape`, naming both shapes."""
    check_array(A, "bpdocs.examples.twolayer", name)
    if A.shape != shape:
        raise ValueError(f"{name} has shape {A.shape}, expected {shape} ({meaning})")


def check_inputs(params, x, t):
    """Return `(n, h, k)` if `params`, `x` and `t` fit; else raise, naming shapes."""
    missing = [name for name in PARAMS if name not in params]
    if missing:
        raise KeyError(f"params has no {', '.join(missing)}: it needs W, b, V and c")
    W, V = params["W"], params["V"]
    if not isinstance(W, np.ndarray) or W.ndim != 2:
        got = getattr(W, "shape", type(W).__name__)
        raise ValueError(f"W must be a 2-D array of shape (h, n), got {got}")
    h, n = W.shape
    if not isinstance(V, np.ndarray) or V.ndim != 2:
        got = getattr(V, "shape", type(V).__name__)
        raise ValueError(f"V must be a 2-D array of shape (k, h), got {got}")
    k = V.shape[0]
    _check_column("W", W, (h, n), "h x n")
    _check_column(
        "b", params["b"], (h, 1), f"a column with one entry per row of W, h = {h}"
    )
    _check_column("V", V, (k, h), f"k x h: one column per hidden unit, h = {h}")
    _check_column(
        "c", params["c"], (k, 1), f"a column with one entry per row of V, k = {k}"
    )
    _check_column("x", x, (n, 1), f"a column with one entry per column of W, n = {n}")
    _check_column("t", t, (k, 1), f"a column with one entry per output, k = {k}")
    return n, h, k


# The two passes keep their comments in columns, one shape and formula per line.
# fmt: off
# --8<-- [start:forward]
def forward(params, x, t):
    r"""Forward pass and loss; returns every node's value: `x, z1, a, z2, y, t, L`."""
    check_inputs(params, x, t)
    W, b, V, c = params["W"], params["b"], params["V"], params["c"]
    z1 = W @ x + b                  # (h, 1)
    a = sigmoid(z1)                 # (h, 1)   a = σ(Wx + b)
    z2 = V @ a + c                  # (k, 1)
    y = sigmoid(z2)                 # (k, 1)   y = σ(Va + c)
    L = 0.5 * np.sum((y - t) ** 2)  # scalar   L = ½ (y - t)²
    return {"x": x, "z1": z1, "a": a, "z2": z2, "y": y, "t": t, "L": float(L)}
# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(params, cache):
    """Backward pass: dL/d(node) for every node after `x`, keyed by the node's name."""
    x, a, y, t = cache["x"], cache["a"], cache["y"], cache["t"]
    V = params["V"]
    dL_dy = y - t                      # (k, 1)   ∂L/∂y
    delta2 = dL_dy * y * (1 - y)       # (k, 1)   δ2 = (y - t) ⊙ y ⊙ (1 - y)
    dV = delta2 @ a.T                  # (k, h)   ∂L/∂V = δ2 aᵀ
    dc = delta2                        # (k, 1)   ∂L/∂c = δ2
    dL_da = V.T @ delta2               # (h, 1)   ∂L/∂a = Vᵀ δ2
    delta1 = dL_da * a * (1 - a)       # (h, 1)   δ1 = (Vᵀ δ2) ⊙ a ⊙ (1 - a)
    dW = delta1 @ x.T                  # (h, n)   ∂L/∂W = δ1 xᵀ
    db = delta1                        # (h, 1)   ∂L/∂b = δ1
    return {"y": dL_dy, "z2": delta2, "V": dV, "c": dc,
            "a": dL_da, "z1": delta1, "W": dW, "b": db}
# --8<-- [end:backward]
# fmt: on


# --8<-- [start:update]
def gradient_step(params, grads, lr):
    """One gradient-descent step θ ← θ − η ∂L/∂θ for θ = W, b, V, c: new params."""
    return {name: params[name] - lr * grads[name] for name in PARAMS}


# --8<-- [end:update]


# --8<-- [start:update_as_you_go]
def backward_update_as_you_go(params, cache, lr):
    """Update V and c at once, then go on with the new V; return (new params, used)."""
    x, a, y, t = cache["x"], cache["a"], cache["y"], cache["t"]
    new = dict(params)
    delta2 = (y - t) * y * (1 - y)
    used = {"V": delta2 @ a.T, "c": delta2}
    new["V"] = params["V"] - lr * used["V"]  # the output layer is updated ...
    new["c"] = params["c"] - lr * used["c"]
    delta1 = (new["V"].T @ delta2) * a * (1 - a)  # ... before V carries δ2 back
    used["W"], used["b"] = delta1 @ x.T, delta1
    new["W"] = params["W"] - lr * used["W"]
    new["b"] = params["b"] - lr * used["b"]
    return new, used


# --8<-- [end:update_as_you_go]


# --8<-- [start:example]
def example():
    """The page's instance: n = 3, h = 4, k = 2, entries rounded to one decimal."""
    rng = np.random.default_rng(27)
    params = {
        "W": np.round(rng.uniform(-1, 1, (4, 3)), 1),
        "b": np.round(rng.uniform(-1, 1, (4, 1)), 1),
        "V": np.round(rng.uniform(-1, 1, (2, 4)), 1),
        "c": np.round(rng.uniform(-1, 1, (2, 1)), 1),
    }
    x = np.array([[1.0], [-2.0], [0.5]])
    t = np.array([[1.0], [0.0]])
    return params, x, t


def scalar_example():
    """One input, one hidden unit, one output (n = h = k = 1): the graph's instance."""
    params = {
        "W": np.array([[0.8]]),
        "b": np.array([[-0.4]]),
        "V": np.array([[1.5]]),
        "c": np.array([[-0.3]]),
    }
    return params, np.array([[1.2]]), np.array([[1.0]])


# --8<-- [end:example]


# --8<-- [start:check_gradients]
def check_gradients(params, x, t, rtol=1e-6):
    """Gradcheck `backward` for W, b, V and c; return each one's worst error."""
    errors = {}
    for name in PARAMS:

        def loss(P, name=name):
            return forward({**params, name: P}, x, t)["L"]

        def grad(P, name=name):
            nudged = {**params, name: P}
            return backward(nudged, forward(nudged, x, t))[name]

        # floor=1e-300: the bare relative error |a - n| / (|a| + |n|) of each entry
        P = params[name].copy()
        errors[name] = gradcheck(loss, grad, P, rtol=rtol, floor=1e-300)
    return errors


# --8<-- [end:check_gradients]


# --8<-- [start:counting]
class CountingArray(np.ndarray):
    """An array that adds the multiply-adds of each matrix product to `madds`."""

    madds = 0

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """Count (m, p) @ (p, q) as m·p·q multiply-adds; compute on plain arrays."""
        plain = [_plain(i) for i in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(_plain(o) for o in kwargs["out"])
        if ufunc is np.matmul and method == "__call__":
            (m, p), (_, q) = plain[0].shape, plain[1].shape
            CountingArray.madds += m * p * q
        result = getattr(ufunc, method)(*plain, **kwargs)
        return result.view(CountingArray) if isinstance(result, np.ndarray) else result


def _plain(A):
    """`A` as a plain ndarray (a view, no copy) if it is a CountingArray."""
    return A.view(np.ndarray) if isinstance(A, CountingArray) else A


def counted(fn, *args):
    """Run `fn(*args)`; return its result and its matrix products' multiply-adds."""
    CountingArray.madds = 0
    result = fn(*args)
    return result, CountingArray.madds


@dataclass
class Cost:
    """Multiply-adds of a forward pass, a backward pass and a numerical gradient."""

    width: int  # n = h = k = width
    params: int  # P, the number of parameters
    forward: int  # multiply-adds in one forward pass
    backward: int  # multiply-adds in one backward pass
    numerical_calls: int  # forward passes made by numerical_gradient (2P)
    numerical: int  # multiply-adds of the numerical gradient
    measured: bool  # False: numerical = 2P x forward, extrapolated, not run


# --8<-- [end:counting]


# --8<-- [start:cost]
def random_instance(n, h, k, seed=0):
    """A random network (n inputs, h hidden, k outputs), an input x and a target t."""
    rng = np.random.default_rng(seed)
    params = {
        "W": rng.normal(size=(h, n)),
        "b": rng.normal(size=(h, 1)),
        "V": rng.normal(size=(k, h)),
        "c": rng.normal(size=(k, 1)),
    }
    return params, rng.normal(size=(n, 1)), rng.uniform(size=(k, 1))


def counting_instance(n, h, k, seed=0):
    """`random_instance(n, h, k, seed)`, every array a CountingArray."""
    params, x, t = random_instance(n, h, k, seed)
    params = {name: p.view(CountingArray) for name, p in params.items()}
    return params, x.view(CountingArray), t.view(CountingArray)


def pass_costs(n, h, k):
    """Multiply-adds of one forward and one backward pass: `(forward, backward)`."""
    params, x, t = counting_instance(n, h, k)
    cache, forward_madds = counted(forward, params, x, t)
    _, backward_madds = counted(backward, params, cache)
    return forward_madds, backward_madds


def measure_cost(width, run_numerical=True):
    """The work of forward, backward and numerical gradient; n = h = k = width."""
    params, x, t = counting_instance(width, width, width)
    cache, forward_madds = counted(forward, params, x, t)
    _, backward_madds = counted(backward, params, cache)
    n_params = sum(p.size for p in params.values())
    calls = 0

    def loss(_):  # numerical_gradient nudges params[name] in place; forward reads it
        nonlocal calls
        calls += 1
        return forward(params, x, t)["L"]

    if run_numerical:
        CountingArray.madds = 0
        for name in PARAMS:
            numerical_gradient(loss, params[name])
        numerical_madds = CountingArray.madds
    else:
        calls, numerical_madds = 2 * n_params, 2 * n_params * forward_madds
    return Cost(
        width,
        n_params,
        forward_madds,
        backward_madds,
        calls,
        numerical_madds,
        run_numerical,
    )


# --8<-- [end:cost]
