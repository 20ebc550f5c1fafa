"""Build hook: the in-browser Python and bpdocs' modules join the site.

The explorer and the expression exercises run bpdocs' own code in MicroPython's
WebAssembly build (pinned in ``package.json``). This hook copies that runtime from
``node_modules/``, and ``autodiff``, ``parse``, ``explore`` and ``grade`` from
``bpdocs/``, into ``runtime/``; the one page with an explorer gets its script and
stylesheet. ``javascripts/python.js`` loads the runtime on a reader's first use.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "node_modules" / "@micropython" / "micropython-webassembly-pyscript"
RUNTIME = ("micropython.mjs", "micropython.wasm")
MODULES = ("autodiff.py", "parse.py", "explore.py", "grade.py")  # as python.js
FOLDER = "runtime"
SCRIPT = "javascripts/explorer.js"  # python.js finds runtime/ from its own address
STYLE = "stylesheets/explorer.css"
MARKER = '<div class="bp-explorer"'


def runtime_files() -> dict[str, Path]:
    """Each file the explorer loads, by its path in the site: runtime, then bpdocs."""
    files = {f"{FOLDER}/{name}": PACKAGE / name for name in RUNTIME}
    files |= {f"{FOLDER}/bpdocs/{m}": ROOT / "bpdocs" / m for m in MODULES}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise PluginError(f"explorer: missing {', '.join(missing)} (run npm ci)")
    return files


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the runtime and the Python modules it runs, from their one source each."""
    for uri, path in runtime_files().items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Give the page that holds an explorer its script, as a module, at the end."""
    if MARKER not in output:
        return output
    css = get_relative_url(STYLE, page.url)
    src = get_relative_url(SCRIPT, page.url)
    output = output.replace(
        "</head>", f'<link rel="stylesheet" href="{css}">\n</head>', 1
    )
    return output.replace(
        "</body>", f'<script type="module" src="{src}"></script>\n</body>', 1
    )
