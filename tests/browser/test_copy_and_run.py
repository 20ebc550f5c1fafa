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

Copied Python blocks (not ``output``, not ``notest``, not other languages) run in a
fresh ``python`` (this interpreter, bpdocs installed), with ``MPLBACKEND=Agg``, in a
temporary folder, with a time limit, and must exit 0; a ``continuation`` block runs in
the same process after the blocks it continues (``test_copied_python_runs``). Notebook
cells have no copy button (mkdocs-jupyter renders ``<pre>`` without ``<code>``):
``test_notebook.py`` runs the notebook instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from tests.browser.browse import NO_BUTTON
from tests.browser.conftest import PAGES, from_docstrings, page_id
from tests.conftest import ROOT
from tests.snippets.harness import PYTHON, PageParser

TIMEOUT = 120  # seconds for one copied block (and what it continues) to run


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


def run_python(code: str) -> str | None:
    """Run ``code`` in a fresh Python, as a reader pasting it would; what went wrong."""
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryDirectory(prefix="bpdocs-copy-") as cwd:
        try:
            proc = subprocess.run(
                [sys.executable, "-"],
                input=code,
                text=True,
                capture_output=True,
                cwd=cwd,
                env=env,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return f"did not finish within {TIMEOUT} s"
    tail = "\n".join(proc.stderr.strip().split("\n")[-6:])
    return f"exited {proc.returncode}:\n{tail}" if proc.returncode else None


def python_runs(blocks: list[Block]) -> list[list[Block]]:
    """The copied Python blocks, each with the ``continuation`` blocks after it."""
    groups = []
    for b in blocks:
        if (
            b.lang not in PYTHON
            or "notest" in b.options
            or b.copied in (None, NO_BUTTON)
        ):
            continue
        if "continuation" in b.options and groups:
            groups[-1].append(b)
        else:
            groups.append([b])
    return groups


def test_copied_python_runs(page, desktop):
    """Each copied Python block runs in a fresh python and exits 0."""
    groups = python_runs(code_blocks(page, desktop))
    codes = ["\n\n".join(b.copied for b in group) for group in groups]
    with ThreadPoolExecutor(max_workers=2) as pool:  # the machine has 2 cores
        results = list(pool.map(run_python, codes))
    problems = []
    for group, result in zip(groups, results, strict=True):
        if result:
            after = (
                f", after the {len(group) - 1} it continues" if len(group) > 1 else ""
            )
            problems.append(f"{group[-1].where}{after}, copied and run: {result}")
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)
