"""Notebook: each notebook page links its ``.ipynb``, and the file served there runs.

The page must link a ``.ipynb`` (mkdocs-jupyter's ``include_source`` copies the file
beside the page; the link is the site's own). The file served at that link must pass
``nbformat.validate``, link no relative path (a downloaded notebook has no site beside
it), and ``nbclient`` must execute it without error in a temporary folder, with a
kernel of the fresh ``bpdocs[figures]`` environment (``tests/freshenv.py``), on the
oldest and on the newest Python bpdocs declares.
"""

from __future__ import annotations

import json
import re
import urllib.request

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from tests.browser.conftest import PAGES, page_id
from tests.freshenv import PINS, FreshEnv

TIMEOUT = 300  # seconds for one cell of the downloaded notebook
NOTEBOOKS = [
    p for p, src in PAGES.items() if src is not None and src.suffix == ".ipynb"
]
RELATIVE = re.compile(r'\]\((?!https?:|mailto:|#)([^)]+)\)|href="(?!https?:|#)([^"]+)"')


def test_the_site_has_a_notebook():
    """Some page of docs/ is a notebook, so the test below runs."""
    assert NOTEBOOKS, "no page of docs/ is a notebook (.ipynb)"


def kernel_of(env: FreshEnv, folder) -> KernelManager:
    """A kernel manager whose one kernel is ``env``'s Python."""
    spec = folder / "kernels" / "fresh"
    spec.mkdir(parents=True)
    argv = [str(env.python), "-I", "-m", "ipykernel_launcher", "-f"]
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [*argv, "{connection_file}"],
                "display_name": str(env),
                "language": "python",
                "env": {"MPLBACKEND": "Agg"},
            }
        )
    )
    specs = KernelSpecManager(kernel_dirs=[str(folder / "kernels")])
    return KernelManager(kernel_name="fresh", kernel_spec_manager=specs)


@pytest.mark.parametrize("end", list(PINS))
@pytest.mark.parametrize("page", NOTEBOOKS, ids=page_id)
def test_notebook_downloads_and_runs(page, end, desktop, site, fresh_envs, tmp_path):
    """The page links its .ipynb; the file served there is valid and runs."""
    links = sorted({a["href"] for a in desktop.links if a["href"].endswith(".ipynb")})
    assert links, (
        f"{page}: no link to download the notebook (an <a href='....ipynb'>); "
        "include_source copies the file beside the page, Material shows no link to it"
    )
    env = fresh_envs[end, True]
    for link in links:
        assert link.startswith(site.base), f"{page}: {link} is not on the site"
        with urllib.request.urlopen(link, timeout=30) as resp:
            nb = nbformat.reads(resp.read().decode("utf8"), as_version=4)
        nbformat.validate(nb)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        relative = [a or b for a, b in RELATIVE.findall(text)]
        assert not relative, (
            f"{link}: relative links, broken once downloaded: {relative}"
        )
        resources = {"metadata": {"path": str(tmp_path)}}
        client = NotebookClient(
            nb, timeout=TIMEOUT, km=kernel_of(env, tmp_path), resources=resources
        )
        client.execute()
