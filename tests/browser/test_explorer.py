"""The graph explorer in Chromium: every grad it shows is CPython's, step by step.

The test opens the explorer page cold, checks that no runtime byte was fetched before
it was asked for, clicks a preset and then types an expression that no preset holds,
steps each backward pass to its end from the keyboard, and after every step compares
each node's shown grad with the same step of `bpdocs.explore` in CPython (exactly, or
within the runtime's `GRAPH_ULPS`). Bad and hostile input must show an error beside
the input, and the page must keep working. The page's blocks that need only the engine
run in the page and print what the page shows. No request may leave the site, and the
console must stay clean.
"""

from __future__ import annotations

import math

from bench.sitebench import FIRST_GRAPH_MS
from bpdocs.autodiff import topological_order
from bpdocs.explore import backward_steps
from bpdocs.parse import parse, parse_values
from tests.browser.browse import Seen, js, new_context
from tests.conftest import GRAPH_ULPS, ulps

PRESET = ("gates", "f = 2*(x*y + max(x, w))", "x = 3, y = -4, w = 2")
TYPED = (
    "g = tanh(x*y) / (1 + exp(-y)) + x**3 - log(y)\nh = g * g + sigmoid(g)",
    "x = 0.7, y = 1.3",
)
BAD = [
    ("x +", "x = 1", "expression", "at character 4"),
    ("log(x - 2)", "x = 1", "expression", "got -1.0"),
    ("x**y", "x = 1, y = 2", "expression", "exponent must be a number"),
    ('__import__("os")', "x = 1", "expression", "unexpected character"),
    ("x.__class__", "x = 1", "expression", "unexpected character '.'"),
    ("(" * 60 + "x" + ")" * 60, "x = 1", "expression", "nested more than"),
    ("x", "x = 1, y", "values", "expected '=' after 'y'"),
    ("x" * 200_000, "x = 1", "expression", "longer than 400 characters"),
    ("exp(exp(exp(x)))", "x = 10", "expression", "overflows a float"),
]


def expected_grads(text: str, values: str) -> list[dict[int, float]]:
    """After each backward step, every node's grad, by bpdocs in CPython."""
    root = parse(text, parse_values(values))
    steps = backward_steps(root)
    index = {n: i for i, n in enumerate(topological_order(root))}
    grads = {i: 0.0 for i in index.values()} | {index[root]: 1.0}
    out = []
    for _, _, x, _, _, after in steps:
        grads = grads | {index[x]: after}
        out.append(dict(grads))
    return out


def same(shown: str, expected: float) -> bool:
    """Whether a shown grad is CPython's, within the runtime's bound."""
    value = float(shown)
    return value == expected or (
        math.isfinite(value) and ulps(value, expected) <= GRAPH_ULPS
    )


async def explore(chromium, base: str) -> dict:
    """Drive the explorer; what it showed at each step, and what it fetched."""
    seen = Seen()
    ctx = await new_context(
        chromium, seen, "explorer", viewport={"width": 1280, "height": 900}
    )
    page = await ctx.new_page()
    page.on("console", lambda m: m.type == "error" and seen.console.append(m.text))
    page.on("pageerror", lambda e: seen.console.append(str(e)))
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    await page.goto(base + "explorer/", wait_until="load")
    await page.wait_for_load_state("networkidle")
    before_use = [u for u in fetched if "/runtime/" in u]
    runs = {}

    async def shown():
        return await page.evaluate(js("explorer"))

    async def step_through(name):
        state = await shown()
        runs[name] = {"drawn": state, "steps": []}
        await page.focus("#bp-run")  # run the forward pass to its end, then reset
        await page.keyboard.press("Enter")
        await page.focus("#bp-reset")
        await page.keyboard.press("Enter")
        await page.focus("#bp-step-forward")
        while not await page.is_disabled("#bp-step-forward"):
            await page.keyboard.press("Enter")
        await page.focus("#bp-step-backward")
        while not await page.is_disabled("#bp-step-backward"):
            await page.keyboard.press("Enter")
            runs[name]["steps"].append(await shown())

    async def wait_drawn(count):
        drawn = "Number(document.querySelector('.bp-explorer').dataset.drawn || 0)"
        await page.wait_for_function(f"{drawn} >= {count}", timeout=20_000)

    await page.click(f'[data-preset="{PRESET[0]}"]')
    await wait_drawn(1)
    await step_through("preset")
    await page.fill("#bp-expression", TYPED[0])
    await page.fill("#bp-values", TYPED[1])
    await page.focus("#bp-draw")
    await page.keyboard.press("Enter")
    await wait_drawn(2)
    await step_through("typed")
    bad = []
    for text, values, _, _ in BAD:
        await page.fill("#bp-expression", text)
        await page.fill("#bp-values", values)
        await page.click("#bp-draw")
        await page.wait_for_function(
            "document.querySelector('#bp-status').textContent.startsWith('Not drawn')"
        )
        bad.append(await shown())
        await page.fill("#bp-expression", "x")  # the page keeps working
        await page.fill("#bp-values", "x = 1")
        drawn = (await shown())["drawn"]
        await page.click("#bp-draw")
        await wait_drawn(drawn + 1)
    after = await shown()
    ran = []
    for button in await page.query_selector_all(".bp-run-button"):
        await button.click()
        result = await button.evaluate_handle("(b) => b.nextElementSibling")
        await page.wait_for_function("(r) => !r.hidden", arg=result)
        printed = await result.evaluate("(r) => r.querySelector('code').textContent")
        shown_output = await button.evaluate(
            "(b) => b.previousElementSibling.querySelector('code').textContent"
        )
        ran.append(
            (printed, shown_output, await result.evaluate("(r) => r.dataset.same"))
        )
    await ctx.close()
    return {
        "runs": runs,
        "bad": bad,
        "after": after,
        "before_use": before_use,
        "seen": seen,
        "ran": ran,
    }


def test_explorer_shows_cpythons_grads_at_every_step(site, browser):
    got = browser.run(explore(browser, site.base))
    assert got["before_use"] == [], "the runtime was fetched before it was asked for"
    marks = dict(got["runs"]["preset"]["drawn"]["marks"])
    first_graph = marks["bp-graph-drawn"] - marks["bp-runtime-ready"]
    assert 0 <= first_graph <= FIRST_GRAPH_MS, f"first graph {first_graph:.0f} ms after"
    for name, (text, values) in (("preset", PRESET[1:]), ("typed", TYPED)):
        run = got["runs"][name]
        expected = expected_grads(text, values)
        assert len(run["steps"]) == len(expected) > 4, name
        for k, (state, grads) in enumerate(zip(run["steps"], expected, strict=True)):
            shown = {n["id"]: n["grad"] for n in state["nodes"]}
            assert shown.keys() == grads.keys(), (name, k)
            wrong = {
                i: (shown[i], g) for i, g in grads.items() if not same(shown[i], g)
            }
            assert not wrong, f"{name}, step {k + 1}: shown vs CPython {wrong}"
        final = run["steps"][-1]
        root = parse(text, parse_values(values))
        root.backward()
        variables = {n.label: n.grad for n in _leaves(root)}
        for name_, grad, numeric, difference in final["checks"]:
            assert same(grad, variables[name_]), (name_, grad)
            assert abs(float(numeric) - variables[name_]) < 1e-6 * max(
                1, abs(variables[name_])
            )
            assert float(difference) < 1e-6
        for node in final["nodes"]:  # a screen reader hears each node's data and grad
            assert node["focusable"] and f"grad {node['grad']}" in node["label"], node
            assert "data " in node["label"] and "not computed" not in node["label"]
        assert final["backwardDisabled"]
    for (text, _, field, says), state in zip(BAD, got["bad"], strict=True):
        assert says in state["errors"][field], (text, state["errors"])
    assert got["after"]["errors"] == {"expression": "", "values": ""}
    assert len(got["ran"]) == 2  # the page's two blocks that need only the engine
    for printed, shown_output, verdict in got["ran"]:
        assert printed == shown_output.rstrip("\n") and verdict == "true", printed
    seen = got["seen"]
    assert seen.outside == [], seen.outside
    assert seen.console == [], seen.console


def _leaves(root):
    """The variables of ``root``'s graph."""
    return [n for n in topological_order(root) if n.label and not n._prev]
