"""The comparisons on docs/pytorch.md, each computed.

PyTorch's side of the page (it adds up gradients; its step leaves bpdocs' weights) is
checked where PyTorch is installed, by ``make bench``
(``bench.run.check_pytorch_page``); here that check itself is held to the sentences.
"""

from __future__ import annotations

import numpy as np

from bench import run as bench
from bpdocs.autodiff import topological_order
from bpdocs.examples.pytorch import (
    bpdocs_step,
    layer_gradients,
    small_network,
    value_loss,
)
from bpdocs.figures.pytorch import graph_nodes
from tests.conftest import claim, fake_pytorch_page

PAGE = "pytorch.md"


def test_the_graph_of_scalars_grows_linearly_and_the_layers_stay():
    claim(
        PAGE,
        "the graph of scalars grows linearly with the number of rows, and linearly "
        "with the hidden width; the array layers' graph stays at its three layers "
        "and the loss",
    )
    by_rows = [graph_nodes(3, m) for m in range(1, 9)]
    by_width = [graph_nodes(h, 4) for h in range(1, 9)]
    for counts in (by_rows, by_width):
        nodes = np.array([c[0] for c in counts])
        steps = np.diff(nodes)
        assert (steps > 0).all() and len(set(steps.tolist())) == 1  # a straight line
        assert {c[1] for c in counts} == {4}
    assert [c[0] for c in by_rows] == [27 * m + 17 for m in range(1, 9)]
    assert [c[0] for c in by_width] == [32 * h + 29 for h in range(1, 9)]


def test_the_graph_has_many_more_nodes_than_the_network_has_parameters():
    claim(PAGE, "has many more nodes than the network has parameters")
    net, X, T = small_network()
    params = sum(p.size for _, p, _ in net.params())
    assert len(topological_order(value_loss(net, X, T)[0])) > 5 * (params + X.size)


def test_value_backward_twice_gives_the_same_and_a_sum_of_losses_adds():
    claim(PAGE, "calling it twice gives the same gradients twice")
    claim(PAGE, "add the losses and call `backward()` once on the sum")
    net, X, T = small_network()
    loss, leaves = value_loss(net, X, T)
    loss.backward()
    first = [[w.grad for w in row] for row in leaves["0.W"]]
    loss.backward()
    assert [[w.grad for w in row] for row in leaves["0.W"]] == first
    (loss + loss).backward()
    assert [[w.grad for w in row] for row in leaves["0.W"]] == [
        [2 * g for g in row] for row in first
    ]


def test_pytorch_adds_up_and_its_step_matches_as_the_check_demands():
    claim(
        PAGE,
        "after two backward passes without `zero_grad()` in between, a weight's "
        "`.grad` holds the sum of both gradients, twice the one above",
    )
    claim(PAGE, "leaves the same weights as `bpdocs_step`")
    # the check that make bench runs on the page's PyTorch code passes a PyTorch that
    # adds up and steps as bpdocs does, and fails one that resets or steps otherwise
    assert not bench.page_failures(bench.check_pytorch_page(fake_pytorch_page()))

    def resetting(net, X, T):
        g = layer_gradients(net, X, T)["0.W"]
        return [g, g]

    def step_and_a_half(net, X, T, lr):
        return bpdocs_step(net, X, T, 1.5 * lr)

    for fake, what in (
        (fake_pytorch_page(torch_backward_twice=resetting), "after two, against twice"),
        (fake_pytorch_page(torch_step=step_and_a_half), "weights after one step"),
    ):
        failures = bench.page_failures(bench.check_pytorch_page(fake))
        assert any(f.startswith(what + ": ") for f in failures)
