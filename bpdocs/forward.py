"""Scalar forward-mode automatic differentiation: dual numbers.

A `Dual` carries a value and a tangent, the derivative of that value along one
chosen direction of the inputs. Every operation does two things side by side:

* the forward rule computes the result's value, as `Value` does;
* the tangent rule computes the result's tangent from the inputs' tangents
  (the chain rule, one operation at a time, in the order the program runs).

There is no graph and no backward pass: one run gives one directional derivative.
Plain Python and the `math` module only.
"""

import math


# --8<-- [start:helpers]
def _as_float(x):
    """Return `x` as a finite float, or raise an error naming what was wrong."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise TypeError(
            f"Dual parts must be real numbers, got {type(x).__name__}: {x!r}"
        )
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"Dual parts must be finite, got {x!r}")
    return x


def _as_dual(x):
    """Wrap a plain number as a constant `Dual` (tangent 0); leave a `Dual` alone."""
    return x if isinstance(x, Dual) else Dual(x, 0.0)


# --8<-- [end:helpers]


# --8<-- [start:dual]
class Dual:
    """A value and its tangent: the derivative of the value along one direction."""

    def __init__(self, value, tangent=0.0):
        """Wrap a finite value and a finite tangent (0: a constant)."""
        self.value = _as_float(value)
        self.tangent = _as_float(tangent)

    # --8<-- [end:dual]

    # --8<-- [start:add]
    def __add__(self, other):
        r"""$(a + b)' = a' + b'$."""
        other = _as_dual(other)
        return Dual(self.value + other.value, self.tangent + other.tangent)

    def __radd__(self, other):
        """$n + a$ for a plain number $n$."""
        return self + other

    # --8<-- [end:add]

    # --8<-- [start:mul]
    def __mul__(self, other):
        r"""$(ab)' = a'b + ab'$."""
        other = _as_dual(other)
        return Dual(
            self.value * other.value,
            self.tangent * other.value + self.value * other.tangent,
        )

    def __rmul__(self, other):
        r"""$n \cdot a$ for a plain number $n$."""
        return self * other

    # --8<-- [end:mul]

    # --8<-- [start:pow]
    def __pow__(self, k):
        r"""$(a^k)' = k a^{k-1} a'$ for a constant $k$."""
        if isinstance(k, Dual):
            raise TypeError(
                "Dual ** Dual is not supported: "
                "only constant (int or float) exponents are"
            )
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            raise TypeError(f"exponent must be an int or float, got {type(k).__name__}")
        if self.value < 0 and not float(k).is_integer():
            raise ValueError(f"({self.value!r}) ** {k!r} is not a real number")
        return Dual(self.value**k, k * self.value ** (k - 1) * self.tangent)

    def __rpow__(self, base):
        r"""$n^a = e^{a \ln n}$ for a constant base $n > 0$, built from `exp`."""
        if base <= 0:
            raise ValueError(f"number ** Dual needs a positive base, got {base!r}")
        return (self * math.log(base)).exp()

    # --8<-- [end:pow]

    # --8<-- [start:composites]
    def __neg__(self):
        r"""$-a = a \cdot (-1)$."""
        return self * -1

    def __sub__(self, other):
        """$a - b = a + (-b)$."""
        return self + (-other)

    def __rsub__(self, other):
        """$n - a = n + (-a)$."""
        return other + (-self)

    def __truediv__(self, other):
        r"""$a / b = a \cdot b^{-1}$."""
        return self * _as_dual(other) ** -1

    def __rtruediv__(self, other):
        r"""$n / a = n \cdot a^{-1}$."""
        return other * self**-1

    # --8<-- [end:composites]

    # --8<-- [start:exp]
    def exp(self):
        r"""$(e^a)' = e^a a'$."""
        e = math.exp(self.value)
        return Dual(e, e * self.tangent)

    # --8<-- [end:exp]

    # --8<-- [start:log]
    def log(self):
        r"""$(\ln a)' = a'/a$, for $a > 0$."""
        if self.value <= 0:
            raise ValueError(
                f"log is only defined for positive numbers, got {self.value!r}"
            )
        return Dual(math.log(self.value), self.tangent / self.value)

    # --8<-- [end:log]

    # --8<-- [start:sin]
    def sin(self):
        r"""$(\sin a)' = \cos a \cdot a'$."""
        return Dual(math.sin(self.value), math.cos(self.value) * self.tangent)

    def cos(self):
        r"""$(\cos a)' = -\sin a \cdot a'$."""
        return Dual(math.cos(self.value), -math.sin(self.value) * self.tangent)

    # --8<-- [end:sin]

    # --8<-- [start:tanh]
    def tanh(self):
        r"""$(\tanh a)' = (1 - \tanh^2 a)\, a'$."""
        t = math.tanh(self.value)
        return Dual(t, (1.0 - t * t) * self.tangent)

    # --8<-- [end:tanh]

    # --8<-- [start:sigmoid]
    def sigmoid(self):
        r"""$\sigma(a)' = \sigma(a)(1 - \sigma(a))\, a'$; `exp` only of $-|a| \le 0$."""
        e = math.exp(-abs(self.value))  # at most 1: cannot overflow
        s = 1.0 / (1.0 + e) if self.value >= 0 else e / (1.0 + e)
        return Dual(s, s * (1.0 - s) * self.tangent)

    # --8<-- [end:sigmoid]

    # --8<-- [start:relu]
    def relu(self):
        r"""$\max(0, a)' = a'$ if $a > 0$, else 0."""
        return Dual(max(0.0, self.value), self.tangent if self.value > 0 else 0.0)

    # --8<-- [end:relu]

    # --8<-- [start:max]
    def max(self, other):
        r"""$\max(a, b)'$ is the larger input's tangent; a tie takes their mean."""
        other = _as_dual(other)
        share = 0.5 if self.value == other.value else float(self.value > other.value)
        return Dual(
            max(self.value, other.value),
            share * self.tangent + (1.0 - share) * other.tangent,
        )

    # --8<-- [end:max]

    def __repr__(self):
        """`Dual(value=..., tangent=...)`."""
        return f"Dual(value={self.value!r}, tangent={self.tangent!r})"


# --8<-- [start:derivative]
def derivative(f, x):
    """$f'(x)$ in one forward pass: seed the input's tangent with 1."""
    return f(Dual(x, 1.0)).tangent


def directional_derivative(f, xs, vs):
    r"""$\nabla f(x) \cdot v$ in one forward pass: seed the tangents with `vs`."""
    if len(xs) != len(vs):
        raise ValueError(f"{len(xs)} inputs but a direction of {len(vs)} entries")
    return f(*[Dual(xs[i], vs[i]) for i in range(len(xs))]).tangent


# --8<-- [end:derivative]


# --8<-- [start:neuron]
def tanh_(z):
    """`tanh` of a float, a `Dual` or a `Value`."""
    return math.tanh(z) if isinstance(z, (int, float)) else z.tanh()


def neuron_loss(w, x, t):
    r"""$L(w) = \frac12 (\tanh(w \cdot x) - t)^2$ for one tanh neuron."""
    y = tanh_(sum(w[i] * x[i] for i in range(len(x))))
    return 0.5 * (y - t) ** 2


def neuron_gradient(w, x, t):
    r"""The backward pass: $\nabla_w L = \delta\, x$, $\delta = (y - t)(1 - y^2)$."""
    y = tanh_(sum(w[i] * x[i] for i in range(len(x))))
    delta = (y - t) * (1 - y * y)
    return [delta * xi for xi in x]


# --8<-- [end:neuron]


# --8<-- [start:hvp]
def hvp(gradient, w, v):
    r"""$H v$: the gradient function, run on `Dual`s seeded with direction $v$."""
    if len(w) != len(v):
        raise ValueError(f"{len(w)} parameters but a direction of {len(v)} entries")
    return [g.tangent for g in gradient([Dual(w[i], v[i]) for i in range(len(w))])]


# --8<-- [end:hvp]
