r"""Forward and reverse mode for the array layers: JVPs, VJPs, and what they cost.

For a layer $Y = F(X)$ with Jacobian $J = \partial Y / \partial X$ (inputs and outputs
flattened), `jvp` pushes a direction $v$ of the input forward to $J v$, and `vjp` pulls
a direction $u$ of the output back to $u^\top J$. Neither builds $J$, and neither
changes a layer's parameters or their gradients.
"""

import numpy as np

from bpdocs.layers import Activation, Linear, Sequential, Tanh, check_array


def _check_direction(d, shape, where):
    """Raise unless the direction `d` is a finite float array of the given shape."""
    check_array(d, where, "direction")
    if d.shape != shape:
        raise ValueError(
            f"{where}: expected a direction of shape {shape}, got {d.shape}"
        )


def _unknown(layer, where):
    """The error for a layer that is not a Linear, an Activation or a Sequential."""
    return TypeError(f"{where}: no rule for {type(layer).__name__} layers")


# --8<-- [start:jvp]
def jvp(layer, x, v):
    r"""$(F(x),\ J v)$: the value and the tangent, pushed forward together."""
    check_array(x, "jvp")
    _check_direction(v, x.shape, "jvp")
    if isinstance(layer, Sequential):
        for each in layer.layers:
            x, v = jvp(each, x, v)  # value and tangent move on side by side
        return x, v
    if isinstance(layer, Linear):
        return layer.forward(x), v @ layer.W  # d(XW + b) = dX W
    if isinstance(layer, Activation):
        return layer.forward(x), layer.df(x) * v  # d f(X) = f'(X) * dX
    raise _unknown(layer, "jvp")


# --8<-- [end:jvp]


# --8<-- [start:vjp]
def vjp(layer, x, u):
    r"""$(F(x),\ u^\top J)$: a forward pass for the values, then $u$ pulled back."""
    if isinstance(layer, Sequential):
        inputs = []
        for each in layer.layers:  # forward: keep every layer's input
            inputs.append(x)
            x = each.forward(x)
        _check_direction(u, x.shape, "vjp")
        for each, x_in in zip(reversed(layer.layers), reversed(inputs), strict=True):
            u = vjp(each, x_in, u)[1]  # backward: last layer first
        return x, u
    if isinstance(layer, Linear):
        y = layer.forward(x)
        _check_direction(u, y.shape, "vjp")
        return y, u @ layer.W.T
    if isinstance(layer, Activation):
        y = layer.forward(x)
        _check_direction(u, y.shape, "vjp")
        return y, u * layer.df(x)
    raise _unknown(layer, "vjp")


# --8<-- [end:vjp]


# --8<-- [start:jacobian]
def jacobian_forward(layer, x):
    """The full Jacobian, one column per `jvp` pass; returns `(J, passes)`."""
    columns = []
    for j in range(x.size):  # one pass per input: direction e_j
        e = np.zeros(x.size)
        e[j] = 1.0
        columns.append(jvp(layer, x, e.reshape(x.shape))[1].ravel())
    return np.stack(columns, axis=1), len(columns)


def jacobian_reverse(layer, x):
    """The full Jacobian, one row per `vjp` pass; returns `(J, passes)`."""
    y = layer.forward(x)
    rows = []
    for i in range(y.size):  # one pass per output: direction e_i
        e = np.zeros(y.size)
        e[i] = 1.0
        rows.append(vjp(layer, x, e.reshape(y.shape))[1].ravel())
    return np.stack(rows, axis=0), len(rows)


# --8<-- [end:jacobian]


# --8<-- [start:cost]
def multiply_adds(layer, x):
    """Multiply-adds of one `jvp` or one `vjp` pass past the values, for input `x`."""
    if isinstance(layer, Sequential):
        total = 0
        for each in layer.layers:
            total += multiply_adds(each, x)
            x = each.forward(x)
        return total
    if isinstance(layer, Linear):
        return x.shape[0] * layer.in_features * layer.out_features  # v W or u W^T
    if isinstance(layer, Activation):
        return x.size  # f'(X) * v: one multiply per entry
    raise _unknown(layer, "multiply_adds")


def mlp(n, m, hidden=16, depth=2, seed=0):
    """Linear, Tanh, ..., Linear: `depth` hidden Tanh layers from `n` to `m` numbers."""
    rng = np.random.default_rng(seed)
    sizes = [n] + [hidden] * depth + [m]
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:], strict=True):
        layers += [Linear(a, b, rng), Tanh()]
    return Sequential(*layers[:-1])  # no Tanh after the last Linear


def jacobian_cost(n, m, hidden=16, seed=0):
    """Build the Jacobian of `mlp(n, m)` both ways; count passes and multiply-adds.

    Returns `{"forward": (passes, multiply-adds), "reverse": (passes, multiply-adds)}`.
    """
    net = mlp(n, m, hidden, seed=seed)
    x = np.random.default_rng(seed + 1).standard_normal((1, n))
    per_pass = multiply_adds(net, x)
    J_fwd, fwd = jacobian_forward(net, x)
    J_rev, rev = jacobian_reverse(net, x)
    if not np.allclose(J_fwd, J_rev, rtol=1e-10, atol=1e-12):
        raise AssertionError("forward and reverse mode disagree on the Jacobian")
    return {"forward": (fwd, fwd * per_pass), "reverse": (rev, rev * per_pass)}


# --8<-- [end:cost]
