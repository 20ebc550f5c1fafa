"""The annotated text, on its own page (``docs/source.md``).

``source/`` keeps the text as it was given, with blank lines added before lists and a
nested list indented by four spaces, not three (which Python-Markdown needs); its
non-blank lines, stripped, hash to those of the given text, and equal them where the
given file is at hand. The built page shows all seven sections, each with its anchor,
its display formulas typeset and its code block, and keeps the text's steps 1 to 4 with
the three sub-steps of the backward pass nested under step 3.
"""

from __future__ import annotations

import hashlib
import re

from tests.conftest import ROOT, SOURCE_NAME, source_markdown

#: sha256 of the non-blank lines, stripped, of the text as given (../shared/source/).
GIVEN = "a13915d79649f0a48c698111486f05240fbe578d620c4ccd5b14851f369dce89"
SECTIONS = [
    "1-chain-rule-for-single-variable-functions",
    "2-chain-rule-for-multivariable-functions",
    "3-matrix-form-of-the-chain-rule",
    "4-backpropagation-in-neural-networks",
    "5-python-implementation-chain-rule-and-backpropagation",
    "6-why-the-chain-rule-and-backpropagation-matter-in-deep-learning",
    "7-summary",
]


def non_blank(text: str) -> list[str]:
    """The text's lines without blank ones or the spaces around them."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_the_kept_text_is_the_given_text_up_to_blank_lines():
    kept = non_blank(source_markdown().read_text("utf8"))
    assert hashlib.sha256("\n".join(kept).encode()).hexdigest() == GIVEN
    given = ROOT.parent / "shared" / "source" / SOURCE_NAME
    for path in [given] if given.is_file() else []:
        assert kept == non_blank(path.read_text("utf8"))


def test_the_source_page_shows_every_section_with_its_anchor(site):
    page = (site / "source" / "index.html").read_text("utf8")
    anchors = re.findall(r'<h2 id="([^"]+)"', page)
    assert anchors == SECTIONS
    assert page.count('<div class="arithmatex">') == 0, "a formula was left untypeset"
    assert "class SimpleNeuralNetwork" in re.sub(r"<[^>]+>", "", page)
    steps = page[page.index('id="step-by-step-intuition"') :]
    steps = steps[: steps.index("Step-by-step (for each layer)")]
    assert (steps.count("<ol>"), steps.count("<ul>"), steps.count("<li>")) == (1, 1, 7)
