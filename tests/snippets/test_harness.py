"""The checks can fail: small pages fed to the snippet runner and to the strict build.

Each case builds a tiny project in a temporary folder and asserts that the failure names
the page and the item at fault.
"""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import ROOT, build, tiny_project
from tests.snippets.harness import (
    flatten_containers,
    normalize,
    parse_info,
    snippet_options,
)

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
    """Write ``docs/page.md``; run the snippet runner on it in a fresh pytest."""
    (project.path / "docs" / "page.md").write_text(page(text))
    return project.runpytest_subprocess(
        "-p", "tests.snippets.harness", "-p", "no:cacheprovider", "docs", *args
    )


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
    result.stdout.fnmatch_lines(
        [
            "*docs/page.md:10: the output shown on the page differs from what the "
            "snippet at line 4 prints*",
            "-48",
            "+49",
        ]
    )


def test_wrong_output_inside_a_tab_fails(project):
    result = run_page(project, GOOD.replace("        6\n", "        7\n"))
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*docs/page.md:29: the output shown on the page differs*"]
    )


def test_update_outputs_refreshes_the_page(project):
    run_page(
        project, GOOD.replace("    49\n", "    48\n"), "--update-outputs"
    ).assert_outcomes(passed=3)
    assert (project.path / "docs" / "page.md").read_text() == page(GOOD)


def test_raising_snippet_fails_naming_page_and_line(project):
    result = run_page(
        project,
        """\
        Text.

        ~~~python
        x = 1
        raise ValueError("the slope is wrong")
        ~~~
        """,
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*docs/page.md:3: the snippet raised*", "*ValueError: the slope is wrong*"]
    )


def test_misspelt_section_fails_naming_page_and_section(project):
    result = run_page(project, GOOD.replace("lib.py:square", "lib.py:sqaure"))
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        [
            "*docs/page.md: SnippetMissingError: "
            "Snippet section 'sqaure' could not be located*"
        ]
    )


def test_notest_needs_a_visible_reason(project):
    result = run_page(
        project,
        """\
        ~~~{.python notest}
        import torch
        ~~~
        """,
    )
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        ["*docs/page.md:1: a notest fence must say why in its title*"]
    )


def test_notest_with_a_reason_is_not_run(project):
    result = run_page(
        project,
        """\
        ~~~{.python notest title="needs PyTorch (not run: PyTorch is not a dependency)"}
        import torch
        ~~~
        ~~~python
        print("ran")
        ~~~
        """,
    )
    result.assert_outcomes(passed=1)


def test_output_must_follow_its_fence(project):
    result = run_page(
        project,
        """\
        ~~~python
        print(1)
        ~~~

        Some prose in between.

        ~~~output
        1
        ~~~
        """,
    )
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        ["*docs/page.md:7: an output fence must directly follow the Python fence*"]
    )


def test_continuation_runs_after_the_previous_fence(project):
    result = run_page(
        project,
        """\
        ~~~python
        total = 40
        ~~~

        ~~~{.python continuation title="continues the block above"}
        print(total + 2)
        ~~~

        ~~~output
        42
        ~~~
        """,
    )
    result.assert_outcomes(passed=2)


# --- the strict build ------------------------------------------------------------


def test_build_fails_on_a_misspelt_section_naming_page_and_section(tmp_path):
    config = tiny_project(
        tmp_path,
        SNIPPETS_CONFIG,
        page('~~~python\n--8<-- "lib.py:sqaure"\n~~~\n'),
        lib=LIB,
    )
    proc = build(tmp_path / "site", config, cwd=tmp_path)
    assert proc.returncode != 0
    assert (
        "Error reading page 'index.md': Snippet section 'sqaure' could not be located"
        in proc.stderr
    )


def test_includes_are_expanded_with_the_options_of_mkdocs_yml():
    options = snippet_options(ROOT)
    assert options["base_path"] == [str(ROOT)]
    assert options["check_paths"] is True and options["dedent_subsections"] is True
    assert options["url_download"] is False and options["restrict_base_path"] is True


def test_without_mkdocs_yml_includes_use_the_extension_defaults(tmp_path):
    options = snippet_options(tmp_path)
    assert options["base_path"] == [str(tmp_path.resolve())]
    assert options["check_paths"] is False and options["dedent_subsections"] is False


# --- the small pure helpers -------------------------------------------------------


def test_flatten_containers_keeps_line_numbers():
    src = '!!! note "x"\n    a\n\n    === "t"\n\n        b\nc'
    out = flatten_containers(src)
    assert out.split("\n") == ["", "a", "", "", "", "b", "c"]


def test_parse_info():
    assert parse_info('{.python continuation title="continues the block above"}') == (
        "python",
        {"continuation"},
        "continues the block above",
    )
    assert parse_info("{.python notest}") == ("python", {"notest"}, None)
    assert parse_info('python title="a b"') == ("python", set(), "a b")


def test_normalize_ignores_trailing_space_only():
    assert normalize("a  \nb\n\n") == "a\nb"
    assert normalize(" a") != normalize("a")


def test_output_needs_a_blank_line_after_its_fence(project):
    result = run_page(
        project,
        """\
        ~~~python
        print(1)
        ~~~
        ~~~output
        1
        ~~~
        """,
    )
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        [
            "*docs/page.md:4: leave one blank line between a Python fence "
            "and its output fence*"
        ]
    )


def test_plain_form_options_are_refused(project):
    result = run_page(
        project,
        """\
        ~~~python
        total = 40
        ~~~

        ~~~python continuation title="continues the block above"
        print(total + 2)
        ~~~
        """,
    )
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        ["*docs/page.md:5: write fence options in the brace form*"]
    )


BPDOCS_LIB = '''\
import math


# --8<-- [start:root]
def root(x):
    """$\\\\sqrt{x}$."""
    return math.sqrt(x)
# --8<-- [end:root]
'''


def excerpt_project(project):
    """The tiny project with a module under ``bpdocs/``, whose sections are excerpts."""
    (project.path / "bpdocs").mkdir()
    (project.path / "bpdocs" / "lib.py").write_text(BPDOCS_LIB)
    return project


def test_an_excerpt_runs_with_the_imports_its_copy_gets(project):
    result = run_page(
        excerpt_project(project),
        """\
        ~~~python title="from bpdocs/lib.py"
        --8<-- "bpdocs/lib.py:root"
        ~~~

        ~~~{.python continuation title="continues the excerpt"}
        print(root(16.0))
        ~~~

        ~~~output
        4.0
        ~~~
        """,
    )
    result.assert_outcomes(passed=2)


def test_an_untitled_excerpt_is_refused(project):
    result = run_page(
        excerpt_project(project),
        """\
        ~~~python title="the root"
        --8<-- "bpdocs/lib.py:root"
        ~~~
        """,
    )
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        [
            "*docs/page.md:1: a fence that shows an "
            'excerpt of bpdocs/lib.py must be titled as one: title="from bpdocs/lib.py"'
        ]
    )


def test_an_excerpt_title_on_other_code_is_refused(project):
    result = run_page(
        excerpt_project(project),
        """\
        ~~~python title="from bpdocs/lib.py"
        print(1)
        ~~~
        """,
    )
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        ["*docs/page.md:1: titled 'from bpdocs/lib.py', but the fence is not made of*"]
    )
