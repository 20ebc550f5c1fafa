"""The comparisons on docs/summary.md, each computed; its links; the Next buttons."""

from __future__ import annotations

import re

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad, jacobian

from bpdocs.checkpoint import sqrt_schedule
from bpdocs.examples.depth import run_depth
from bpdocs.examples.memory import measure
from bpdocs.examples.pytorch import small_network, vjp_gradients
from bpdocs.examples.twolayer import measure_cost
from bpdocs.gradcheck import relative_error
from bpdocs.layers import SoftmaxCrossEntropyLoss, sigmoid_prime, softmax
from bpdocs.modes import jacobian_forward, jacobian_reverse, jvp, mlp, vjp
from tests.conftest import ROOT, claim

PAGE = "summary.md"


def nav_pages() -> list[str]:
    """The pages of mkdocs.yml's nav, in reading order."""
    nav = (ROOT / "mkdocs.yml").read_text("utf8").split("\nnav:\n", 1)[1]
    return re.findall(r"(\S+\.(?:md|ipynb))\s*$", nav, re.M)


def test_the_gradient_thirty_layers_deep_is_on_the_vanishing_gradients_page():
    claim(
        PAGE,
        "the gradient thirty layers deep on "
        "[vanishing gradients](vanishing-gradients.md)",
    )
    pages = nav_pages()
    assert pages.index("vanishing-gradients.md") < pages.index("summary.md")
    assert len(run_depth("sigmoid").norms) == 30  # that page's nets are 30 layers deep


def test_backward_costs_a_fixed_multiple_of_forward_numerical_two_passes_per_param():
    claim(PAGE, "at a fixed multiple of the work of one forward pass")
    claim(
        PAGE,
        "nudging the parameters one at a time takes two forward passes per parameter",
    )
    costs = [measure_cost(width) for width in (1, 2, 4, 8)]
    ratios = {c.backward / c.forward for c in costs}
    assert len(ratios) == 1  # the same multiple at every width
    for c in costs:
        assert c.numerical_calls == 2 * c.params
    # so the gap widens with the network: 2P forward passes against a constant
    assert [c.numerical / c.backward for c in costs] == sorted(
        c.numerical / c.backward for c in costs
    )
    assert costs[-1].numerical > 100 * costs[-1].backward


def test_a_deep_sigmoid_gradient_vanishes_and_he_init_keeps_relu_alive():
    claim(PAGE, "why the gradient of a deep sigmoid network vanishes")
    claim(PAGE, "how He initialisation keeps a deep ReLU network's gradient alive")
    sigmoid = run_depth("sigmoid")  # W ~ N(0, 1/width)
    standard = run_depth("relu")
    he = run_depth("relu", gain=np.sqrt(2.0))  # He init: twice the variance
    # from layer 30 (the output end) to layer 1
    assert sigmoid.norms[0] < 1e-15 * sigmoid.norms[-1]
    assert he.norms[0] > 0.1 * he.norms[-1]  # within an order of magnitude
    assert he.norms[0] > 1000 * standard.norms[0]


def test_the_sigmoid_derivative_is_at_most_a_quarter_and_largest_at_zero():
    claim(PAGE, "\\le \\frac14$, largest at $z = 0$")
    z = np.linspace(-10, 10, 20_001)
    d = sigmoid_prime(z)
    assert d.max() <= 0.25
    assert z[np.argmax(d)] == 0.0
    assert sigmoid_prime(0.0) == 0.25


def test_checkpointing_is_least_near_sqrt_n_and_plain_holds_b_w_n_plus_one():
    claim(PAGE, "plain: $B \\cdot w \\cdot (n + 1)$ floats for batch $B$, width $w$")
    claim(PAGE, "least at $k = \\sqrt n$, where it is $2\\sqrt n$")
    ks = np.linspace(1, 64, 6301)
    f = 64 / ks + ks
    assert ks[np.argmin(f)] == pytest.approx(8) and f.min() == pytest.approx(16)
    assert measure(32).counts.peak_floats == 8 * 16 * 65
    sqrt_peak = measure(32, sqrt_schedule(64)).counts.peak_floats // 128
    assert sqrt_peak == 16 == 2 * np.sqrt(64)


def test_every_row_of_the_cheat_sheet_links_to_a_page_of_the_site():
    text = (ROOT / "docs" / PAGE).read_text("utf8")
    sheet = text.split("## Cheat sheet", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in sheet.splitlines() if line.startswith("| ")][1:]
    assert len(rows) >= 15
    for row in rows:
        links = re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", row.split(" | ")[-1])
        assert links, f"a row of the sheet links nowhere: {row[:60]}"
        for link in links:
            assert (ROOT / "docs" / link).is_file(), f"{link} is not a page"


@pytest.mark.parametrize(
    "page",
    [
        "chain-rule.md",
        "multivariable.md",
        "autodiff.md",
        "autodiff-examples.md",
        "softmax.md",
        "broadcasting.md",
        "gradient-checking.md",
        "gradient-checking-practice.md",
        "broken-backward-passes.md",
        "vanishing-gradients.md",
        "pytorch.md",
        "explorer.md",
        PAGE,
    ],
)
def test_the_next_button_goes_to_the_next_page_of_the_reading_order(page):
    pages = nav_pages()
    following = pages[pages.index(page) + 1]
    buttons = re.findall(
        r"\[Next: [^\]]*\]\(([^)]+)\)\{ \.md-button \}",
        (ROOT / "docs" / page).read_text("utf8"),
    )
    assert buttons == [following], f"{page}: Next goes to {buttons}, not {following}"


# ------------------------------------------ the sheet's formulas, against autograd


def sheet_row(what: str) -> str:
    """The row of the cheat sheet whose first cell starts with ``what``."""
    text = (ROOT / "docs" / PAGE).read_text("utf8")
    rows = [line for line in text.splitlines() if line.startswith(f"| {what}")]
    assert len(rows) == 1, f"{len(rows)} rows of the sheet start with {what!r}"
    return rows[0]


def test_the_forward_and_reverse_mode_row_against_autograds_jacobian():
    row = sheet_row("forward and reverse mode")
    assert "one pass gives $J v$ (forward) or $u^\\top J$ (reverse)" in row
    assert "the whole Jacobian takes $n$ forward or $m$ reverse passes" in row
    rng = np.random.default_rng(11)
    for n, m in [(3, 2), (1, 4), (5, 1)]:
        net = mlp(n, m, hidden=4, seed=n)
        W = [layer.W for layer in net.layers[::2]]
        b = [layer.b for layer in net.layers[::2]]

        def F(x, W=W, b=b):  # the same net in autograd.numpy, on one row
            for k in range(len(W)):
                x = x @ W[k] + b[k]
                x = anp.tanh(x) if k < len(W) - 1 else x
            return x

        x = rng.standard_normal(n)
        J = jacobian(F)(x)  # m x n
        v, u = rng.standard_normal(n), rng.standard_normal(m)
        _, Jv = jvp(net, x[None], v[None])
        _, uJ = vjp(net, x[None], u[None])
        np.testing.assert_allclose(Jv[0], J @ v, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(uJ[0], u @ J, rtol=1e-12, atol=1e-14)
        (J_fwd, fwd), (J_rev, rev) = (
            jacobian_forward(net, x[None]),
            jacobian_reverse(net, x[None]),
        )
        assert (fwd, rev) == (n, m)
        np.testing.assert_allclose(J_fwd, J, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(J_rev, J, rtol=1e-12, atol=1e-14)


def test_the_softmax_row_against_autograd():
    row = sheet_row("softmax and cross-entropy")
    assert "\\operatorname{diag}(p) - p\\,p^\\top" in row and "= p - y$" in row
    rng = np.random.default_rng(12)
    for k in (2, 3, 5):
        z = rng.normal(scale=2, size=k)
        y = np.eye(k)[rng.integers(k)]
        p = softmax(z)

        def ce(z, y=y):
            return -anp.sum(y * (z - anp.log(anp.sum(anp.exp(z)))))

        J = jacobian(lambda z: anp.exp(z) / anp.sum(anp.exp(z)))(z)
        np.testing.assert_allclose(np.diag(p) - np.outer(p, p), J, atol=1e-15)
        np.testing.assert_allclose(p - y, grad(ce)(z), atol=1e-15)
        loss = SoftmaxCrossEntropyLoss()
        loss.forward(z[None], y[None])
        np.testing.assert_allclose(loss.backward()[0], grad(ce)(z), atol=1e-15)


def test_the_vjp_row_against_autograd():
    row = sheet_row("backward as one VJP per layer")
    for formula in (
        "u = \\frac{\\partial L}{\\partial Y} = \\frac{2}{N}(Y - T)$",
        "$\\bar W = X^\\top u$, $\\bar b = \\mathbf{1}^\\top u$",
        "$u \\leftarrow u\\, W^\\top$ (linear) or $u \\odot f'(X)$ (activation)",
    ):
        assert formula in row
    claim(PAGE, "PyTorch's `backward()` adds into `.grad`, bpdocs' sets it")
    for hidden, rows, seed in [(3, 4, 0), (4, 2, 5)]:
        net, X, T = small_network(hidden, rows, seed)
        Y = net.forward(X)
        u = 2.0 * (Y - T) / Y.size
        np.testing.assert_allclose(
            u, grad(lambda Y_, T=T: anp.mean((Y_ - T) ** 2))(Y), rtol=1e-14
        )

        def loss(args, X=X, T=T):
            W1, b1, W2, b2, X_ = args
            return anp.mean((anp.tanh(X_ @ W1 + b1) @ W2 + b2 - T) ** 2)

        params = [p for _, p, _ in net.params()]
        expected = grad(loss)([*params, X])
        got = vjp_gradients(net, X, T)
        for name, want in zip(["0.W", "0.b", "2.W", "2.b", "X"], expected, strict=True):
            np.testing.assert_allclose(got[name], want, rtol=1e-12, atol=1e-15)


def test_the_broken_backward_pass_row_against_gradchecks_relative_error():
    row = sheet_row("a backward pass off by a factor")
    assert "the relative error is $1 - \\frac{1}{c}$, or above 1 where" in row
    rng = np.random.default_rng(5)
    n = rng.standard_normal(50)
    for c in (1.5, 2.0, 4.0, 10.0):
        err = relative_error(c * n, n, floor=1e-300)
        np.testing.assert_allclose(err, 1 - 1 / c)
    a = rng.standard_normal(1000)
    assert np.array_equal(relative_error(a, n[0], floor=1e-300) > 1, a * n[0] < 0)
