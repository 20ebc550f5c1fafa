"""The notebook companion and its hook (``sitebuild/hooks/notebook.py``).

The notebook is stored clean (no outputs, fixed cell ids) and runs, printing the real
values; its built page drops what it does not show and keeps its formulas for math.py;
a raising cell fails the build.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from bpdocs.network import (
    PARAMS,
    loss_gradient_check,
    run_source_example,
    source_data,
    train,
)
from tests.conftest import ROOT, build, hook, tiny_project

NOTEBOOK = ROOT / "docs" / "implementation-notebook.ipynb"


@pytest.fixture(scope="module")
def stored():
    """The notebook as stored in docs/."""
    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def executed(stored):
    """The notebook run top to bottom in a python3 kernel, as the build runs it."""
    nb = nbformat.from_dict(stored)
    NotebookClient(
        nb,
        timeout=60,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    return nb


def outputs(cell, kind):
    """The text of a cell's stream outputs, or the mime types of its rich outputs."""
    if kind == "stream":
        return "".join(
            o["text"] for o in cell["outputs"] if o["output_type"] == "stream"
        )
    return [
        mime
        for o in cell["outputs"]
        if o["output_type"] in ("execute_result", "display_data")
        for mime in o["data"]
    ]


def cell_with(nb, text):
    """The one code cell whose source contains ``text``."""
    cells = [c for c in nb.cells if c.cell_type == "code" and text in c.source]
    assert len(cells) == 1, (
        f"expected one code cell containing {text!r}, found {len(cells)}"
    )
    return cells[0]


def test_notebook_is_stored_clean(stored):
    nbformat.validate(stored)
    assert stored.metadata.kernelspec.name == "python3"
    assert [c.id for c in stored.cells] == [
        f"cell-{i}" for i in range(len(stored.cells))
    ]
    for cell in stored.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{cell.id} has stored outputs"
            )


def test_notebook_links_work_on_the_site(stored):
    """mkdocs-jupyter leaves links as written: they must point at built pages."""
    text = "\n".join(c.source for c in stored.cells if c.cell_type == "markdown")
    links = re.findall(r'\]\(([^)]+)\)|href="([^"]+)"', text)
    assert links
    for link in (a or b for a, b in links):
        assert not link.endswith(".md") and not link.startswith(("http:", "https:")), (
            link
        )
    assert 'href="../why-it-matters/"' in text


def test_the_downloadable_notebook_links_no_relative_path(site):
    """The ``.ipynb`` beside the page: this build has no site_url, so links are text."""
    copy = site / "implementation-notebook" / "implementation-notebook.ipynb"
    nb = nbformat.read(copy, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert not re.findall(r"\]\((?!https?:)|href=\"(?!https?:)", text), text[:500]
    assert "the page A two-layer network in NumPy," in text
    assert "Next: why it matters &rarr;" in text


def test_published_links_are_absolute_at_the_site_url():
    published = hook("notebook").published_links
    text = (
        "[the page](../implementation/), [it](x.ipynb), [top](#a), "
        '<a class="md-button" href="../why-it-matters/">Next</a>, [out](https://a.b/)'
    )
    assert published(text, "implementation-notebook/", "https://o.github.io/b/") == (
        "[the page](https://o.github.io/b/implementation/), "
        "[it](https://o.github.io/b/implementation-notebook/x.ipynb), [top](#a), "
        '<a class="md-button" href="https://o.github.io/b/why-it-matters/">Next</a>, '
        "[out](https://a.b/)"
    )
    assert published(text, "implementation-notebook/", None) == (
        "the page, it, [top](#a), Next, [out](https://a.b/)"
    )


def test_notebook_runs_without_errors(executed):
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o["output_type"] == "error"], cell.id


def test_notebook_prints_the_source_run(executed):
    """The training cell prints exactly what the source's code block prints."""
    printed = outputs(cell_with(executed, "train_history(nn, X, y"), "stream")
    assert printed.startswith("Epoch 0, Loss: 0.250969\nEpoch 100, Loss: 0.245896\n")
    assert printed == run_source_example().text
    assert "Input: [ 1 -1], Prediction: 0.4191" in printed


def test_notebook_shows_figures_with_alt_text(executed):
    for code in ("    source_loss_curve(),", "    tip_sweep("):
        cell = cell_with(executed, code)
        assert sorted(outputs(cell, "rich")) == ["text/html", "text/plain"], code
        shown = "".join(o["data"]["text/html"] for o in cell["outputs"] if "data" in o)
        assert "data:image/svg+xml;base64," in shown, code
        assert '<img alt="' in shown and 'alt=""' not in shown, code


def test_notebook_gradient_check_values(executed):
    printed = outputs(cell_with(executed, "loss_gradient_check(nn, X, y)"), "stream")
    check = loss_gradient_check(run_source_example().net, *source_data()[:2])
    for name in PARAMS:
        row = (
            f"{name:10}{check.rel_err_bce[name]:>10.1e}{check.rel_err_mse[name]:>10.2f}"
        )
        assert row in printed
    assert (
        f"{'W2':10}" in printed and "0.83" in printed
    )  # the trained net's W2 gradient is 83% off the MSE one


def test_notebook_play_cell(executed):
    printed = outputs(cell_with(executed, 'activation = "tanh"'), "stream")
    r = train(hidden_size=8, activation="tanh")
    assert printed.startswith(
        f"tanh, 8 hidden units:\n  BCE {r.losses[0]:.4f} -> {r.losses[-1]:.4f}, "
        "halved at epoch "
    )
    assert printed.endswith("  training accuracy 100%\n")


def test_notebook_page_drops_what_it_hides(site):
    """The prompts and collapse bars, which the page does not show, are removed."""
    html = (site / "implementation-notebook" / "index.html").read_text("utf8")
    assert html.count('<div class="jp-Cell ') >= 10
    assert not re.search(r'class="jp-(?:InputPrompt|OutputPrompt|Collapser)', html)
    assert not re.search(r"<style[^>]*>[^<]*jupyter-wrapper", html)


def test_notebook_formulas_become_arithmatex_spans_outside_code():
    notebook = hook("notebook")
    cell = "<p>So $a_2$ and</p>$$ L = y $$<pre>cost = $5</pre><code>$x$</code>"
    assert notebook._math_spans(cell) == (
        '<p>So <span class="arithmatex">\\(a_2\\)</span> and</p>'
        '<div class="arithmatex">\\[ L = y \\]</div>'
        "<pre>cost = $5</pre><code>$x$</code>"
    )


def test_notebook_formulas_are_typeset_on_the_page(site):
    html = (site / "implementation-notebook" / "index.html").read_text("utf8")
    assert html.count("<mjx-container") >= 3 and 'class="arithmatex"' not in html


CONFIG = """\
site_name: notebook
theme:
  name: material
  font: false
plugins:
  - mkdocs-jupyter:
      include: ["*.ipynb"]
      execute: true
      allow_errors: false
      cache: false
hooks:
  - {root}/sitebuild/hooks/notebook.py
"""


def test_build_fails_on_a_raising_notebook_cell_naming_notebook_and_error(tmp_path):
    config = tiny_project(tmp_path, CONFIG, "# Home\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise KeyError('no such layer')"),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, tmp_path / "docs" / "broken.ipynb")
    proc = build(tmp_path / "site", config)  # from the root: sitebuild importable
    assert proc.returncode != 0
    stderr = re.sub(r"\x1b\[[0-9;]*m", "", proc.stderr)  # the traceback is coloured
    assert "Error reading page 'broken.ipynb'" in stderr
    assert (
        "raise KeyError('no such layer')" in stderr
        and "KeyError: 'no such layer'" in stderr
    )
