"""What a build was made from: a fingerprint of bpdocs' sources and the commit.

The build hooks use the fingerprint as a cache key, so that a figure or a notebook is redrawn
or re-executed exactly when the code it depends on changed.
"""

from __future__ import annotations

import hashlib
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def source_fingerprint(*extra: str, package: Path = PACKAGE) -> str:
    """A short hash of every ``.py`` file of bpdocs, the stack's versions and ``extra`` strings."""
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for item in (platform.python_version(), version("numpy"), version("matplotlib"), *extra):
        h.update(item.encode() + b"\0")
    return h.hexdigest()[:16]


def commit(cwd: Path = PACKAGE.parent) -> str:
    """The checkout's commit (``git describe --always --dirty``), or ``unknown`` outside git."""
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty", "--abbrev=12"],
                             cwd=cwd, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def provenance() -> str:
    """One line naming what the examples were executed with; no date, so builds repeat."""
    return (f"Examples and figures on this page were executed at build time with bpdocs {commit()}, "
            f"Python {platform.python_version()}, NumPy {version('numpy')}, "
            f"Matplotlib {version('matplotlib')}.")
