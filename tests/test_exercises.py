"""bpdocs/exercises: every answer key recomputed, and the checks of an answer."""

from __future__ import annotations

import dataclasses

import pytest

from bpdocs import exercises
from bpdocs.exercises import Exercise, Option

ALL = [ex for page in exercises.CHAPTERS for ex in exercises.chapter(page)]


def key_problems(exs) -> list[str]:
    """Each exercise whose key disagrees with its worked solution's closed form."""
    problems = []
    for ex in exs:
        if ex.kind == "numeric":
            by_hand = float(ex.by_hand())
            if not abs(ex.answer - by_hand) <= ex.tol / 100:
                problems.append(f"{ex.id}: key {ex.answer!r}, by hand {by_hand!r}")
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
        ({"kind": "expression"}, "unknown kind 'expression'"),
        ({"answer": float("nan")}, "answer nan not finite"),
        ({"tol": 0.0}, "tol must be > 0, not 0.0"),
    ],
)
def test_a_malformed_numeric_exercise_is_refused(fields, message):
    base = {"id": "x-1", "kind": "numeric", "question": "q", "solution": ("s",)}
    with pytest.raises(ValueError, match=message):
        Exercise(**{"answer": 1.0, "tol": 0.1, **base, **fields})


def test_a_choice_needs_exactly_one_right_option():
    options = (Option("a", "why a"), Option("b", "why b"))
    with pytest.raises(ValueError, match="x-2: a choice needs one right option"):
        exercises.choice("x-2", "q", options, ("s",))
