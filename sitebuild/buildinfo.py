"""What a build was made from: a fingerprint of the code that draws it, and the commit.

The build hooks use the fingerprint as a cache key, so that a figure or a notebook is
redrawn or re-executed exactly when the code it depends on (bpdocs, sitebuild) changed.
"""

from __future__ import annotations

import hashlib
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The folders whose Python sources decide what a build draws and runs.
SOURCES = (ROOT / "bpdocs", ROOT / "sitebuild")


def source_fingerprint(*extra: str, folders: tuple[Path, ...] = SOURCES) -> str:
    """A short hash of the ``.py`` files of ``folders``, the versions and ``extra``."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            name = path.relative_to(folder.parent).as_posix().encode()
            h.update(name + b"\0" + path.read_bytes() + b"\0")
    for item in (
        platform.python_version(),
        version("numpy"),
        version("matplotlib"),
        *extra,
    ):
        h.update(item.encode() + b"\0")
    return h.hexdigest()[:16]


def commit(cwd: Path = ROOT) -> str:
    """The checkout's commit (``git describe --always --dirty``), or ``unknown``."""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=12"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def provenance() -> str:
    """One line naming what the examples were executed with; no date: builds repeat."""
    return (
        "Examples and figures on this page were executed at build time with "
        f"bpdocs {commit()}, "
        f"Python {platform.python_version()}, NumPy {version('numpy')}, "
        f"Matplotlib {version('matplotlib')}."
    )
