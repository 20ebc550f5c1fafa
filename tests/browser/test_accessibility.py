"""Accessibility: axe-core finds no serious violation, and every figure has a text.

axe-core (``node_modules/axe-core/axe.min.js``, pinned in ``package.json``) is injected
and run on the whole page in the light palette, after the page was read through, and its
colour-contrast rule again in the dark palette; any violation of impact ``serious`` or
``critical`` fails, named by rule and element (``test_axe_finds_no_serious_violation``).
Every ``img`` needs a non-empty ``alt`` (nbconvert's placeholder "No description has
been provided for this image" does not count), and every figure ``svg`` of the content
an accessible name, unless it is marked decorative (``test_figures_have_alt_text``).
"""

from tests.browser.conftest import page_id

SERIOUS = ("serious", "critical")
ALT_PLACEHOLDER = "No description has been provided for this image"


def violation(palette: str, v: dict) -> str:
    """One axe violation as a finding: impact, rule, help, where, what failed."""
    nodes = v["nodes"]
    where = "; ".join(" ".join(map(str, n["target"])) for n in nodes[:4])
    more = f" and {len(nodes) - 4} more" if len(nodes) > 4 else ""
    summary = (nodes[0].get("failureSummary") or "") if nodes else ""
    detail = " — " + summary.replace("\n", " ")[:200] if summary else ""
    return (
        f"[{palette}] {v['impact']} {v['id']}: {v['help']} — at {where}{more}{detail}"
    )


def test_axe_finds_no_serious_violation(page, desktop):
    """axe-core finds nothing serious or critical, in either palette."""
    assert "light palette" in desktop.axe, f"{page_id(page)}: axe did not run"
    problems = [
        violation(palette, v)
        for palette, violations in desktop.axe.items()
        for v in violations
        if v.get("impact") in SERIOUS
    ]
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)


def test_figures_have_alt_text(page, desktop):
    """Every image has alt text, every figure svg an accessible name."""
    problems = []
    for fig in desktop.figures:
        if not (fig["inContent"] or fig["img"]) or (
            fig["decorative"] and not fig["img"]
        ):
            continue
        if fig["name"] == ALT_PLACEHOLDER:
            problems.append(f"{fig['what']} has only nbconvert's placeholder alt text")
        elif not fig["name"]:
            problems.append(f"{fig['what']} has no alt text")
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)
