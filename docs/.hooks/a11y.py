"""Build hook: accessibility fixes to Material's own markup that CSS cannot make.

- Material 9.8 writes its search box as ``<div class="md-search" ... role="dialog">`` with no
  accessible name; axe-core reports that as a serious violation (``aria-dialog-name``). The
  dialog gets ``aria-label="Search"``.
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def _label_search(html: str) -> str:
    """Give the search dialog an accessible name."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)


def on_post_page(output, page, config):
    return _label_search(output)


def on_post_template(output_content, template_name, config):
    """The 404 page is a theme template, not a page: it gets the same fix."""
    return _label_search(output_content)
