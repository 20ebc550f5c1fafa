"""sitebuild/drawfigures.py: every figure drawn as SVG, identical from run to run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sitebuild import drawfigures
from tests.conftest import ROOT, line_figure


def test_render_svg_is_byte_identical_across_calls():
    a = drawfigures.render_svg(line_figure())
    b = drawfigures.render_svg(line_figure())
    assert a == b
    assert a.startswith(b"<?xml") and b"<svg" in a
    assert b"<dc:date>" not in a, "no date in the metadata"


def test_render_svg_is_byte_identical_across_processes(tmp_path):
    code = (
        "import sys; from sitebuild import drawfigures; "
        "from tests.conftest import line_figure; "
        "sys.stdout.buffer.write(drawfigures.render_svg(line_figure()))"
    )
    outs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT
        ).stdout
        for _ in range(2)
    ]
    assert outs[0] == outs[1] == drawfigures.render_svg(line_figure())


def test_figures_have_an_opaque_white_background():
    svg = drawfigures.render_svg(line_figure()).decode()
    assert "fill: #ffffff" in svg


def test_render_svg_rejects_a_non_figure():
    with pytest.raises(TypeError, match="must return a matplotlib Figure, got int"):
        drawfigures.render_svg(3)


def test_render_all_reports_a_raising_figure(tmp_path, monkeypatch):
    module = tmp_path / "somefigs.py"
    module.write_text(
        "from bpdocs.plotting import new_figure\n"
        "def good():\n    fig, ax = new_figure(); ax.plot([0, 1]); return fig\n"
        "def bad():\n    raise ZeroDivisionError('no slope here')\n"
        "FIGURES = {'good': good, 'bad': bad}\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    errors = drawfigures.render_all("somefigs", tmp_path / "out")
    assert list(errors) == ["bad"]
    assert (
        "somefigs.bad() raised" in errors["bad"]
        and "ZeroDivisionError: no slope here" in errors["bad"]
    )
    assert (tmp_path / "out" / "good.svg").is_file() and not (
        tmp_path / "out" / "bad.svg"
    ).exists()


def test_cli_exits_nonzero_and_prints_errors(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "sitebuild.drawfigures", str(tmp_path), "nosuchfigure"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == {
        "nosuchfigure": "no figure named 'nosuchfigure' in bpdocs.figures.FIGURES"
    }
