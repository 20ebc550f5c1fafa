"""The in-browser runtime (MicroPython, run under Node.js) against CPython's `Value`.

The explorer page runs `bpdocs/autodiff.py`, `parse.py` and `explore.py` unchanged in
MicroPython. The same Python code runs here in both interpreters, and every node's
data and grad is compared bit for bit. `+ - * /`, `max` and `relu` are exact in both;
the two interpreters' `math` libraries (glibc's here, musl's in the WebAssembly build)
differ in the last bit of some results of `exp`, `log`, `sin`, `cos`, `tanh` and `**`:
at most 1 ulp for one call, and at most `GRAPH_ULPS` for any node of a random graph.
"""

import json
import random
import re
import struct
import subprocess

from hypothesis import Phase, given, settings

from bpdocs import exercises
from tests.conftest import (
    GRAPH_ULPS,
    ROOT,
    claim,
    expressions,
    ulps,
    variable_values,
)

RUNNER = ROOT / "tests" / "runtime" / "micropython.mjs"
FUNCTION_ULPS = 1  # the most two `math` results differ by, in units in the last place
EXACT = ("+", "-", "*", "/", "max", "relu")

HELPERS = """
import json, math, struct
from bpdocs.autodiff import topological_order
from bpdocs.parse import ParseError, parse


def bits(x):
    return struct.pack("<d", x).hex()


def graph(text, values):
    try:
        root = parse(text, values)
        root.backward()
    except ParseError as e:
        return ["refused", e.position]
    except (ValueError, ZeroDivisionError):
        return ["refused", -1]
    return [[n._op, bits(n.data), bits(n.grad)] for n in topological_order(root)]
"""


def in_both(code: str) -> tuple:
    """What ``code`` prints (one JSON line) in CPython and in MicroPython."""
    program = HELPERS + code
    namespace, printed = {}, []
    exec(program, {"print": printed.append, "__name__": "parity"} | namespace)  # noqa: S102
    done = subprocess.run(
        ["node", str(RUNNER), str(ROOT)],
        input=program,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(printed[-1]), json.loads(done.stdout.strip().splitlines()[-1])


def hex_ulps(a: str, b: str) -> int:
    """`ulps` of two doubles given as little-endian hex."""
    return ulps(*(struct.unpack("<d", bytes.fromhex(h))[0] for h in (a, b)))


def test_math_functions_differ_by_at_most_one_ulp():
    claim("checks.md", "by at most one unit in the last place for a single call")
    rng = random.Random(18)
    xs = [rng.uniform(-20.0, 20.0) for _ in range(300)] + [0.0, 1.0, 0.5, -0.5, 1e-8]
    pos = [abs(x) + 1e-3 for x in xs]
    code = f"""
xs, pos = {xs!r}, {pos!r}
out = {{}}
for name in ("exp", "sin", "cos", "tanh"):
    out[name] = [bits(getattr(math, name)(x)) for x in xs]
out["log"] = [bits(math.log(x)) for x in pos]
out["**0.5"] = [bits(x**0.5) for x in pos]
out["**2.5"] = [bits(x**2.5) for x in pos]
out["**3"] = [bits(x**3) for x in xs]
print(json.dumps(out))
"""
    cpython, micropython = in_both(code)
    worst = {
        name: max(
            hex_ulps(a, b)
            for a, b in zip(cpython[name], micropython[name], strict=True)
        )
        for name in cpython
    }
    assert max(worst.values()) <= FUNCTION_ULPS, worst
    assert any(worst.values())  # they do differ somewhere: the bound is not vacuous
    assert worst["**3"] == 0


def random_cases(n: int) -> list:
    """``n`` random `(text, values)` from the shared strategies, the same every run."""
    cases = []

    @settings(max_examples=n, deadline=None, derandomize=True, phases=[Phase.generate])
    @given(expressions(8), variable_values())
    def collect(text, values):
        cases.append((text, values))

    collect()
    rng = random.Random(
        18
    )  # and values with all their digits, not hypothesis' simple ones
    return [(text, {n: rng.uniform(-3.0, 3.0) for n in v}) for text, v in cases]


def test_random_graphs_agree_with_cpython():
    claim("checks.md", "no node differs by more than four (at most two were seen)")
    claim("checks.md", "Sums, products, quotients, `max` and `relu` agree exactly.")
    cases = random_cases(300)
    assert len(cases) == 300
    code = f"print(json.dumps([graph(t, v) for t, v in {cases!r}]))"
    cpython, micropython = in_both(code)
    exact = worst = compared = 0
    for (text, values), ours, theirs in zip(cases, cpython, micropython, strict=True):
        if ours[0] == "refused" or theirs[0] == "refused":
            assert ours == theirs, (text, values)  # refused alike, at the same place
            continue
        assert [n[0] for n in ours] == [n[0] for n in theirs], text
        compared += 1
        if all(op in EXACT or op == "" for op, _, _ in ours):
            assert ours == theirs, (text, values)  # bit for bit
            exact += 1
            continue
        for (op, data, grad), (_, data2, grad2) in zip(ours, theirs, strict=True):
            for a, b in ((data, data2), (grad, grad2)):
                worst = max(worst, hex_ulps(a, b))
                assert hex_ulps(a, b) <= GRAPH_ULPS, (text, values, op)
    assert compared > 200 and exact > 50 and compared - exact > 100, (compared, exact)
    assert worst <= GRAPH_ULPS


DEEPEST = {  # each kind of nesting, at the parser's limit (MAX_DEPTH = 16)
    "calls": "sin(" * 16 + "x" + ")" * 16,
    "max": "max(" * 16 + "x" + ", x)" * 16,
    "groups": "(" * 16 + "x" + ")" * 16,
    "signs": "-(" * 8 + "x" + ")" * 8,
    "powers": "2**-(" * 5 + "(x" + ")" * 6,  # 3 levels each: **, the sign, (
}


def test_the_deepest_input_runs_and_deeper_or_longer_is_refused_in_the_runtime():
    deeper = {k: t.replace("(x", "((x)", 1) for k, t in DEEPEST.items()}
    cases = {**DEEPEST, **{f"{k}+1": t for k, t in deeper.items()}}
    code = f"""
from bpdocs.explore import explore
out = {{}}
cases = {cases!r}
cases["a megabyte"] = "x" * 1_000_000
for name, text in cases.items():
    got = explore(text, "x = 0.5")
    out[name] = got.get("error", "ok")
print(json.dumps(out))
"""
    cpython, micropython = in_both(code)
    assert cpython == micropython
    for name in DEEPEST:
        assert micropython[name] == "ok", (name, micropython[name])
        assert micropython[f"{name}+1"].startswith("nested more than 16 deep")
    assert micropython["a megabyte"].startswith("input is longer than 400 characters")


def test_the_runtime_runs_here_with_the_pages_settings():
    def settings(path):
        text = path.read_text("utf8")
        return re.search(r"const SETTINGS = (\{[^}]*\})", text)[1]

    page = settings(ROOT / "docs" / "javascripts" / "python.js")
    assert page == settings(RUNNER) and "pystack" in page and "heapsize" in page


def test_every_expression_exercise_is_graded_alike_in_the_runtime():
    """Right, equivalent, once-right, wrong and unreadable answers: the same verdicts.

    The messages are compared whole: none of these answers meets an error that each
    Python words its own way (division by zero does: see tests/test_grade.py).
    """
    claim("checks.md", "Python and CPython grade the same answers alike, word for word")
    cases = []
    for page in exercises.CHAPTERS:
        for ex in exercises.chapter(page):
            if ex.kind != "expression":
                continue
            key = {"names": ex.names, "points": ex.points, "wants": ex.wants}
            key = json.dumps(key | {"tol": ex.tol})
            v = ex.names[0]
            for text in (
                ex.closed_form,
                f"{ex.closed_form} + ({v} - ({ex.points[0][0]!r}))",
                f"({ex.closed_form}) * 1.5",
                f"log({v}) + {ex.closed_form}",
                "",
                "slope",
                f"{v}**99999",
                f"2^{v}",
            ):
                cases.append((text, key))
    assert len(cases) == 6 * 8
    code = (
        "from bpdocs.grade import grade_json\n"
        f"print(json.dumps([json.loads(grade_json(t, k)) for t, k in {cases!r}]))"
    )
    cpython, micropython = in_both(code)
    assert [c["verdict"] for c in micropython] == [c["verdict"] for c in cpython]
    verdicts = [c["verdict"] for c in cpython]
    assert {v: verdicts.count(v) for v in ("right", "wrong", "invalid")} == {
        "right": 6,
        "wrong": 18,
        "invalid": 24,
    }
    assert micropython == cpython
