"""bpdocs/exercises: every answer key recomputed, and the checks of an answer."""

from __future__ import annotations

import dataclasses
import math

import pytest

from bpdocs import exercises
from bpdocs.exercises import Exercise, Option
from bpdocs.parse import evaluate

ALL = [ex for page in exercises.CHAPTERS for ex in exercises.chapter(page)]


def key_problems(exs) -> list[str]:
    """Each exercise whose key disagrees with its worked solution's closed form."""
    problems = []
    for ex in exs:
        if ex.kind == "numeric":
            by_hand = float(ex.by_hand())
            if not abs(ex.answer - by_hand) <= ex.tol / 100:
                problems.append(f"{ex.id}: key {ex.answer!r}, by hand {by_hand!r}")
        elif ex.kind == "expression":
            for point, want in zip(ex.points, ex.wants, strict=True):
                by_hand = evaluate(
                    ex.closed_form, dict(zip(ex.names, point, strict=True))
                )
                if not abs(want - by_hand) <= 1e-12 * max(1.0, abs(want)):
                    problems.append(f"{ex.id}: key {want!r}, by hand {by_hand!r}")
        elif (right := sum(o.right for o in ex.options)) != 1:
            problems.append(f"{ex.id}: {right} right options")
    return problems


def test_every_chapter_has_3_to_6_exercises_and_the_gallery_one_per_bug():
    for page in exercises.CHAPTERS:
        n = len(exercises.chapter(page))
        assert 3 <= n <= (8 if page == "broken-backward-passes" else 6), (page, n)


def test_exercise_ids_are_unique_and_named_for_their_chapter():
    ids = [ex.id for ex in ALL]
    assert len(ids) == len(set(ids))
    for page in exercises.CHAPTERS:
        prefix = "bugs-" if page == "broken-backward-passes" else f"{page}-"
        assert all(ex.id.startswith(prefix) for ex in exercises.chapter(page)), page


@pytest.mark.parametrize("ex", ALL, ids=lambda ex: ex.id)
def test_the_answer_key_agrees_with_the_worked_solution(ex):
    """The key bpdocs computed, against the closed form the solution derives."""
    assert key_problems([ex]) == []
    assert ex.solution and all(step.strip() for step in ex.solution)
    if ex.kind == "choice":
        assert all(o.why for o in ex.options) and len(ex.options) >= 3


def test_a_changed_stored_answer_is_caught():
    ex = next(ex for ex in ALL if ex.kind == "numeric")
    changed = dataclasses.replace(ex, answer=ex.answer + 10 * ex.tol)
    assert key_problems([changed]) == [
        f"{ex.id}: key {changed.answer!r}, by hand {float(ex.by_hand())!r}"
    ]


def test_a_changed_gradient_of_an_expression_key_is_caught():
    ex = exercises.find("chain-rule-5")
    changed = dataclasses.replace(ex, wants=(9.0, 144.0, 2.25, 442.0))
    assert key_problems([changed]) == ["chain-rule-5: key 442.0, by hand 441.0"]


def test_every_kind_is_on_the_site_and_expressions_on_several_chapters():
    kinds = [ex.kind for ex in ALL]
    assert {k: kinds.count(k) for k in exercises.KINDS} == {
        "numeric": 54,
        "expression": 6,
        "choice": 29,
    }


def test_the_engines_key_agrees_with_a_central_difference_of_the_same_function():
    """The expression keys were made by the engine: hold one against numbers alone."""
    ex = exercises.find("softmax-5")

    def loss(z1, z2):
        return math.log(math.exp(z1) + math.exp(z2)) - z1

    h = 1e-6
    for (z1, z2), want in zip(ex.points, ex.wants, strict=True):
        numeric = (loss(z1 + h, z2) - loss(z1 - h, z2)) / (2 * h)
        assert abs(numeric - want) < 1e-8


def test_check_of_an_expression_takes_equivalent_forms_and_says_where_one_is_wrong():
    assert exercises.check("softmax-5", "-sigmoid(z2 - z1)")[0]
    assert exercises.check("backpropagation-4", "exp(-x)/(1 + exp(-x))**2")[0]
    ok, why = exercises.check("vanishing-gradients-5", "1 - tanh(x)**2")
    assert not ok and why.startswith("Not yet: right at x = 0, but wrong at x = 0.5")


def test_check_takes_the_answer_within_the_tolerance_and_not_beyond():
    ex = exercises.find("chain-rule-1")
    assert exercises.check(ex.id, ex.answer + 0.9 * ex.tol)[0]
    ok, why = exercises.check(ex.id, ex.answer + 1.1 * ex.tol)
    assert not ok and why.startswith("Not yet:")


def test_check_of_a_choice_says_why_each_option_is_right_or_wrong():
    ex = exercises.find("chain-rule-3")
    for i, option in enumerate(ex.options):
        ok, why = exercises.check(ex.id, i)
        assert ok == option.right and why.endswith(option.why)


@pytest.mark.parametrize(
    "exercise_id, given, error, message",
    [
        ("chain-rule-1", "42", TypeError, "give a number, not '42'"),
        ("chain-rule-1", True, TypeError, "give a number, not True"),
        ("chain-rule-1", float("nan"), ValueError, "nan is not a finite number"),
        ("chain-rule-1", float("inf"), ValueError, "inf is not a finite number"),
        ("chain-rule-3", 4, ValueError, "choose an option 0 to 3, not 4"),
        ("chain-rule-3", "b", ValueError, "choose an option 0 to 3, not 'b'"),
        ("chain-rule-5", 9.0, TypeError, "give an expression as text, not 9.0"),
        ("chain-rule-5", "9(3x+1)", ValueError, "expected an operator at character 2"),
        ("no-such-exercise", 1.0, KeyError, "no exercise 'no-such-exercise'"),
    ],
)
def test_bad_answers_are_refused_naming_the_value(exercise_id, given, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(")):
        exercises.check(exercise_id, given)


def test_a_page_without_exercises_is_refused_naming_it():
    with pytest.raises(KeyError, match="no exercises for page 'index'"):
        exercises.chapter("index")


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kind": "formula"}, "unknown kind 'formula'"),
        ({"answer": float("nan")}, "answer nan not finite"),
        ({"tol": 0.0}, "tol must be > 0, not 0.0"),
    ],
)
def test_a_malformed_numeric_exercise_is_refused(fields, message):
    base = {"id": "x-1", "kind": "numeric", "question": "q", "solution": ("s",)}
    with pytest.raises(ValueError, match=message):
        Exercise(**{"answer": 1.0, "tol": 0.1, **base, **fields})


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"points": ((0.0,),)}, "give names and at least 2 points"),
        ({"wants": (1.0,)}, "one gradient per point"),
        ({"wants": (1.0, float("nan"))}, r"bad point \(1.0,\) or nan"),
        ({"closed_form": ""}, "needs tol > 0 and a closed form"),
    ],
)
def test_a_malformed_expression_exercise_is_refused(fields, message):
    base = {
        "id": "x-3",
        "kind": "expression",
        "question": "q",
        "solution": ("s",),
        "tol": 1e-6,
        "names": ("x",),
        "points": ((0.0,), (1.0,)),
        "wants": (1.0, 2.0),
        "closed_form": "2*x",
    }
    with pytest.raises(ValueError, match=message):
        Exercise(**{**base, **fields})


def test_a_choice_needs_exactly_one_right_option():
    options = (Option("a", "why a"), Option("b", "why b"))
    with pytest.raises(ValueError, match="x-2: a choice needs one right option"):
        exercises.choice("x-2", "q", options, ("s",))
