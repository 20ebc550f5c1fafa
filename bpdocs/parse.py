"""A small, safe parser that builds `Value` graphs from text, never calling `eval`.

It reads the expressions a reader types into the graph explorer, such as
``f = (3*x + 1)**2`` or ``b = a + a; c = b * b``, and the values of their variables,
such as ``x = 0.5, y = 2``. Each operator is applied as Python applies it, so the text
builds the same graph as the same line of Python would.

It runs unchanged in CPython and in MicroPython (the Python in the reader's browser),
so it uses no `ast`, no `re` and no `eval`. Every input is bounded: its length, its
nesting, its number literals and exponents, and the number of nodes it builds. Bad
input raises a `ParseError` that names the position and the text at fault.
"""

from bpdocs.autodiff import Value, _overflow_checked

MAX_LENGTH = 400  # characters of an input
MAX_DEPTH = 16  # nested parentheses, signs, calls and powers (the runtime allows ~24)
MAX_NODES = 300  # Value nodes one input may build
MAX_DIGITS = 20  # characters of one number literal
MAX_EXPONENT = 1000  # |k| in a ** k

FUNCTIONS = {  # name: number of arguments; each is the `Value` method of that name
    "sin": 1,
    "cos": 1,
    "exp": 1,
    "log": 1,
    "tanh": 1,
    "sigmoid": 1,
    "relu": 1,
    "max": 2,
}

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"
_NAME_CHARS = _LETTERS + _DIGITS + "_"
_OPERATORS = ("**", "+", "-", "*", "/", "(", ")", ",", "=", ";")


# --8<-- [start:errors]
class ParseError(ValueError):
    """Input the parser refuses; `.position` is the index of the character at fault."""

    def __init__(self, message, position, text=""):
        """Say what is wrong, where (1-based, for people) and show the text there."""
        where = f" at character {position + 1}"
        if text:
            where += f": {text!r}"
        super().__init__(message + where)
        self.position = position


class UnknownNameError(ParseError):
    """A name that is neither a variable, nor an earlier line's name, nor a function."""


class LimitError(ParseError):
    """Input over one of the parser's bounds: length, nesting, size or node count."""


class DomainError(ParseError):
    """An operation outside its domain, such as the log of a negative number."""


# --8<-- [end:errors]


def tokens(text):
    """Split `text` into `(kind, text, position)`: number, name, operator or end."""
    if len(text) > MAX_LENGTH:
        raise LimitError(f"input is longer than {MAX_LENGTH} characters", MAX_LENGTH)
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":  # a new line ends a line, as `;` does
            out.append(("op", ";", i))
            i += 1
        elif ch in " \t\r":
            i += 1
        elif ch in _DIGITS or (
            ch == "." and i + 1 < len(text) and text[i + 1] in _DIGITS
        ):
            j = _number_end(text, i)
            out.append(("number", text[i:j], i))
            i = j
        elif ch in _LETTERS or ch == "_":
            j = i
            while j < len(text) and text[j] in _NAME_CHARS:
                j += 1
            out.append(("name", text[i:j], i))
            i = j
        elif text[i : i + 2] == "**" or ch in _OPERATORS:
            op = "**" if text[i : i + 2] == "**" else ch
            out.append(("op", op, i))
            i += len(op)
        else:
            raise ParseError(f"unexpected character {ch!r}", i)
    out.append(("end", "", len(text)))
    return out


def _number_end(text, i):
    """Index just past the number literal that starts at `text[i]`."""
    j = i
    while j < len(text) and (text[j] in _DIGITS or text[j] == "."):
        j += 1
    if j < len(text) and text[j] in "eE":
        k = j + 1
        if k < len(text) and text[k] in "+-":
            k += 1
        if k < len(text) and text[k] in _DIGITS:
            j = k
            while j < len(text) and text[j] in _DIGITS:
                j += 1
    if j - i > MAX_DIGITS:
        raise LimitError(f"number longer than {MAX_DIGITS} characters", i, text[i:j])
    return j


def _number(literal, position):
    """The int or float a literal means, as Python reads it."""
    try:
        if "." in literal or "e" in literal or "E" in literal:
            x = float(literal)
        else:
            x = int(literal)
    except ValueError:
        raise ParseError("not a number", position, literal) from None
    if x != x or x in (float("inf"), float("-inf")):
        raise DomainError("number too large for a float", position, literal)
    return x


class _Parser:
    """Recursive descent over the tokens, one method per level of precedence."""

    def __init__(self, text, variables):
        """Read `text`; `variables` maps each name to its `Value`."""
        self.toks = tokens(text)
        self.i = 0
        self.names = dict(variables)
        self.depth = 0
        self.nodes = 0

    def peek(self):
        """The current token."""
        return self.toks[self.i]

    def take(self, op=None):
        """Consume the current token (which must be `op`, if given) and return it."""
        tok = self.toks[self.i]
        if op is not None and (tok[0] != "op" or tok[1] != op):
            found = tok[1] or "the end"
            raise ParseError(f"expected {op!r}, found {found!r}", tok[2])
        self.i += 1
        return tok

    def close(self):
        """Consume the `)` that ends a group; two operands in a row lack an operator."""
        tok = self.peek()
        if tok[0] in ("name", "number"):
            raise ParseError("expected an operator", tok[2], tok[1])
        self.take(")")

    def at(self, op):
        """Whether the current token is the operator `op`."""
        tok = self.toks[self.i]
        return tok[0] == "op" and tok[1] == op

    def program(self, constant=False):
        """`[name =] expr` lines, split by `;` or new lines: the last line's result.

        The result must depend on a variable, unless `constant` allows a number.
        """
        result = None
        while True:
            while self.at(";"):
                self.take()
            if self.peek()[0] == "end":
                break
            result = self.line()
        if result is None:
            raise ParseError("empty input: type an expression", 0)
        if not (constant or isinstance(result, Value)):
            raise ParseError("the result does not depend on any variable", 0)
        return result

    def line(self):
        """`name = expr`, which names `expr`'s node for later lines, or `expr` alone."""
        tok = self.peek()
        nxt = self.toks[self.i + 1]
        name = None
        if tok[0] == "name" and nxt[0] == "op" and nxt[1] == "=":
            name = tok[1]
            if name in FUNCTIONS:
                raise ParseError(
                    f"{name!r} is a function; it cannot be assigned", tok[2]
                )
            if name in self.names:
                raise ParseError(f"{name!r} already has a value", tok[2])
            self.i += 2
        value = self.expr()
        end = self.peek()
        if not (end[0] == "end" or (end[0] == "op" and end[1] == ";")):
            if end[0] == "op" and end[1] in "),=":
                raise ParseError(f"unexpected {end[1]!r}", end[2])
            raise ParseError("expected an operator", end[2], end[1])
        if name is not None:
            if isinstance(value, Value) and not value.label:
                value.label = name
            self.names[name] = value
        return value

    def expr(self):
        """Sums and differences, left to right."""
        left = self.term()
        while self.at("+") or self.at("-"):
            op = self.take()
            left = self.apply(op, left, self.term())
        return left

    def term(self):
        """Products and quotients, left to right."""
        left = self.unary()
        while self.at("*") or self.at("/"):
            op = self.take()
            left = self.apply(op, left, self.unary())
        return left

    def unary(self):
        """`-a` and `+a`, which bind less tightly than `**`, as in Python: -x**2."""
        if self.at("-") or self.at("+"):
            op = self.take()
            self.enter(op)
            operand = self.unary()
            self.depth -= 1
            return self.apply(op, operand)
        return self.power()

    def power(self):
        """`a ** k`, right to left; the exponent may carry a sign, as in x**-1."""
        base = self.atom()
        if self.at("**"):
            op = self.take()
            self.enter(op)
            exponent = self.unary()
            self.depth -= 1
            return self.apply(op, base, exponent)
        return base

    def atom(self):
        """A number, a name, a function call or a parenthesized expression."""
        tok = self.take()
        kind, text, pos = tok
        if kind == "number":
            return _number(text, pos)
        if kind == "name" and text in FUNCTIONS:
            return self.call(tok)
        if kind == "name":
            if text not in self.names:
                raise UnknownNameError(f"unknown name {text!r}", pos)
            return self.names[text]
        if kind == "op" and text == "(":
            self.enter(tok)
            inner = self.expr()
            self.close()
            self.depth -= 1
            return inner
        raise ParseError("expected a number, a name or '('", pos, text or "the end")

    def call(self, tok):
        """`f(a)` or `max(a, b)`: the `Value` method of that name."""
        self.take("(")
        self.enter(tok)
        args = [self.expr()]
        while self.at(","):
            self.take()
            args.append(self.expr())
        self.close()
        self.depth -= 1
        if len(args) != FUNCTIONS[tok[1]]:
            want = FUNCTIONS[tok[1]]
            raise ParseError(
                f"{tok[1]} takes {want} argument(s), got {len(args)}", tok[2]
            )
        return self.apply(tok, *args)

    def apply(self, tok, *args):
        """Apply the operator or function of `tok` as Python would; bound the graph."""
        op, pos = tok[1], tok[2]
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise LimitError(f"more than {MAX_NODES} operations", pos, op)
        try:
            if op in FUNCTIONS:  # a method of Value; a plain number is wrapped first
                a = args[0] if isinstance(args[0], Value) else Value(args[0])
                return getattr(a, op)(*args[1:])
            if len(args) == 1:  # a sign; `+a` is `a`
                return -args[0] if op == "-" else args[0]
            a, b = args
            if op == "+":
                out = a + b
            elif op == "-":
                out = a - b
            elif op == "*":
                out = a * b
            elif op == "/":
                out = a / b
            else:
                return _power(a, b, pos)
            return _finite(out, pos, op)
        except ParseError:
            raise
        except (ValueError, TypeError, ZeroDivisionError, OverflowError) as e:
            raise DomainError(str(e), pos, op) from None

    def enter(self, tok):
        """One level deeper; refuse more than `MAX_DEPTH`."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitError(f"nested more than {MAX_DEPTH} deep", tok[2], tok[1])


def _power(a, k, pos):
    """`a ** k` for a constant `k`, bounded; two numbers give a number."""
    if isinstance(k, Value) and isinstance(a, Value):
        raise ParseError("an exponent must be a number, as in x**2 or 2**x", pos, "**")
    if isinstance(k, Value):  # n ** a, built from exp
        return a**k
    if abs(k) > MAX_EXPONENT:
        raise LimitError(f"exponent larger than {MAX_EXPONENT}", pos, "**")
    if isinstance(a, Value):
        return a**k
    if a == 0 and k < 0:
        raise ZeroDivisionError(f"{a!r} ** {k!r} divides by zero")
    if isinstance(a, int) and isinstance(k, int) and k >= 0:
        if len(str(abs(a))) * k > 400:
            raise LimitError("number too large", pos, "**")
        return a**k
    if a < 0 and k != int(k):
        raise ValueError(f"({a!r}) ** {k!r} is not a real number")
    return _overflow_checked(lambda x: x**k, float(a), f"{a!r} ** {k!r}")


def _finite(x, pos, op):
    """`x`, unless it is a plain number that overflowed (a `Value` checks itself)."""
    if isinstance(x, float) and x - x != 0.0:  # inf - inf is nan
        raise DomainError("the result overflows a float", pos, op)
    return x


# --8<-- [start:api]
def parse_values(text):
    """`{name: float}` from text such as ``x = 0.5, y = -2`` (numbers only)."""
    toks = tokens(text)
    values, i = {}, 0
    while toks[i][0] != "end":
        kind, name, pos = toks[i]
        if kind != "name" or name in FUNCTIONS:
            raise ParseError("expected a variable name", pos, name or "the end")
        if name in values:
            raise ParseError(f"{name!r} is given twice", pos)
        if toks[i + 1][1] != "=":
            raise ParseError(f"expected '=' after {name!r}", toks[i + 1][2])
        i += 2
        sign = 1
        while toks[i][0] == "op" and toks[i][1] in "+-":
            sign = -sign if toks[i][1] == "-" else sign
            i += 1
        if toks[i][0] != "number":
            raise ParseError(f"expected a number for {name!r}", toks[i][2])
        values[name] = sign * float(_number(toks[i][1], toks[i][2]))
        i += 1
        if toks[i][0] == "op" and toks[i][1] in ",;":
            i += 1
        elif toks[i][0] != "end":
            raise ParseError("expected ',' between values", toks[i][2], toks[i][1])
    return values


def _leaves(values):
    """A labelled `Value` leaf for each name in `values`; none may be a function."""
    leaves = {}
    for name in values:
        if name in FUNCTIONS:
            raise ParseError(f"{name!r} is a function, not a variable", 0)
        leaves[name] = Value(values[name], label=name)
    return leaves


def parse(text, values):
    """Build the graph of `text` with `Value` leaves for `values`: its last result."""
    return _Parser(text, _leaves(values)).program()


# --8<-- [end:api]


def evaluate(text, values):
    """The number `text` gives where its variables take `values`; constants allowed."""
    result = _Parser(text, _leaves(values)).program(constant=True)
    return float(result.data if isinstance(result, Value) else result)
