"""The checks can fail: small pages fed to the snippet runner and to the strict build.

Each case builds a tiny project in a temporary folder and asserts that the failure names
the page and the item at fault.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from tests.snippet_harness import flatten_containers, normalize, parse_info
from tests.test_site import build

ROOT = Path(__file__).resolve().parents[1]
FENCE = "`" * 3

SNIPPETS_CONFIG = """\
site_name: harness
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
      dedent_subsections: true
"""

LIB = '''\
# --8<-- [start:square]
def square(x):
    """$x^2$."""
    return x * x
# --8<-- [end:square]
'''


def page(body: str) -> str:
    """Markdown with ``~~~`` standing for a code fence."""
    return textwrap.dedent(body).replace("~~~", FENCE)


@pytest.fixture
def project(pytester, monkeypatch):
    """A tiny docs project: ``mkdocs.yml``, ``lib.py`` with a section, and ``docs/``."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makefile(".yml", mkdocs=SNIPPETS_CONFIG)
    pytester.makepyfile(lib=LIB)
    (pytester.path / "docs").mkdir()
    return pytester


def run_page(project, text: str, *args):
    """Write ``docs/page.md`` and run the snippet runner on it in a fresh pytest process."""
    (project.path / "docs" / "page.md").write_text(page(text))
    return project.runpytest_subprocess("-p", "tests.snippet_harness", "-p", "no:cacheprovider",
                                        "docs", *args)


GOOD = """\
    # A page

    ~~~python
    --8<-- "lib.py:square"

    print(square(7))
    ~~~

    ~~~output
    49
    ~~~

    !!! note "in an admonition"
        ~~~python
        print("inside")
        ~~~

        ~~~output
        inside
        ~~~

    === "A tab"

        ~~~python
        print(sum(range(4)))
        ~~~

        ~~~output
        6
        ~~~
    """


def test_a_correct_page_passes(project):
    result = run_page(project, GOOD)
    result.assert_outcomes(passed=3)


def test_wrong_shown_output_fails_naming_page_and_lines(project):
    result = run_page(project, GOOD.replace("    49\n", "    48\n"))
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines([
        "*docs/page.md:10: the output shown on the page differs from what the snippet at line 4 prints*",
        "-48", "+49"])


def test_wrong_output_inside_a_tab_fails(project):
    result = run_page(project, GOOD.replace("        6\n", "        7\n"))
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*docs/page.md:29: the output shown on the page differs*"])


def test_update_outputs_refreshes_the_page(project):
    run_page(project, GOOD.replace("    49\n", "    48\n"), "--update-outputs").assert_outcomes(passed=3)
    assert (project.path / "docs" / "page.md").read_text() == page(GOOD)


def test_raising_snippet_fails_naming_page_and_line(project):
    result = run_page(project, """\
        Text.

        ~~~python
        x = 1
        raise ValueError("the slope is wrong")
        ~~~
        """)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*docs/page.md:3: the snippet raised*", "*ValueError: the slope is wrong*"])


def test_misspelt_section_fails_naming_page_and_section(project):
    result = run_page(project, GOOD.replace("lib.py:square", "lib.py:sqaure"))
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*docs/page.md: SnippetMissingError: Snippet section 'sqaure' could not be located*"])


def test_notest_needs_a_visible_reason(project):
    result = run_page(project, """\
        ~~~{.python notest}
        import torch
        ~~~
        """)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*docs/page.md:1: a notest fence must say why in its title*"])


def test_notest_with_a_reason_is_not_run(project):
    result = run_page(project, """\
        ~~~{.python notest title="needs PyTorch (not run: PyTorch is not a dependency)"}
        import torch
        ~~~
        ~~~python
        print("ran")
        ~~~
        """)
    result.assert_outcomes(passed=1)


def test_output_must_follow_its_fence(project):
    result = run_page(project, """\
        ~~~python
        print(1)
        ~~~

        Some prose in between.

        ~~~output
        1
        ~~~
        """)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*docs/page.md:7: an output fence must directly follow the Python fence*"])


def test_continuation_runs_after_the_previous_fence(project):
    result = run_page(project, """\
        ~~~python
        total = 40
        ~~~

        ~~~{.python continuation title="continues the block above"}
        print(total + 2)
        ~~~

        ~~~output
        42
        ~~~
        """)
    result.assert_outcomes(passed=2)


# --- the strict build --------------------------------------------------------------------

BUILD_CONFIG = """\
site_name: harness
theme:
  name: material
  font: false
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
      dedent_subsections: true
hooks:
  - {root}/docs/.hooks/figures.py
extra:
  bpdocs_figures: harnessfigs
"""

FIGS = '''\
from bpdocs.plotting import new_figure


def fine():
    """A line."""
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    return fig


def broken():
    """Raises."""
    raise RuntimeError("cannot draw the contours")


FIGURES = {"fine": fine, "broken": broken}
'''


def make_project(tmp_path: Path, config: str, markdown: str, **files: str) -> Path:
    """A tiny MkDocs project: ``mkdocs.yml`` from ``config``, one page, and ``files`` beside them."""
    (tmp_path / "mkdocs.yml").write_text(config.format(root=ROOT))
    for name, text in files.items():
        (tmp_path / f"{name}.py").write_text(text)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page(markdown))
    return tmp_path / "mkdocs.yml"


def make_build_project(tmp_path: Path, markdown: str, figures: str = FIGS) -> Path:
    """A tiny MkDocs project using the site's figure hook and a section to include."""
    return make_project(tmp_path, BUILD_CONFIG, markdown, lib=LIB, harnessfigs=figures)


def test_build_fails_on_a_misspelt_section_naming_page_and_section(tmp_path):
    config = make_build_project(tmp_path, '~~~python\n--8<-- "lib.py:sqaure"\n~~~\n',
                                FIGS.replace('"broken": broken', ""))
    proc = build(tmp_path / "site", config, cwd=tmp_path)
    assert proc.returncode != 0
    assert "Error reading page 'index.md': Snippet section 'sqaure' could not be located" in proc.stderr


def test_build_fails_on_a_raising_figure_naming_figure_function_and_page(tmp_path):
    config = make_build_project(tmp_path, "![A figure that cannot be drawn at all.](figures/broken.svg)\n")
    proc = build(tmp_path / "site", config, cwd=tmp_path)
    assert proc.returncode != 0
    assert "figure 'broken' (used by index.md) failed: harnessfigs.broken() raised" in proc.stderr
    assert "RuntimeError: cannot draw the contours" in proc.stderr


def test_build_fails_on_a_link_to_a_missing_figure(tmp_path):
    config = make_build_project(tmp_path, "![A figure nobody defined.](figures/absent.svg)\n",
                                FIGS.replace('"broken": broken', ""))
    (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text()
                                         + "validation:\n  links:\n    not_found: warn\n")
    proc = build(tmp_path / "site", config, cwd=tmp_path)
    assert proc.returncode != 0
    assert "figures/absent.svg" in proc.stderr and "index.md" in proc.stderr


# --- the small pure helpers ----------------------------------------------------------------

def test_flatten_containers_keeps_line_numbers():
    src = '!!! note "x"\n    a\n\n    === "t"\n\n        b\nc'
    out = flatten_containers(src)
    assert out.split("\n") == ["", "a", "", "", "", "b", "c"]


def test_parse_info():
    assert parse_info('{.python continuation title="continues the block above"}') == (
        "python", {"continuation"}, "continues the block above")
    assert parse_info("{.python notest}") == ("python", {"notest"}, None)
    assert parse_info('python title="a b"') == ("python", set(), "a b")


def test_normalize_ignores_trailing_space_only():
    assert normalize("a  \nb\n\n") == "a\nb"
    assert normalize(" a") != normalize("a")


def test_output_needs_a_blank_line_after_its_fence(project):
    result = run_page(project, """\
        ~~~python
        print(1)
        ~~~
        ~~~output
        1
        ~~~
        """)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*docs/page.md:4: leave one blank line between a Python fence and its output fence*"])


def test_plain_form_options_are_refused(project):
    result = run_page(project, """\
        ~~~python
        total = 40
        ~~~

        ~~~python continuation title="continues the block above"
        print(total + 2)
        ~~~
        """)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*docs/page.md:5: write fence options in the brace form*"])


MATH_CONFIG = """\
site_name: harness
theme:
  name: material
  font: false
markdown_extensions:
  - pymdownx.arithmatex:
      generic: true
plugins:
  - mkdocs-jupyter:
      include: ["*.ipynb"]
      execute: true
      allow_errors: false
      cache: false
hooks:
  - {root}/docs/.hooks/notebook.py
  - {root}/docs/.hooks/math.py
"""


def make_math_project(tmp_path: Path, markdown: str) -> Path:
    """A tiny MkDocs project using the site's math and notebook hooks."""
    return make_project(tmp_path, MATH_CONFIG, markdown)


def test_build_fails_on_a_formula_that_does_not_typeset(tmp_path):
    config = make_math_project(tmp_path, "# Page\n\nFine $x^2$, broken $\\frac{a$ here.\n")
    proc = build(tmp_path / "site", config, cwd=tmp_path)
    assert proc.returncode != 0
    assert "math: index.md: cannot typeset '\\\\frac{a': Missing close brace" in proc.stderr


def test_build_fails_on_tex_left_raw_in_a_heading(tmp_path):
    config = make_math_project(tmp_path, "# Page\n\n## The slope $f'(x)$\n\nText.\n")
    proc = build(tmp_path / "site", config, cwd=tmp_path)
    assert proc.returncode != 0
    assert "math: index.md: a formula is left as raw TeX" in proc.stderr and "\\(f'(x)\\)" in proc.stderr


def test_build_fails_on_a_raising_notebook_cell_naming_notebook_and_error(tmp_path):
    import nbformat

    config = make_math_project(tmp_path, "# Home\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise KeyError('no such layer')")]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "docs" / "broken.ipynb")
    proc = build(tmp_path / "site", config, cwd=tmp_path)
    assert proc.returncode != 0
    stderr = re.sub(r"\x1b\[[0-9;]*m", "", proc.stderr)   # the kernel's traceback is coloured
    assert "Error reading page 'broken.ipynb'" in stderr
    assert "raise KeyError('no such layer')" in stderr and "KeyError: 'no such layer'" in stderr
