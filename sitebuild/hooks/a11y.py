"""Build hook: the accessibility fix to Material's markup that CSS cannot make.

Material's search box is a ``role="dialog"`` with no accessible name, a serious
axe-core violation (``aria-dialog-name``): it gets ``aria-label="Search"``, on every
page and on the 404 page.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def _label_search(html: str) -> str:
    """Give the search dialog an accessible name."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Name the search dialog of a page."""
    return _label_search(output)


def on_post_template(
    output_content: str, *, template_name: str, config: MkDocsConfig
) -> str:
    """The 404 page is a theme template, not a page: it gets the same fix."""
    return _label_search(output_content)
