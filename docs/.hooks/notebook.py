"""Build hook: notebook pages (mkdocs-jupyter) made light, offline and cached by what they run.

- **Cache.** mkdocs-jupyter keys its cache on the notebook and its own options only, so output
  would go stale when bpdocs changes. Here its cache folder is keyed by
  ``bpdocs.buildinfo.source_fingerprint``: a notebook is re-executed exactly when the notebook
  or bpdocs changed.
- **Weight.** mkdocs-jupyter inlines about 590 KB of JupyterLab CSS, a MathJax 2 loader and a
  mermaid loader that imports from a CDN. They are removed; ``docs/stylesheets/extra.css``
  styles the few notebook classes the page uses, and code cells take Material's highlighting
  (their ``<pre>`` is focusable, so code that scrolls sideways is reachable from the keyboard).
- **Math.** Markdown cells keep ``$...$`` and ``$$...$$`` as text. They are turned into the
  same spans as ``pymdownx.arithmatex`` makes, so ``math.py`` typesets them at build time.
"""

from __future__ import annotations

import re

from bpdocs.buildinfo import source_fingerprint

STYLE = re.compile(r"<style[^>]*>(?:(?!</style>).)*?(?:jupyter-wrapper|jp-Mermaid|highlight-ipynb|td\.linenos)"
                   r"(?:(?!</style>).)*</style>\s*", re.S)
SCRIPT = re.compile(r'<script src="">\s*</script>\s*|<script type="text/x-mathjax-config">.*?</script>\s*'
                    r'|<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?</script>\s*', re.S)
#: Prompts ("In [3]:") and collapse bars, which the page does not show: 42 elements.
HIDDEN = re.compile(r'<div class="jp-(?:InputPrompt jp-InputArea-prompt|OutputPrompt jp-OutputArea-prompt'
                    r'|Collapser jp-(?:Input|Output)Collapser jp-Cell-(?:input|output)Collapser)">[^<]*</div>\n?')
COMMENT = re.compile(r"<!-- (?:Load mathjax|End of mermaid configuration|Mermaid configuration)[^>]*-->\s*")
MARKDOWN_CELL = re.compile(r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)', re.S)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")
CODE_PRE = re.compile(r'(<div class="highlight highlight-ipynb[^"]*">)<pre>')
CODE = re.compile(r"(<(pre|code)\b.*?</\2>)", re.S)


def on_config(config):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None:
        plugin.config["cache"] = True
        plugin.config["cache_dir"] = f".cache/mkdocs-jupyter/{source_fingerprint('notebooks')}"
    return config


def _math_spans(text: str) -> str:
    """``$$x$$`` -> ``<div class="arithmatex">\\[x\\]</div>`` and ``$x$`` -> an inline span; code untouched."""
    parts = CODE.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:   # outside <pre>/<code>
            part = DISPLAY.sub(lambda m: f'<div class="arithmatex">\\[{m[1]}\\]</div>', part)
            part = INLINE.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', part)
            out.append(part)
        elif i % 3 == 1:
            out.append(part)
    return "".join(out)


def on_post_page(output, page, config):
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    output = STYLE.sub("", output)
    output = SCRIPT.sub("", output)
    output = COMMENT.sub("", output)
    output = HIDDEN.sub("", output)
    output = output.replace('class="highlight-ipynb', 'class="highlight highlight-ipynb')
    # code that scrolls sideways must be reachable from the keyboard, as Material's own blocks are
    output = CODE_PRE.sub(lambda m: m[1] + '<pre tabindex="0">', output)
    return MARKDOWN_CELL.sub(lambda m: m[1] + _math_spans(m[2]) + m[3], output)
