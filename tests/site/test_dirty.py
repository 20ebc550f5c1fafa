"""The dirty-rebuild hook (``sitebuild/hooks/dirty.py``): ``make serve`` redoes a page
alone when its Markdown changed, and every page when code they are made from changed."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import ROOT

PAGE = '# A\n\n--8<-- "code/shown.md"\n'


def project(folder: Path, hooks: bool = True) -> Path:
    """A project whose page ``a.md`` includes ``code/shown.md``, a watched folder."""
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Home\n")
    (folder / "docs" / "a.md").write_text(PAGE)
    (folder / "code").mkdir()
    (folder / "code" / "shown.md").write_text("Shown: one\n")
    hook = f"hooks: [{ROOT / 'sitebuild' / 'hooks' / 'dirty.py'}]\n" if hooks else ""
    (folder / "mkdocs.yml").write_text(
        "site_name: t\nwatch: [code]\n"
        "markdown_extensions:\n  - pymdownx.snippets:\n"
        f"      base_path: [{folder}]\n      check_paths: true\n" + hook
    )
    return folder / "mkdocs.yml"


def dirty_build(config_file: Path, site: Path, first: bool = False) -> None:
    """One build as ``mkdocs serve --dirty`` runs it (start-up before the first)."""
    config = load_config(str(config_file), site_dir=str(site))
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


def shown(site: Path) -> str:
    """The built page ``a/``."""
    return (site / "a" / "index.html").read_text()


def rebuild_after_edits(tmp_path: Path, hooks: bool) -> tuple[bool, str]:
    """Build, edit the home page, rebuild, edit the shown code, rebuild.

    Returns whether the home-page edit left ``a/`` unbuilt, and ``a/`` at the end.
    """
    config, site = project(tmp_path, hooks), tmp_path / "site"
    dirty_build(config, site, first=True)
    assert "Shown: one" in shown(site)
    before = os.stat(site / "a" / "index.html").st_mtime_ns
    (tmp_path / "docs" / "index.md").write_text("# Home, edited\n")
    dirty_build(config, site)
    untouched = os.stat(site / "a" / "index.html").st_mtime_ns == before
    assert "Home, edited" in (site / "index.html").read_text()
    (tmp_path / "code" / "shown.md").write_text("Shown: two\n")
    dirty_build(config, site)
    return untouched, shown(site)


def test_a_page_edit_rebuilds_that_page_and_a_code_edit_every_page(tmp_path):
    untouched, page = rebuild_after_edits(tmp_path, hooks=True)
    assert untouched  # the fast path: only the edited page was rebuilt
    assert "Shown: two" in page and "Shown: one" not in page


def test_without_the_hook_a_dirty_rebuild_shows_stale_code(tmp_path):
    """The check above can fail: MkDocs alone keeps a page whose code changed."""
    _, page = rebuild_after_edits(tmp_path, hooks=False)
    assert "Shown: one" in page


def test_a_dirty_build_over_an_older_site_redoes_pages_older_than_the_code(tmp_path):
    """``mkdocs build --dirty`` in a new process: the built files' times are enough."""
    config, site = project(tmp_path), tmp_path / "site"
    dirty_build(config, site, first=True)
    (tmp_path / "code" / "shown.md").write_text("Shown: two\n")
    dirty_build(config, site, first=True)  # start-up again, as a new process has
    assert "Shown: two" in shown(site)
