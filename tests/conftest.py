"""Helpers that tests share: the repository, a strict build and its pages, a hook.

``strict_build`` is the session's one strict build of the site, which the build tests
(``tests/site/``) and the browser tests (``tests/browser/``) share.

Tests import these from here (``from tests.conftest import build``), never from one
another.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: never -q: quiet mode stops --strict counting warnings (mkdocs#4126)
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SOURCE_NAME = "chain-rule-and-backpropagation.md"


def build(
    dest: Path, config: Path = ROOT / "mkdocs.yml", cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of ``config`` into ``dest``."""
    return subprocess.run(
        [*MKDOCS, "-f", str(config), "-d", str(dest)],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def strict_build(tmp_path_factory) -> Path:
    """The site built once, strictly, into a temporary folder; shared by every test."""
    dest = tmp_path_factory.mktemp("site")
    proc = build(dest)
    assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
    return dest


def hook(name: str):
    """The build hook ``sitebuild/hooks/NAME.py``, imported as a module."""
    path = ROOT / "sitebuild" / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"hook_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tiny_project(folder: Path, config: str, markdown: str, **modules: str) -> Path:
    """A small MkDocs project in ``folder``; the path of its ``mkdocs.yml``.

    ``config`` is its ``mkdocs.yml``, where ``{root}`` stands for the repository;
    ``markdown`` is its one page, ``docs/index.md``; ``modules`` are ``NAME.py`` beside.
    """
    (folder / "mkdocs.yml").write_text(config.format(root=ROOT))
    for name, text in modules.items():
        (folder / f"{name}.py").write_text(text)
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text(markdown)
    return folder / "mkdocs.yml"


def built_page(source: Path) -> str:
    """Where the page of ``docs/SOURCE`` is built: ``a/b.md`` -> ``a/b/index.html``."""
    page = source.relative_to(ROOT / "docs").with_suffix("")
    folder = page.parent if page.name == "index" else page
    return (folder / "index.html").as_posix()


def source_markdown() -> Path:
    """The annotated text, as the site keeps it: ``source/`` (blank lines added)."""
    return ROOT / "source" / SOURCE_NAME


def line_figure():
    """A small figure in the site's style: three points and a legend."""
    from bpdocs import plotting

    fig, ax = plotting.new_figure()
    ax.plot([0, 1, 2], [0, 1, 4], label="squares")
    ax.legend()
    return fig


def by_gid(fig, gid: str):
    """The one artist of ``fig`` with this ``gid``, the name a figure gives a part."""
    found = fig.findobj(lambda artist: artist.get_gid() == gid)
    if len(found) != 1:
        raise LookupError(f"{len(found)} artists of the figure have gid {gid!r}, not 1")
    return found[0]


def claim(page: str, sentence: str) -> str:
    """``sentence``, asserted to be on ``docs/PAGE``: the claim that a test backs.

    Whitespace and line breaks aside, the page must say it word for word, so a test
    that checks a claim fails when the page drops or rewords it.
    """
    text = " ".join((ROOT / "docs" / page).read_text("utf8").split())
    assert " ".join(sentence.split()) in text, (
        f"docs/{page} no longer says {sentence!r}: reword the claim test with the page"
    )
    return sentence


def fake_pytorch_page(**torch_side):
    """bpdocs.examples.pytorch with its PyTorch functions swapped for NumPy stand-ins.

    Each stand-in gives what PyTorch gives when it agrees with bpdocs; ``torch_side``
    replaces any of them.
    """
    import copy
    import types

    from bpdocs.examples import pytorch as page

    def backward_twice(net, X, T):
        g = page.layer_gradients(net, X, T)["0.W"]
        return [g, 2 * g]  # PyTorch adds the second gradient to the first

    fakes = {
        "torch_gradients": page.layer_gradients,
        "torch_backward_twice": backward_twice,
        "torch_model": copy.deepcopy,
        "torch_step": page.bpdocs_step,
        "torch_weights": lambda net: {name: p for name, p, _ in net.params()},
        **torch_side,
    }
    return types.SimpleNamespace(**{**vars(page), **fakes})
