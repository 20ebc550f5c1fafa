"""Scalar reverse-mode automatic differentiation, in the style of micrograd.

Every operation on a `Value` does two things side by side:

* the forward rule computes the result, remembering its inputs in `_prev`;
* the local backward rule (`_backward`) adds ``out.grad * d(out)/d(input)``
  to each input's `.grad` (the chain rule, one edge at a time).

`Value.backward()` runs those local rules in reverse topological order.
"""

import math

try:
    from numbers import Real
except ImportError:  # MicroPython, the Python in the reader's browser, has no `numbers`
    Real = (int, float)


# --8<-- [start:helpers]
def _as_float(data):
    """Return `data` as a finite float, or raise an error naming what was wrong."""
    if isinstance(data, bool) or not isinstance(data, Real):
        raise TypeError(
            f"Value data must be a real number, got {type(data).__name__}: {data!r}"
        )
    x = float(data)
    if not math.isfinite(x):
        raise ValueError(f"Value data must be finite, got {x!r}")
    return x


def _overflow_checked(f, x, what):
    """Return `f(x)`, or raise an error naming `what` if it overflows a float."""
    try:
        y = f(x)
    except (OverflowError, ValueError):  # MicroPython returns inf or raises ValueError
        y = math.inf
    if math.isinf(y):
        raise ValueError(f"{what} overflows a float")
    return y


def _as_value(x):
    """Wrap a plain number as a constant `Value`; leave a `Value` alone."""
    return x if isinstance(x, Value) else Value(x)


# --8<-- [end:helpers]


# --8<-- [start:value]
class Value:
    """A scalar that remembers how it was computed, so gradients can flow back."""

    def __init__(self, data, _children=(), _op="", label=""):
        """Wrap a finite number; `.grad` starts at 0."""
        self.data = _as_float(data)
        self.grad = 0.0
        self._backward = lambda: None  # a leaf has nothing to pass back
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    # --8<-- [end:value]

    # --8<-- [start:add]
    def __add__(self, other):
        r"""$c = a + b$, so $\partial c/\partial a = \partial c/\partial b = 1$."""
        other = _as_value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        """$n + a$ for a plain number $n$."""
        return self + other

    # --8<-- [end:add]

    # --8<-- [start:mul]
    def __mul__(self, other):
        r"""$c = ab$, so $\partial c/\partial a = b$ and $\partial c/\partial b = a$."""
        other = _as_value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        r"""$n \cdot a$ for a plain number $n$."""
        return self * other

    # --8<-- [end:mul]

    # --8<-- [start:pow]
    def __pow__(self, k):
        r"""$c = a^k$ for a constant $k$, so $\partial c/\partial a = k a^{k-1}$."""
        if isinstance(k, Value):
            raise TypeError(
                "Value ** Value is not supported: "
                "only constant (int or float) exponents are"
            )
        if isinstance(k, bool) or not isinstance(k, Real):
            raise TypeError(f"exponent must be an int or float, got {type(k).__name__}")
        if self.data < 0 and k != int(k):  # a fractional power of a negative
            raise ValueError(f"({self.data!r}) ** {k!r} is not a real number")
        if self.data == 0 and k < 0:
            raise ValueError(f"({self.data!r}) ** {k!r} divides by zero")
        what = f"({self.data!r}) ** {k!r}"
        out = Value(
            _overflow_checked(lambda a: a**k, self.data, what), (self,), f"**{k}"
        )

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad

        out._backward = _backward
        return out

    def __rpow__(self, base):
        r"""$n^a = e^{a \ln n}$ for a constant base $n > 0$, built from `exp`."""
        if base <= 0:
            raise ValueError(f"number ** Value needs a positive base, got {base!r}")
        return (self * math.log(base)).exp()

    # --8<-- [end:pow]

    # --8<-- [start:neg]
    def __neg__(self):
        r"""$-a = a \cdot (-1)$."""
        return self * -1

    # --8<-- [end:neg]

    # --8<-- [start:sub]
    def __sub__(self, other):
        """$a - b = a + (-b)$."""
        return self + (-other)

    def __rsub__(self, other):
        """$n - a = n + (-a)$."""
        return other + (-self)

    # --8<-- [end:sub]

    # --8<-- [start:truediv]
    def __truediv__(self, other):
        r"""$a / b = a \cdot b^{-1}$."""
        return self * _as_value(other) ** -1

    def __rtruediv__(self, other):
        r"""$n / a = n \cdot a^{-1}$."""
        return other * self**-1

    # --8<-- [end:truediv]

    # --8<-- [start:exp]
    def exp(self):
        r"""$c = e^a$, so $\partial c/\partial a = e^a = c$."""
        e = _overflow_checked(math.exp, self.data, f"exp({self.data!r})")
        out = Value(e, (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:exp]

    # --8<-- [start:log]
    def log(self):
        r"""$c = \ln a$ for $a > 0$, so $\partial c/\partial a = 1/a$."""
        if self.data <= 0:
            raise ValueError(
                f"log is only defined for positive numbers, got {self.data!r}"
            )
        out = Value(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += (1.0 / self.data) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:log]

    # --8<-- [start:sin]
    def sin(self):
        r"""$c = \sin a$, so $\partial c/\partial a = \cos a$."""
        out = Value(math.sin(self.data), (self,), "sin")

        def _backward():
            self.grad += math.cos(self.data) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:sin]

    def cos(self):
        r"""$c = \cos a$, so $\partial c/\partial a = -\sin a$."""
        out = Value(math.cos(self.data), (self,), "cos")

        def _backward():
            self.grad += -math.sin(self.data) * out.grad

        out._backward = _backward
        return out

    # --8<-- [start:tanh]
    def tanh(self):
        r"""$c = \tanh a$, so $\partial c/\partial a = 1 - c^2$."""
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1.0 - t**2) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:tanh]

    # --8<-- [start:sigmoid]
    def sigmoid(self):
        r"""$c = \sigma(a) = 1/(1+e^{-a})$, so $\partial c/\partial a = c(1-c)$."""
        e = math.exp(-abs(self.data))  # at most 1: cannot overflow
        s = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += s * (1.0 - s) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:sigmoid]

    # --8<-- [start:relu]
    def relu(self):
        r"""$c = \max(0, a)$, so $\partial c/\partial a = 1$ if $a > 0$, else 0."""
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:relu]

    # --8<-- [start:max]
    def max(self, other):
        r"""$c = \max(a, b)$: the larger input takes the gradient, a tie splits it."""
        other = _as_value(other)
        out = Value(max(self.data, other.data), (self, other), "max")

        def _backward():
            # 1 for the larger input, 0 for the other; at a tie, 1/2 each
            share = 0.5 if self.data == other.data else float(self.data > other.data)
            self.grad += share * out.grad
            other.grad += (1.0 - share) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:max]

    # --8<-- [start:backward]
    def backward(self):
        r"""Set each node's `.grad` to $\partial \mathrm{self}/\partial \mathrm{node}$.

        Every grad in the graph is reset to 0 first, so a second call gives the same.
        """
        order = topological_order(self)
        for node in order:
            node.grad = 0.0  # so a second call gives the same answer
        self.grad = 1.0  # d(self)/d(self)
        for node in reversed(order):  # parents before children
            node._backward()

    # --8<-- [end:backward]

    def __repr__(self):
        """`Value(data=..., grad=...)`."""
        return f"Value(data={self.data!r}, grad={self.grad!r})"


# --8<-- [start:topo]
def topological_order(root):
    """Every node reachable from `root`, each after all of its inputs (no recursion)."""
    order, visited = [], set()
    stack = [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)  # all of its inputs are already in `order`
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))  # come back once the inputs are done
            for child in reversed(node._prev):  # reversed: first input is handled first
                if child not in visited:
                    stack.append((child, False))
    return order


# --8<-- [end:topo]


# --8<-- [start:trace]
def trace(root):
    """`(nodes, edges)` under `root`, to draw: inputs before results, each edge once.

    Each edge is an `(input, result)` pair.
    """
    nodes = topological_order(root)
    edges, seen = [], set()
    for node in nodes:
        for child in node._prev:
            if (child, node) not in seen:
                seen.add((child, node))
                edges.append((child, node))
    return nodes, edges


# --8<-- [end:trace]
