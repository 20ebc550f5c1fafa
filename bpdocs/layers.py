"""Array layers for backpropagation, in the row convention.

A batch is a 2-D array with one example per row, so a linear layer computes
``Y = X @ W + b`` with ``W`` shaped ``(in_features, out_features)``.

Every layer has ``forward(X)``, which remembers what its backward rule needs,
and ``backward(dY)``, which takes ``dL/dY`` and returns ``dL/dX`` (a
vector-Jacobian product), storing the gradients of its own parameters on the
way. ``backward`` overwrites those gradients (it does not add to them), so
one forward and one backward per step is all a training loop needs.

Inputs must be floating-point NumPy arrays: integer or object arrays raise
``TypeError`` (convert with ``X.astype(float)``) rather than being cast
silently, and NaN or infinity raises ``ValueError`` naming the layer and
the index where it was found.
"""

import numpy as np


# --8<-- [start:sigmoid]
def sigmoid(z):
    r"""$\sigma(z) = 1/(1 + e^{-z})$, elementwise, taking `exp` only of $-|z| \le 0$."""
    z = np.asarray(z, dtype=float)
    with np.errstate(under="ignore"):  # e^{-1000} rounding to 0 is the right answer
        e = np.exp(-np.abs(z))  # e^{-|z|} <= 1: cannot overflow
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    r"""$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$, at most $\frac14$ (at $z = 0$)."""
    s = sigmoid(z)
    return s * (1.0 - s)


# --8<-- [end:sigmoid]


# The one array validator: the layers, the losses, gradcheck and the examples call it.
def check_array(A, where, what="input"):
    """Raise unless `A` is a finite float NumPy array; say where, what, and the index.

    A list or an integer array is a `TypeError`; a NaN or an infinity is a `ValueError`
    that says where it sits, as in
    ``Tanh().forward: input has non-finite value nan at index (1, 2)``.
    """
    if not isinstance(A, np.ndarray):
        raise TypeError(
            f"{where}: expected a NumPy array as {what}, got {type(A).__name__}"
        )
    if not np.issubdtype(A.dtype, np.floating):
        raise TypeError(
            f"{where}: expected a floating-point {what}, got dtype {A.dtype} "
            "(convert with .astype(float))"
        )
    if not np.isfinite(A).all():  # the cheap test first, the index only if it fails
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(A))[0])
        raise ValueError(
            f"{where}: {what} has non-finite value {A[index]} at index {index}"
        )


def _check_2d(X, where, features=None):
    """Raise unless `X` is a 2-D batch of rows, with `features` columns if given."""
    check_array(X, where)
    if X.ndim != 2:
        raise ValueError(
            f"{where}: expected a 2-D array (batch, features), got shape {X.shape}"
        )
    if features is not None and X.shape[1] != features:
        raise ValueError(
            f"{where}: expected input with {features} features, got shape {X.shape}"
        )


def _check_grad(dY, expected_shape, where):
    """Raise unless the incoming gradient `dY` has the shape of the forward output."""
    check_array(dY, where, "gradient")
    if dY.shape != expected_shape:
        raise ValueError(
            f"{where}: expected a gradient of shape {expected_shape} (the output's), "
            f"got shape {dY.shape}"
        )


def _require_forward(saved, where):
    """Raise if `forward` has not run yet (nothing was saved for backward)."""
    if saved is None:
        raise RuntimeError(f"{where}: forward must be called before backward")


# --8<-- [start:unbroadcast]
def unbroadcast(grad, shape):
    """Sum `grad` over the axes along which a parameter of `shape` was broadcast."""
    check_array(grad, "unbroadcast", "gradient")
    shape, extra = tuple(shape), grad.ndim - len(shape)
    if extra < 0 or any(
        s not in (1, g) for s, g in zip(shape, grad.shape[extra:], strict=True)
    ):
        raise ValueError(
            f"unbroadcast: a parameter of shape {shape} does not broadcast "
            f"to the gradient's shape {grad.shape}"
        )
    grad = grad.sum(axis=tuple(range(extra)))  # the axes the broadcast put in front
    stretched = tuple(i for i, s in enumerate(shape) if s == 1 != grad.shape[i])
    return grad.sum(axis=stretched, keepdims=True)  # the axes of length 1 it copied


# --8<-- [end:unbroadcast]


# --8<-- [start:linear]
class Linear:
    """$Y = X W + b$, with `W` shaped `(in_features, out_features)`."""

    def __init__(self, in_features, out_features, rng=None):
        r"""$W \sim \mathcal{N}(0, 1/\text{in})$, $b = 0$; `rng` seeds the draw."""
        rng = np.random.default_rng(rng)
        self.in_features, self.out_features = in_features, out_features
        self.W = rng.standard_normal((in_features, out_features)) / np.sqrt(in_features)
        self.b = np.zeros(out_features)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self.X = None

    def forward(self, X):
        """$Y = X W + b$; remembers `X` for backward."""
        _check_2d(X, f"{self!r}.forward", self.in_features)
        self.X = X
        return X @ self.W + self.b

    def backward(self, dY):
        r"""Store the parameters' gradients; return $dX = dY\, W^\top$.

        $\frac{\partial L}{\partial W} = X^\top dY$ and
        $\frac{\partial L}{\partial b} = \sum_{\text{rows}} dY$.
        """
        _require_forward(self.X, f"{self!r}.backward")
        _check_grad(dY, (self.X.shape[0], self.out_features), f"{self!r}.backward")
        self.dW = self.X.T @ dY
        self.db = dY.sum(axis=0)
        return dY @ self.W.T

    def params(self):
        """`[(name, parameter, gradient), ...]`, gradients from the latest backward."""
        return [("W", self.W, self.dW), ("b", self.b, self.db)]

    def __repr__(self):
        """`Linear(in, out)`."""
        return f"Linear({self.in_features}, {self.out_features})"


# --8<-- [end:linear]


class Activation:
    r"""Elementwise $Y = f(X)$; each subclass gives only $f$ and $f'$, side by side."""

    def __init__(self):
        """No parameters; `X` and `Y` are saved by forward."""
        self.X = self.Y = None

    def forward(self, X):
        r"""$Y = f(X)$; remembers `X` (and `Y`) for backward."""
        _check_2d(X, f"{self!r}.forward")
        self.X, self.Y = X, self.f(X)
        return self.Y

    def backward(self, dY):
        r"""$dX = dY \odot f'(X)$."""
        _require_forward(self.X, f"{self!r}.backward")
        _check_grad(dY, self.X.shape, f"{self!r}.backward")
        return dY * self.df(self.X)

    def params(self):
        """No parameters."""
        return []

    def __repr__(self):
        """`Sigmoid()`, `Tanh()` or `ReLU()`."""
        return f"{type(self).__name__}()"


class Sigmoid(Activation):
    r"""$Y = \sigma(X) = 1/(1 + e^{-X})$, elementwise."""

    @staticmethod
    def f(z):
        r"""$\sigma(z)$, by `sigmoid`: it cannot overflow."""
        return sigmoid(z)

    @staticmethod
    def df(z):
        r"""$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$, by `sigmoid_prime`."""
        return sigmoid_prime(z)


class Tanh(Activation):
    r"""$Y = \tanh(X)$, elementwise."""

    @staticmethod
    def f(z):
        r"""$\tanh z$."""
        return np.tanh(z)

    @staticmethod
    def df(z):
        r"""$\tanh' z = 1 - \tanh^2 z$."""
        return 1.0 - np.tanh(z) ** 2


class ReLU(Activation):
    r"""$Y = \max(0, X)$, elementwise."""

    @staticmethod
    def f(z):
        r"""$\max(0, z)$."""
        return np.maximum(z, 0.0)

    @staticmethod
    def df(z):
        r"""$[z > 0]$: the gradient at the kink $z = 0$ is taken to be 0."""
        return (z > 0).astype(float)


def _check_pair(y, t, where):
    """Raise unless prediction `y` and target `t` are finite float arrays, one shape."""
    check_array(y, where, "prediction")
    check_array(t, where, "target")
    if y.shape != t.shape:
        raise ValueError(
            f"{where}: prediction shape {y.shape} and target shape {t.shape} differ"
        )


class MSELoss:
    r"""$L = \frac{1}{N} \sum_i (y_i - t_i)^2$, the mean over all $N$ entries."""

    def __init__(self):
        """The difference `y - t` is saved by forward."""
        self.diff = None

    def forward(self, y, t):
        r"""$L = \mathrm{mean}\,(y - t)^2$, as a float."""
        _check_pair(y, t, "MSELoss.forward")
        self.diff = y - t
        return float(np.mean(self.diff**2))

    def backward(self):
        r"""$\frac{\partial L}{\partial y} = \frac{2}{N}(y - t)$."""
        _require_forward(self.diff, "MSELoss.backward")
        return 2.0 * self.diff / self.diff.size


class BCELoss:
    r"""Mean binary cross-entropy, with $p$ clipped to $[\epsilon, 1 - \epsilon]$.

    $L = -\frac{1}{N} \sum_i \big[t_i \ln p_i + (1 - t_i) \ln(1 - p_i)\big]$.
    """

    eps = 1e-12  # the clip keeps ln(0) = -inf out: the loss is finite at p = 0 or 1

    def __init__(self):
        """Forward saves the clipped `p`, the target `t`, and where `p` is unclipped."""
        self.p = self.t = self.inside = None

    def forward(self, p, t):
        """Mean binary cross-entropy of probabilities `p` against targets `t`."""
        _check_pair(p, t, "BCELoss.forward")
        for name, a in (("prediction", p), ("target", t)):
            outside = np.argwhere((a < 0) | (a > 1))
            if len(outside):
                index = tuple(int(i) for i in outside[0])
                raise ValueError(
                    f"BCELoss.forward: {name} must lie in [0, 1], "
                    f"got {a[index]} at index {index}"
                )
        self.p = np.clip(p, self.eps, 1.0 - self.eps)
        self.t = t
        self.inside = (self.eps < p) & (p < 1.0 - self.eps)  # where clip is identity
        return float(-np.mean(t * np.log(self.p) + (1.0 - t) * np.log(1.0 - self.p)))

    def backward(self):
        r"""$\frac{\partial L}{\partial p}$, and 0 where $p$ was clipped.

        $\frac{\partial L}{\partial p}
        = \frac{1}{N}\left(\frac{1 - t}{1 - p} - \frac{t}{p}\right)$.
        """
        _require_forward(self.p, "BCELoss.backward")
        grad = ((1.0 - self.t) / (1.0 - self.p) - self.t / self.p) / self.p.size
        return np.where(self.inside, grad, 0.0)


# --8<-- [start:softmax]
def log_softmax(Z):
    r"""$\log p_i = (z_i - M) - \log \sum_j e^{z_j - M}$, $M = \max_j z_j$, by rows."""
    _check_logits(Z, "log_softmax")
    shifted = Z - Z.max(axis=-1, keepdims=True)  # <= 0, and 0 at the largest logit
    with np.errstate(under="ignore"):  # e^{-2000} rounding to 0 is the right answer
        total = np.exp(shifted).sum(axis=-1, keepdims=True)  # in [1, n]: no overflow
    return shifted - np.log(total)


def softmax(Z):
    r"""$p_i = e^{z_i} / \sum_j e^{z_j}$ along the last axis, as $e^{\log p_i}$."""
    with np.errstate(under="ignore"):
        return np.exp(log_softmax(Z))


# --8<-- [end:softmax]


def _check_logits(Z, where):
    """Raise unless `Z` is a finite float array with at least one entry per row."""
    check_array(Z, where, "logits")
    if Z.ndim == 0 or Z.shape[-1] == 0:
        raise ValueError(
            f"{where}: expected logits with at least one class on the last axis, "
            f"got shape {Z.shape}"
        )


def _check_one_hot(Z, Y, where):
    """Raise unless `Z` is `(batch, classes)` and `Y` one-hot rows of its shape."""
    _check_logits(Z, where)
    check_array(Y, where, "target")
    if Z.ndim != 2:
        raise ValueError(
            f"{where}: expected 2-D logits (batch, classes), got shape {Z.shape}"
        )
    if Y.shape != Z.shape:
        raise ValueError(
            f"{where}: logits shape {Z.shape} and target shape {Y.shape} differ"
        )
    not_bit = np.argwhere((Y != 0) & (Y != 1))
    if len(not_bit):
        index = tuple(int(i) for i in not_bit[0])
        raise ValueError(
            f"{where}: target must be one-hot (entries 0 or 1), "
            f"got {Y[index]} at index {index}"
        )
    ones = Y.sum(axis=1)
    bad = np.flatnonzero(ones != 1)
    if len(bad):
        row = int(bad[0])
        raise ValueError(
            f"{where}: target row {row} has {int(ones[row])} ones, "
            "not exactly one (one-hot: one class per row)"
        )


# --8<-- [start:softmax_cross_entropy]
class SoftmaxCrossEntropyLoss:
    r"""$L = -\frac{1}{m} \sum_n \sum_i Y_{ni} \log P_{ni}$, $P$ the softmax of $Z$."""

    def __init__(self):
        """Forward saves the probabilities `P` and the one-hot targets `Y`."""
        self.P = self.Y = None

    def forward(self, Z, Y):
        """Mean cross-entropy of the rows of logits `Z` against one-hot rows `Y`."""
        _check_one_hot(Z, Y, "SoftmaxCrossEntropyLoss.forward")
        log_p = log_softmax(Z)  # finite for any finite Z: no log(0)
        with np.errstate(under="ignore"):
            self.P, self.Y = np.exp(log_p), Y
        return float(-np.sum(Y * log_p) / Z.shape[0])

    def backward(self):
        r"""$\frac{\partial L}{\partial Z} = \frac{1}{m}(P - Y)$, $m$ rows of $Z$."""
        _require_forward(self.P, "SoftmaxCrossEntropyLoss.backward")
        return (self.P - self.Y) / self.P.shape[0]


# --8<-- [end:softmax_cross_entropy]


class Sequential:
    """Layers applied in order; backward runs them in reverse (the chain rule)."""

    def __init__(self, *layers):
        """Keep the layers, first to last."""
        self.layers = list(layers)

    def forward(self, X):
        """Feed `X` through every layer, first to last."""
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def backward(self, dY):
        """Feed `dY` back through every layer, last to first; return `dL/dX`."""
        for layer in reversed(self.layers):
            dY = layer.backward(dY)
        return dY

    def params(self):
        """`[(name, parameter, gradient), ...]` over all layers, named like `"0.W"`."""
        return [
            (f"{i}.{name}", p, g)
            for i, layer in enumerate(self.layers)
            for name, p, g in layer.params()
        ]

    def step(self, lr):
        r"""Descend in place: $\theta \leftarrow \theta - \eta\, \nabla_\theta L$."""
        for _, p, g in self.params():
            p -= lr * g

    def __repr__(self):
        """`Sequential(Linear(2, 3), Tanh(), ...)`."""
        return f"Sequential({', '.join(map(repr, self.layers))})"


# --8<-- [start:residual]
class Residual:
    r"""$Y = X + F(X)$ for a block $F$; backward adds the identity path to $F$'s."""

    def __init__(self, block):
        """Wrap `block`, which maps `(batch, width)` to the same shape."""
        self.block = block

    def forward(self, X):
        """$Y = X + F(X)$; the block remembers what its own backward needs."""
        _check_2d(X, f"{self!r}.forward")
        Y = self.block.forward(X)
        if Y.shape != X.shape:
            raise ValueError(
                f"{self!r}.forward: the block maps shape {X.shape} to {Y.shape}; "
                "a residual connection needs the same shape"
            )
        return X + Y

    def backward(self, dY):
        r"""$dX = dY + dY\, \partial F / \partial X$: through $I$ and through $F$."""
        return dY + self.block.backward(dY)

    def params(self):
        """The block's parameters."""
        return self.block.params()

    def __repr__(self):
        """`Residual(block)`."""
        return f"Residual({self.block!r})"


# --8<-- [end:residual]


# --8<-- [start:clip]
def global_norm(grads):
    r"""$\lVert g \rVert = \sqrt{\sum_i \lVert g_i \rVert^2}$, over all the arrays."""
    for i, g in enumerate(grads):
        check_array(g, "global_norm", f"gradient {i}")
    return float(np.sqrt(sum(np.sum(g * g) for g in grads)))


def clip_by_global_norm(grads, max_norm):
    r"""$g \leftarrow g \cdot \min(1, c / \lVert g \rVert)$ for $c$ = `max_norm`.

    Returns the clipped arrays (new ones) and $\lVert g \rVert$ before clipping.
    """
    if not (np.isfinite(max_norm) and max_norm > 0):
        raise ValueError(f"clip_by_global_norm: max_norm must be > 0, got {max_norm}")
    norm = global_norm(grads)
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return [g * scale for g in grads], norm


# --8<-- [end:clip]
