"""Build hook: each page's footer says what its examples were executed with at build time.

The line names the bpdocs commit and the Python, NumPy and Matplotlib versions. It holds no
date, so two builds of one commit stay identical.
"""

from __future__ import annotations

import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _commit() -> str:
    """The short commit of the checkout, with ``-dirty`` for uncommitted changes."""
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty", "--abbrev=12"],
                             cwd=ROOT, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def on_config(config):
    config.extra["provenance"] = (
        f"Examples and figures on this page were executed at build time with bpdocs {_commit()}, "
        f"Python {platform.python_version()}, NumPy {version('numpy')}, Matplotlib {version('matplotlib')}."
    )
    return config


def on_page_markdown(markdown, page, config, files):
    return markdown + f'\n\n<p class="provenance" markdown>{config.extra["provenance"]}</p>\n'
