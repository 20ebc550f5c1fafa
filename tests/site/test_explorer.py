"""The explorer's hook (``hooks/explorer.py``): its runtime and Python, on one page.

The built site serves MicroPython's runtime as the pinned npm package holds it, and
``bpdocs``' modules as the package holds them (one source each). Only the page with an
explorer links its script and stylesheet; no other page names the runtime at all.
"""

from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import PluginError

from tests.conftest import ROOT, hook

EXPLORER = hook("explorer")


def test_the_runtime_and_the_modules_are_served_as_their_sources_hold_them(
    strict_build,
):
    files = EXPLORER.runtime_files()
    assert sorted(files) == [
        "runtime/bpdocs/autodiff.py",
        "runtime/bpdocs/explore.py",
        "runtime/bpdocs/grade.py",
        "runtime/bpdocs/parse.py",
        "runtime/micropython.mjs",
        "runtime/micropython.wasm",
    ]
    for uri, source in files.items():
        assert (strict_build / uri).read_bytes() == source.read_bytes(), uri


def test_the_runtime_is_the_version_package_json_pins():
    pinned = json.loads((ROOT / "package.json").read_text("utf8"))["dependencies"]
    installed = json.loads((EXPLORER.PACKAGE / "package.json").read_text("utf8"))
    assert pinned[installed["name"]] == installed["version"] == "1.27.0"


def test_only_the_explorer_page_loads_its_script(strict_build):
    pages = {
        p.relative_to(strict_build).as_posix(): p for p in strict_build.rglob("*.html")
    }
    using = [
        name
        for name, path in pages.items()
        if "explorer.js" in (text := path.read_text("utf8")) or "runtime/" in text
    ]
    assert using == ["explorer/index.html"]
    page = pages["explorer/index.html"].read_text("utf8")
    assert page.count('<script type="module" src="../javascripts/explorer.js">') == 1
    assert page.count('href="../stylesheets/explorer.css"') == 1


def test_a_missing_runtime_fails_the_build_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(EXPLORER, "PACKAGE", tmp_path)
    with pytest.raises(PluginError, match="micropython.mjs.*run npm ci"):
        EXPLORER.runtime_files()
