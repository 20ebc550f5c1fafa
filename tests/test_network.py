"""Tests for bpdocs.network and bpdocs.examples.source_example.

The source, verbatim, and its corrected variants.
"""

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import autograd
import autograd.numpy as anp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bpdocs.layers import ReLU, Sigmoid, Tanh
from bpdocs.network import (
    ACTIVATIONS,
    PARAMS,
    ActivationNetwork,
    BCENetwork,
    MSENetwork,
    SimpleNeuralNetwork,
    _source_setup,
    bce_loss,
    loss_gradient_check,
    mse_loss,
    numerical_gradients,
    relative_error,
    run_source_example,
    source_gradients,
    train,
    train_history,
)
from tests.conftest import ROOT, source_markdown

# What the source's §5 code block prints, checked against the source run on numpy 2.4.6.
GOLDEN_OUTPUT = """\
Epoch 0, Loss: 0.250969
Epoch 100, Loss: 0.245896
Epoch 200, Loss: 0.243809
Epoch 300, Loss: 0.235210
Epoch 400, Loss: 0.207743
Epoch 500, Loss: 0.158737
Epoch 600, Loss: 0.110791
Epoch 700, Loss: 0.077939
Epoch 800, Loss: 0.057987
Epoch 900, Loss: 0.045806

Test predictions:
Input: [1 1], Prediction: 0.9396
Input: [-1 -1], Prediction: 0.0218
Input: [ 1 -1], Prediction: 0.4191
"""


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def source_block():
    """The source's §5 Python code block (the one defining SimpleNeuralNetwork)."""
    text = source_markdown().read_text(encoding="utf-8")
    blocks = [
        b
        for b in re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)
        if "class SimpleNeuralNetwork" in b
    ]
    assert len(blocks) == 1, (
        f"expected one code block defining SimpleNeuralNetwork, found {len(blocks)}"
    )
    return blocks[0]


def section(path, name):
    """The text between the ``[start:name]`` and ``[end:name]`` lines of ``path``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [
        i for i, line in enumerate(lines) if line.strip() == f"# --8<-- [start:{name}]"
    ]
    ends = [
        i for i, line in enumerate(lines) if line.strip() == f"# --8<-- [end:{name}]"
    ]
    assert len(starts) == 1 and len(ends) == 1 and starts[0] < ends[0], (
        f"bad section markers for {name} in {path}"
    )
    return "".join(lines[starts[0] + 1 : ends[0]])


def run_python(args, cwd):
    """Run the venv's Python with bpdocs importable; its stdout (it must exit 0)."""
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    done = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def source_net(seed=42, cls=SimpleNeuralNetwork):
    """The source's dataset and a fresh ``cls`` net, drawn as the source draws them."""
    return _source_setup(seed, lambda: cls(input_size=2, hidden_size=4, output_size=1))


def random_net(cls, seed, n_in=3, hidden=5, n_out=2, m=7):
    """A ``cls`` net with unit-scale random weights and random 0/1 data."""
    rng = np.random.default_rng(seed)
    net = cls.__new__(cls)
    net.W1, net.b1 = rng.normal(size=(n_in, hidden)), rng.normal(size=hidden)
    net.W2, net.b2 = rng.normal(size=(hidden, n_out)), rng.normal(size=n_out)
    if isinstance(net, ActivationNetwork):
        net.activation = "sigmoid"
    X = rng.normal(size=(m, n_in))
    y = (rng.random((m, n_out)) > 0.5).astype(float)
    return X, y, net


@pytest.fixture(scope="module")
def source_run():
    """The source's example, run once through ``run_source_example``."""
    return run_source_example()


# ---------------------------------------------------------------- the source, verbatim


def test_simple_network_section_is_the_source_class_verbatim(source_block):
    """The ``simple_network`` section is the source block up to the class end."""
    class_part = (
        source_block[: source_block.index("\n# Example usage")].rstrip("\n") + "\n"
    )
    assert section(ROOT / "bpdocs/network.py", "simple_network") == class_part
    assert class_part.startswith("import numpy as np\n\nclass SimpleNeuralNetwork:\n")


def test_example_section_is_the_source_script_verbatim(source_block):
    """source_example.py's ``example`` section is the source's "Example usage"."""
    script = source_block[source_block.index("# Example usage") :]
    assert section(ROOT / "bpdocs/examples/source_example.py", "example") == script
    assert script.rstrip().endswith('print(f"Input: {x}, Prediction: {pred[0]:.4f}")')


def test_source_block_and_module_print_the_golden_output(source_block, tmp_path):
    """The source's block and ``python -m bpdocs.examples.source_example`` agree.

    They print the same bytes, the golden ones.
    """
    from_markdown = run_python(["-c", source_block], cwd=tmp_path)
    from_module = run_python(["-m", "bpdocs.examples.source_example"], cwd=ROOT)
    assert from_markdown == GOLDEN_OUTPUT
    assert from_module == from_markdown


def test_run_source_example_matches_the_source(source_run):
    """``run_source_example`` returns the source's printed text and its real numbers."""
    assert source_run.text == GOLDEN_OUTPUT
    assert len(source_run.losses) == 1000
    assert source_run.losses[0] == pytest.approx(0.25096935877526344, rel=1e-12)
    assert source_run.losses[100] == pytest.approx(0.24589622653957743, rel=1e-10)
    assert source_run.losses[900] == pytest.approx(0.04580553739875727, rel=1e-8)
    assert source_run.losses[-1] == pytest.approx(0.03804126077305379, rel=1e-8)
    assert np.diff(source_run.losses).max() < 0  # the reported MSE falls at every epoch
    np.testing.assert_allclose(
        source_run.test_predictions.ravel(),
        [0.9395736477853247, 0.021810011070120826, 0.4191458973790894],
        rtol=1e-8,
    )
    assert isinstance(source_run.net, SimpleNeuralNetwork)


def test_run_source_example_restores_the_global_generator():
    """Reproducing the source seeds np.random but leaves its state as it found it."""
    np.random.seed(7)
    expected = np.random.rand(3)
    np.random.seed(7)
    run_source_example(epochs=2)
    np.testing.assert_array_equal(np.random.rand(3), expected)


def test_run_source_example_epochs_and_seed():
    """Fewer epochs print fewer lines; another seed gives another run."""
    short = run_source_example(epochs=150)
    assert short.text.splitlines()[:3] == [
        "Epoch 0, Loss: 0.250969",
        "Epoch 100, Loss: 0.245896",
        "",
    ]
    assert short.losses == run_source_example(epochs=1000).losses[:150]
    assert run_source_example(seed=0, epochs=1).losses[0] != short.losses[0]


# -------------------------------------------------- what the source's backward computes


@pytest.mark.parametrize("state", ["initial", "trained"])
def test_source_backward_is_the_bce_gradient_not_the_mse_one(state, source_run):
    """The source's gradients are the numerical ones of mean BCE, not of its MSE."""
    X, y, net = source_net()
    if state == "trained":
        net = source_run.net
    check = loss_gradient_check(net, X, y)
    for name in PARAMS:
        assert check.rel_err_bce[name] < 1e-6, (name, check.rel_err_bce)
        assert check.rel_err_mse[name] > 0.1, (name, check.rel_err_mse)
        # reweighting the source's delta per sample by 2 a2 (1 - a2) gives MSE's
        assert check.rel_err_reweighted[name] < 1e-6, (name, check.rel_err_reweighted)
    a2 = copy.deepcopy(net).forward(X)
    np.testing.assert_array_equal(check.factor, 2 * a2 * (1 - a2))
    if state == "initial":
        # near a2 = 1/2 the factor is ~1/2 everywhere: MSE's gradient is half the source
        np.testing.assert_allclose(check.factor, 0.5, atol=2e-4)
        for name in PARAMS:
            assert check.rel_err_mse[name] == pytest.approx(0.5, abs=1e-3)
    else:
        assert check.factor.min() < 0.05 and check.factor.max() > 0.45


def test_source_gradients_are_what_backward_applies():
    """``source_gradients`` leaves the net alone; it is the source's update / -lr."""
    X, y, net = source_net()
    before = {p: getattr(net, p).copy() for p in PARAMS}
    grads = source_gradients(net, X, y)
    for p in PARAMS:
        np.testing.assert_array_equal(getattr(net, p), before[p])
    net.forward(X)
    net.backward(X, y, learning_rate=0.5)
    for p in PARAMS:
        np.testing.assert_allclose(
            (before[p] - getattr(net, p)) / 0.5, grads[p], rtol=1e-9, atol=1e-15
        )


# --------------------------------------------------------------- the corrected variants


@pytest.mark.parametrize("cls", [MSENetwork, BCENetwork])
@pytest.mark.parametrize(
    "where", ["source-initial", "source-trained", "random-2-outputs"]
)
def test_variant_gradient_is_exact_for_its_own_loss(cls, where):
    """Each variant's gradients match central differences of its ``compute_loss``."""
    if where == "random-2-outputs":
        X, y, net = random_net(cls, seed=3)
    else:
        X, y, net = source_net(cls=cls)
        if where == "source-trained":
            train_history(net, X, y, epochs=300, lr=0.5)
    analytic = net.gradients(X, y)
    numeric = numerical_gradients(net, X, y)
    for name in PARAMS:
        assert relative_error(analytic[name], numeric[name]) < 1e-6, name


@pytest.mark.parametrize("cls", [MSENetwork, BCENetwork, ActivationNetwork])
def test_variant_backward_steps_along_its_gradients(cls):
    """``backward`` (after ``forward``) subtracts learning_rate times ``gradients``."""
    X, y, net = random_net(cls, seed=5)
    before = {p: getattr(net, p).copy() for p in PARAMS}
    grads = net.gradients(X, y)
    for p in PARAMS:
        np.testing.assert_array_equal(
            getattr(net, p), before[p]
        )  # gradients() does not touch the net
    net.forward(X)
    net.backward(X, y, learning_rate=0.25)
    for p in PARAMS:
        np.testing.assert_allclose(
            getattr(net, p), before[p] - 0.25 * grads[p], rtol=1e-12, atol=1e-15
        )


def _autograd_loss(cls, X, y):
    """The variant's loss as an autograd function of (W1, b1, W2, b2)."""

    def loss(W1, b1, W2, b2):
        a1 = 1 / (1 + anp.exp(-(X @ W1 + b1)))
        a2 = 1 / (1 + anp.exp(-(a1 @ W2 + b2)))
        if cls is MSENetwork:
            return anp.mean((a2 - y) ** 2)
        return -anp.sum(y * anp.log(a2) + (1 - y) * anp.log(1 - a2)) / X.shape[0]

    return loss


@settings(max_examples=30, deadline=None, database=None)
@given(
    cls=st.sampled_from([MSENetwork, BCENetwork]),
    seed=st.integers(0, 2**32 - 1),
    n_in=st.integers(1, 3),
    hidden=st.integers(1, 5),
    n_out=st.integers(1, 3),
    m=st.integers(1, 8),
)
def test_variant_gradient_matches_autograd(cls, seed, n_in, hidden, n_out, m):
    """On random shapes, each variant's gradients are autograd's, of its loss."""
    X, y, net = random_net(cls, seed, n_in, hidden, n_out, m)
    loss = _autograd_loss(cls, X, y)
    params = [net.W1, net.b1, net.W2, net.b2]
    assert float(loss(*params)) == pytest.approx(
        float(net.compute_loss(net.forward(X), y)), rel=1e-12
    )
    grads = net.gradients(X, y)
    for i, name in enumerate(PARAMS):
        np.testing.assert_allclose(
            grads[name], autograd.grad(loss, i)(*params), rtol=1e-9, atol=1e-13
        )


def test_bce_network_trains_exactly_like_the_source():
    """BCENetwork keeps the source's update: the same parameters, another loss."""
    source, bce = train(SimpleNeuralNetwork, epochs=200), train(BCENetwork, epochs=200)
    for p in PARAMS:
        np.testing.assert_array_equal(getattr(bce.net, p), getattr(source.net, p))
    assert source.losses[0] == pytest.approx(0.25096935877526344, rel=1e-12)
    assert bce.losses[0] == pytest.approx(
        0.6950860517725911, rel=1e-12
    )  # about ln 2 at a2 = 1/2


def test_losses_on_known_values():
    """mse_loss and bce_loss on hand-checked values; bce_loss clips, never inf."""
    y_pred, y_true = np.array([[0.5], [0.9]]), np.array([[1.0], [1.0]])
    assert mse_loss(y_pred, y_true) == pytest.approx((0.25 + 0.01) / 2)
    assert bce_loss(y_pred, y_true) == pytest.approx(-(np.log(0.5) + np.log(0.9)) / 2)
    two_outputs = np.array([[0.5, 0.5]]), np.array([[1.0, 0.0]])
    assert bce_loss(*two_outputs) == pytest.approx(
        2 * np.log(2)
    )  # summed over outputs, mean over samples
    assert bce_loss(np.array([[0.0]]), np.array([[1.0]])) == pytest.approx(
        -np.log(1e-12)
    )


# ----------------------------------------------------- training and activation variants

TRAIN_CASES = {
    # name: (factory, activation, loss at epoch 0, loss at epoch 999, final accuracy)
    "source": (
        SimpleNeuralNetwork,
        None,
        0.25096935877526344,
        0.03804126077305379,
        0.99,
    ),
    "mse": (MSENetwork, None, 0.25096935877526344, 0.1653568031469381, 0.82),
    "bce": (BCENetwork, None, 0.6950860517725911, 0.16940444904217408, 0.99),
    "sigmoid": (
        ActivationNetwork,
        "sigmoid",
        0.6950860517725911,
        0.16940444904217408,
        0.99,
    ),
    "tanh": (ActivationNetwork, "tanh", 0.6931528703618095, 0.04013491759405834, 1.0),
    "relu": (ActivationNetwork, "relu", 0.6931632187282121, 0.043651606513432285, 1.0),
}


@pytest.mark.parametrize("case", TRAIN_CASES)
def test_training_each_variant_decreases_its_loss(case):
    """1000 epochs at lr 0.1 on the source's data: the loss falls, to known values."""
    factory, activation, first, last, accuracy = TRAIN_CASES[case]
    result = train(factory, activation=activation)
    assert len(result.losses) == 1000
    assert result.losses[0] == pytest.approx(first, rel=1e-10)
    assert result.losses[-1] == pytest.approx(last, rel=1e-6)
    assert result.losses[-1] < 0.7 * result.losses[0]
    assert result.accuracy == pytest.approx(accuracy)


def test_activation_derivatives_are_taken_at_the_pre_activation():
    """Each activation's derivative, a function of z, matches central differences."""
    z = np.array([-3.0, -0.7, 0.2, 1.5, 4.0])
    layers = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU}
    assert {name: (cls.f, cls.df) for name, cls in layers.items()} == ACTIVATIONS
    for name, (f, df) in ACTIVATIONS.items():
        numeric = (f(z + 1e-6) - f(z - 1e-6)) / 2e-6
        np.testing.assert_allclose(df(z), numeric, rtol=1e-6, err_msg=name)
    X, y, net = random_net(ActivationNetwork, seed=1)
    net.activation = "relu"
    net.forward(X)
    np.testing.assert_array_equal(net.hidden_derivative(), (net.z1 > 0).astype(float))
    np.testing.assert_array_equal(net.a1, np.maximum(net.z1, 0))


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_activation_network_gradient_is_exact(activation):
    """tanh and relu variants: gradients match central differences of their BCE loss."""
    X, y, net = random_net(ActivationNetwork, seed=11)
    net.activation = activation
    analytic, numeric = net.gradients(X, y), numerical_gradients(net, X, y)
    for name in PARAMS:
        assert relative_error(analytic[name], numeric[name]) < 1e-6, name


def test_train_history_is_the_source_loop():
    """``train_history`` records the loss before each update, as the source does."""
    X, y, net = source_net()
    assert train_history(net, X, y, epochs=0) == []
    losses = train_history(net, X, y, epochs=101)
    assert f"{losses[0]:.6f}" == "0.250969" and f"{losses[100]:.6f}" == "0.245896"


def test_train_is_deterministic_and_hidden_size_matters():
    """Same seed, same run; the hidden size is honoured."""
    a, b = (
        train(hidden_size=8, activation="tanh", epochs=50),
        train(hidden_size=8, activation="tanh", epochs=50),
    )
    assert a.losses == b.losses
    assert a.net.W1.shape == (2, 8) and a.net.W2.shape == (8, 1)


# ---------------------------------------------------------------- bad input


def test_shape_mismatches_raise_value_error_naming_both_shapes():
    """The new helpers reject mismatched shapes with a message that names both."""
    X, y, net = source_net()
    bad_y = y.ravel()  # (100,) would broadcast against (100, 1) into a (100, 100) mess
    for call in (
        lambda: source_gradients(net, X, bad_y),
        lambda: numerical_gradients(net, X, bad_y),
        lambda: loss_gradient_check(net, X, bad_y),
        lambda: train_history(net, X, bad_y, epochs=1),
        lambda: MSENetwork(2, 4, 1).gradients(X, bad_y),
    ):
        with pytest.raises(
            ValueError, match=r"y has shape \(100,\) but X has shape \(100, 2\)"
        ):
            call()
    with pytest.raises(
        ValueError, match=r"X has shape \(100, 3\) but W1 has shape \(2, 4\)"
    ):
        source_gradients(net, np.zeros((100, 3)), y)
    for loss in (
        mse_loss,
        bce_loss,
        MSENetwork(2, 4, 1).compute_loss,
        BCENetwork(2, 4, 1).compute_loss,
    ):
        with pytest.raises(
            ValueError,
            match=r"y_pred has shape \(100, 1\) but y_true has shape \(100,\)",
        ):
            loss(y, bad_y)
    with pytest.raises(ValueError, match=r"a has shape \(2,\) but b has shape \(3,\)"):
        relative_error(np.zeros(2), np.zeros(3))


def test_other_bad_input():
    """Unknown activation names and bad epoch counts raise ValueError."""
    with pytest.raises(ValueError, match="unknown activation 'gelu'"):
        ActivationNetwork(2, 4, 1, activation="gelu")
    X, y, net = source_net()
    with pytest.raises(ValueError, match="epochs"):
        train_history(net, X, y, epochs=-1)


# --------------------------------------------------- helpers of the implementation page

from bpdocs.gradcheck import numerical_gradient  # noqa: E402
from bpdocs.network import BothLosses, both_losses, decision_grid, source_data, sweep  # noqa: E402


def test_output_delta_closed_forms_match_central_differences():
    """The page's dL/dz2: (a2 - y)/m for mean BCE, 2 (a2 - y) a2 (1 - a2)/m for MSE."""
    rng = np.random.default_rng(0)
    z2 = rng.normal(scale=2.0, size=(9, 1))
    y = (rng.random((9, 1)) > 0.5).astype(float)
    m = z2.shape[0]
    sigmoid = SimpleNeuralNetwork.sigmoid(None, z2)
    # sigma'(z) = sigma(z) (1 - sigma(z)): the source's sigmoid_derivative takes sigma
    np.testing.assert_allclose(
        SimpleNeuralNetwork.sigmoid_derivative(None, sigmoid),
        numerical_gradient(
            lambda z: float(np.sum(SimpleNeuralNetwork.sigmoid(None, z))), z2.copy()
        ),
        rtol=1e-7,
    )
    # dBCE/da2 = (a2 - y) / (a2 (1 - a2)) / m
    np.testing.assert_allclose(
        numerical_gradient(lambda a: float(bce_loss(a, y)), sigmoid.copy()),
        (sigmoid - y) / (sigmoid * (1 - sigmoid)) / m,
        rtol=1e-6,
    )
    bce_numeric = numerical_gradient(
        lambda z: float(bce_loss(SimpleNeuralNetwork.sigmoid(None, z), y)), z2.copy()
    )
    mse_numeric = numerical_gradient(
        lambda z: float(mse_loss(SimpleNeuralNetwork.sigmoid(None, z), y)), z2.copy()
    )
    np.testing.assert_allclose(bce_numeric, (sigmoid - y) / m, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(
        mse_numeric,
        2 * (sigmoid - y) * sigmoid * (1 - sigmoid) / m,
        rtol=1e-6,
        atol=1e-10,
    )


def test_source_data_is_the_source_setup():
    """``source_data`` draws data and net as ``_source_setup`` does, any factory."""
    X, y, net = source_data()
    X0, y0, net0 = source_net()
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    for p in PARAMS:
        np.testing.assert_array_equal(getattr(net, p), getattr(net0, p))
    assert (
        type(net) is SimpleNeuralNetwork and X.shape == (100, 2) and y.shape == (100, 1)
    )
    assert y.mean() == pytest.approx(0.44)
    _, _, wide = source_data(factory=ActivationNetwork, hidden_size=8)
    assert isinstance(wide, ActivationNetwork) and wide.W1.shape == (2, 8)


@pytest.mark.parametrize("cls", [SimpleNeuralNetwork, MSENetwork, BCENetwork])
def test_both_losses_scores_each_epoch_on_both_losses(cls):
    """``both_losses`` trains as ``train``, noting MSE and BCE before each update."""
    run = both_losses(cls, epochs=300)
    assert isinstance(run, BothLosses) and len(run.mse) == len(run.bce) == 300
    reference = train(cls, epochs=300)
    own = run.mse if cls in (SimpleNeuralNetwork, MSENetwork) else run.bce
    assert own == reference.losses
    assert run.accuracy == reference.accuracy
    for p in PARAMS:
        np.testing.assert_array_equal(getattr(run.net, p), getattr(reference.net, p))
    X, y, net = source_data(factory=cls)
    assert run.mse[0] == pytest.approx(mse_loss(net.forward(X), y), rel=1e-15)
    assert run.bce[0] == pytest.approx(bce_loss(net.forward(X), y), rel=1e-15)


def test_both_losses_values_of_the_page():
    """1000 epochs: the source and BCENetwork end the same; MSENetwork lags on both."""
    runs = {
        cls: both_losses(cls) for cls in (SimpleNeuralNetwork, BCENetwork, MSENetwork)
    }
    assert runs[SimpleNeuralNetwork].mse == runs[BCENetwork].mse
    assert runs[SimpleNeuralNetwork].bce == runs[BCENetwork].bce
    assert runs[SimpleNeuralNetwork].mse[-1] == pytest.approx(
        0.03804126077305379, rel=1e-8
    )
    assert runs[SimpleNeuralNetwork].bce[-1] == pytest.approx(
        0.16940444904217408, rel=1e-8
    )
    assert runs[MSENetwork].mse[-1] == pytest.approx(0.1653568031469381, rel=1e-8)
    assert runs[MSENetwork].bce[-1] > 3 * runs[SimpleNeuralNetwork].bce[-1]
    assert [r.accuracy for r in runs.values()] == [0.99, 0.99, 0.82]


def test_sweep_is_train_per_pair():
    """``sweep`` is ``train(ActivationNetwork, ...)`` per (activation, size)."""
    results = sweep(hidden_sizes=(2, 4), activations=("sigmoid", "relu"), epochs=200)
    assert list(results) == [("sigmoid", 2), ("sigmoid", 4), ("relu", 2), ("relu", 4)]
    for (activation, hidden), r in results.items():
        reference = train(
            ActivationNetwork, hidden_size=hidden, activation=activation, epochs=200
        )
        assert r.losses == reference.losses and r.net.W1.shape == (2, hidden)
    # sigmoid with 4 hidden units is the source's run, scored in BCE; its hidden layer
    # uses bpdocs.layers' stable sigmoid, not the source's 1 / (1 + exp(-z)), so the two
    # agree to rounding (about 1e-16), not bit for bit
    np.testing.assert_allclose(
        results[("sigmoid", 4)].losses,
        both_losses(SimpleNeuralNetwork, epochs=200).bce,
        rtol=1e-13,
        atol=0,
    )


def test_sweep_on_the_page_two_relu_units_die():
    """The page's finding: 2 ReLU units die; the net predicts the majority class."""
    r = sweep(hidden_sizes=(2,), activations=("relu",))[("relu", 2)]
    X, y, _ = source_data()
    r.net.forward(X)
    assert (r.net.z1 > 0).sum() == 0
    assert r.accuracy == pytest.approx(1 - y.mean())
    base_rate = bce_loss(np.full_like(y, y.mean()), y)
    assert r.losses[-1] == pytest.approx(base_rate, rel=1e-6)


def test_decision_grid_is_the_net_on_the_grid():
    """``decision_grid`` is the net at each grid point, in meshgrid order."""
    run = run_source_example()
    net = run.net
    cached = net.a2.copy()
    x1, x2, p = decision_grid(net, lim=2.0, n=5)
    np.testing.assert_array_equal(x1, np.linspace(-2, 2, 5))
    np.testing.assert_array_equal(x2, x1)
    assert p.shape == (5, 5)
    for i in range(5):
        for j in range(5):
            assert p[i, j] == pytest.approx(
                copy.deepcopy(net).forward(np.array([[x1[j], x2[i]]]))[0, 0], rel=1e-12
            )
    np.testing.assert_array_equal(
        net.a2, cached
    )  # the cached forward pass is untouched
    # the trained net is above 0.5 on (1, 1), below on (-1, -1), as its predictions say
    _, _, p3 = decision_grid(net, lim=1.0, n=3)
    assert p3[2, 2] == pytest.approx(run.test_predictions[0, 0]) and p3[
        0, 0
    ] == pytest.approx(run.test_predictions[1, 0])
    assert p3[0, 2] == pytest.approx(run.test_predictions[2, 0])  # x1 = 1, x2 = -1


def test_page_helpers_bad_input():
    """Bad shapes and arguments raise ValueError naming the value."""
    net = MSENetwork(3, 4, 1)
    with pytest.raises(
        ValueError, match=r"2 inputs and 1 output; W1 has shape \(3, 4\)"
    ):
        decision_grid(net)
    _, _, good = source_data()
    with pytest.raises(ValueError, match="n must be an integer >= 2, got 1"):
        decision_grid(good, n=1)
    with pytest.raises(ValueError, match="lim must be positive, got -1"):
        decision_grid(good, lim=-1)
    with pytest.raises(
        ValueError, match="epochs must be a non-negative integer, got 2.5"
    ):
        both_losses(SimpleNeuralNetwork, epochs=2.5)
    with pytest.raises(ValueError, match="unknown activation 'gelu'"):
        sweep(activations=("gelu",), epochs=1)


def test_run_source_example_prints_what_the_script_prints():
    """In-process, ``run_source_example`` gives the script's printed text, exactly."""
    import contextlib
    import io
    import runpy

    printed = io.StringIO()
    state = np.random.get_state()  # the script seeds the global generator
    try:
        with contextlib.redirect_stdout(printed):
            runpy.run_module("bpdocs.examples.source_example", run_name="__main__")
    finally:
        np.random.set_state(state)
    assert run_source_example().text == printed.getvalue() == GOLDEN_OUTPUT


# ------------------------------------------- the fair comparison of the loss page

from bpdocs.network import RATES, confidently_wrong, rate_sweep, score_training  # noqa: E402


def test_score_training_scores_each_epoch_before_its_update():
    """MSE, BCE and accuracy of each epoch are those of the net before its update."""
    X, y, net = source_data(factory=MSENetwork)
    probe = copy.deepcopy(net)
    run = score_training(net, X, y, epochs=30, lr=0.5)
    assert len(run.mse) == len(run.bce) == len(run.accuracies) == 30
    for epoch in range(30):
        y_pred = probe.forward(X)
        assert run.mse[epoch] == mse_loss(y_pred, y)
        assert run.bce[epoch] == bce_loss(y_pred, y)
        assert run.accuracies[epoch] == np.mean((y_pred > 0.5) == y)
        probe.backward(X, y, learning_rate=0.5)
    for p in PARAMS:
        np.testing.assert_array_equal(getattr(run.net, p), getattr(probe, p))
    assert run.net is net
    assert run.accuracy == np.mean((probe.forward(X) > 0.5) == y)
    with pytest.raises(ValueError, match="epochs must be a non-negative integer"):
        score_training(net, X, y, epochs=-1)
    with pytest.raises(ValueError, match=r"y has shape \(100,\)"):
        score_training(net, X, y.ravel(), epochs=1)


def test_rate_sweep_is_a_fresh_run_per_rate():
    """``rate_sweep`` trains a fresh ``start(factory=...)`` net at each rate."""
    assert RATES == (0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6)
    runs = rate_sweep(BCENetwork, rates=(0.1, 0.4), epochs=50)
    assert list(runs) == [0.1, 0.4]
    for lr, run in runs.items():
        assert run.bce == both_losses(BCENetwork, epochs=50, lr=lr).bce
    wrong = rate_sweep(MSENetwork, rates=(0.2,), start=confidently_wrong, epochs=5)
    X, y, net = confidently_wrong(MSENetwork)
    assert wrong[0.2].mse == score_training(net, X, y, epochs=5, lr=0.2).mse


def test_confidently_wrong_turns_the_trained_output_around():
    """The trained net with W2, b2 times -scale: every output crosses 1/2."""
    trained = run_source_example().net
    X, y, net = confidently_wrong(BCENetwork, scale=3.0)
    assert type(net) is BCENetwork
    np.testing.assert_array_equal(net.W1, trained.W1)
    np.testing.assert_array_equal(net.b1, trained.b1)
    np.testing.assert_array_equal(net.W2, -3.0 * trained.W2)
    np.testing.assert_array_equal(net.b2, -3.0 * trained.b2)
    a2, before = net.forward(X), copy.deepcopy(trained).forward(X)
    assert np.all((a2 > 0.5) != (before > 0.5))
    assert np.all(np.abs(a2 - 0.5) > np.abs(before - 0.5))  # and surer, for scale > 1
    assert np.mean((a2 > 0.5) == y) == pytest.approx(0.01)
    # its weights are copies: training it leaves the next one alone
    net.W1 += 1
    np.testing.assert_array_equal(confidently_wrong(BCENetwork)[2].W1, trained.W1)
    with pytest.raises(ValueError, match="scale must be positive, got 0"):
        confidently_wrong(BCENetwork, scale=0)


def test_mse_output_delta_vanishes_on_saturated_wrong_samples():
    """Outputs wrong by more than 0.99: |dz2| is above 0.99 in BCE, below 0.02 in MSE.

    The MSE delta is the BCE delta times 2 a2 (1 - a2), sample by sample.
    """
    X, y, bce_net = confidently_wrong(BCENetwork)
    _, _, mse_net = confidently_wrong(MSENetwork)
    a2 = bce_net.forward(X)
    mse_net.forward(X)
    bce_delta, mse_delta = bce_net.output_delta(y), mse_net.output_delta(y)
    np.testing.assert_allclose(mse_delta, bce_delta * 2 * a2 * (1 - a2), rtol=1e-12)
    very_wrong = np.abs(a2 - y) > 0.99
    assert very_wrong.sum() == 68
    assert np.abs(bce_delta[very_wrong]).min() > 0.99
    assert np.abs(mse_delta[very_wrong]).max() < 0.02
