"""The comparisons on docs/summary.md, each computed; its links; the Next buttons."""

from __future__ import annotations

import re

import numpy as np
import pytest

from bpdocs.examples.depth import run_depth
from bpdocs.examples.twolayer import measure_cost
from bpdocs.layers import sigmoid_prime
from tests.conftest import ROOT, claim

PAGE = "summary.md"


def nav_pages() -> list[str]:
    """The pages of mkdocs.yml's nav, in reading order."""
    nav = (ROOT / "mkdocs.yml").read_text("utf8").split("\nnav:\n", 1)[1]
    return re.findall(r"(\S+\.(?:md|ipynb))\s*$", nav, re.M)


def test_the_gradient_thirty_layers_deep_is_on_the_previous_page():
    claim(
        PAGE,
        "the gradient thirty layers deep on the "
        "[previous page](vanishing-gradients.md)",
    )
    pages = nav_pages()
    assert pages[pages.index("summary.md") - 1] == "vanishing-gradients.md"
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
