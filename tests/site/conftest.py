"""The strict build of the site, made once per test session and shared by every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build


@pytest.fixture(scope="session")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The site built twice, strictly, into two folders."""
    out = []
    for name in ("site-a", "site-b"):
        dest = tmp_path_factory.mktemp(name)
        proc = build(dest)
        assert proc.returncode == 0, (
            f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
        )
        out.append(dest)
    return out[0], out[1]


@pytest.fixture(scope="session")
def site(two_builds) -> Path:
    """The folder of the first strict build."""
    return two_builds[0]
