"""Grade a derivative the reader typed, against the engine's gradient at chosen points.

An expression exercise (`bpdocs.exercises`) holds a few points, chosen when the site
is built, and the engine's gradient at each. The reader's text is read by the
explorer's safe parser (`bpdocs.parse`), evaluated at every point and compared, so an
equivalent form is right and a wrong one is caught where it differs. Like the parser,
this runs unchanged in CPython and in MicroPython, the Python in the reader's browser.
"""

import json

from bpdocs.parse import DomainError, ParseError, evaluate

HINT = "write it as Python would, such as 2*x*(x + 1)**2 or exp(-x)*sin(x)"


def close(got, want, tol):
    """Whether `got` is within `tol` of `want`, relative to ``max(1, |want|)``."""
    return abs(got - want) <= tol * max(1.0, abs(want))


def at(names, point):
    """A point as a reader reads it: ``x = 0.5``, or ``(x, y) = (0.5, -1)``."""
    if len(names) == 1:
        return f"{names[0]} = {point[0]:g}"
    numbers = [f"{v:g}" for v in point]  # MicroPython: no comprehension in an f-string
    return "(" + ", ".join(names) + ") = (" + ", ".join(numbers) + ")"


def listing(parts):
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def grade(text, names, points, wants, tol):
    """`(verdict, message)`: `text` right, wrong or unreadable, saying at which points.

    The verdict is ``"right"`` when `text` is within `tol` of `wants` at every point
    of `points` (its variables `names` taking each point's numbers), ``"wrong"`` when
    it is not, and ``"invalid"`` when `text` cannot be read; the message says why.
    """
    if not text.strip():
        return "invalid", "Type an expression first: " + HINT + "."
    right, wrong, undefined = [], [], []
    for j, point in enumerate(points):
        want, where = wants[j], at(names, point)
        try:
            got = evaluate(text, {n: point[i] for i, n in enumerate(names)})
        except DomainError as e:  # a ParseError that depends on the point
            got = e
        except ParseError as e:
            return "invalid", f"{e}; {HINT}."
        except (ValueError, ZeroDivisionError, OverflowError) as e:
            got = e
        if isinstance(got, Exception):
            undefined.append(str(got))
            wrong.append(f"{where} (there it is undefined: {got})")
        elif got - got != 0.0:  # inf or nan
            wrong.append(f"{where} (there it gives {got!r})")
        elif close(got, want, tol):
            right.append(where)
        else:
            wrong.append(f"{where} (yours gives {got + 0.0:.6g})")
    if not wrong:
        return "right", f"Right at every point it is checked at: {listing(right)}."
    if len(undefined) == len(points) and len(set(undefined)) == 1:
        return "wrong", f"Not yet: it is undefined at every point: {undefined[0]}."
    if not right:
        return "wrong", f"Not yet: wrong at every point, {listing(wrong)}."
    yes, no = listing(right), listing(wrong)
    return "wrong", f"Not yet: right at {yes}, but wrong at {no}."


def grade_json(text, key):
    """`grade` for the page's script: `key` and the answer are JSON strings."""
    k = json.loads(key)
    verdict, message = grade(text, k["names"], k["points"], k["wants"], k["tol"])
    return json.dumps({"verdict": verdict, "message": message})
