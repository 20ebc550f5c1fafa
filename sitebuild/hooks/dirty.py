"""Build hook: under ``mkdocs serve --dirty`` (``make serve``), rebuild what is stale.

A dirty rebuild redoes only the pages whose Markdown changed. Pages are also made from
the watched folders (``bpdocs``: included code, API, figures; ``sitebuild``), so when
one of their files changed since the last build, every page is rebuilt: its built
file is removed, which MkDocs reads as changed. Other builds are left alone.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

_dirty = False
_last_build: float | None = None  # when the last dirty build started (time.time())


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this is a dirty build (``mkdocs serve --dirty``)."""
    global _dirty, _last_build
    _dirty, _last_build = dirty, None


def newest_source(config: MkDocsConfig) -> float:
    """The latest modification time of a file pages are made from, outside docs/."""
    paths = [Path(config.config_file_path)]
    for folder in config.watch:
        paths.extend(p for p in Path(folder).rglob("*") if "__pycache__" not in p.parts)
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """In a dirty build, mark every page stale when a watched source file changed."""
    global _last_build
    if not _dirty:
        return files
    started = time.time()
    if _last_build is not None and newest_source(config) >= _last_build:
        for page in files.documentation_pages():
            with contextlib.suppress(FileNotFoundError):
                os.remove(page.abs_dest_path)
    _last_build = started
    return files
