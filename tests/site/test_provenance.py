"""The provenance hook (``sitebuild/hooks/provenance.py``): every Markdown page's footer
names what its examples were executed with."""

from __future__ import annotations

import re
from types import SimpleNamespace

import matplotlib
import numpy

from tests.conftest import ROOT, built_page, hook


def test_the_line_is_appended_to_the_page_as_markdown():
    provenance = hook("provenance")
    config = SimpleNamespace(extra={"provenance": "Run with NumPy 9."})
    out = provenance.on_page_markdown("# Title\n", page=None, config=config, files=None)
    assert out == '# Title\n\n\n<p class="provenance" markdown>Run with NumPy 9.</p>\n'


def test_footer_names_what_examples_ran_with(site):
    """On every Markdown page: mkdocs-jupyter renders a notebook page on its own."""
    pages = [built_page(p) for p in (ROOT / "docs").rglob("*.md")]
    assert len(pages) >= 20
    for page in pages:
        html = (site / page).read_text("utf8")
        lines = re.findall(r'class="provenance">(.*?)</p>', html, re.S)
        assert len(lines) == 1, f"{page}: {len(lines)} provenance lines"
        assert f"NumPy {numpy.__version__}" in lines[0]
        assert f"Matplotlib {matplotlib.__version__}" in lines[0]
