"""The text's two-layer network, verbatim, and the corrected variants beside it.

``SimpleNeuralNetwork`` is the class of §5 of the text, byte for byte (section
``simple_network``). Its ``backward`` starts from ``dz2 = a2 - y``: that is the gradient
of the mean binary cross-entropy with respect to ``z2``, not of the mean squared error
that its ``compute_loss`` reports.  The helpers below show this numerically
(``loss_gradient_check``) and provide two self-consistent fixes: ``MSENetwork`` keeps
the loss and corrects the gradient, ``BCENetwork`` keeps the gradient and corrects the
loss. ``ActivationNetwork`` and ``train`` are for the text's closing tip: "try
changing the network size or activation function".

Everything here is deterministic.  Code that reproduces the text's run seeds NumPy's
global generator, as the text does, and restores its previous state afterwards.
"""

import copy
from dataclasses import dataclass

from bpdocs.gradcheck import numerical_gradient
from bpdocs.layers import ReLU, Sigmoid, Tanh

# The text's class, byte for byte (tests/test_network.py compares it with the text):
# neither the formatter nor the import sorter may touch it, and its blank lines keep the
# four spaces they have in the text.
# ruff: noqa: W293
# fmt: off
# isort: off
# --8<-- [start:simple_network]
import numpy as np

class SimpleNeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        # Initialize weights
        self.W1 = np.random.randn(input_size, hidden_size) * 0.01
        self.b1 = np.zeros(hidden_size)
        self.W2 = np.random.randn(hidden_size, output_size) * 0.01
        self.b2 = np.zeros(output_size)
    
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))
    
    def sigmoid_derivative(self, x):
        # x is already sigmoid(x)
        return x * (1 - x)
    
    def forward(self, X):
        # Forward pass
        self.z1 = X @ self.W1 + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2
    
    def backward(self, X, y, learning_rate=0.1):
        m = X.shape[0]
        # Output layer
        dz2 = self.a2 - y  # dL/da2 * da2/dz2
        dW2 = (self.a1.T @ dz2) / m
        db2 = np.sum(dz2, axis=0) / m
        # Hidden layer
        dz1 = (dz2 @ self.W2.T) * self.sigmoid_derivative(self.a1)  # chain rule
        dW1 = (X.T @ dz1) / m
        db1 = np.sum(dz1, axis=0) / m
        # Update weights
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
    
    def compute_loss(self, y_pred, y_true):
        return np.mean((y_pred - y_true)**2)
# --8<-- [end:simple_network]
# isort: on
# fmt: on


# --8<-- [start:losses]
def mse_loss(y_pred, y_true):
    r"""Mean squared error over all entries, as the text's ``compute_loss``.

    $\frac{1}{mk}\sum (\hat y - y)^2$ over the $m$ samples and $k$ outputs.
    """
    y_pred, y_true = _check_same_shape(y_pred, y_true, "y_pred", "y_true")
    return np.mean((y_pred - y_true) ** 2)


def bce_loss(y_pred, y_true, clip=1e-12):
    r"""Binary cross-entropy, summed over outputs and averaged over samples.

    $-\frac{1}{m}\sum_{i,j} [y\log\hat y + (1-y)\log(1-\hat y)]$.
    """
    y_pred, y_true = _check_same_shape(y_pred, y_true, "y_pred", "y_true")
    p = np.clip(y_pred, clip, 1 - clip)
    per_entry = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
    return np.sum(per_entry) / y_true.shape[0]


# --8<-- [end:losses]


def _check_same_shape(a, b, name_a, name_b):
    """``a`` and ``b`` as float arrays, or a ValueError naming both shapes."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} has shape {a.shape} but {name_b} has shape {b.shape}; "
            "they must match"
        )
    return a, b


def _check_xy(net, X, y):
    """``X`` and ``y`` as float arrays shaped for ``net``, or a ValueError on shapes."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n_in, n_out = net.W1.shape[0], net.W2.shape[1]
    if X.ndim != 2 or X.shape[1] != n_in:
        raise ValueError(
            f"X has shape {X.shape} but W1 has shape {net.W1.shape}; "
            f"expected X of shape (m, {n_in})"
        )
    if y.shape != (X.shape[0], n_out):
        raise ValueError(
            f"y has shape {y.shape} but X has shape {X.shape}; "
            f"expected y of shape ({X.shape[0]}, {n_out})"
        )
    return X, y


PARAMS = ("W1", "b1", "W2", "b2")


def backprop(net, X, dz2, hidden_derivative):
    """Chain rule from the output delta ``dz2`` (m dL/dz2) back to every parameter.

    The same steps as the text's ``backward``, without its update.
    """
    m = X.shape[0]
    # Output layer
    dW2 = (net.a1.T @ dz2) / m
    db2 = np.sum(dz2, axis=0) / m
    # Hidden layer
    dz1 = (dz2 @ net.W2.T) * hidden_derivative  # chain rule
    dW1 = (X.T @ dz1) / m
    db1 = np.sum(dz1, axis=0) / m
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def apply_update(net, grads, learning_rate):
    """One gradient-descent step, in the text's order (W2, b2, W1, b1)."""
    net.W2 -= learning_rate * grads["W2"]
    net.b2 -= learning_rate * grads["b2"]
    net.W1 -= learning_rate * grads["W1"]
    net.b1 -= learning_rate * grads["b1"]


def source_gradients(net, X, y):
    """The gradients the text's ``backward`` would apply at (X, y).

    They are computed on a copy: ``net`` is untouched.
    """
    X, y = _check_xy(net, X, y)
    probe = copy.deepcopy(net)
    probe.forward(X)
    dz2 = probe.a2 - y  # the text's output delta
    return backprop(probe, X, dz2, probe.sigmoid_derivative(probe.a1))


def numerical_gradients(net, X, y, loss=None, eps=1e-6):
    """Central-difference gradients of ``loss(net.forward(X), y)`` for every parameter.

    ``loss`` defaults to ``net.compute_loss``.
    """
    X, y = _check_xy(net, X, y)
    probe = copy.deepcopy(net)
    loss = probe.compute_loss if loss is None else loss
    # numerical_gradient nudges each entry of the probe's own parameter array in place,
    # then restores it
    return {
        name: numerical_gradient(
            lambda _: loss(probe.forward(X), y), getattr(probe, name), eps
        )
        for name in PARAMS
    }


def relative_error(a, b):
    """``|a - b| / max(|a|, |b|)`` in the Frobenius norm; 0 when both are zero."""
    a, b = _check_same_shape(a, b, "a", "b")
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


@dataclass
class GradientCheck:
    """What ``loss_gradient_check`` found: gradients, their errors, the MSE factor."""

    source: dict  # the text's backward, per parameter
    bce: dict  # numerical gradient of bce_loss
    mse: dict  # numerical gradient of mse_loss (what compute_loss reports)
    rel_err_bce: dict  # relative_error(source, bce) per parameter
    rel_err_mse: dict  # relative_error(source, mse) per parameter
    factor: object  # 2 a2 (1 - a2) / output_size, shape (m, output_size)
    rel_err_reweighted: dict  # the chain rule with dz2 * factor, against MSE's gradient


def loss_gradient_check(net, X, y, eps=1e-6):
    """Compare the text's backward with the true gradients of BCE and of MSE.

    MSE is the loss that ``compute_loss`` reports; BCE is the mean binary cross-entropy.
    """
    X, y = _check_xy(net, X, y)
    source = source_gradients(net, X, y)
    bce = numerical_gradients(net, X, y, bce_loss, eps)
    mse = numerical_gradients(net, X, y, mse_loss, eps)
    probe = copy.deepcopy(net)
    a2 = probe.forward(X)
    factor = 2 * a2 * (1 - a2) / y.shape[1]
    # Per sample, the MSE delta is the text's delta times 2 a2 (1 - a2) / output_size.
    reweighted = backprop(
        probe, X, (a2 - y) * factor, probe.sigmoid_derivative(probe.a1)
    )
    return GradientCheck(
        source=source,
        bce=bce,
        mse=mse,
        rel_err_bce={k: relative_error(source[k], bce[k]) for k in PARAMS},
        rel_err_mse={k: relative_error(source[k], mse[k]) for k in PARAMS},
        factor=factor,
        rel_err_reweighted={k: relative_error(reweighted[k], mse[k]) for k in PARAMS},
    )


# --8<-- [start:exact_network]
class ExactNetwork(SimpleNeuralNetwork):
    """Base of the corrected variants: ``backward`` applies the exact gradient."""

    def output_delta(self, y):
        """m times dL/dz2 at the cached forward pass; each variant gives its own."""
        raise NotImplementedError

    def hidden_derivative(self):
        """da1/dz1 at the cached forward pass (sigmoid: a1 (1 - a1))."""
        return self.sigmoid_derivative(self.a1)

    def gradients(self, X, y):
        """Exact gradients of ``compute_loss`` at (X, y), on a copy of ``self``."""
        X, y = _check_xy(self, X, y)
        probe = copy.deepcopy(self)
        probe.forward(X)
        return backprop(probe, X, probe.output_delta(y), probe.hidden_derivative())

    def backward(self, X, y, learning_rate=0.1):
        """One gradient-descent step from the cached forward pass, as the text's."""
        X, y = _check_xy(self, X, y)
        grads = backprop(self, X, self.output_delta(y), self.hidden_derivative())
        apply_update(self, grads, learning_rate)


# --8<-- [end:exact_network]


# --8<-- [start:mse_network]
class MSENetwork(ExactNetwork):
    """Keeps the text's MSE loss and fixes the gradient.

    Its output delta is dz2 = 2 (a2 - y) a2 (1 - a2) / output_size.
    """

    def output_delta(self, y):
        """m times dL/dz2 for L = mean((a2 - y)**2) over all m * output_size entries."""
        return 2 * (self.a2 - y) * self.sigmoid_derivative(self.a2) / y.shape[1]

    def compute_loss(self, y_pred, y_true):
        """Mean squared error, as the text's ``compute_loss``, with a shape check."""
        return mse_loss(y_pred, y_true)


# --8<-- [end:mse_network]


# --8<-- [start:bce_network]
class BCENetwork(ExactNetwork):
    """Keeps the text's gradient dz2 = a2 - y and fixes the loss: cross-entropy."""

    def output_delta(self, y):
        """m times dL/dz2 for the BCE of a sigmoid output: a2 - y, the text's line."""
        return self.a2 - y

    def compute_loss(self, y_pred, y_true):
        """Binary cross-entropy, summed over outputs and averaged over samples.

        Predictions are clipped to [1e-12, 1 - 1e-12].
        """
        return bce_loss(y_pred, y_true)


# --8<-- [end:bce_network]


def train_history(net, X, y, epochs=1000, lr=0.1):
    """Train ``net`` in place as the text's loop does; return each epoch's loss.

    Each loss is taken before that epoch's update, as the text prints it.
    """
    X, y = _check_xy(net, X, y)
    if int(epochs) != epochs or epochs < 0:
        raise ValueError(f"epochs must be a non-negative integer, got {epochs!r}")
    losses = []
    for _ in range(int(epochs)):
        y_pred = net.forward(X)
        losses.append(float(net.compute_loss(y_pred, y)))
        net.backward(X, y, learning_rate=lr)
    return losses


# --8<-- [start:activation_variants]
ACTIVATIONS = {
    # name: (activation f(z), derivative f'(z)), the functions of bpdocs.layers' layers
    "sigmoid": (Sigmoid.f, Sigmoid.df),
    "tanh": (Tanh.f, Tanh.df),
    "relu": (ReLU.f, ReLU.df),
}


class ActivationNetwork(BCENetwork):
    """BCENetwork with a choice of hidden activation; the output stays a sigmoid.

    The weights are initialised as the text's.
    """

    def __init__(self, input_size, hidden_size, output_size, activation="sigmoid"):
        """Draw the weights exactly as the text does; pick the hidden activation."""
        if activation not in ACTIVATIONS:
            raise ValueError(
                f"unknown activation {activation!r}; "
                f"choose one of {sorted(ACTIVATIONS)}"
            )
        super().__init__(input_size, hidden_size, output_size)
        self.activation = activation

    def forward(self, X):
        """Forward pass with the chosen hidden activation."""
        act, _ = ACTIVATIONS[self.activation]
        self.z1 = X @ self.W1 + self.b1
        self.a1 = act(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2

    def hidden_derivative(self):
        """da1/dz1 evaluated at the pre-activation z1."""
        _, derivative = ACTIVATIONS[self.activation]
        return derivative(self.z1)


@dataclass
class TrainResult:
    """What ``train`` returns: each epoch's loss, the accuracy, the trained net."""

    losses: list
    accuracy: float
    net: object


def train(
    factory=ActivationNetwork,
    *,
    hidden_size=4,
    activation=None,
    epochs=1000,
    lr=0.1,
    seed=42,
):
    """Draw the text's data and a ``factory(2, hidden_size, 1)`` net; train it."""
    kwargs = {} if activation is None else {"activation": activation}
    X, y, net = _source_setup(
        seed,
        lambda: factory(input_size=2, hidden_size=hidden_size, output_size=1, **kwargs),
    )
    losses = train_history(net, X, y, epochs, lr)
    accuracy = float(np.mean((net.forward(X) > 0.5) == y))
    return TrainResult(losses=losses, accuracy=accuracy, net=net)


# --8<-- [end:activation_variants]


def _source_setup(seed, make_net):
    """Seed NumPy's global generator, draw the data, then the net, as the text does.

    The generator's previous state is restored afterwards.
    """
    state = np.random.get_state()
    try:
        np.random.seed(seed)
        X = np.random.randn(100, 2)
        y = (X[:, 0] + X[:, 1] > 0).astype(float).reshape(-1, 1)
        net = make_net()
    finally:
        np.random.set_state(state)
    return X, y, net


@dataclass
class SourceRun:
    """The text's example, run: losses, printed text, trained net, test predictions."""

    losses: list
    text: str
    net: SimpleNeuralNetwork
    test_predictions: object


def run_source_example(seed=42, epochs=1000):
    """Run the text's "Example usage" step for step; return what it computes."""
    X, y, nn = _source_setup(
        seed, lambda: SimpleNeuralNetwork(input_size=2, hidden_size=4, output_size=1)
    )
    losses = train_history(nn, X, y, epochs, lr=0.1)
    lines = [
        f"Epoch {epoch}, Loss: {loss:.6f}"
        for epoch, loss in enumerate(losses)
        if epoch % 100 == 0
    ]
    test_X = np.array([[1, 1], [-1, -1], [1, -1]])
    test_predictions = nn.forward(test_X)
    lines.append("\nTest predictions:")
    for x, pred in zip(test_X, test_predictions, strict=True):
        lines.append(f"Input: {x}, Prediction: {pred[0]:.4f}")
    return SourceRun(
        losses=losses,
        text="\n".join(lines) + "\n",
        net=nn,
        test_predictions=test_predictions,
    )


# --------------------------------------------------- helpers of the implementation page


def source_data(seed=42, factory=SimpleNeuralNetwork, hidden_size=4):
    """The text's data ``X, y`` and a fresh ``factory(2, hidden_size, 1)`` net.

    Both are drawn as the text draws them.
    """
    return _source_setup(
        seed, lambda: factory(input_size=2, hidden_size=hidden_size, output_size=1)
    )


@dataclass
class BothLosses:
    """What ``score_training`` returns: each epoch's MSE, BCE and accuracy; the net."""

    mse: list
    bce: list
    accuracy: float  # after the last epoch's update
    net: object
    accuracies: list  # each epoch's, before its update, as mse and bce


# --8<-- [start:both_losses]
def score_training(net, X, y, epochs=1000, lr=0.1):
    """Train ``net`` in place as the text does, scoring each epoch on both losses.

    Each epoch is scored before its update.
    """
    X, y = _check_xy(net, X, y)
    if int(epochs) != epochs or epochs < 0:
        raise ValueError(f"epochs must be a non-negative integer, got {epochs!r}")
    mse, bce, accuracies = [], [], []
    for _ in range(int(epochs)):
        y_pred = net.forward(X)
        mse.append(float(mse_loss(y_pred, y)))
        bce.append(float(bce_loss(y_pred, y)))
        accuracies.append(float(np.mean((y_pred > 0.5) == y)))
        net.backward(X, y, learning_rate=lr)
    accuracy = float(np.mean((net.forward(X) > 0.5) == y))
    return BothLosses(
        mse=mse, bce=bce, accuracy=accuracy, net=net, accuracies=accuracies
    )


def both_losses(factory, epochs=1000, lr=0.1, seed=42):
    """``score_training`` on the text's data, from the text's initial weights."""
    X, y, net = source_data(seed, factory)
    return score_training(net, X, y, epochs, lr)


# --8<-- [end:both_losses]


# --8<-- [start:rate_sweep]
RATES = tuple(0.1 * 2**k for k in range(9))  # 0.1, 0.2, 0.4, ..., 25.6


def rate_sweep(factory, rates=RATES, start=source_data, epochs=1000):
    """``score_training`` at each learning rate: ``{rate: BothLosses}``.

    Every run starts afresh from ``start(factory=factory)``, which returns X, y, net.
    """
    runs = {}
    for lr in rates:
        X, y, net = start(factory=factory)
        runs[lr] = score_training(net, X, y, epochs, lr)
    return runs


# --8<-- [end:rate_sweep]


# --8<-- [start:confidently_wrong]
def confidently_wrong(factory, scale=3.0, seed=42):
    """The text's data and a ``factory`` net that is sure of the wrong class.

    Its hidden layer is the trained one of ``run_source_example``; its output layer is
    the trained one times ``-scale``, which sends every output to the other side of
    1/2 and, for ``scale`` > 1, nearer to 0 or 1.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    X, y, net = source_data(seed, factory)
    trained = run_source_example(seed).net
    net.W1, net.b1 = trained.W1.copy(), trained.b1.copy()
    net.W2, net.b2 = -scale * trained.W2, -scale * trained.b2
    return X, y, net


# --8<-- [end:confidently_wrong]


# --8<-- [start:sweep]
def sweep(
    hidden_sizes=(2, 4, 8, 16),
    activations=("sigmoid", "tanh", "relu"),
    epochs=1000,
    lr=0.1,
    seed=42,
):
    """The text's tip, tried: a ``train(ActivationNetwork, ...)`` for each pair.

    Returns ``{(activation, hidden_size): TrainResult}``.
    """
    return {
        (a, h): train(
            ActivationNetwork,
            hidden_size=h,
            activation=a,
            epochs=epochs,
            lr=lr,
            seed=seed,
        )
        for a in activations
        for h in hidden_sizes
    }


# --8<-- [end:sweep]


# --8<-- [start:decision_grid]
def decision_grid(net, lim=3.0, n=121):
    """The net's output on an n-by-n grid of [-lim, lim]^2: ``x1, x2, p``.

    ``p[i, j]`` is the output at ``[x1[j], x2[i]]``.
    """
    if net.W1.shape[0] != 2 or net.W2.shape[1] != 1:
        raise ValueError(
            "decision_grid needs a net with 2 inputs and 1 output; "
            f"W1 has shape {net.W1.shape}, "
            f"W2 has shape {net.W2.shape}"
        )
    if int(n) != n or n < 2:
        raise ValueError(f"n must be an integer >= 2, got {n!r}")
    if not lim > 0:
        raise ValueError(f"lim must be positive, got {lim!r}")
    x1 = x2 = np.linspace(-lim, lim, int(n))
    X1, X2 = np.meshgrid(x1, x2)  # X1[i, j] = x1[j], X2[i, j] = x2[i]
    grid = np.column_stack([X1.ravel(), X2.ravel()])
    p = copy.deepcopy(net).forward(grid)[:, 0].reshape(X1.shape)
    return x1, x2, p


# --8<-- [end:decision_grid]
