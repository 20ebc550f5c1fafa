"""The implementation pages: figures plot bpdocs' values; the listing is the source's.

Each figure's parts are found by gid or label, never by position.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from bpdocs.figures import FIGURES
from bpdocs.figures import implementation as fig_impl
from bpdocs.network import (
    BCENetwork,
    MSENetwork,
    bce_loss,
    both_losses,
    decision_grid,
    run_source_example,
    source_data,
    train,
)
from tests.conftest import by_gid, source_markdown
from tests.snippets.harness import PageParser

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "implementation.md"
#: The implementation section's pages: the network, then its backward against its loss.
PAGES = [PAGE, ROOT / "docs" / "implementation-loss.md"]


def pages_text() -> str:
    """The text of the implementation section's pages, one after the other."""
    return "\n".join(p.read_text("utf8") for p in PAGES)


@pytest.fixture(scope="module")
def source_run():
    return run_source_example()


@pytest.fixture(scope="module")
def page_fences():
    return PageParser(ROOT).fences(PAGE.read_text("utf8"))


def test_figures_are_registered_and_shown_on_the_page():
    page = pages_text()
    for name, fn in fig_impl.FIGURES.items():
        assert FIGURES[name] is fn
        assert f"](figures/{name}.svg)" in page, (
            f"{name} is not shown on the implementation pages"
        )


def test_loss_curve_is_the_source_run(source_run):
    fig = fig_impl.source_loss_curve()
    curve, marks = by_gid(fig, "loss"), by_gid(fig, "printed")
    assert curve.get_ydata()[0] == 0.25096935877526344
    np.testing.assert_array_equal(curve.get_ydata(), source_run.losses)
    np.testing.assert_array_equal(curve.get_xdata(), np.arange(1000))
    # the marked epochs are the ones the text prints, with the values it prints
    np.testing.assert_array_equal(marks.get_xdata(), np.arange(0, 1000, 100))
    printed = [float(v) for v in re.findall(r"Loss: ([0-9.]+)", source_run.text)]
    np.testing.assert_allclose(marks.get_ydata(), printed, atol=5e-7)


def test_decision_boundary_is_the_trained_net_over_the_plane(source_run):
    fig = fig_impl.decision_boundary(lim=3.0, n=41)
    x1, x2, p = decision_grid(source_run.net, 3.0, 41)
    # the filled contours and the 0.5 contour: drawn from the net's output on the grid
    filled, boundary = by_gid(fig, "output"), by_gid(fig, "learned-boundary")
    np.testing.assert_array_equal(filled.levels, np.linspace(0, 1, 11))
    np.testing.assert_array_equal(boundary.levels, [0.5])
    X1, X2 = np.meshgrid(x1, x2)
    np.testing.assert_allclose(
        p.ravel(),
        source_run.net.forward(np.column_stack([X1.ravel(), X2.ravel()]))[:, 0],
        rtol=1e-12,
    )
    # every vertex of the 0.5 contour is where the net's output is 0.5 (to the grid's
    # interpolation)
    vertices = np.vstack([path.vertices for path in boundary.get_paths()])
    at_vertices = source_run.net.forward(vertices)[:, 0]
    assert np.abs(at_vertices - 0.5).max() < 0.02
    # the true boundary x1 + x2 = 0
    true_line = by_gid(fig, "true-boundary")
    np.testing.assert_array_equal(
        np.add(true_line.get_xdata(), true_line.get_ydata()), [0, 0]
    )
    # the 100 training points, by class, then the three test inputs
    X, y, _ = source_data()
    ones, zeros, tests = (
        by_gid(fig, gid).get_offsets() for gid in ("class-1", "class-0", "test-inputs")
    )
    np.testing.assert_array_equal(ones, X[y[:, 0] == 1])
    np.testing.assert_array_equal(zeros, X[y[:, 0] == 0])
    np.testing.assert_array_equal(tests, [[1, 1], [-1, -1], [1, -1]])
    labels = [by_gid(fig, f"prediction-{i}").get_text() for i in range(3)]
    assert (
        labels
        == [f"{v:.4f}" for v in source_run.test_predictions[:, 0]]
        == ["0.9396", "0.0218", "0.4191"]
    )


def test_decision_boundary_filled_contours_match_the_grid(source_run):
    """The filled contours' regions hold the net's output, at the grid's own points."""
    x1, x2, p = decision_grid(source_run.net, 3.0, 121)
    assert p.shape == (121, 121)
    assert p[0, 0] < 0.05 and p[-1, -1] > 0.95  # (-3, -3) is class 0, (3, 3) is class 1
    agree = (p > 0.5) == (np.add.outer(x2, x1) > 0)
    assert 0.95 < agree.mean() < 1


def test_tip_sweep_plots_each_training():
    sizes, activations = (2, 16), ("tanh", "relu")
    fig = fig_impl.tip_sweep(sizes, activations)
    _, y, _ = source_data()
    base_rate = bce_loss(np.full_like(y, y.mean()), y)
    for activation in activations:
        ax = by_gid(fig, f"panel-{activation}")
        assert ax.get_title() == f"hidden activation: {activation}"
        for h in sizes:
            line = by_gid(fig, f"{activation}-{h}")
            assert line.axes is ax and line.get_label() == f"{h} hidden units"
            r = train(hidden_size=h, activation=activation)
            np.testing.assert_array_equal(line.get_ydata(), r.losses)
        base = by_gid(fig, f"base-rate-{activation}")
        np.testing.assert_allclose(base.get_ydata(), [base_rate, base_rate])
    # the two ReLU units that die end on the line of a net that ignores its input
    dead = by_gid(fig, "relu-2").get_ydata()[-1]
    assert dead == pytest.approx(base_rate, rel=1e-6)
    assert [t.get_text() for t in by_gid(fig, "legend").get_texts()] == [
        "2 hidden units",
        "16 hidden units",
        "a net that ignores its input",
    ]
    with pytest.raises(ValueError, match="at most 4 hidden sizes fit one panel, got 5"):
        fig_impl.tip_sweep((1, 2, 3, 4, 5))


def test_tip_sweep_default_has_twelve_curves():
    fig = fig_impl.tip_sweep()
    for a in ("sigmoid", "tanh", "relu"):
        ax = by_gid(fig, f"panel-{a}")
        assert ax.get_title() == f"hidden activation: {a}"
        assert len(ax.lines) == 5  # 4 sizes and the base-rate line
        for h in (2, 4, 8, 16):
            assert by_gid(fig, f"{a}-{h}").axes is ax
    # the source's own run, in BCE, to rounding: the hidden sigmoid of the sweep is
    # bpdocs.layers' stable one, the source's is 1 / (1 + exp(-z))
    np.testing.assert_allclose(
        by_gid(fig, "sigmoid-4").get_ydata(), train(BCENetwork).losses, rtol=1e-13
    )


def test_corrected_losses_compares_the_three_networks(source_run):
    fig = fig_impl.corrected_losses()
    nets = ("SimpleNeuralNetwork", "BCENetwork", "MSENetwork", "MSENetwork-twice")
    text_mse, bce_mse, mse_mse, twice_mse = (
        by_gid(fig, f"mse-{n}").get_ydata() for n in nets
    )
    text_bce, bce_bce, mse_bce, twice_bce = (
        by_gid(fig, f"bce-{n}").get_ydata() for n in nets
    )
    for n in nets:
        assert by_gid(fig, f"mse-{n}").axes is by_gid(fig, "mse")
        assert by_gid(fig, f"bce-{n}").axes is by_gid(fig, "bce")
    assert text_mse[0] == 0.25096935877526344
    np.testing.assert_array_equal(text_mse, source_run.losses)
    np.testing.assert_array_equal(mse_mse, train(MSENetwork).losses)
    np.testing.assert_array_equal(bce_bce, train(BCENetwork).losses)
    np.testing.assert_array_equal(twice_mse, train(MSENetwork, lr=0.2).losses)
    twice = both_losses(MSENetwork, lr=0.2)
    np.testing.assert_array_equal(twice_bce, twice.bce)
    # the text's network and BCENetwork take the same steps: identical on both losses
    np.testing.assert_array_equal(text_mse, bce_mse)
    np.testing.assert_array_equal(text_bce, bce_bce)
    assert bce_bce[0] == pytest.approx(0.6950860517725911, rel=1e-12)
    # at 0.1, MSENetwork ends far behind; at 0.2 it follows the text's curves for the
    # first 200 epochs, then ends above them, but far below its own run at 0.1
    assert mse_mse[-1] > 4 * text_mse[-1] and mse_bce[-1] > 3 * text_bce[-1]
    assert np.abs(twice_mse[:201] - text_mse[:201]).max() < 1e-3
    assert np.abs(twice_bce[:201] - text_bce[:201]).max() < 1e-3
    assert text_mse[-1] < twice_mse[-1] < mse_mse[-1] / 3
    assert text_bce[-1] < twice_bce[-1] < mse_bce[-1] / 2
    labels = [by_gid(fig, f"bce-{n}").get_label() for n in nets]
    assert [label.split(",")[0] for label in labels] == [
        "the text's network",
        "BCENetwork",
        "MSENetwork",
        "MSENetwork",
    ]
    assert [label.split(",")[1].split("(")[0].strip() for label in labels] == [
        "η = 0.1",
        "η = 0.1",
        "η = 0.1",
        "η = 0.2",
    ]
    assert [t.get_text() for t in by_gid(fig, "legend").get_texts()] == labels
    # the page's alt text tells the same story
    page = (ROOT / "docs" / "implementation-loss.md").read_text("utf8")
    assert "MSENetwork at 0.2 follows the first two curves for about 200 epochs" in page


# ------------------------------------------------------------ the page's source listing


def test_page_listing_is_the_source_block_verbatim(page_fences):
    """The page's first Python fence, includes expanded, is the source's code block.

    Byte for byte, except that pymdownx.snippets (in the build and in the snippet runner
    alike) empties the source's whitespace-only lines, which hold four invisible spaces.
    """
    text = source_markdown().read_text("utf8")
    blocks = [
        b
        for b in re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)
        if "class SimpleNeuralNetwork" in b
    ]
    assert len(blocks) == 1
    first = next(f for f in page_fences if f.lang == "python")

    def rstripped(text):
        return [line.rstrip() for line in text.split("\n")]

    assert rstripped(first.content) == rstripped(blocks[0])
    assert "notest" not in first.options and "continuation" not in first.options


def test_page_line_references_point_at_the_right_lines(page_fences):
    """The line numbers the page's annotations cite hold the code they describe."""
    lines = next(f for f in page_fences if f.lang == "python").content.split("\n")

    def line(n):
        return lines[n - 1].strip()

    assert line(29) == "dz2 = self.a2 - y  # dL/da2 * da2/dz2"
    assert line(33).startswith(
        "dz1 = (dz2 @ self.W2.T) * self.sigmoid_derivative(self.a1)"
    )
    assert line(26).startswith("def backward") and line(35).startswith("db1 =")
    assert line(30).startswith("dW2 =") and line(31).startswith("db2 =")
    assert line(34).startswith("dW1 =")
    assert [line(n).split()[0] for n in range(37, 41)] == [
        "self.W2",
        "self.b2",
        "self.W1",
        "self.b1",
    ]
    assert line(57).startswith("for epoch in range(epochs)") and line(62).startswith(
        'print(f"Epoch'
    )
    assert (
        line(14).startswith("def sigmoid_derivative")
        and line(16) == "return x * (1 - x)"
    )
    assert 'hl_lines="29 33"' in PAGE.read_text(
        "utf8"
    ) and 'linenums="1"' in PAGE.read_text("utf8")
    page = pages_text()
    for cited in (
        "lines 26–35",
        "lines 30–31",
        "lines 34–35",
        "lines 37–40",
        "lines 57–62",
        "lines 14–16",
        "(line 29 of the",
        "(line 33)",
        "Lines 29 and 33",
    ):
        assert cited in page, cited


def test_page_tip_and_warning_are_admonitions():
    """The text's tip is quoted as a tip; the loss page warns in one line, then argues.

    Its argument is plain sections, not a warning box.
    """
    page = pages_text()
    tip = "Try changing the network size or activation function to see how learning"
    assert f"!!! tip\n    {tip} changes!" in page
    loss_page = (ROOT / "docs" / "implementation-loss.md").read_text("utf8")
    warnings = re.findall(r"^!!! warning\n((?:    .*\n)+)", loss_page, re.M)
    assert len(warnings) == 1 and warnings[0].count("\n") == 1, warnings
    assert "descends the binary cross-entropy" in warnings[0]
    assert len(re.findall(r"^(?:!!!|\?\?\?)", loss_page, re.M)) == 1
    assert "](implementation-notebook.ipynb)" in page
    for p in PAGES:
        assert p.read_text("utf8").rstrip().endswith("{ .md-button }"), p
