"""Deterministic SVG rendering and the figure style."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bpdocs import plotting


def _line_figure():
    fig, ax = plotting.new_figure()
    ax.plot([0, 1, 2], [0, 1, 4], label="squares")
    ax.legend()
    return fig


def test_render_svg_is_byte_identical_across_calls():
    a = plotting.render_svg(_line_figure())
    b = plotting.render_svg(_line_figure())
    assert a == b
    assert a.startswith(b"<?xml") and b"<svg" in a
    assert b"<dc:date>" not in a, "no date in the metadata"


def test_render_svg_is_byte_identical_across_processes(tmp_path):
    code = ("import sys; from bpdocs import plotting; from tests.test_plotting import _line_figure;"
            "sys.stdout.buffer.write(plotting.render_svg(_line_figure()))")
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                           cwd=plotting.__file__.rsplit("/bpdocs/", 1)[0]).stdout for _ in range(2)]
    assert outs[0] == outs[1] == plotting.render_svg(_line_figure())


def test_figures_have_an_opaque_white_background():
    svg = plotting.render_svg(_line_figure()).decode()
    assert "fill: #ffffff" in svg


def test_render_svg_rejects_a_non_figure():
    with pytest.raises(TypeError, match="must return a matplotlib Figure, got int"):
        plotting.render_svg(3)


def test_render_all_reports_a_raising_figure(tmp_path, monkeypatch):
    module = tmp_path / "somefigs.py"
    module.write_text(
        "from bpdocs.plotting import new_figure\n"
        "def good():\n    fig, ax = new_figure(); ax.plot([0, 1]); return fig\n"
        "def bad():\n    raise ZeroDivisionError('no slope here')\n"
        "FIGURES = {'good': good, 'bad': bad}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    errors = plotting.render_all("somefigs", tmp_path / "out")
    assert list(errors) == ["bad"]
    assert "somefigs.bad() raised" in errors["bad"] and "ZeroDivisionError: no slope here" in errors["bad"]
    assert (tmp_path / "out" / "good.svg").is_file() and not (tmp_path / "out" / "bad.svg").exists()


def test_cli_exits_nonzero_and_prints_errors(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bpdocs.plotting", str(tmp_path), "nosuchfigure"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == {"nosuchfigure": "no figure named 'nosuchfigure' in bpdocs.figures.FIGURES"}


def test_show_embeds_svg_with_alt_text():
    import base64
    import re

    html = plotting.show(_line_figure(), 'Squares of 0, 1 and 2 on a line, "quoted"').data
    m = re.fullmatch(r'<img alt="([^"]*)" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">', html)
    assert m and m[1] == "Squares of 0, 1 and 2 on a line, &quot;quoted&quot;"
    assert base64.b64decode(m[2]) == plotting.render_svg(_line_figure())


def test_show_refuses_a_figure_without_alt_text():
    with pytest.raises(ValueError, match="needs alt text"):
        plotting.show(_line_figure(), "plot")
