"""Every snippet section marked in bpdocs/ is shown by a page; every marker pairs up.

A source file marks a section with ``# --8<-- [start:x]`` and ``# --8<-- [end:x]``; a
page (``docs/**/*.md``, or a notebook ``docs/**/*.ipynb``) shows it with
``--8<-- "bpdocs/path.py:x"``, or shows the whole file, and so all of its sections, with
``--8<-- "bpdocs/path.py"``. A section that no page shows is dead weight: remove it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from tests.conftest import ROOT

#: A section marker, as pymdownx.snippets reads it (``;--8<--`` escapes one).
MARKER = re.compile(
    r"(?<![;-])-+8<-+[ \t]+\[[ \t]*(?P<kind>start|end)[ \t]*:[ \t]*"
    r"(?P<name>[a-z][-_0-9a-z]*)[ \t]*\]",
    re.I,
)
#: An include of a bpdocs file, whole or one section: ``--8<-- "bpdocs/x.py:name"``.
INCLUDE = re.compile(
    r"(?<![;-])-+8<-+[ \t]+(?P<q>[\"'])(?P<path>bpdocs/[^\"':]+)"
    r"(?::(?P<name>[a-z][-_0-9a-z]*))?(?P=q)",
    re.I,
)
WHOLE = None  # the section name that stands for "the whole file"


def markers(text: str) -> list[tuple[int, str, str]]:
    """``(line number, "start" or "end", name)`` for each section marker of ``text``."""
    return [
        (n, m["kind"].lower(), m["name"])
        for n, line in enumerate(text.splitlines(), 1)
        for m in MARKER.finditer(line)
    ]


def includes(text: str) -> set[tuple[str, str | None]]:
    """``(path, section)`` for each bpdocs include of ``text``; None: the whole file."""
    return {(m["path"], m["name"]) for m in INCLUDE.finditer(text)}


def page_text(path) -> str:
    """A page's text: Markdown as it is, a notebook as all its cells' sources."""
    text = path.read_text("utf8")
    if path.suffix == ".ipynb":
        cells = json.loads(text)["cells"]
        text = "\n".join("".join(cell["source"]) for cell in cells)
    return text


def all_markers() -> dict[str, list[tuple[int, str, str]]]:
    """``{path: markers}`` for every Python file of bpdocs/ that has a marker."""
    found = {}
    for path in sorted((ROOT / "bpdocs").rglob("*.py")):
        marks = markers(path.read_text("utf8"))
        if marks:
            found[path.relative_to(ROOT).as_posix()] = marks
    return found


def all_includes() -> dict[tuple[str, str | None], list[str]]:
    """``{(path, section): [pages that include it]}`` over every page and notebook."""
    found = defaultdict(list)
    pages = [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs").rglob("*.ipynb")]
    for page in sorted(pages):
        for key in includes(page_text(page)):
            found[key].append(page.relative_to(ROOT).as_posix())
    return found


def unshown(marks: dict, shown) -> list[str]:
    """``path:line: [start:x]`` for each section that no include in ``shown`` covers."""
    return [
        f"{path}:{n}: section [start:{name}] is included by no page under docs/"
        for path, file_marks in marks.items()
        for n, kind, name in file_marks
        if kind == "start" and (path, name) not in shown and (path, WHOLE) not in shown
    ]


def unpaired(path: str, file_marks) -> list[str]:
    """``path:line: ...`` for each end without its start, and each start never ended."""
    problems, open_at = [], {}
    for n, kind, name in file_marks:
        if kind == "start":
            if name in open_at:
                problems.append(f"{path}:{n}: [start:{name}] while it is already open")
            open_at[name] = n
        elif name not in open_at:
            problems.append(f"{path}:{n}: [end:{name}] without its [start:{name}]")
        else:
            del open_at[name]
    problems += [
        f"{path}:{n}: [start:{name}] is never ended" for name, n in open_at.items()
    ]
    return problems


# ---------------------------------------------------------------- the repository


def test_every_section_is_included_by_a_page():
    marks, shown = all_markers(), all_includes()
    assert marks and shown, "no section markers in bpdocs/ or no includes in docs/"
    problems = unshown(marks, shown)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", sorted(all_markers()))
def test_every_marker_has_its_partner(path):
    problems = unpaired(path, all_markers()[path])
    assert not problems, "\n".join(problems)


def test_every_include_names_a_marked_section():
    starts = {
        (path, name)
        for path, file_marks in all_markers().items()
        for _, kind, name in file_marks
        if kind == "start"
    }
    wrong = [
        f'{", ".join(pages)}: --8<-- "{path}{"" if name is WHOLE else ":" + name}"'
        for (path, name), pages in sorted(all_includes().items(), key=str)
        if not (ROOT / path).is_file()
        or (name is not WHOLE and (path, name) not in starts)
    ]
    assert not wrong, "includes of a missing file or section:\n" + "\n".join(wrong)


# ---------------------------------------------------------------- the checks themselves

SOURCE = """\
# --8<-- [start:shown]
x = 1
# --8<-- [end:shown]
# --8<-- [start:unshown]
y = 2
# --8<-- [end:unshown]
# ;--8<-- [start:escaped]
"""


def test_a_section_no_page_includes_is_reported_with_its_line():
    marks = {"bpdocs/m.py": markers(SOURCE)}
    assert [kind for _, kind, _ in marks["bpdocs/m.py"]] == ["start", "end"] * 2
    page = 'Text.\n\n```python\n    --8<-- "bpdocs/m.py:shown"\n```\n'
    assert unshown(marks, includes(page)) == [
        "bpdocs/m.py:4: section [start:unshown] is included by no page under docs/"
    ]
    assert unshown(marks, includes('--8<-- "bpdocs/m.py"')) == []  # the whole file
    assert unshown(marks, includes('--8<-- "bpdocs/other.py"')) != []


def test_a_notebook_counts_as_a_page(tmp_path):
    notebook = tmp_path / "n.ipynb"
    cell = {
        "cell_type": "markdown",
        "metadata": {},
        "source": ['--8<-- "bpdocs/m.py:x"'],
    }
    notebook.write_text(json.dumps({"cells": [cell]}), "utf8")
    assert includes(page_text(notebook)) == {("bpdocs/m.py", "x")}


def test_an_end_without_its_start_is_reported():
    text = (
        "# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [end:b]\n# --8<-- [start:c]\n"
    )
    assert unpaired("bpdocs/m.py", markers(text)) == [
        "bpdocs/m.py:3: [end:b] without its [start:b]",
        "bpdocs/m.py:4: [start:c] is never ended",
    ]
