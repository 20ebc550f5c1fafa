"""The code hook (``sitebuild/hooks/code.py``): code blocks keep only the spans that
draw something, and each ``<code>`` carries its number of lines."""

from __future__ import annotations

import json
import re

from tests.conftest import hook

code = hook("code")


def test_only_name_and_whitespace_spans_are_unwrapped():
    pre = (
        '<pre><code><span class="kn">import</span><span class="w"> </span>'
        '<span class="nn">numpy</span>\n<span class="n">x</span></code></pre>'
    )
    assert code.unwrap_plain_tokens(pre) == (
        '<pre><code><span class="kn">import</span> '
        '<span class="nn">numpy</span>\nx</code></pre>'
    )


def test_line_count_includes_a_last_line_without_newline():
    with_newline = code.count_lines("<pre><code>a\nb\n</code></pre>")
    assert with_newline == '<pre><code style="--bp-lines: 2">a\nb\n</code></pre>'
    without = code.count_lines("<pre><code>a\nb</code></pre>")
    assert without == '<pre><code style="--bp-lines: 2">a\nb</code></pre>'


def test_spans_outside_pre_are_left_alone():
    prose = '<p><span class="n">x</span></p>'
    page = prose + '<pre><code><span class="n">y</span></code></pre>'
    assert code.on_post_page(page, page=None, config=None) == (
        prose + '<pre><code style="--bp-lines: 1">y</code></pre>'
    )


def test_code_keeps_only_spans_that_draw_something(site):
    """The theme draws names and whitespace in the code's own colour. If Material ever
    colours them, this fails and the hook must keep their spans."""
    css = next((site / "assets" / "stylesheets").glob("main.*.min.css")).read_text()
    assert "--md-code-hl-name-color:var(--md-code-fg-color)" in css
    assert ".highlight .n{color:var(--md-code-hl-name-color)}" in css
    assert not re.search(r"\.highlight \.w\b", css)
    html = (site / "chain-rule" / "index.html").read_text("utf8")
    blocks = re.findall(r"<pre\b.*?</pre>", html, re.S)
    assert len(blocks) >= 5
    for block in blocks:
        assert '<span class="n">' not in block and '<span class="w">' not in block
        m = re.search(r'<code style="--bp-lines: (\d+)">(.*?)</code>', block, re.S)
        assert m, f"a code block without its line count: {block[:120]}"
        assert int(m[1]) == m[2].rstrip("\n").count("\n") + 1
    assert '<span class="kn">import</span> <span class="p">(</span>' in html, (
        "coloured tokens keep their spans"
    )


def test_shown_outputs_and_worked_solutions_stay_out_of_search(site):
    """Search finds prose and code, never a printed number or an exercise's answer."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf8"))
    text = "\n".join(doc["text"] for doc in index["docs"])
    html = (site / "chain-rule" / "index.html").read_text("utf8")
    outputs = re.findall(
        r'<div class="language-output highlight" data-search-exclude>.*?<code[^>]*>'
        r"(.*?)</code>",
        html,
        re.S,
    )
    assert len(outputs) >= 2
    assert "Worked solution" in html and "Worked solution" not in text
    for output in outputs:
        line = re.sub(r"<[^>]+>", "", output).strip().splitlines()[0]
        assert line not in text, f"a shown output is in the search index: {line!r}"
    assert "the chain rule" in text.lower()  # the prose is still indexed
