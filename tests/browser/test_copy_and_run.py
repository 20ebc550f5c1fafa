"""Copy and run: each code block's copy button copies the code, and copied Python runs.

Each code block's Material copy button (``content.code.copy``) is clicked after opening
its ``<details>`` or selecting its content tab and scrolling it into view, as a reader
would (Material mounts the button when the block is first seen, ``content.lazy``), and
the clipboard read (``js/reveal.js``, ``js/clipboard.js``; one page copies at a time).
On a Markdown page the blocks pair one to one, in page order, with the source's fences
(parsed by ``tests/snippets/harness.py``, ``--8<--`` includes expanded), and the
clipboard must equal the fence's text; on a page built from docstrings, the block's
visible text, its ``language-*`` class giving its language
(``test_copy_buttons_copy_the_code``).

An excerpt's copy button gives the excerpt after the imports it needs (its fence's
text, as the snippet runner expands it, holds the same).

Copied Python blocks (not ``output``, not ``notest``, not other languages) run as a
reader runs them (``test_copied_python_runs``): in the fresh environments of
``tests/freshenv.py``, on the oldest and on the newest Python bpdocs declares, with
only the wheel the site serves and its dependencies; blocks that use matplotlib in the
environment with the ``figures`` extra. A page's blocks run in one process, each in a
clean namespace, a ``continuation`` block after the blocks it continues; each must
raise nothing and print the output the page shows after it. Notebook cells have no
copy button (mkdocs-jupyter renders ``<pre>`` without ``<code>``): ``test_notebook.py``
runs the downloaded notebook instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.browser.browse import NO_BUTTON
from tests.browser.conftest import PAGES, from_docstrings, page_id
from tests.conftest import ROOT
from tests.freshenv import PINS
from tests.snippets.harness import PYTHON, PageParser


@dataclass
class Block:
    """A code block of the page: where it is, what it must copy, and what it copied."""

    where: str
    lang: str
    options: set
    expected: str
    copied: str | None  # or NO_BUTTON


def code_blocks(page: str, desktop) -> list[Block]:
    """The page's code blocks (no notebook cells), each paired with its source fence."""
    shown = [b for b in desktop.blocks if not b["notebook"]]
    src, fences = PAGES[page], None
    if src is not None and src.suffix == ".md" and not from_docstrings(page):
        fences = PageParser(ROOT).fences(src.read_text("utf8"))
        fences = [f for f in fences if f.lang != "math"]  # typeset, not code blocks
        assert len(fences) == len(shown), (
            f"{page_id(page)}: the page shows {len(shown)} code blocks but "
            f"{src.relative_to(ROOT)} has {len(fences)} fences; cannot pair them"
        )
    out = []
    for k, b in enumerate(shown):
        f = fences[k] if fences is not None else None
        lang, title = (f.lang, f.title) if f else (b["lang"], b["title"])
        place = f"line {f.line - 1}" if f else b["where"]
        named = f", title {title!r}" if title else ""
        where = f"block {k + 1} ({place}, {lang or 'no language'}{named})"
        options, expected = (f.options, f.content) if f else (set(), b["text"])
        out.append(Block(where, lang, options, expected, b["copied"]))
    return out


def norm(text: str) -> str:
    """``text`` without trailing blanks on its lines, or at its end."""
    lines = text.replace("\r\n", "\n").rstrip().split("\n")
    return "\n".join(line.rstrip() for line in lines)


def test_copy_buttons_copy_the_code(page, desktop):
    """Each copy button puts exactly its block's code on the clipboard."""
    problems = []
    for b in code_blocks(page, desktop):
        if b.copied == NO_BUTTON:
            problems.append(f"{b.where} has no copy button, 2 s after coming into view")
        elif b.copied is None:
            problems.append(f"{b.where}: its copy button put nothing on the clipboard")
        elif norm(b.copied) != norm(b.expected):
            got, want = norm(b.copied), norm(b.expected)
            problems.append(
                f"{b.where}: the clipboard differs from the block ({len(got)} "
                f"characters copied, {len(want)} expected): "
                f"{got[:80]!r} vs {want[:80]!r}"
            )
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)


FIGURES = re.compile(r"\b(?:matplotlib|bpdocs\.figures|bpdocs\.plotting)\b")


@dataclass
class Chain:
    """A copied Python block and the continuations after it, with shown outputs."""

    blocks: list[Block]
    shown: list[str | None]  # the output block after each, if the page shows one

    @property
    def figures(self) -> bool:
        """Whether the chain needs matplotlib: the ``figures`` extra."""
        return any(FIGURES.search(b.copied) for b in self.blocks)


def python_runs(blocks: list[Block]) -> list[Chain]:
    """The copied Python blocks, each with the ``continuation`` blocks after it."""
    chains = []
    for k, b in enumerate(blocks):
        if (
            b.lang not in PYTHON
            or "notest" in b.options
            or b.copied in (None, NO_BUTTON)
        ):
            continue
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        shown = after.expected if after and after.lang == "output" else None
        if "continuation" in b.options and chains:
            chains[-1].blocks.append(b)
            chains[-1].shown.append(shown)
        else:
            chains.append(Chain([b], [shown]))
    return chains


@pytest.mark.parametrize("end", list(PINS))
def test_copied_python_runs(page, desktop, end, fresh_envs, tmp_path):
    """Each copied Python block runs in a fresh environment and prints what is shown."""
    chains = python_runs(code_blocks(page, desktop))
    problems = []
    for figures in (False, True):
        mine = [c for c in chains if c.figures == figures]
        if not mine:
            continue
        env = fresh_envs[end, figures]
        payload = [
            {"where": c.blocks[0].where, "blocks": [b.copied for b in c.blocks]}
            for c in mine
        ]
        for chain, result in zip(mine, env.run(payload, tmp_path), strict=True):
            for b, shown, printed in zip(
                chain.blocks, chain.shown, result["printed"], strict=False
            ):
                if shown is not None and norm(printed) != norm(shown):
                    problems.append(
                        f"{b.where}, in the {env}, printed {norm(printed)[:300]!r}; "
                        f"the page shows {norm(shown)[:300]!r}"
                    )
            if result["error"]:
                at = chain.blocks[len(result["printed"]) - 1].where
                problems.append(f"{at}, run in the {env}:\n{result['error']}")
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)
