"""The bpdocs wheel that the site serves, built to the same bytes from the same sources.

The sources (``SOURCES``) are copied into a clean folder, with fixed file modes and no
``__pycache__``, and built there by setuptools' PEP 517 backend, the version pinned in
the ``docs`` extra, with ``SOURCE_DATE_EPOCH`` fixed: so no stale ``build/`` folder, no
umask and no clock reaches the archive. A built wheel is kept in ``.cache/wheel/``
under the fingerprint of its sources.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What the wheel is built from: the project file, its readme and the package.
SOURCES = ("pyproject.toml", "README.md", "bpdocs")
#: 1980-01-01, the earliest time a zip archive can record.
EPOCH = "315532800"
CACHE = ROOT / ".cache" / "wheel"


class WheelBuildError(RuntimeError):
    """The wheel could not be built; the message carries the backend's output."""


def wheel_name(root: Path = ROOT) -> str:
    """The wheel's name, from pyproject.toml: ``bpdocs-0.1.0-py3-none-any.whl``."""
    project = tomllib.loads((root / "pyproject.toml").read_text("utf8"))["project"]
    return f"{project['name']}-{project['version']}-py3-none-any.whl"


def source_files(root: Path = ROOT) -> list[Path]:
    """Every file the wheel is built from, relative to ``root``, sorted."""
    files = []
    for name in SOURCES:
        path = root / name
        if path.is_file():
            files.append(Path(name))
            continue
        for file in path.rglob("*"):
            rel = file.relative_to(root)
            if file.is_file() and "__pycache__" not in rel.parts:
                files.append(rel)
    return sorted(files)


def fingerprint(root: Path = ROOT) -> str:
    """A hash of the names and bytes of the wheel's sources."""
    digest = hashlib.sha256()
    for rel in source_files(root):
        digest.update(rel.as_posix().encode() + b"\0")
        digest.update((root / rel).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_wheel(root: Path = ROOT, out: Path | None = None) -> Path:
    """Build the wheel from ``root``'s sources into ``out``; the wheel's path."""
    out = out or Path(tempfile.mkdtemp(prefix="bpdocs-wheel-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bpdocs-src-") as tmp:
        src = Path(tmp)
        for rel in source_files(root):
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / rel, src / rel)
            os.chmod(src / rel, 0o644)
        script = (
            "import sys; from setuptools import build_meta; "
            "print(build_meta.build_wheel(sys.argv[1]))"
        )
        proc = subprocess.run(
            [sys.executable, "-c", script, str(out)],
            cwd=src,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
            capture_output=True,
            text=True,
        )
        if proc.returncode:
            raise WheelBuildError(
                f"building the bpdocs wheel from {root / 'pyproject.toml'} failed "
                f"(exit {proc.returncode}):\n{proc.stderr[-3000:]}"
            )
    return out / proc.stdout.strip().split("\n")[-1]


def cached_wheel(root: Path = ROOT) -> Path:
    """The wheel of ``root``'s current sources, built once and kept in ``CACHE``."""
    folder = CACHE / fingerprint(root)
    wheel = folder / wheel_name(root)
    if not wheel.is_file():
        built = build_wheel(root, folder.with_suffix(".tmp"))
        folder.mkdir(parents=True, exist_ok=True)
        built.replace(wheel)
        shutil.rmtree(built.parent, ignore_errors=True)
    return wheel
