"""Exercises in Chromium: every one answered rightly, wrongly and with malformed input.

Each chapter page is visited once. For a numeric exercise the right answer (rounded
within its tolerance) must read "Right", one just outside the tolerance "Not yet",
and each malformed answer a clear message; for a choice, the right option (known from
bpdocs, not from the page) shows its "Right" reason and each wrong one its own. An
expression is graded by the page's Python: the solution's form and another equivalent
one are right, one that agrees at the first point only is "right at" that point and
"wrong at" the others. The answers survive a reload (local storage) and the reset
button clears them. With JavaScript disabled, the question and the collapsed solution
show, and no answer box.
"""

from __future__ import annotations

import math

import pytest

from bpdocs import exercises
from bpdocs.grade import at
from tests.browser.browse import Seen, new_context, new_page

PAGES = list(exercises.CHAPTERS)
MALFORMED = {
    "": "Type a number first",
    "abc": "is not a number",
    "1/0": "is not a number",
    "1e999": "too large to be checked",
    "x**2": "is not a number",
    "0x1F": "is not a number",
    "  ": "Type a number first",
}


# another form of each expression's derivative, equal to the solution's
EQUIVALENT = {
    "chain-rule-5": "81*x**2 + 54*x + 9",
    "multivariable-5": "2*w*x + 2*b - 2*y",
    "autodiff-5": "(1 + x)*exp(x) + 1",
    "backpropagation-4": "exp(-x)/(1 + exp(-x))**2",
    "softmax-5": "-sigmoid(z2 - z1)",
    "vanishing-gradients-5": "(1 - tanh(x)**2) * (1 - tanh(tanh(x))**2)",
}


def expression_answers(ex) -> list[tuple[str, str]]:
    """What to type into an expression exercise, and how its feedback must start."""
    v, first = ex.names[0], ex.points[0]
    once = at(ex.names, first)
    assert all(p[0] != first[0] for p in ex.points[1:]), "the once-right form agrees"
    return [
        (ex.closed_form, "Right at every point"),
        (EQUIVALENT[ex.id], "Right at every point"),
        (f"{ex.closed_form} + ({v} - ({first[0]!r}))", f"Not yet: right at {once},"),
        (f"({ex.closed_form}) + 1", "Not yet: wrong at every point"),
        ("", "Type an expression first"),
        ("slope", "unknown name 'slope' at character 1"),
        ("1/0", "Not yet: it is undefined at every point"),
        (f"{v}**99999", "exponent larger than 1000"),
        (f"2^{v}", "unexpected character '^' at character 2"),
        (f"3{v}", "expected an operator at character 2"),
    ]


# a promise that resolves once the page's Python has given its verdict, or fails
DONE = """f => new Promise((done, fail) => {
  const start = Date.now();
  const wait = () => {
    if (f.dataset.verdict !== "checking") done();
    else if (Date.now() - start > 15000) fail(new Error("still checking after 15 s"));
    else setTimeout(wait, 20);
  };
  wait();
})"""


async def answer_expression(section, ex, problems):
    """Type each of `expression_answers`; note any feedback that starts wrongly."""
    box, check = section.locator("input[type=text]"), section.locator("button")
    form = section.locator("form")
    for text, start in [*expression_answers(ex), (ex.closed_form, "Right")]:
        await box.fill(text)
        await check.click()
        await form.evaluate(DONE)
        got = await section.locator("p.bp-feedback").inner_text()
        if not got.startswith(start):
            problems.append(f"{ex.id}: {text!r} gave {got!r}, not {start!r}")


def near_answer(ex) -> str:
    """The answer, written to just enough decimals to be inside the tolerance."""
    decimals = max(0, math.ceil(-math.log10(ex.tol / 10)))
    return f"{ex.answer:.{decimals}f}"


async def answer_numeric(section, ex, problems):
    """Type the right, a wrong and each malformed answer; note what reads wrongly."""
    box, check = section.locator("input[type=text]"), section.locator("button")
    for text, start in [
        (near_answer(ex), "Right"),
        (repr(ex.answer + 3 * ex.tol), "Not yet"),
        (repr(ex.answer - 3 * ex.tol), "Not yet"),
        *[(k, v) for k, v in MALFORMED.items()],
    ]:
        await box.fill(text)
        await check.click()
        got = await section.locator("p.bp-feedback").inner_text()
        if start not in got:
            problems.append(f"{ex.id}: {text!r} gave {got!r}, not {start!r}")
    await box.fill(near_answer(ex))
    await check.click()


async def answer_choice(section, ex, problems):
    """Check with nothing chosen, then each option; note what reads wrongly."""
    check = section.locator("button[type=submit]")
    await check.click()
    got = await section.locator(".bp-feedback").inner_text()
    if "Choose one of the options first" not in got:
        problems.append(f"{ex.id}: nothing chosen gave {got!r}")
    right = next(i for i, o in enumerate(ex.options) if o.right)
    for i, option in [*enumerate(ex.options), (right, ex.options[right])]:
        await section.locator(f"input[type=radio][value='{i}']").check()
        await check.click()
        shown = section.locator(".bp-why:visible")
        texts = await shown.all_inner_texts()
        start = "Right: " if option.right else "Not this one: "
        ok = len(texts) == 1 and texts[0].startswith(start)
        if not ok or await shown.get_attribute("data-option") != str(i):
            problems.append(f"{ex.id}: option {i} showed {texts!r}, not {start!r}")


async def visit(browser, base, page) -> tuple[list, Seen]:
    """Answer every exercise of ``page``; reload; reset. What went wrong, and seen."""
    seen, problems = Seen(), []
    ctx = await new_context(browser, seen, "exercises")
    try:
        tab = await new_page(ctx, seen, "exercises")
        await tab.goto(base + page + "/", wait_until="load")
        chosen = exercises.chapter(page)
        for ex in chosen:
            section = tab.locator(f"section[data-exercise='{ex.id}']")
            if not await section.locator("form.bp-answer").is_visible():
                problems.append(f"{ex.id}: the answer box is not shown")
                continue
            if ex.kind == "numeric":
                await answer_numeric(section, ex, problems)
            elif ex.kind == "expression":
                await answer_expression(section, ex, problems)
            else:
                await answer_choice(section, ex, problems)
        stored = await tab.evaluate(
            "Object.keys(localStorage).filter(k => k.startsWith('bpdocs-exercise:'))"
        )
        if sorted(stored) != sorted(f"bpdocs-exercise:{ex.id}" for ex in chosen):
            problems.append(f"stored attempts {sorted(stored)}")
        await tab.reload(wait_until="load")
        verdicts = await tab.locator("form.bp-answer").evaluate_all(
            "forms => forms.map(f => f.dataset.verdict)"
        )
        if verdicts != ["right"] * len(chosen):
            problems.append(f"after a reload the verdicts are {verdicts}")
        await tab.locator(".bp-reset button").click()
        left = await tab.evaluate(
            "[Object.keys(localStorage).filter(k => k.startsWith('bpdocs-exercise:'))"
            ".length,"
            " [...document.querySelectorAll('form.bp-answer')]"
            ".filter(f => f.dataset.verdict).length,"
            " [...document.querySelectorAll('.bp-why:not([hidden])')].length]"
        )
        if left != [0, 0, 0]:
            problems.append(f"after reset: stored, verdicts, reasons shown = {left}")
    finally:
        await ctx.close()
    return problems, seen


def test_every_expression_exercise_has_another_form_to_try():
    every = [ex for p in PAGES for ex in exercises.chapter(p)]
    assert {ex.id for ex in every if ex.kind == "expression"} == set(EQUIVALENT)


@pytest.mark.parametrize("page", PAGES)
def test_every_exercise_answered_rightly_wrongly_and_malformed(site, browser, page):
    problems, seen = browser.run(visit(browser, site.base, page))
    assert not seen.console and not seen.outside, seen.console + seen.outside
    assert not problems, f"{page}:\n" + "\n".join(problems)


async def without_scripts(browser, base, page) -> dict:
    """What a reader sees of the exercises with JavaScript off."""
    seen = Seen()
    ctx = await new_context(browser, seen, "no-js", java_script_enabled=False)
    try:
        tab = await new_page(ctx, seen, "no-js")
        await tab.goto(base + page + "/", wait_until="load")
        sections = tab.locator("section.bp-exercise")
        return {
            "sections": await sections.count(),
            "questions shown": await tab.locator(
                "section.bp-exercise > p:not(.bp-exercise-head):visible"
            ).count(),
            "forms shown": await tab.locator("form.bp-answer:visible").count(),
            "summaries shown": await tab.locator(
                "details.bp-solution > summary:visible"
            ).count(),
            "open solutions": await tab.locator("details.bp-solution[open]").count(),
            "reset shown": await tab.locator(".bp-reset:visible").count(),
        }
    finally:
        await ctx.close()


@pytest.mark.parametrize("page", ["chain-rule", "broken-backward-passes"])
def test_with_scripts_off_the_question_and_collapsed_solution_show(site, browser, page):
    n = len(exercises.chapter(page))
    got = browser.run(without_scripts(browser, site.base, page))
    assert got == {
        "sections": n,
        "questions shown": got["questions shown"],
        "forms shown": 0,
        "summaries shown": n,
        "open solutions": 0,
        "reset shown": 0,
    }
    assert got["questions shown"] >= n


async def typed_on(browser, base) -> dict:
    """Check an expression, and change the box before Python answers: what shows."""
    seen = Seen()
    ctx = await new_context(browser, seen, "typed-on")
    try:
        tab = await new_page(ctx, seen, "typed-on")
        await tab.goto(base + "chain-rule/", wait_until="load")
        form = tab.locator("section[data-exercise='chain-rule-5'] form")
        await form.locator("input").evaluate(
            "box => { box.value = '9*(3*x + 1)**2'; box.form.requestSubmit();"
            " box.value = '9*(3*x + 1)'; }"  # changed before the check can answer
        )
        await form.evaluate(DONE)
        return {
            "verdict": await form.get_attribute("data-verdict"),
            "feedback": await form.locator(".bp-feedback").inner_text(),
            "stored": await tab.evaluate(
                "localStorage.getItem('bpdocs-exercise:chain-rule-5')"
            ),
        }
    finally:
        await ctx.close()


def test_an_answer_changed_while_python_checks_gets_no_stale_verdict(site, browser):
    got = browser.run(typed_on(browser, site.base))
    assert got == {"verdict": "changed", "feedback": "", "stored": None}
