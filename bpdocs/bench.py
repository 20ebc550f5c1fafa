"""``make bench``: measure and print the project's figures as a table.

Run it with ``python -m bpdocs.bench``. It has no time limits and is never part of ``make test``.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_time(fn, repeat: int = 3) -> float:
    """The median wall time of ``repeat`` calls of ``fn()``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def site_build_seconds(repeat: int = 3) -> float:
    """Median time of a warm strict build of the site (caches filled by a first build)."""
    dest = Path(tempfile.mkdtemp(prefix="bpdocs-bench-"))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def run():
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)

    run()
    try:
        return median_time(run, repeat)
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def table(rows: list[tuple[str, str]]) -> str:
    """A two-column Markdown table of ``(figure, value)`` rows."""
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'figure':<{width}} | value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {name:<{width}} | {value} |" for name, value in rows]
    return "\n".join(lines)


def main() -> None:
    """Measure everything and print one table."""
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rows = [("warm strict site build, median of 3", f"{site_build_seconds():.2f} s")]
    print(table(rows))


if __name__ == "__main__":
    main()
