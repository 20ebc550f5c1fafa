"""The graph explorer's Python side: a typed expression, its graph and every step.

The explorer page runs this module, with `bpdocs.autodiff` and `bpdocs.parse`, in the
reader's browser (MicroPython). It parses the reader's text, runs the forward pass, then
the engine's own backward rules one node at a time, keeping each `+=` apart, so a node
used twice shows both of the shares it receives. The page's script only draws what
`explore` returns. Numbers travel as `repr` strings, so nothing is rounded on the way.
"""

import json

from bpdocs.autodiff import trace
from bpdocs.parse import ParseError, parse, parse_values

H = 1e-6  # the step of the central difference, as bpdocs.gradcheck uses


# --8<-- [start:shares]
class _Shares:
    """Stands in for an input's `.grad` while one rule runs, keeping each `+=` apart."""

    def __init__(self):
        """No share yet."""
        self.added = []

    def __iadd__(self, share):
        """Keep `share`, the amount the rule adds, instead of adding it."""
        self.added.append(share)
        return self


def _run_rule(node, inputs):
    """Run `node._backward()` once; return each input's list of shares, in order."""
    saved = [x.grad for x in inputs]
    for x in inputs:
        x.grad = _Shares()
    node._backward()
    shares = [x.grad.added for x in inputs]
    for i, x in enumerate(inputs):
        x.grad = saved[i]
    return shares


# --8<-- [end:shares]


# --8<-- [start:steps]
def backward_steps(root):
    """`root.backward()`, one `+=` at a time, each step a tuple of six.

    A step is `(result, slot, input, local, before, after)`: the input's grad goes
    from `before` to `after`, growing by ``local * result.grad``. Each rule is the
    engine's own, run with the result's grad set to 1 (for `local`) and then to its
    true value. At the end the grads must equal those `root.backward()` gives.
    """
    nodes, _ = trace(root)
    for node in nodes:
        node.grad = 0.0
    root.grad = 1.0
    steps = []
    for node in reversed(nodes):  # the engine's order: results before their inputs
        inputs = []
        for x in node._prev:
            if x not in inputs:
                inputs.append(x)
        if not inputs:
            continue
        upstream = node.grad
        node.grad = 1.0
        try:
            local = _run_rule(node, inputs)
        except (ValueError, ZeroDivisionError, OverflowError):
            at = ", ".join([repr(x.data) for x in node._prev])
            raise ValueError(f"{node._op} has no finite derivative at {at}") from None
        node.grad = upstream
        added = _run_rule(node, inputs)
        for slot, x in enumerate(node._prev):
            k = inputs.index(x)
            before = x.grad
            x.grad = before + added[k].pop(0)
            steps.append((node, slot, x, local[k].pop(0), before, x.grad))
    stepped = [node.grad for node in nodes]
    root.backward()
    if stepped != [node.grad for node in nodes]:
        raise RuntimeError("the stepped backward pass differs from backward()")
    return steps


# --8<-- [end:steps]


def columns(nodes):
    """A column for each node, left to right: one past the furthest of its inputs."""
    col = {}
    for node in nodes:  # inputs come first
        col[node] = 1 + max([col[x] for x in node._prev] or [-1])
    for node in reversed(nodes):  # a constant sits just left of its first use
        users = [col[u] for u in nodes if node in u._prev]
        if not node._prev and not node.label and users:
            col[node] = min(users) - 1
    return col


def central_difference(text, values, name, h=H):
    r"""$\frac{f(x+h) - f(x-h)}{2h}$ in the variable `name`, `text` parsed again."""
    up, down = dict(values), dict(values)
    up[name] += h
    down[name] -= h
    return (parse(text, up).data - parse(text, down).data) / (2 * h)


def _grad_is_finite(node):
    """Raise an error naming the node if its gradient is not a finite number."""
    if node.grad - node.grad != 0.0:
        what = node.label or node._op
        raise ValueError(f"the gradient at {what} ({node.data!r}) is {node.grad!r}")


def explore(text, values_text):
    """Everything the explorer draws for `text` at `values_text`, or the error."""
    try:
        values = parse_values(values_text)
    except ParseError as e:
        return {"error": str(e), "field": "values", "position": e.position}
    try:
        root = parse(text, values)
        steps = backward_steps(root)
    except ParseError as e:
        return {"error": str(e), "field": "expression", "position": e.position}
    except (ValueError, ZeroDivisionError, OverflowError) as e:
        return {"error": str(e), "field": "expression"}
    nodes, edges = trace(root)
    for node in nodes:
        try:
            _grad_is_finite(node)
        except ValueError as e:
            return {"error": str(e), "field": "expression"}
    index = {node: i for i, node in enumerate(nodes)}
    col = columns(nodes)
    out = {
        "nodes": [_node(n, index, col) for n in nodes],
        "edges": [[index[a], index[b]] for a, b in edges],
        "steps": [_step(s, index) for s in steps],
        "root": index[root],
        "checks": [],
    }
    for name in sorted(values):
        leaf = [n for n in nodes if n.label == name and not n._prev]
        try:
            numeric = repr(central_difference(text, values, name))
        except (ParseError, ValueError) as e:
            numeric = f"undefined: {e}"
        grad = leaf[0].grad if leaf else 0.0
        check = {"name": name, "grad": repr(grad), "numeric": numeric, "difference": ""}
        if not numeric.startswith("undefined"):
            check["difference"] = repr(abs(grad - float(numeric)))
        out["checks"].append(check)
    return out


def _node(node, index, col):
    """One node as the page draws it: op, label, data and final grad as `repr`."""
    kind = "op" if node._prev else ("variable" if node.label else "constant")
    return {
        "id": index[node],
        "op": node._op,
        "label": node.label,
        "kind": kind,
        "data": repr(node.data),
        "grad": repr(node.grad),
        "inputs": [index[x] for x in node._prev],
        "column": col[node],
    }


def _step(step, index):
    """One backward step: `input.grad += local * result.grad`, with the numbers."""
    node, slot, x, local, before, after = step
    return {
        "result": index[node],
        "slot": slot,
        "input": index[x],
        "local": repr(local),
        "upstream": repr(node.grad),
        "before": repr(before),
        "after": repr(after),
    }


def explore_json(text, values_text):
    """`explore` as a JSON string, for the page's script."""
    return json.dumps(explore(text, values_text))
