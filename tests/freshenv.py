"""Fresh virtual environments, made as a reader makes one: the wheel, and nothing else.

Each environment is a new ``venv`` of the oldest or the newest CPython that bpdocs
declares (its ``Programming Language :: Python :: 3.x`` classifiers), with the wheel
the built site serves installed over HTTP, with its declared dependencies. None of the
project's pins, and nothing of ``.venv``, reaches it. numpy is pinned here, so a run
never depends on what the registry serves that day: the lowest that bpdocs declares
on the oldest Python, and the lock file's on the newest. A ``figures`` environment
adds the extra (matplotlib, pinned the same way) and ipykernel, to run the notebook.
"""

from __future__ import annotations

import glob
import json
import os
import platform
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

RUNNER = ROOT / "tests" / "blockrunner.py"
#: numpy, matplotlib and ipykernel for each end: lowest declared, and the lock's.
PINS = {
    "oldest": {"numpy": "1.26.0", "matplotlib": "3.8.0", "ipykernel": "6.29.5"},
    "newest": {"numpy": "2.4.6", "matplotlib": "3.11.2", "ipykernel": "7.4.0"},
}
TIMEOUT = 600  # seconds for one pip install, or for one page's blocks to run
#: The oldest end runs numpy and its OpenBLAS on their generic x86-64 code (no AVX), as
#: an older processor does, the newest on this machine's own. An output whose last
#: digits depend on one processor's rounding then differs between the two, and fails.
GENERIC_FLOATS = {
    "OPENBLAS_CORETYPE": "Prescott",
    "NPY_DISABLE_CPU_FEATURES": "AVX AVX2 F16C FMA3 AVX512F AVX512CD AVX512_SKX "
    "AVX512_CLX AVX512_CNL AVX512_ICL AVX512_SPR X86_V3 X86_V4",  # numpy 1.x, 2.x names
}


def declared_pythons() -> dict[str, str]:
    """``{"oldest": "3.10", "newest": "3.13"}``, from bpdocs' classifiers."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf8"))["project"]
    prefix = "Programming Language :: Python :: "
    versions = [
        c[len(prefix) :] for c in project.get("classifiers", []) if c.startswith(prefix)
    ]
    versions = sorted(
        (v for v in versions if v.count(".") == 1),
        key=lambda v: tuple(map(int, v.split("."))),
    )
    assert versions, "pyproject.toml declares no 'Python :: 3.x' classifier"
    return {"oldest": versions[0], "newest": versions[-1]}


def find_python(version: str) -> Path:
    """A working ``python3.X`` interpreter, from the PATH or pyenv's folders."""
    home = Path.home()
    candidates = [
        shutil.which(f"python{version}"),
        *sorted(glob.glob(f"{home}/.pyenv/versions/{version}.*/bin/python{version}")),
        f"/usr/bin/python{version}",
        f"/usr/local/bin/python{version}",
    ]
    for path in filter(None, candidates):
        proc = subprocess.run(
            [path, "-c", "import venv, ensurepip, sys; print(sys.version)"],
            capture_output=True,
            text=True,
        )
        if proc.returncode == 0 and proc.stdout.startswith(version + "."):
            return Path(path)
    raise AssertionError(
        f"no working python{version} found (looked at {candidates}); bpdocs "
        f"declares Python {version}, so the fresh-environment test needs it"
    )


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a reader's shell: no PYTHONPATH, no venv, no pip config."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PIP_CONSTRAINT", "PIP_REQUIRE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, "PYTHONDONTWRITEBYTECODE": "1", **extra}


@dataclass(frozen=True)
class FreshEnv:
    """A fresh environment: its Python, which end it stands for, and its extras."""

    python: Path
    end: str  # "oldest" or "newest"
    figures: bool

    def pip(self, *args: str) -> None:
        """Run pip in the environment; fail with its output."""
        proc = subprocess.run(
            [str(self.python), "-m", "pip", "install", "-q", "--no-input", *args],
            capture_output=True,
            text=True,
            env=clean_env(PIP_DISABLE_PIP_VERSION_CHECK="1"),
            timeout=TIMEOUT,
        )
        assert proc.returncode == 0, (
            f"pip install {' '.join(args)} in the {self} failed:\n{proc.stderr[-3000:]}"
        )

    def version(self, package: str) -> str | None:
        """The installed version of ``package``, or None."""
        code = (
            "import importlib.metadata as m, sys\n"
            "try: print(m.version(sys.argv[1]))\n"
            "except m.PackageNotFoundError: print('')"
        )
        proc = subprocess.run(
            [str(self.python), "-I", "-c", code, package],
            capture_output=True,
            text=True,
            env=clean_env(),
            check=True,
        )
        return proc.stdout.strip() or None

    def run(self, chains: list[dict], cwd: Path) -> list[dict]:
        """Run chains of blocks in one process (``tests/blockrunner.py``)."""
        proc = subprocess.run(
            [str(self.python), "-I", str(RUNNER)],
            input=json.dumps(chains),
            capture_output=True,
            text=True,
            cwd=cwd,
            env=clean_env(MPLBACKEND="Agg", **self.floats()),
            timeout=TIMEOUT,
        )
        assert proc.returncode == 0, f"the block runner failed:\n{proc.stderr[-3000:]}"
        return json.loads(proc.stdout)

    def floats(self) -> dict[str, str]:
        """The environment variables that pick numpy's code paths (`GENERIC_FLOATS`)."""
        generic = self.end == "oldest" and platform.machine() == "x86_64"
        return GENERIC_FLOATS if generic else {}

    def __str__(self) -> str:
        kind = "bpdocs[figures]" if self.figures else "bpdocs"
        version = declared_pythons()[self.end]
        floats = ", numpy on generic x86-64 code" if self.floats() else ""
        return f"fresh {kind} environment of Python {version} ({self.end}{floats})"


def make_env(folder: Path, end: str, wheel_url: str, figures: bool) -> FreshEnv:
    """A new venv in ``folder`` with the wheel at ``wheel_url`` installed.

    The newest end installs its numpy first and the wheel after it, so that it shows
    the wheel keeps a numpy already there.
    """
    python = find_python(declared_pythons()[end])
    subprocess.run(
        [str(python), "-m", "venv", str(folder)],
        check=True,
        env=clean_env(),
        capture_output=True,
    )
    env = FreshEnv(folder / "bin" / "python", end, figures)
    pins = PINS[end]
    numpy = f"numpy=={pins['numpy']}"
    requirement = f"bpdocs{'[figures]' if figures else ''} @ {wheel_url}"
    extra = (
        [f"matplotlib=={pins['matplotlib']}", f"ipykernel=={pins['ipykernel']}"]
        if figures
        else []
    )
    if end == "newest":
        env.pip(numpy)
        env.pip(requirement, *extra)
    else:
        env.pip(requirement, numpy, *extra)
    return env
