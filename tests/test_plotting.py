"""bpdocs/plotting.py: the figure style, finding a figure's parts, showing it.

And the figure modules leave matplotlib's backend alone.
"""

from __future__ import annotations

import ast
import subprocess
import sys

from bpdocs import plotting
from tests.conftest import ENV, ROOT, line_figure


def test_show_embeds_svg_with_alt_text():
    import base64
    import re

    html = plotting.show(
        line_figure(), 'Squares of 0, 1 and 2 on a line, "quoted"'
    ).data
    m = re.fullmatch(
        r'<img alt="([^"]*)" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">', html
    )
    assert m and m[1] == "Squares of 0, 1 and 2 on a line, &quot;quoted&quot;"
    assert base64.b64decode(m[2]) == plotting.svg_bytes(line_figure())


def test_show_takes_any_alt_text_the_reader_gives():
    html = plotting.show(line_figure(), "plot").data
    assert html.startswith('<img alt="plot" src="data:image/svg+xml;base64,')


def test_importing_the_figures_leaves_matplotlibs_backend_alone():
    """A fresh interpreter imports bpdocs.plotting and every figure module: no backend
    is chosen (``matplotlib.use`` is never called, the backend the user set stays) and
    pyplot is never loaded."""
    script = "\n".join(
        [
            "import sys, matplotlib",
            "calls = []",
            "matplotlib.use = lambda *args, **kw: calls.append(args)",
            "import bpdocs.plotting, bpdocs.figures",
            "names = sorted(m for m in sys.modules if m.startswith('bpdocs.figures.'))",
            "pyplot = 'matplotlib.pyplot' in sys.modules",
            "print(calls, matplotlib.get_backend(), pyplot)",
            "print(*names)",
        ]
    )
    env = {**ENV, "MPLBACKEND": "svg", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    state, modules = done.stdout.splitlines()
    assert state == "[] svg False", f"matplotlib.use calls, backend, pyplot: {state}"
    figures = sorted(p.stem for p in (ROOT / "bpdocs" / "figures").glob("[!_]*.py"))
    assert modules.split() == [f"bpdocs.figures.{name}" for name in figures]


def test_no_module_of_bpdocs_uses_pyplot_or_picks_a_backend():
    """Figures are made with ``Figure()``: no ``pyplot``, and no ``matplotlib.use``."""
    for path in sorted((ROOT / "bpdocs").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Attribute) and node.attr == "use":
                names = [f"{ast.unparse(node.value)}.use"]
            where = f"{path.relative_to(ROOT)}:{node.lineno}" if names else ""
            assert not any("pyplot" in n for n in names), f"{where} imports pyplot"
            assert "matplotlib.use" not in names, f"{where} calls matplotlib.use"
