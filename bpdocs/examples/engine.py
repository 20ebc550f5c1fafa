r"""The text's worked examples, rebuilt from scalar `Value`s for the engine.

Each builder returns the engine's gradients in the shape its closed form uses, so the
two can be set side by side: §1 against `bpdocs.examples.calculus`, §2 against
`bpdocs.examples.multivariable`, §4 against `bpdocs.examples.twolayer` and §6 against
`bpdocs.examples.descent`. `gates` builds one small graph with every gate pattern in it.
"""

from __future__ import annotations

import math

import numpy as np

from bpdocs.autodiff import Value
from bpdocs.examples import twolayer


# --8<-- [start:gates]
def gates(x=3.0, y=-4.0, w=2.0):
    r"""$f = 2\,(xy + \max(x, w))$ after `backward()`: `f` and `{name: input}`."""
    inputs = {name: Value(v, label=name) for name, v in (("x", x), ("y", y), ("w", w))}
    xy = inputs["x"] * inputs["y"]  # x is used here ...
    larger = inputs["x"].max(inputs["w"])  # ... and here: it fans out
    s = xy + larger
    f = 2 * s
    for node, label in ((xy, "xy"), (larger, "max(x, w)"), (s, "s"), (f, "f")):
        node.label = label
    f.backward()
    return f, inputs


# --8<-- [end:gates]


# --8<-- [start:single_variable]
def single_variable(x):
    r"""§1: $y = f(u) = u^2$, $u = 3x + 1$; returns $dy/dx$ from `backward()`."""
    x = Value(x, label="x")
    u = 3 * x + 1
    f = u**2
    f.backward()
    return x.grad


# --8<-- [end:single_variable]


# --8<-- [start:multivariable]
def multivariable(t):
    r"""§2: $f = x^2 + y^2$, $x = t^2$, $y = \sin t$; returns $df/dt$ and its two terms.

    The engine sees both paths from $t$ to $f$ and adds them in `t.grad`. Each path term
    is the same graph with the other path cut: its inner value enters as a constant.
    """

    def df_dt(through_x=True, through_y=True):
        t_node = Value(t, label="t")
        x = t_node**2 if through_x else Value(t**2)  # a constant: that path is cut
        y = t_node.sin() if through_y else Value(math.sin(t))
        f = x**2 + y**2
        f.backward()
        return t_node.grad

    return df_dt(), df_dt(through_y=False), df_dt(through_x=False)


# --8<-- [end:multivariable]


# --8<-- [start:two_layer]
def as_values(A, name):
    """A 2-D NumPy array as a list of rows of leaf `Value`s labelled like `W[0,1]`."""
    return [
        [Value(float(A[i, j]), label=f"{name}[{i},{j}]") for j in range(A.shape[1])]
        for i in range(A.shape[0])
    ]


def dot(row, column):
    r"""$\sum_j \mathrm{row}_j \cdot \mathrm{column}_j$, one scalar op at a time."""
    total = row[0] * column[0]
    for r, c in zip(row[1:], column[1:], strict=True):
        total = total + r * c
    return total


def two_layer(params, x, t):
    r"""§4 in scalars: $L$ as a float and `{name: gradient}`, shaped like the params.

    $a = \sigma(Wx + b)$, $y = \sigma(Va + c)$, $L = \frac{1}{2}\sum_k (y_k - t_k)^2$;
    `params`, `x` and `t` are as in `bpdocs.examples.twolayer`, columns of shape
    `(size, 1)`.
    """
    twolayer.check_inputs(params, x, t)  # shapes that do not fit raise here, named
    P = {name: as_values(params[name], name) for name in twolayer.PARAMS}
    x, t = x[:, 0].tolist(), t[:, 0].tolist()
    a = [
        (dot(W_i, x) + b_i).sigmoid()
        for W_i, (b_i,) in zip(P["W"], P["b"], strict=True)
    ]
    y = [
        (dot(V_k, a) + c_k).sigmoid()
        for V_k, (c_k,) in zip(P["V"], P["c"], strict=True)
    ]
    errors = [y_k - t_k for y_k, t_k in zip(y, t, strict=True)]
    L = 0.5 * dot(errors, errors)
    L.backward()
    grads = {
        name: np.array([[v.grad for v in row] for row in rows])
        for name, rows in P.items()
    }
    return L.data, grads


# --8<-- [end:two_layer]


# --8<-- [start:linear_loss]
def linear_loss(w, b, x, y):
    r"""§6: the labelled graph of $L(w, b) = (wx + b - y)^2$: `L`, `{name: input}`."""
    inputs = {
        name: Value(v, label=name)
        for name, v in (("w", w), ("x", x), ("b", b), ("y", y))
    }
    wx = inputs["w"] * inputs["x"]
    prediction = wx + inputs["b"]
    r = prediction - inputs["y"]  # `-` builds prediction + (y * -1)
    minus_y = r._prev[1]  # the y * -1 node that `-` made
    L = r**2
    for node, label in (
        (wx, "wx"),
        (prediction, "wx + b"),
        (minus_y, "-y"),
        (r, "r"),
        (L, "L"),
    ):
        node.label = label
    return L, inputs


def linear_loss_gradients(w, b, x, y):
    r"""$(\partial L/\partial w, \partial L/\partial b)$ for §6, from `backward()`."""
    L, inputs = linear_loss(w, b, x, y)
    L.backward()
    return inputs["w"].grad, inputs["b"].grad


# --8<-- [end:linear_loss]
