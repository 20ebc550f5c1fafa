"""The strict build of the site, made once per test session and shared by every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build


@pytest.fixture(scope="session")
def two_builds(strict_build, tmp_path_factory) -> tuple[Path, Path]:
    """The session's strict build, and a second one into another folder."""
    dest = tmp_path_factory.mktemp("site-b")
    proc = build(dest)
    assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
    return strict_build, dest


@pytest.fixture(scope="session")
def site(two_builds) -> Path:
    """The folder of the first strict build."""
    return two_builds[0]
