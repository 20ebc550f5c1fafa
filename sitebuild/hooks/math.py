"""Build hook: every formula typeset to SVG at build time; no math runs in the browser.

After rendering (search indexes the TeX), each arithmatex span becomes MathJax's SVG as
one path (`sitebuild.svgpath.join_math`), spoken in its ``aria-label``; one node process
serves the build, cached. TeX that does not typeset, or is left raw, fails the build.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitebuild.hookorder import check_order
from sitebuild.svgpath import join_math

#: notebook.py turns the formulas of notebook cells into arithmatex spans for this hook.
AFTER = ("notebook",)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "sitebuild" / "tex2svg.cjs"
CACHE = ROOT / ".cache" / "bpdocs" / "math.json"
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<open>\\\(|\\\[)(?P<tex>.*?)'
    r"(?:\\\)|\\\])</(?P=tag)>",
    re.S,
)
# where TeX may stand as text: code, scripts, styles and attribute values are not prose
NOT_PROSE = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1>|<[^>]*>", re.S)
RAW_TEX = re.compile(r"\\\(|\\\[|\$\$")

_node = None
_cache: dict | None = None
_version = None


def _cache_version() -> str:
    """The cache's key: MathJax's and speech engine's versions, a hash of the code."""
    versions = []
    for name in ("mathjax-full", "speech-rule-engine"):
        pkg = ROOT / "node_modules" / name / "package.json"
        if not pkg.is_file():
            raise PluginError(
                f"math: node_modules/{name} is missing; run 'npm ci' (make does it)"
            )
        versions.append(json.loads(pkg.read_text())["version"])
    code = SCRIPT.read_bytes() + (ROOT / "sitebuild" / "svgpath.py").read_bytes()
    script = hashlib.sha256(code).hexdigest()[:12]
    return "-".join(versions + [script])


def _load_cache() -> dict:
    """The formula cache of earlier builds, ``{key: svg}``, for this cache version."""
    global _cache, _version
    if _cache is None:
        _version = _cache_version()
        stored = json.loads(CACHE.read_text()) if CACHE.is_file() else {}
        _cache = stored.get(_version, {})  # entries of other versions are dropped
    return _cache


def _start_node() -> str:
    """Start the node process (once per process); the stylesheet it sends first."""
    global _node
    if _node is None:
        _node = subprocess.Popen(
            ["node", str(SCRIPT)],
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        atexit.register(_node.kill)
        _cache["css|" + _version] = json.loads(_node.stdout.readline())["css"]
    return _cache["css|" + _version]


def _typeset(tex: str, display: bool) -> str:
    """SVG markup for one formula, from the cache or the node process."""
    cache = _load_cache()
    key = hashlib.sha256(f"{_version}|{int(display)}|{tex}".encode()).hexdigest()[:24]
    if key not in cache:
        _start_node()
        _node.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        _node.stdin.flush()
        reply = json.loads(_node.stdout.readline())
        if "error" in reply:
            raise ValueError(reply["error"])
        cache[key] = join_math(reply["html"]) or reply["html"]
    return cache[key]


def _label(tex: str) -> str:
    """The formula's TeX, kept as ``data-tex`` (its spoken form is the aria-label)."""
    return html.escape(" ".join(tex.split()), quote=True)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail the build if notebook.py is listed after this hook."""
    check_order(config.hooks, config.config_file_path)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add MathJax's stylesheet to the site."""
    css = _load_cache().get("css|" + _version) or _start_node()
    files.append(File.generated(config, "assets/stylesheets/mathjax.css", content=css))
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Typeset the page's formulas; fail on one that does not typeset or is left raw."""

    def replace(m):
        tex = html.unescape(m["tex"]).strip()
        display = m["open"] == "\\["
        try:
            svg = _typeset(tex, display)
        except ValueError as err:
            raise PluginError(
                f"math: {page.file.src_uri}: cannot typeset {tex!r}: {err}"
            ) from None
        return svg.replace(
            "<mjx-container ", f'<mjx-container data-tex="{_label(tex)}" ', 1
        )

    output = MATH.sub(replace, output)
    raw = RAW_TEX.search(NOT_PROSE.sub(" ", output))
    if raw:
        prose = NOT_PROSE.sub(" ", output)
        context = " ".join(prose[max(0, raw.start() - 60) : raw.end() + 60].split())
        raise PluginError(
            f"math: {page.file.src_uri}: a formula is left as raw TeX (math in a "
            f"heading, or delimiters arithmatex did not match): ...{context}..."
        )
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    """Store the formula cache for the next build."""
    if _cache is not None:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps({_version: _cache}, sort_keys=True))
