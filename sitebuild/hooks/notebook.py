"""Build hook: notebook pages (mkdocs-jupyter) made light, offline, and cached by code.

mkdocs-jupyter's cache is keyed by bpdocs' sources, so a notebook re-runs when bpdocs
changes; the JupyterLab CSS, MathJax and mermaid loaders it inlines are dropped; and
``$..$`` of markdown cells becomes arithmatex spans, which math.py typesets after this.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild.buildinfo import source_fingerprint

STYLE = re.compile(
    r"<style[^>]*>(?:(?!</style>).)*?"
    r"(?:jupyter-wrapper|jp-Mermaid|highlight-ipynb|td\.linenos)"
    r"(?:(?!</style>).)*</style>\s*",
    re.S,
)
SCRIPT = re.compile(
    r'<script src="">\s*</script>\s*'
    r'|<script type="text/x-mathjax-config">.*?</script>\s*'
    r'|<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?</script>\s*',
    re.S,
)
#: Prompts ("In [3]:") and collapse bars, which the page does not show.
HIDDEN = re.compile(
    r'<div class="jp-(?:InputPrompt jp-InputArea-prompt'
    r"|OutputPrompt jp-OutputArea-prompt"
    r"|Collapser jp-(?:Input|Output)Collapser jp-Cell-(?:input|output)Collapser)"
    r'">[^<]*</div>\n?'
)
COMMENT = re.compile(
    r"<!-- (?:Load mathjax|End of mermaid configuration|Mermaid configuration)"
    r"[^>]*-->\s*"
)
MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)',
    re.S,
)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")
CODE_PRE = re.compile(r'(<div class="highlight highlight-ipynb[^"]*">)<pre>')
CODE = re.compile(r"(<(pre|code)\b.*?</\2>)", re.S)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Key mkdocs-jupyter's cache folder by the fingerprint of bpdocs' sources."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None:
        plugin.config["cache"] = True
        plugin.config["cache_dir"] = (
            f".cache/mkdocs-jupyter/{source_fingerprint('notebooks')}"
        )
    return config


def _math_spans(text: str) -> str:
    """``$$x$$`` and ``$x$`` as arithmatex's div and span; code is left alone."""
    parts = CODE.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:  # outside <pre>/<code>
            part = DISPLAY.sub(
                lambda m: f'<div class="arithmatex">\\[{m[1]}\\]</div>', part
            )
            part = INLINE.sub(
                lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', part
            )
            out.append(part)
        elif i % 3 == 1:
            out.append(part)
    return "".join(out)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """A notebook page without what it does not use, its formulas left for math.py."""
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    output = STYLE.sub("", output)
    output = SCRIPT.sub("", output)
    output = COMMENT.sub("", output)
    output = HIDDEN.sub("", output)
    output = output.replace(
        'class="highlight-ipynb', 'class="highlight highlight-ipynb'
    )
    # code that scrolls sideways must be reachable from the keyboard, as in Material
    output = CODE_PRE.sub(lambda m: m[1] + '<pre tabindex="0">', output)
    return MARKDOWN_CELL.sub(lambda m: m[1] + _math_spans(m[2]) + m[3], output)
