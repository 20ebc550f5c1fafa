"""Notebook: each notebook page links its ``.ipynb``, and the file served there runs.

The page must link a ``.ipynb`` (mkdocs-jupyter's ``include_source`` copies the file
beside the page; the link is the site's own). The file served at that link must pass
``nbformat.validate``, and ``nbclient`` must execute it, in a temporary folder, without
error.
"""

from __future__ import annotations

import urllib.request

import nbformat
import pytest
from nbclient import NotebookClient

from tests.browser.conftest import PAGES, page_id

TIMEOUT = 300  # seconds for the downloaded notebook to execute
NOTEBOOKS = [
    p for p, src in PAGES.items() if src is not None and src.suffix == ".ipynb"
]


def test_the_site_has_a_notebook():
    """Some page of docs/ is a notebook, so the test below runs."""
    assert NOTEBOOKS, "no page of docs/ is a notebook (.ipynb)"


@pytest.mark.parametrize("page", NOTEBOOKS, ids=page_id)
def test_notebook_downloads_and_runs(page, desktop, site, tmp_path):
    """The page links its .ipynb; the file served there is valid and runs."""
    links = sorted({a["href"] for a in desktop.links if a["href"].endswith(".ipynb")})
    assert links, (
        f"{page}: no link to download the notebook (an <a href='....ipynb'>); "
        "include_source copies the file beside the page, Material shows no link to it"
    )
    for link in links:
        assert link.startswith(site.base), f"{page}: {link} is not on the site"
        with urllib.request.urlopen(link, timeout=30) as resp:
            nb = nbformat.reads(resp.read().decode("utf8"), as_version=4)
        nbformat.validate(nb)
        resources = {"metadata": {"path": str(tmp_path)}}
        client = NotebookClient(
            nb, timeout=TIMEOUT, kernel_name="python3", resources=resources
        )
        client.execute()
