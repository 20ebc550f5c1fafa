"""The exercises of `bpdocs.exercises`, as the HTML a page shows.

Each exercise is a ``<section class="bp-exercise">``: its question, then a form that
is ``hidden`` until ``docs/javascripts/exercises.js`` shows it, then its worked
solution in a collapsed ``<details>``. With scripts off, the question and the
solution are all there is. The answer key sits in ``data-`` attributes: a numeric
exercise's value and tolerance, an expression's points and the engine's gradient
there (graded in the browser by `bpdocs.grade`), a choice's right option; the
feedback is written in Python, and the script only shows it.
"""

from __future__ import annotations

import html
import json

from bpdocs.exercises import Exercise
from bpdocs.grade import at, listing
from bpdocs.parse import FUNCTIONS

LEVELS = ("a direct application", "one more step", "a step further", "needs thought")


def attr(text: str) -> str:
    """``text`` as the value of an HTML attribute."""
    return html.escape(text, quote=True)


def level(i: int, n: int) -> str:
    """How hard exercise ``i`` of ``n`` is, from a direct application to thought."""
    if i == 0:
        return LEVELS[0]
    if i == n - 1:
        return LEVELS[-1]
    return LEVELS[1] if i == 1 else LEVELS[2]


def numeric_form(ex: Exercise) -> str:
    """The answer box of a numeric exercise, with its key and feedback."""
    box = f"{ex.id}-answer"
    right = f"Right: within ±{ex.tol:g} of {ex.answer:.6g}."
    wrong = f"Not yet: that is not within ±{ex.tol:g} of the answer."
    return (
        f'<form class="bp-answer" hidden data-kind="numeric" '
        f'data-answer="{ex.answer!r}" data-tol="{ex.tol!r}" '
        f'data-right="{attr(right)}" data-wrong="{attr(wrong)}">'
        f'<label for="{box}">Your answer</label> '
        f'<input id="{box}" name="answer" type="text" inputmode="decimal" '
        f'autocomplete="off" spellcheck="false"> '
        f'<button type="submit" class="md-button">Check</button>'
        f'<p class="bp-feedback" role="status" aria-live="polite"></p></form>'
    )


def expression_form(ex: Exercise) -> str:
    """The answer box of an expression exercise, with the points it is graded at."""
    box = f"{ex.id}-answer"
    key = {"names": ex.names, "points": ex.points, "wants": ex.wants, "tol": ex.tol}
    points = listing([at(ex.names, p) for p in ex.points])
    names = ", ".join(f"<code>{n}</code>" for n in ex.names)
    functions = ", ".join(f"<code>{f}</code>" for f in FUNCTIONS)
    return (
        f'<form class="bp-answer" hidden data-kind="expression" '
        f'data-key="{attr(json.dumps(key))}">'
        f'<label for="{box}">Your expression</label> '
        f'<input id="{box}" name="answer" type="text" autocomplete="off" '
        f'spellcheck="false" autocapitalize="off" aria-describedby="{box}-how"> '
        f'<button type="submit" class="md-button">Check</button>'
        f'<p class="bp-how" id="{box}-how">Write it as Python would, in {names}: '
        f"<code>*</code> for products, <code>**</code> for powers, and "
        f"{functions}. Python in this page checks it against the engine's gradient "
        f"at {points}, within {ex.tol:g} times the larger of 1 and the gradient.</p>"
        f'<p class="bp-feedback" role="status" aria-live="polite"></p></form>'
    )


def choice_form(ex: Exercise) -> str:
    """The options of a choice exercise, each with why it is right or wrong."""
    rows, whys = [], []
    for i, option in enumerate(ex.options):
        rows.append(
            f'<label class="bp-option"><input type="radio" name="{ex.id}" value="{i}"> '
            f"{option.text}</label>"
        )
        verdict = "Right: " if option.right else "Not this one: "
        whys.append(
            f'<p class="bp-why" hidden data-option="{i}" '
            f'data-right="{str(option.right).lower()}" markdown="span">'
            f"{verdict}{option.why}</p>"
        )
    return (
        '<form class="bp-answer" hidden data-kind="choice" markdown="block">\n'
        '<fieldset markdown="block"><legend>Choose one</legend>\n'
        + "\n".join(rows)
        + "\n</fieldset>\n"
        + '<button type="submit" class="md-button">Check</button>\n'
        + '<div class="bp-feedback" role="status" aria-live="polite" '
        + 'markdown="block">\n'
        + "\n".join(whys)
        + "\n</div>\n</form>"
    )


FORMS = {"numeric": numeric_form, "expression": expression_form, "choice": choice_form}


def solution(ex: Exercise) -> str:
    """The worked solution, collapsed: its steps, then the answer."""
    steps = "\n".join(f"1. {step}" for step in ex.solution)
    if ex.kind == "numeric":
        end = f"The value: **{ex.answer:.6g}**."
    elif ex.kind == "expression":
        end = f"The derivative, as you would type it: `{ex.closed_form}`."
    else:
        right = next(o for o in ex.options if o.right)
        wrong = "\n".join(f"- {o.text}: {o.why}" for o in ex.options if not o.right)
        end = f"The answer: {right.text}.\n\nThe others:\n\n{wrong}"
    return (
        # data-search-exclude: search leaves it out, so no result gives the answer away
        f'<details class="bp-solution" markdown="block" data-search-exclude>\n'
        f"<summary>Worked solution</summary>\n\n{steps}\n\n{end}\n\n</details>"
    )


def render(exercises: tuple[Exercise, ...], start: int = 1) -> str:
    """The exercises as Markdown with HTML blocks, numbered from ``start``."""
    out = []
    for i, ex in enumerate(exercises):
        numeric = ex.kind == "numeric"
        tol = f" Answers within ±{ex.tol:g} count as right." if numeric else ""
        form = FORMS[ex.kind](ex)
        out.append(
            f'<section class="bp-exercise" id="{ex.id}" data-exercise="{ex.id}" '
            f'markdown="block">\n'
            f'<p class="bp-exercise-head" markdown="span"><strong>Exercise '
            f"{start + i}</strong> ({level(i, len(exercises))})</p>\n\n"
            f"{ex.question}{tol}\n\n{form}\n\n{solution(ex)}\n\n</section>"
        )
    return "\n\n".join(out)
