"""sitebuild/hookorder.py: a build fails if mkdocs.yml lists a hook before one it needs.

One pair depends on its order: notebook.py hands the formulas of notebook cells to
math.py as arithmatex spans (``math.AFTER``). A build with every other pair of hooks
reversed is byte-identical to the site's, so no other hook declares one: exercises.py
turns its markers into Markdown before any hook sees the HTML, and math.py typesets
their formulas with the page's own, wherever either is listed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from sitebuild.hookorder import check_order
from tests.conftest import ROOT, build, hook

LISTED = re.compile(r"^  - (sitebuild/hooks/(\w+)\.py)\b", re.M)
NOTEBOOK, MATH = "sitebuild/hooks/notebook.py", "sitebuild/hooks/math.py"


def listed_hooks() -> list[str]:
    """The hooks of mkdocs.yml, in its order."""
    return [path for path, _ in LISTED.findall((ROOT / "mkdocs.yml").read_text("utf8"))]


def modules(paths: list[str]) -> dict:
    """``{path: module}`` of the hooks at ``paths``, as in MkDocs' ``config.hooks``."""
    return {path: hook(Path(path).stem) for path in paths}


def test_the_site_lists_its_hooks_in_an_order_they_accept():
    paths = listed_hooks()
    in_folder = (ROOT / "sitebuild" / "hooks").glob("*.py")
    assert sorted(paths) == sorted(f"sitebuild/hooks/{p.name}" for p in in_folder)
    assert paths.index(NOTEBOOK) < paths.index(MATH)
    assert not getattr(hook("exercises"), "AFTER", ())
    check_order(modules(paths), "mkdocs.yml")


def test_math_before_notebook_is_refused_naming_the_pair():
    with pytest.raises(PluginError) as err:
        check_order(modules(["sitebuild/hooks/figures.py", MATH, NOTEBOOK]), "x.yml")
    assert str(err.value) == (
        f"hooks: {MATH} must be listed after {NOTEBOOK} in x.yml "
        "(math.AFTER names 'notebook')"
    )


def test_a_hook_needs_only_the_hooks_that_are_listed():
    check_order(modules([MATH]), "x.yml")


def test_a_copy_of_mkdocs_yml_with_the_pair_swapped_fails_to_build(tmp_path):
    paths = listed_hooks()
    i, j = paths.index(NOTEBOOK), paths.index(MATH)
    paths[i], paths[j] = paths[j], paths[i]
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        f"watch: [{ROOT / 'bpdocs'}]\n"
        "hooks:\n" + "".join(f"  - {ROOT / path}\n" for path in paths)
    )
    proc = build(tmp_path / "site", config)
    assert proc.returncode != 0
    assert (
        f"hooks: {ROOT / MATH} must be listed after {ROOT / NOTEBOOK} in {config} "
        "(math.AFTER names 'notebook')"
    ) in proc.stderr, proc.stderr[-2000:]
    assert not (tmp_path / "site").exists(), "nothing is built"
