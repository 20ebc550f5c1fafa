"""Exercises for each chapter, with answers that bpdocs computes, never typed in.

Each chapter has a module here whose ``EXERCISES`` is a tuple of exercises, graded
from a direct application to one that needs thought. An exercise has a ``kind``:

- ``"numeric"``: the reader gives a number; it is right within ``tol`` of ``answer``,
  which the module computes with bpdocs (the engine, a central difference, a layer).
  ``by_hand`` is the worked solution's closed form, a function of no arguments, so
  that the solution's formula can be held against the computed answer.
- ``"expression"``: the reader types a derivative, in the explorer's syntax; it is
  right where it is within ``tol`` (relative) of the engine's gradient ``wants`` at
  each of ``points``, the numbers of ``names`` (`bpdocs.grade`). ``closed_form`` is
  the worked solution's answer in that syntax, graded like the reader's.
- ``"choice"``: the reader picks one of ``options``; each says why it is right or
  why it is wrong.

A new kind is a new value of ``kind`` with the fields it needs; the others keep
theirs. Check an answer in Python with `check`:

    from bpdocs import exercises
    exercises.check("chain-rule-1", 150.0)  # (True, "Right: ...") or (False, ...)
    exercises.check("chain-rule-5", "9*(3*x + 1)**2")  # (True, "Right at ...")
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from bpdocs.grade import grade

#: the chapters that have exercises: page stem -> module of bpdocs.exercises
CHAPTERS = {
    "chain-rule": "chain_rule",
    "multivariable": "multivariable",
    "autodiff": "autodiff",
    "autodiff-examples": "autodiff_examples",
    "explorer": "explorer",
    "forward-reverse": "forward_reverse",
    "matrix-form": "matrix_form",
    "matrix-form-check": "matrix_form_check",
    "backpropagation": "backpropagation",
    "softmax": "softmax",
    "broadcasting": "broadcasting",
    "backward-pass": "backward_pass",
    "backprop-updates": "backprop_updates",
    "implementation": "implementation",
    "implementation-loss": "implementation_loss",
    "why-it-matters": "why_it_matters",
    "gradient-checking": "gradient_checking",
    "gradient-checking-practice": "gradient_checking_practice",
    "broken-backward-passes": "bugs",
    "vanishing-gradients": "vanishing_gradients",
    "initialisation": "initialisation",
    "memory": "memory",
    "pytorch": "pytorch",
}
KINDS = ("numeric", "expression", "choice")


@dataclass(frozen=True)
class Option:
    """One option of a choice exercise, and why it is right or wrong."""

    text: str
    why: str
    right: bool = False


@dataclass(frozen=True)
class Exercise:
    """One exercise: its question, kind, answer key and worked solution (Markdown)."""

    id: str
    kind: str
    question: str
    solution: tuple[str, ...]  # the worked solution, step by step
    answer: float | None = None  # numeric: computed by bpdocs
    tol: float = 0.0  # numeric: how far from answer is still right
    by_hand: Callable[[], float] | None = None  # numeric: the solution's closed form
    options: tuple[Option, ...] = field(default=())  # choice
    names: tuple[str, ...] = ()  # expression: the variables, in the order of a point
    points: tuple[tuple[float, ...], ...] = ()  # expression: where it is checked
    wants: tuple[float, ...] = ()  # expression: the engine's gradient at each point
    closed_form: str = ""  # expression: the worked solution's answer

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"exercise {self.id}: unknown kind {self.kind!r}")
        if self.kind == "numeric" and not (
            isinstance(self.answer, float) and math.isfinite(self.answer)
        ):
            raise ValueError(f"exercise {self.id}: answer {self.answer!r} not finite")
        if self.kind == "numeric" and not self.tol > 0:
            raise ValueError(f"exercise {self.id}: tol must be > 0, not {self.tol}")
        if self.kind == "expression":
            self._check_expression()
        if self.kind == "choice" and sum(o.right for o in self.options) != 1:
            raise ValueError(f"exercise {self.id}: a choice needs one right option")

    def _check_expression(self):
        """Refuse an expression exercise whose points or key do not fit together."""
        if not self.names or len(self.points) < 2:
            raise ValueError(f"exercise {self.id}: give names and at least 2 points")
        if len(self.wants) != len(self.points):
            raise ValueError(f"exercise {self.id}: one gradient per point")
        for point, want in zip(self.points, self.wants, strict=True):
            if len(point) != len(self.names) or not math.isfinite(want):
                raise ValueError(f"exercise {self.id}: bad point {point} or {want}")
        if not self.tol > 0 or not self.closed_form:
            raise ValueError(f"exercise {self.id}: needs tol > 0 and a closed form")


def numeric(id, question, answer, tol, by_hand, solution):
    """A numeric exercise; `answer` is a number bpdocs computed, as a float."""
    solution = tuple(solution)
    return Exercise(id, "numeric", question, solution, float(answer), tol, by_hand)


def expression(id, question, f, wrt, names, points, closed_form, solution):
    """An expression exercise: d`f`/d`wrt`, graded at `points` against the engine.

    `f` takes one `Value` per name of `names`; the key is the engine's gradient of
    `f` in `wrt` at each point, computed here.
    """
    points = tuple(tuple(float(v) for v in p) for p in points)
    k = names.index(wrt)
    wants = tuple(engine_gradient(f, *p)[k] for p in points)
    return Exercise(
        id,
        "expression",
        question,
        tuple(solution),
        tol=1e-6,
        names=tuple(names),
        points=points,
        wants=wants,
        closed_form=closed_form,
    )


def choice(id, question, options, solution):
    """A choice exercise; `options` are `Option`s, one of them right."""
    return Exercise(id, "choice", question, tuple(solution), options=tuple(options))


def engine_gradient(f, *xs):
    """The partial derivatives of `f` at `xs`, by the engine's one backward pass."""
    from bpdocs.autodiff import Value

    leaves = [Value(x) for x in xs]
    f(*leaves).backward()
    return tuple(v.grad for v in leaves)


def chapter(page: str) -> tuple[Exercise, ...]:
    """The exercises of the chapter on ``docs/PAGE.md``."""
    if page not in CHAPTERS:
        raise KeyError(f"no exercises for page {page!r}; chapters: {sorted(CHAPTERS)}")
    return importlib.import_module(f"bpdocs.exercises.{CHAPTERS[page]}").EXERCISES


def find(exercise_id: str) -> Exercise:
    """The exercise called `exercise_id`, such as ``"chain-rule-1"``."""
    for page in CHAPTERS:
        for ex in chapter(page):
            if ex.id == exercise_id:
                return ex
    raise KeyError(f"no exercise {exercise_id!r}")


def check(exercise_id: str, given) -> tuple[bool, str]:
    """Whether `given` answers the exercise, and why: a number, text or an option."""
    ex = find(exercise_id)
    if ex.kind == "expression":
        if not isinstance(given, str):
            raise TypeError(f"{exercise_id}: give an expression as text, not {given!r}")
        verdict, why = grade(given, ex.names, ex.points, ex.wants, ex.tol)
        if verdict == "invalid":
            raise ValueError(f"{exercise_id}: {why}")
        return verdict == "right", why
    if ex.kind == "numeric":
        if isinstance(given, bool) or not isinstance(given, (int, float)):
            raise TypeError(f"{exercise_id}: give a number, not {given!r}")
        if not math.isfinite(given):
            raise ValueError(f"{exercise_id}: {given} is not a finite number")
        if abs(given - ex.answer) <= ex.tol:
            return True, f"Right: {given:g} is within ±{ex.tol:g} of {ex.answer:.6g}."
        return False, f"Not yet: {given:g} is not within ±{ex.tol:g} of the answer."
    if not isinstance(given, int) or not 0 <= given < len(ex.options):
        last = len(ex.options) - 1
        raise ValueError(f"{exercise_id}: choose an option 0 to {last}, not {given!r}")
    option = ex.options[given]
    return option.right, ("Right: " if option.right else "Not this one: ") + option.why
