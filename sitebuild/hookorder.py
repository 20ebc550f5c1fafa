"""The order of the build hooks in ``mkdocs.yml``, checked as the build starts.

A hook that needs another's output names that hook in a module constant, such as
``AFTER = ("notebook",)``, and calls `check_order` in its ``on_config``: a pair listed
the wrong way round fails the build, naming both.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

from mkdocs.exceptions import PluginError


def check_order(hooks: Mapping[str, ModuleType], config_file: str | None) -> None:
    """Raise PluginError, naming the pair, if a hook is listed before one it needs."""
    listed = {Path(path).stem: (i, path) for i, path in enumerate(hooks)}
    for i, (path, module) in enumerate(hooks.items()):
        for name in getattr(module, "AFTER", ()):
            if name in listed and listed[name][0] > i:
                raise PluginError(
                    f"hooks: {path} must be listed after {listed[name][1]} in "
                    f"{config_file or 'mkdocs.yml'} ({Path(path).stem}.AFTER names "
                    f"{name!r})"
                )
