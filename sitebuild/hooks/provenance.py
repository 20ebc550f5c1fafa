"""Build hook: each page's footer names what its examples were executed with.

The line (`sitebuild.buildinfo.provenance`) names the bpdocs commit and the Python,
NumPy and Matplotlib versions, and no date, so two builds of one commit are identical.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitebuild.buildinfo import provenance


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Work the line out once per build."""
    config.extra["provenance"] = provenance()
    return config


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Append the line to the page, as a paragraph of class ``provenance``."""
    return (
        markdown
        + f'\n\n<p class="provenance" markdown>{config.extra["provenance"]}</p>\n'
    )
