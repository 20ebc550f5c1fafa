"""The wheel a reader installs holds the library only: no hook, bench or test code."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.conftest import ROOT


def test_the_wheel_holds_bpdocs_and_nothing_else(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path, ROOT],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("bpdocs-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    code = sorted(n for n in names if ".dist-info/" not in n)
    outside = [n for n in code if not n.startswith("bpdocs/")]
    assert outside == [], f"the wheel installs more than bpdocs: {outside}"
    for module in ("autodiff", "layers", "gradcheck", "network", "plotting"):
        assert f"bpdocs/{module}.py" in code
    assert "bpdocs/examples/calculus.py" in code and "bpdocs/figures/why.py" in code
