"""bpdocs.grade: a typed derivative against the engine's gradient at chosen points."""

import json

import pytest

from bpdocs.grade import HINT, at, close, grade, grade_json, listing
from bpdocs.parse import evaluate

# d/dx (3x + 1)^3 = 9(3x + 1)^2, by the engine at four points
NAMES, POINTS = ["x"], [[0.0], [1.0], [-0.5], [2.0]]
WANTS, TOL = [9.0, 144.0, 2.25, 441.0], 1e-6
ALL = "x = 0, x = 1, x = -0.5 and x = 2"


def graded(text):
    """The verdict and message for `text` against the key above."""
    return grade(text, NAMES, POINTS, WANTS, TOL)


@pytest.mark.parametrize(
    "text", ["9*(3*x + 1)**2", "81*x**2 + 54*x + 9", "3*(3*x+1)**2*3", "9*(1+3*x)**2"]
)
def test_equivalent_forms_are_right_at_every_point(text):
    assert graded(text) == ("right", f"Right at every point it is checked at: {ALL}.")


def test_a_form_that_agrees_at_one_point_is_wrong_and_says_where():
    verdict, message = graded("9*(3*x + 1)**3")  # (3x+1) = 1 at x = 0 only
    assert verdict == "wrong"
    assert message == (
        "Not yet: right at x = 0, but wrong at x = 1 (yours gives 576), "
        "x = -0.5 (yours gives -1.125) and x = 2 (yours gives 3087)."
    )


def test_a_form_wrong_everywhere_says_so_with_its_values():
    verdict, message = graded("3*(3*x + 1)**2")  # the inner derivative left out
    assert verdict == "wrong"
    assert message.startswith("Not yet: wrong at every point, x = 0 (yours gives 3),")


def test_a_constant_is_read_and_graded():
    assert graded("9")[1].startswith("Not yet: right at x = 0, but wrong at x = 1")


def test_where_it_is_undefined_it_is_wrong_and_the_reason_is_named():
    verdict, message = graded("log(x)")
    assert verdict == "wrong"
    assert "x = 0 (there it is undefined: log is only defined for positive" in message
    assert "x = 1 (yours gives 0)" in message  # not "-0"


@pytest.mark.parametrize(
    "text, start",
    [
        ("", "Type an expression first"),
        ("   ", "Type an expression first"),
        ("the chain rule", "unknown name 'the' at character 1"),
        ("3x", "expected an operator at character 2: 'x'"),
        ("x^2", "unexpected character '^' at character 2"),
        ("z**2", "unknown name 'z' at character 1"),
        ("x**99999", "exponent larger than 1000 at character 2"),
        ("exp(x", "expected ')'"),
    ],
)
def test_unreadable_input_is_invalid_naming_the_place_and_how_to_write_it(text, start):
    verdict, message = graded(text)
    assert verdict == "invalid"
    assert message.startswith(start)
    if text.strip():
        assert message.endswith(f"; {HINT}.")


def test_one_over_zero_is_undefined_at_every_point():
    verdict, message = graded("1/0")
    assert verdict == "wrong"
    assert message.startswith("Not yet: it is undefined at every point: ")
    assert message.endswith("by zero at character 2: '/'.")  # words differ by Python


def test_a_point_of_several_variables_reads_as_a_tuple():
    assert at(["w", "x"], [0.5, -1.0]) == "(w, x) = (0.5, -1)"
    assert at(["x"], [2.0]) == "x = 2"
    assert listing(["a"]) == "a" and listing(["a", "b", "c"]) == "a, b and c"


def test_closeness_is_relative_above_one_and_absolute_below():
    assert close(1000.0005, 1000.0, 1e-6) and not close(1000.002, 1000.0, 1e-6)
    assert close(1e-7, 0.0, 1e-6) and not close(2e-6, 0.0, 1e-6)


def test_grade_json_is_grade_for_the_pages_script():
    key = json.dumps({"names": NAMES, "points": POINTS, "wants": WANTS, "tol": TOL})
    got = json.loads(grade_json("9*(3*x + 1)**2", key))
    assert got == {"verdict": "right", "message": graded("9*(3*x + 1)**2")[1]}


def test_evaluate_allows_a_constant_that_parse_refuses():
    assert evaluate("2**3", {"x": 1.0}) == 8.0
    assert evaluate("x*y", {"x": 1.5, "y": -2.0}) == -3.0
