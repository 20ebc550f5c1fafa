"""The claims that docs/explorer.md makes, each checked by computing it."""

from __future__ import annotations

from hypothesis import assume, given, settings

from bpdocs.autodiff import topological_order
from bpdocs.explore import backward_steps, central_difference, columns
from bpdocs.parse import ParseError, parse
from tests.conftest import (
    claim,
    expressions,
    graph_signature,
    python_graph,
    variable_values,
)

PAGE = "explorer.md"


@settings(max_examples=60, deadline=None, derandomize=True)
@given(text=expressions(), values=variable_values())
def test_the_shares_add_up_to_backwards_grads_bit_for_bit(text, values):
    claim(PAGE, "the shares add up to the grads `backward()` gives, bit for bit")
    try:
        root = parse(text, values)
        steps = backward_steps(root)
    except (ParseError, ValueError):
        assume(False)
    summed = {}
    for _, _, x, _, _, after in steps:
        summed[x] = after
    root.backward()
    assert all(summed.get(n, 0.0) == n.grad for n in topological_order(root)[:-1])


def test_the_text_builds_the_graph_the_same_line_of_python_builds():
    claim(PAGE, "so `(3*x + 1)**2` builds the same graph as the same line of Python")
    values = {"x": 0.5}
    ours, theirs = parse("(3*x + 1)**2", values), python_graph("(3*x + 1)**2", values)
    assert graph_signature(ours) == graph_signature(theirs)


def test_each_node_stands_right_of_its_inputs():
    claim(PAGE, "a node stands to the right of every input it was computed from")
    root = parse("x = t**2; y = sin(t); f = x**2 + y**2", {"t": 0.6})
    nodes = topological_order(root)
    col = columns(nodes)
    assert all(col[x] < col[n] for n in nodes for x in n._prev)


def test_the_reused_node_closed_form_against_a_central_difference():
    claim(PAGE, r"$c = (2a)^2 = 4a^2$, so $\frac{dc}{da} = 8a = 12$ at $a = 1.5$")
    text = "b = a + a; c = b * b"
    for a in (-2.0, 0.3, 1.5, 4.0):
        c = parse(text, {"a": a})
        c.backward()
        leaf = topological_order(c)[0]
        assert leaf.grad == 8 * a
        assert abs(central_difference(text, {"a": a}, "a") - 8 * a) < 1e-6
    assert 8 * 1.5 == 12
