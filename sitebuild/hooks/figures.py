"""Build hook: every figure of ``bpdocs.figures.FIGURES`` drawn into the site as SVG.

A page shows figure NAME as ``figures/NAME.svg``. They are drawn in a fresh Python
(``mkdocs serve`` draws the current bpdocs), cached by bpdocs' sources, never written
into ``docs/``; each ``<img>`` gets its size and, below the introduction, lazy loading.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitebuild.buildinfo import source_fingerprint

ROOT = Path(__file__).resolve().parents[2]
FIGURE_LINK = re.compile(r"figures/([A-Za-z0-9_.-]+)\.svg")
IMG = re.compile(
    r'<img [^>]*src="(?:\.\./)*figures/(?P<name>[A-Za-z0-9_.-]+)\.svg"[^>]*>'
)
_SIZES: dict[str, tuple[int, int]] = {}

#: Drawings of the last few versions of bpdocs stay cached; older ones are removed.
KEEP = 6
#: Seconds after which a private drawing folder (``<key>.<random>``) was left by a
#: killed build.
STALE = 3600.0


def _cache_key(module: str, config_dir: str) -> str:
    """bpdocs' source fingerprint, with the figure module and mkdocs.yml's folder."""
    return source_fingerprint(module, config_dir)


def _pages_using(name: str, files: Files) -> list[str]:
    """The pages whose Markdown links to ``figures/NAME.svg``."""
    return [
        f.src_uri
        for f in files.documentation_pages()
        if name in FIGURE_LINK.findall(Path(f.abs_src_path).read_text("utf8"))
    ]


def _prune(cache: Path, keep: int, now: float | None = None) -> None:
    """Remove all but the ``keep`` newest drawing folders of ``cache``, and stale ones.

    A build draws into a private ``<key>.<random>`` folder and renames it into place; a
    build that was killed leaves its folder, removed once it is an hour old (a running
    build's is newer).
    """
    now = time.time() if now is None else now
    folders = sorted(
        (p for p in cache.iterdir() if p.is_dir() and "." not in p.name),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    left = [
        p
        for p in cache.iterdir()
        if p.is_dir() and "." in p.name and now - p.stat().st_mtime > STALE
    ]
    for old in folders[keep:] + left:
        shutil.rmtree(old, ignore_errors=True)


def _render(module: str, out_dir: Path, config_dir: str) -> dict:
    """Draw the figures of ``module`` into ``out_dir`` in a fresh Python; its errors."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # a private folder, renamed into place when complete: builds never share one
    tmp = Path(tempfile.mkdtemp(prefix=out_dir.name + ".", dir=out_dir.parent))
    # the figure module is importable from the directory of mkdocs.yml, as in the build
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [config_dir, os.environ.get("PYTHONPATH")])
        ),
    }
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "sitebuild.drawfigures",
                str(tmp),
                "--module",
                module,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
        )
        try:
            errors = json.loads(proc.stdout or "null")
        except json.JSONDecodeError:
            errors = None
        if errors is None:
            raise PluginError(
                f"figures: 'python -m sitebuild.drawfigures --module {module}' "
                f"failed:\n{proc.stderr}"
            )
        if not errors:
            try:
                tmp.rename(out_dir)
            except OSError:  # another build finished the same drawing first
                pass
            _prune(out_dir.parent, keep=KEEP)
        return errors
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add every figure as a generated file; a figure that raises fails the build."""
    module = config.extra.get("bpdocs_figures", "bpdocs.figures")
    config_dir = os.path.dirname(os.path.abspath(config.config_file_path))
    # the cache lives beside the mkdocs.yml that uses it: other projects never evict it
    out_dir = (
        Path(config_dir)
        / ".cache"
        / "bpdocs"
        / "figures"
        / _cache_key(module, config_dir)
    )
    if not out_dir.is_dir():
        errors = _render(module, out_dir, config_dir)
        if errors:
            lines = [
                f"figure {name!r} (used by "
                f"{', '.join(_pages_using(name, files)) or 'no page'}) failed: {err}"
                for name, err in sorted(errors.items())
            ]
            raise PluginError("figures: " + "\n".join(lines))
    _SIZES.clear()
    for svg in sorted(out_dir.glob("*.svg")):
        files.append(
            File.generated(config, f"figures/{svg.name}", abs_src_path=str(svg))
        )
        _SIZES[svg.stem] = _size_px(svg)
    return files


def _size_px(svg: Path) -> tuple[int, int]:
    """The CSS pixel size of a Matplotlib SVG, from its ``width``, ``height`` in pt."""
    head = svg.read_text("utf8")[:1000]
    w, h = (
        float(re.search(rf'{attr}="([0-9.]+)pt"', head)[1]) * 4 / 3
        for attr in ("width", "height")
    )
    return round(w), round(h)


#: Where a page's introduction ends: figures before it are on the first screen.
FIRST_SECTION = re.compile(r"<h2\b")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Give each figure its size (nothing shifts); below the introduction, lazy loading.

    This is the one place that decides ``loading``: a figure of the introduction
    (before the first ``<h2>``) is fetched with the page; the others as the reader
    scrolls towards them.
    """
    first = FIRST_SECTION.search(output)
    fold = first.start() if first else len(output)

    def sized(m):
        w, h = _SIZES.get(m["name"], (None, None))
        if w is None or "width=" in m[0]:
            return m[0]
        lazy = ' loading="lazy"' if m.start() > fold else ""
        return m[0].replace(
            "<img ", f'<img width="{w}" height="{h}"{lazy} decoding="async" ', 1
        )

    return IMG.sub(sized, output)
