"""Build hook: notebook pages (mkdocs-jupyter) made light, offline, and cached by code.

mkdocs-jupyter's cache is keyed by bpdocs' sources, so a notebook re-runs when bpdocs
changes; the JupyterLab CSS, MathJax and mermaid loaders it inlines are dropped;
``$..$`` of markdown cells becomes arithmatex spans, which math.py typesets after this;
and the ``.ipynb`` a reader downloads links the published pages (``site_url``) or none.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

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
#: A relative link in a markdown cell: ``[text](../page/)``, ``<a href="..">text</a>``.
LINK = re.compile(
    r"\[(?P<text>[^\]]*)\]\((?!https?:|mailto:|#)(?P<url>[^)\s]+)\)"
    r'|<a\b[^>]*\bhref="(?!https?:|mailto:|#)(?P<href>[^"]+)"[^>]*>(?P<atext>.*?)</a>',
    re.S,
)
#: The downloadable copies of this build's notebooks: {file in site/: page URL}.
DOWNLOADS: dict[str, str] = {}


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
    dest = Path(page.file.abs_dest_path).with_name(Path(page.file.src_uri).name)
    DOWNLOADS[str(dest)] = page.url
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


def published_links(text: str, page_url: str, site_url: str | None) -> str:
    """``text``'s relative links made absolute at ``site_url``, or made plain text."""

    def publish(m: re.Match) -> str:
        url = m["url"] or m["href"]
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), url))
        path += "/" if url.endswith("/") else ""
        if not site_url:
            return m["text"] if m["url"] else m["atext"]
        absolute = site_url.rstrip("/") + "/" + path.lstrip("./")
        return m[0].replace(url, absolute, 1)

    return LINK.sub(publish, text)


def on_post_build(*, config: MkDocsConfig) -> None:
    """The downloadable ``.ipynb`` files, their relative links published or dropped."""
    for dest, url in DOWNLOADS.items():
        nb = json.loads(Path(dest).read_text("utf8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"])
                cell["source"] = published_links(text, url, config.site_url)
        Path(dest).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    DOWNLOADS.clear()
