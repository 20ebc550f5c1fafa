"""Build hook: each page's footer says what its examples were executed with at build time.

The line (``bpdocs.buildinfo.provenance``) names the bpdocs commit and the Python, NumPy and
Matplotlib versions. It holds no date, so two builds of one commit stay identical.
"""

from __future__ import annotations

from bpdocs.buildinfo import provenance


def on_config(config):
    config.extra["provenance"] = provenance()
    return config


def on_page_markdown(markdown, page, config, files):
    return markdown + f'\n\n<p class="provenance" markdown>{config.extra["provenance"]}</p>\n'
