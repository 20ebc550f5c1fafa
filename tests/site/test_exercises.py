"""The exercises hook (``sitebuild/hooks/exercises.py``) and its HTML
(``sitebuild/exercises.py``): markers become exercises that read without scripts, and
the built pages carry the answer keys bpdocs computes."""

from __future__ import annotations

import html
import json
import re

import pytest
from mkdocs.exceptions import PluginError

from bpdocs import exercises
from sitebuild.exercises import render
from tests.conftest import ROOT, hook

ex_hook = hook("exercises")
SECTION = re.compile(
    r'<section class="bp-exercise" data-exercise="([\w-]+)".*?</section>', re.S
)
NUMERIC = re.compile(
    r'<form class="bp-answer" data-answer="([^"]+)" data-kind="numeric"'
    r'[^>]*data-tol="([^"]+)"'
)


EXPRESSION = re.compile(r'data-key="([^"]+)" data-kind="expression"')


def key_mismatches(page_html: str) -> list[str]:
    """Each exercise whose built key differs from the one bpdocs computes."""
    wrong = []
    for section in SECTION.finditer(page_html):
        ex, form = exercises.find(section[1]), NUMERIC.search(section[0])
        if ex.kind == "expression":
            built = json.loads(html.unescape(EXPRESSION.search(section[0])[1]))
            key = {"names": ex.names, "points": ex.points, "wants": ex.wants}
            computed = json.loads(json.dumps(key | {"tol": ex.tol}))
            if built != computed:
                wrong.append(f"{ex.id}: built {built}, computed {computed}")
            continue
        if ex.kind != "numeric" or form is None:
            assert ex.kind != "numeric" and form is None, section[1]
            continue
        ex_id, answer, tol = ex.id, form[1], form[2]
        if float(answer) != ex.answer or float(tol) != ex.tol:
            wrong.append(f"{ex_id}: built {answer} ± {tol}, computed {ex.answer!r}")
    return wrong


def test_a_marker_becomes_its_chapters_exercises_then_one_reset_button():
    page = "# T\n\n<!-- bpdocs:exercises chain-rule -->\n\n[Next](x.md)\n"
    out, shown = ex_hook.expand(page, "chain-rule.md")
    assert shown == [ex.id for ex in exercises.chapter("chain-rule")]
    assert "bpdocs:exercises" not in out and out.count('class="bp-reset"') == 1
    assert out.index('class="bp-reset"') > out.rindex("</section>")
    assert out.rstrip().endswith("[Next](x.md)")


def test_markers_may_pick_exercises_and_number_them_on():
    page = (
        "<!-- bpdocs:exercises broken-backward-passes bugs-fork -->\n\ntext\n\n"
        "<!-- bpdocs:exercises broken-backward-passes bugs-mean bugs-sign -->\n"
    )
    out, shown = ex_hook.expand(page, "p.md")
    assert shown == ["bugs-fork", "bugs-mean", "bugs-sign"]
    assert re.findall(r"<strong>Exercise (\d+)</strong>", out) == ["1", "2", "3"]
    assert out.count('class="bp-reset"') == 1


@pytest.mark.parametrize(
    "marker, message",
    [
        ("<!-- bpdocs:exercises nowhere -->", "p.md: no exercises for page 'nowhere'"),
        (
            "<!-- bpdocs:exercises chain-rule chain-rule-9 -->",
            "p.md: chapter chain-rule has no exercise ['chain-rule-9']",
        ),
    ],
)
def test_an_unknown_chapter_or_exercise_fails_naming_it(marker, message):
    with pytest.raises(PluginError, match=re.escape(message)):
        ex_hook.expand(marker + "\n", "p.md")


def test_a_chapter_left_out_or_shown_twice_is_reported():
    shown = {
        f"{page}.md": [ex.id for ex in exercises.chapter(page)]
        for page in exercises.CHAPTERS
    }
    pages = set(shown) | {"index.md"}
    assert ex_hook.missing(shown, pages, pages) == []
    shown.pop("memory.md")
    shown["pytorch.md"] = shown["pytorch.md"] * 2
    problems = ex_hook.missing(shown, pages, pages)
    assert len(problems) == 2
    assert problems[0].startswith("pytorch.md shows") or problems[1].startswith(
        "pytorch.md shows"
    )
    assert any(p.startswith("memory.md shows []") for p in problems)
    pages.remove("memory.md")  # the chapter's page left out of the site
    problems = ex_hook.missing(shown, pages, pages)
    assert any(
        p.startswith("memory.md is not in the site, so ['memory-1'") for p in problems
    )


def test_a_dirty_rebuild_judges_only_the_pages_it_read():
    """``make serve`` rebuilds the changed page alone: the others are not checked."""
    pages = {f"{page}.md" for page in exercises.CHAPTERS}
    ids = [ex.id for ex in exercises.chapter("memory")]
    assert ex_hook.missing({"memory.md": ids}, {"memory.md"}, pages) == []
    problems = ex_hook.missing({}, {"memory.md"}, pages)
    assert problems == [f"memory.md shows [], not each of {ids} once"]


def test_without_scripts_the_question_and_collapsed_solution_are_there():
    out = render(exercises.chapter("chain-rule"))
    for section in re.findall(r"<section.*?</section>", out, re.S):
        assert re.search(r'<form class="bp-answer" hidden ', section), "form hidden"
        assert (
            '<details class="bp-solution" markdown="block" data-search-exclude>'
            in section
        )
        assert "<details open" not in section
        question = section[section.index("</p>") : section.index("<form")]
        assert question.strip(), "the question stands before the form"


def test_feedback_comes_from_the_definition():
    ex = exercises.find("chain-rule-3")
    out = render((ex,))
    for i, option in enumerate(ex.options):
        verdict = "Right: " if option.right else "Not this one: "
        assert f'data-option="{i}" data-right="{str(option.right).lower()}"' in out
        assert verdict + option.why in out
    num = render((exercises.find("chain-rule-1"),))
    assert 'data-answer="42.0" data-tol="0.0005"' in num
    assert html.escape("Right: within ±0.0005 of 42.") in num


def test_an_expression_form_names_its_variables_points_and_how_to_write_it():
    out = render((exercises.find("multivariable-5"),))
    assert 'data-kind="expression"' in out and 'aria-describedby="' in out
    assert "in <code>w</code>, <code>x</code>, <code>b</code>, <code>y</code>" in out
    assert "gradient at (w, x, b, y) = (0.5, 2, 0.1, 1), (w, x, b, y) = " in out
    assert "The derivative, as you would type it: `2*(w*x + b - y)`." in out
    assert "within 1e-06 times the larger of 1 and the gradient." in out  # grade.close
    assert "count as right" not in out  # the tolerance is stated with the points


def test_every_chapter_page_has_its_marker_before_its_next_button():
    for page in exercises.CHAPTERS:
        text = (ROOT / "docs" / f"{page}.md").read_text("utf8")
        markers = ex_hook.MARKER.findall(text)
        assert markers and all(m[0] == page for m in markers), page
        last = max(text.rfind(f"<!-- bpdocs:exercises {page}"), 0)
        assert last < text.rindex("{ .md-button }"), page


def test_the_built_pages_carry_the_computed_keys_and_a_changed_one_is_caught(
    strict_build,
):
    seen = set()
    for page in exercises.CHAPTERS:
        text = (strict_build / page / "index.html").read_text("utf8")
        assert key_mismatches(text) == [], page
        seen.update(SECTION.findall(text))
    assert seen == {ex.id for p in exercises.CHAPTERS for ex in exercises.chapter(p)}
    text = (strict_build / "chain-rule" / "index.html").read_text("utf8")
    changed = text.replace('data-answer="42.0"', 'data-answer="43.0"', 1)
    assert changed != text
    assert key_mismatches(changed) == [
        "chain-rule-1: built 43.0 ± 0.0005, computed 42.0"
    ]
    changed = text.replace("441.0]", "442.0]", 1)  # chain-rule-5's gradient at x = 2
    assert changed != text and key_mismatches(changed) == [
        "chain-rule-5: built {'names': ['x'], 'points': [[0.0], [1.0], [-0.5], "
        "[2.0]], 'wants': [9.0, 144.0, 2.25, 442.0], 'tol': 1e-06}, computed "
        "{'names': ['x'], 'points': [[0.0], [1.0], [-0.5], [2.0]], 'wants': [9.0, "
        "144.0, 2.25, 441.0], 'tol': 1e-06}"
    ]
