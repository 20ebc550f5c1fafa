"""The accessibility hook (``sitebuild/hooks/a11y.py``): Material's search dialog gets
an accessible name on every page and on the 404 page."""

from __future__ import annotations

from tests.conftest import hook

NAMED = (
    '<div class="md-search" data-md-component="search" role="dialog"'
    ' aria-label="Search">'
)


def test_the_search_dialog_is_named_once():
    a11y = hook("a11y")
    page = f"<body>{a11y.SEARCH_DIALOG}</div></body>"
    assert (
        a11y.on_post_page(page, page=None, config=None) == f"<body>{NAMED}</div></body>"
    )
    assert a11y.on_post_template(page, template_name="404.html", config=None) == (
        f"<body>{NAMED}</div></body>"
    )


def test_every_built_page_names_its_search_dialog(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20 and site / "404.html" in pages
    for page in pages:
        html = page.read_text("utf8")
        assert html.count('role="dialog"') == 1 and NAMED in html, (
            f"{page.relative_to(site)}: the search dialog has no accessible name"
        )
