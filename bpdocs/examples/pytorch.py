"""One small network and its loss, differentiated three ways by bpdocs, and by PyTorch.

The network is ``Sequential(Linear(2, 3), Tanh(), Linear(3, 1))`` on a batch of four
rows, with the mean squared error. `value_gradients` builds the loss as a graph of
scalar `Value` nodes, `layer_gradients` runs the array layers' backward pass, and
`vjp_gradients` pulls the loss's gradient back one layer at a time with
`bpdocs.modes.vjp`. Each returns ``{name: gradient}``: the parameters named as
`Sequential.params` names them (``"0.W"``, ``"0.b"``, ...) and the input as ``"X"``.

The functions whose names start with ``torch_`` do the same in PyTorch. PyTorch is not a
dependency of bpdocs: they import it when they are called.
"""

from __future__ import annotations

import numpy as np

from bpdocs.autodiff import Value
from bpdocs.layers import Linear, MSELoss, Sequential, Tanh
from bpdocs.modes import vjp


# --8<-- [start:network]
def small_network(hidden=3, rows=4, seed=0):
    """`(net, X, T)`: `Linear(2, hidden)`, `Tanh()`, `Linear(hidden, 1)`; data."""
    rng = np.random.default_rng(seed)
    net = Sequential(Linear(2, hidden, rng), Tanh(), Linear(hidden, 1, rng))
    net.layers[0].b = rng.normal(scale=0.5, size=hidden)  # biases that are not 0
    net.layers[2].b = rng.normal(scale=0.5, size=1)
    return net, rng.standard_normal((rows, 2)), rng.standard_normal((rows, 1))


# --8<-- [end:network]


# --8<-- [start:by_value]
def _values(A):
    """A NumPy array as nested lists of `Value` leaves, one per entry."""
    return [_values(row) for row in A] if A.ndim else Value(float(A))


def _grads(leaves):
    """The `.grad` of nested lists of `Value` leaves, as a NumPy array."""
    if isinstance(leaves, Value):
        return np.array(leaves.grad)
    return np.array([_grads(leaf) for leaf in leaves])


def value_loss(net, X, T):
    """`(loss, leaves)`: the mean squared error as one graph of scalar `Value` nodes."""
    MSELoss().forward(net.forward(X), T)  # first, X and T are checked as arrays
    leaves = {name: _values(p) for name, p, _ in net.params()}
    leaves["X"] = _values(X)
    rows = leaves["X"]
    for i, layer in enumerate(net.layers):
        if isinstance(layer, Linear):  # y_j = b_j + sum_k x_k W_kj, for each row
            W, b = leaves[f"{i}.W"], leaves[f"{i}.b"]
            rows = [
                [
                    sum((x[k] * W[k][j] for k in range(len(x))), b[j])
                    for j in range(len(b))
                ]
                for x in rows
            ]
        elif isinstance(layer, Tanh):
            rows = [[y.tanh() for y in row] for row in rows]
        else:
            raise TypeError(f"value_loss: no scalar rule for {layer!r}")
    squares = [
        (y - t) ** 2
        for row, ts in zip(rows, T, strict=True)
        for y, t in zip(row, ts, strict=True)
    ]
    return sum(squares) / len(squares), leaves


def value_gradients(net, X, T):
    """`{name: gradient}` by one `backward()` through the scalar graph."""
    loss, leaves = value_loss(net, X, T)
    loss.backward()
    return {name: _grads(v) for name, v in leaves.items()}


# --8<-- [end:by_value]


# --8<-- [start:by_layers]
def layer_gradients(net, X, T):
    """`{name: gradient}` by the array layers: `forward`, then `backward`."""
    loss = MSELoss()
    loss.forward(net.forward(X), T)
    dX = net.backward(loss.backward())  # each layer stores dW, db on the way
    return {**{name: g.copy() for name, _, g in net.params()}, "X": dX}


# --8<-- [end:by_layers]


# --8<-- [start:by_vjps]
def vjp_gradients(net, X, T):
    """`{name: gradient}` by VJPs: `u` pulled back through each layer, last first."""
    inputs, Y = [], X
    for layer in net.layers:  # forward: keep each layer's input
        inputs.append(Y)
        Y = layer.forward(Y)
    MSELoss().forward(Y, T)  # first, T is checked: finite, and shaped as Y
    u = 2.0 * (Y - T) / Y.size  # dL/dY of the mean of the squares
    grads = {}
    for i in reversed(range(len(net.layers))):
        layer, x = net.layers[i], inputs[i]
        if isinstance(layer, Linear):  # Y = xW + b: u pulled back to W and to b
            grads[f"{i}.W"], grads[f"{i}.b"] = x.T @ u, u.sum(axis=0)
        u = vjp(layer, x, u)[1]  # u pulled back to the layer's input
    grads["X"] = u
    return grads


# --8<-- [end:by_vjps]


def largest_difference(a, b):
    """The largest `|a[name] - b[name]|` over every entry of every name in both."""
    if a.keys() != b.keys():
        raise ValueError(f"different names: {sorted(a)} and {sorted(b)}")
    for name in a:
        if np.shape(a[name]) != np.shape(b[name]):
            raise ValueError(
                f"{name}: shapes {np.shape(a[name])} and {np.shape(b[name])} differ"
            )
    return max(float(np.max(np.abs(a[name] - b[name]))) for name in a)


# --8<-- [start:step]
def bpdocs_step(net, X, T, lr):
    """One training step: forward, backward, update; returns the loss before it."""
    loss = MSELoss()
    value = loss.forward(net.forward(X), T)
    net.backward(loss.backward())  # overwrites every dW and db: nothing to zero
    net.step(lr)  # p -= lr * grad, for every parameter
    return value


# --8<-- [end:step]


# --8<-- [start:torch_model]
def torch_model(net):
    """A float64 `torch.nn.Sequential` with the weights of the bpdocs `net`."""
    import torch

    modules = []
    for layer in net.layers:
        if isinstance(layer, Linear):
            a, b = layer.in_features, layer.out_features
            linear = torch.nn.Linear(a, b, dtype=torch.float64)
            with torch.no_grad():  # copying weights in is no part of any loss
                linear.weight.copy_(torch.from_numpy(layer.W.T))  # stored as W^T
                linear.bias.copy_(torch.from_numpy(layer.b))
            modules.append(linear)
        elif isinstance(layer, Tanh):
            modules.append(torch.nn.Tanh())
        else:
            raise TypeError(f"torch_model: no PyTorch module for {layer!r}")
    return torch.nn.Sequential(*modules)


# --8<-- [end:torch_model]


# --8<-- [start:torch_gradients]
def torch_gradients(net, X, T):
    """`{name: gradient}` by PyTorch's autograd, named as `layer_gradients` does."""
    import torch

    model = torch_model(net)
    X_t = torch.tensor(X, requires_grad=True)  # a leaf whose .grad we want too
    loss = torch.nn.functional.mse_loss(model(X_t), torch.from_numpy(T))
    loss.backward()  # fills .grad of every leaf that requires it
    grads = {"X": X_t.grad.numpy()}
    for i, module in enumerate(model):
        if isinstance(module, torch.nn.Linear):
            grads[f"{i}.W"] = module.weight.grad.numpy().T
            grads[f"{i}.b"] = module.bias.grad.numpy()
    return grads


# --8<-- [end:torch_gradients]


# --8<-- [start:torch_step]
def torch_step(model, X, T, lr):
    """The same step in PyTorch: zero the grads, forward, backward, update."""
    import torch

    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    optimizer.zero_grad()  # .grad adds up across backward calls: clear it first
    X_t, T_t = torch.from_numpy(X), torch.from_numpy(T)
    loss = torch.nn.functional.mse_loss(model(X_t), T_t)
    loss.backward()
    optimizer.step()  # p -= lr * p.grad, for every parameter
    return loss.item()


# --8<-- [end:torch_step]


# --8<-- [start:torch_twice]
def torch_backward_twice(net, X, T):
    """PyTorch's gradient of the first `W` after one `backward()`, and after two."""
    import torch

    model = torch_model(net)
    X_t, T_t = torch.from_numpy(X), torch.from_numpy(T)
    seen = []
    for _ in range(2):  # two steps' worth of backward, and no zero_grad between
        torch.nn.functional.mse_loss(model(X_t), T_t).backward()
        seen.append(model[0].weight.grad.numpy().T.copy())  # added to, not replaced
    return seen


# --8<-- [end:torch_twice]


def torch_weights(model):
    """`{name: weights}` of a model from `torch_model`, named and shaped as ours."""
    weights = {}
    for i, module in enumerate(model):
        if hasattr(module, "weight"):
            weights[f"{i}.W"] = module.weight.detach().numpy().T
            weights[f"{i}.b"] = module.bias.detach().numpy()
    return weights
