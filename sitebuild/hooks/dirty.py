"""Build hook: under ``mkdocs serve --dirty`` (``make serve``), rebuild what is stale.

A dirty rebuild redoes only the pages whose Markdown is newer than their built file.
Pages are also made from the watched folders (``bpdocs``: included code, API, figures;
``sitebuild``): a built page older than a file there is removed, which MkDocs reads as
changed. Other builds are left alone.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

_dirty = False


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this is a dirty build (``mkdocs serve --dirty``)."""
    global _dirty
    _dirty = dirty


def newest_source(config: MkDocsConfig) -> float:
    """The latest modification time of a file pages are made from, outside docs/."""
    paths = [Path(config.config_file_path)]
    for folder in config.watch:
        paths.extend(p for p in Path(folder).rglob("*") if "__pycache__" not in p.parts)
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """In a dirty build, remove each built page older than a watched source file."""
    if not _dirty:
        return files
    newest = newest_source(config)
    for page in files.documentation_pages():
        with contextlib.suppress(FileNotFoundError):
            if os.stat(page.abs_dest_path).st_mtime < newest:
                os.remove(page.abs_dest_path)
    return files
