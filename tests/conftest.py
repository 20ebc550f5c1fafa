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


# The graph explorer: random expressions, as text, for the parser and the runtime.
VARIABLES = ("x", "y", "z")
UNARY = ("sin", "cos", "exp", "log", "tanh", "sigmoid", "relu")


def expressions(max_leaves: int = 12):
    """A hypothesis strategy of expression texts in x, y, z, with every operation."""
    from hypothesis import strategies as st

    leaf = st.sampled_from(VARIABLES) | st.sampled_from(["2", "3", "0.5", "1.5"])

    def grow(inner):
        binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        )
        call = st.tuples(st.sampled_from(UNARY), inner).map(lambda t: f"{t[0]}({t[1]})")
        power = st.tuples(inner, st.sampled_from(["2", "3", "-1", "0.5", "2.5"])).map(
            lambda t: f"{t[0]}**{t[1]}"
        )
        base = st.tuples(st.sampled_from(["2", "0.5"]), inner).map(
            lambda t: f"{t[0]}**{t[1]}"
        )
        others = st.tuples(inner, inner).map(lambda t: f"max({t[0]}, {t[1]})")
        sign = inner.map(lambda t: f"-{t}")
        return binary | call | power | base | others | sign

    return st.recursive(leaf, grow, max_leaves=max_leaves)


def variable_values():
    """A hypothesis strategy of ``{x, y, z: float}`` in [-3, 3]."""
    from hypothesis import strategies as st

    number = st.floats(-3.0, 3.0, allow_nan=False)
    return st.fixed_dictionaries({name: number for name in VARIABLES})


def python_graph(text: str, values: dict):
    """The `Value` that Python itself builds from ``text`` (a test may eval its own)."""
    from bpdocs.autodiff import Value

    def method(name):
        return lambda a, *rest: (
            a if isinstance(a, Value) else Value(a)
        ).__getattribute__(name)(*rest)

    names = {n: Value(v, label=n) for n, v in values.items()}
    names.update({f: method(f) for f in (*UNARY, "max")})
    return eval(text, {"__builtins__": {}}, names)  # noqa: S307 (the test's own text)


def graph_signature(root) -> list:
    """Each node of ``root``'s graph, inputs first: ``(op, label, data, inputs)``."""
    from bpdocs.autodiff import topological_order

    nodes = topological_order(root)
    index = {node: i for i, node in enumerate(nodes)}
    return [(n._op, n.label, n.data, [index[x] for x in n._prev]) for n in nodes]


#: Two interpreters' results for one node of a random graph differ by at most this many
#: units in the last place (tests/test_runtime.py; at most 2 seen, December 2026).
GRAPH_ULPS = 4


def ulps(a: float, b: float) -> int:
    """How many doubles lie between ``a`` and ``b`` (0 when they are equal)."""
    import struct

    def ordered(x):
        i = struct.unpack("<q", struct.pack("<d", x))[0]
        return i if i >= 0 else -(2**63) - i

    return abs(ordered(a) - ordered(b))
