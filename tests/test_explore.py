"""bpdocs.explore: the stepped backward pass, the layout and what the page is given."""

import json
import math

from hypothesis import assume, given, settings

from bpdocs.autodiff import topological_order
from bpdocs.explore import backward_steps, central_difference, columns, explore
from bpdocs.parse import ParseError, parse
from tests.conftest import expressions, variable_values


def test_a_reused_node_receives_two_shares():
    c = parse("b = a + a; c = b * b", {"a": 1.5})
    steps = [
        (r.label, slot, x.label, local, before, after)
        for r, slot, x, local, before, after in backward_steps(c)
    ]
    assert steps == [
        ("c", 0, "b", 3.0, 0.0, 3.0),  # dc/db = b, once per use of b
        ("c", 1, "b", 3.0, 3.0, 6.0),
        ("b", 0, "a", 1.0, 0.0, 6.0),  # db/da = 1, once per use of a
        ("b", 1, "a", 1.0, 6.0, 12.0),
    ]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(text=expressions(), values=variable_values())
def test_the_steps_add_up_to_backward(text, values):
    try:
        root = parse(text, values)
        steps = backward_steps(root)  # it checks its grads against backward() itself
    except (ParseError, ValueError):
        assume(False)
    grads = {}
    for result, _, x, local, before, after in steps:
        assert before == grads.get(x, 0.0)
        assert after == before + local * result.grad
        grads[x] = after
    root.backward()
    for node in topological_order(root):
        if node is not root:
            assert grads.get(node, 0.0) == node.grad


def test_columns_run_left_to_right():
    root = parse("f = 2*(x*y + max(x, w))", {"x": 3.0, "y": -4.0, "w": 2.0})
    nodes = topological_order(root)
    col = columns(nodes)
    for node in nodes:
        for x in node._prev:
            assert col[x] < col[node]
    assert {col[n] for n in nodes if n.label in ("x", "y", "w")} == {0}
    assert col[root] == max(col.values())


def test_explore_gives_the_page_every_number_as_repr():
    out = json.loads(json.dumps(explore("f = x*y + sin(x)", "x = 1, y = 2")))
    f = out["nodes"][out["root"]]
    assert (f["label"], f["op"], f["data"], f["grad"]) == (
        "f",
        "+",
        repr(2 + math.sin(1)),
        "1.0",
    )
    checks = {c["name"]: c for c in out["checks"]}
    assert checks["x"]["grad"] == repr(2 + math.cos(1)) and checks["y"]["grad"] == "1.0"
    for c in checks.values():
        assert abs(float(c["numeric"]) - float(c["grad"])) < 1e-8
    assert len(out["steps"]) == 5 and out["edges"] == [
        [0, 2],
        [1, 2],
        [0, 3],
        [2, 4],
        [3, 4],
    ]


def test_central_difference_parses_again_at_each_side():
    text, values = "(3*x + 1)**2", {"x": 0.5}
    assert abs(central_difference(text, values, "x") - 15.0) < 1e-8
    assert values == {"x": 0.5}


def test_explore_names_the_error_and_where():
    assert explore("x + q", "x = 1") == {
        "error": "unknown name 'q' at character 5",
        "field": "expression",
        "position": 4,
    }
    assert explore("x", "x = one")["field"] == "values"
    assert explore("x**0.5", "x = 0") == {
        "error": "**0.5 has no finite derivative at 0.0",
        "field": "expression",
    }
    near = explore("log(x)", "x = 1e-5")
    assert "undefined" not in near["checks"][0]["numeric"]
    edge = explore("log(x)", "x = 1e-7")  # x - h is negative: no central difference
    assert edge["checks"][0]["numeric"].startswith("undefined: log is only defined")
