"""The wheel the site serves (``sitebuild/wheel.py``) and its hook (``hooks/wheel.py``).

The wheel is built to the same bytes twice from one commit, holds the library and
nothing else, and is the file the built site serves at ``download/``; a failing build
names what failed. The hook writes the install lines from ``site_url`` and
``repo_url``, which ``mkdocs.yml`` takes from the environment the Pages workflow sets.
"""

from __future__ import annotations

import shutil
import zipfile

import pytest
from mkdocs.config import load_config

from sitebuild import wheel
from tests.conftest import ROOT, build, hook, tiny_project

WHEEL = wheel.wheel_name()


def test_the_wheel_builds_to_the_same_bytes_twice(tmp_path, site):
    a = wheel.build_wheel(out=tmp_path / "a")
    b = wheel.build_wheel(out=tmp_path / "b")
    assert a.name == b.name == WHEEL
    assert a.read_bytes() == b.read_bytes()
    assert (site / "download" / WHEEL).read_bytes() == a.read_bytes(), (
        "the site serves a wheel other than the one its sources build"
    )


def test_the_wheel_holds_bpdocs_and_nothing_else(site):
    names = zipfile.ZipFile(site / "download" / WHEEL).namelist()
    code = sorted(n for n in names if ".dist-info/" not in n)
    outside = [n for n in code if not n.startswith("bpdocs/")]
    assert outside == [], f"the wheel installs more than bpdocs: {outside}"
    for module in ("autodiff", "layers", "gradcheck", "network", "plotting"):
        assert f"bpdocs/{module}.py" in code
    assert "bpdocs/examples/calculus.py" in code and "bpdocs/figures/why.py" in code
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    metadata = zipfile.ZipFile(site / "download" / WHEEL).read(
        f"bpdocs-{WHEEL.split('-')[1]}.dist-info/METADATA"
    )
    assert b"Requires-Dist: numpy>=1.26" in metadata
    assert b"Requires-Python: >=3.10" in metadata


def test_a_failing_wheel_build_names_the_project_and_the_error(tmp_path):
    for name in wheel.SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('name = "bpdocs"', "name = "))
    with pytest.raises(wheel.WheelBuildError) as err:
        wheel.build_wheel(root=tmp_path, out=tmp_path / "out")
    assert str(tmp_path) in str(err.value) and "pyproject.toml" in str(err.value)


def test_the_fingerprint_follows_the_sources(tmp_path):
    for name in wheel.SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    before = wheel.fingerprint(tmp_path)
    (tmp_path / "bpdocs" / "__pycache__").mkdir(exist_ok=True)
    (tmp_path / "bpdocs" / "__pycache__" / "x.pyc").write_bytes(b"junk")
    assert wheel.fingerprint(tmp_path) == before
    (tmp_path / "bpdocs" / "new.py").write_text("x = 1\n")
    assert wheel.fingerprint(tmp_path) != before


def test_install_lines_at_the_site_url_with_the_repository():
    md = hook("wheel").install_markdown(
        "https://owner.github.io/bpdocs/", "https://github.com/owner/bpdocs", "x"
    )
    url = f"https://owner.github.io/bpdocs/download/{WHEEL}"
    assert f'pip install "bpdocs @ {url}"\n' in md
    assert f'pip install "bpdocs[figures] @ {url}"\n' in md
    assert "<https://github.com/owner/bpdocs>" in md
    assert "site_url" not in md


def test_install_lines_without_a_site_url_are_relative_with_a_note():
    md = hook("wheel").install_markdown(None, None, f"../download/{WHEEL}")
    assert f"pip install download/{WHEEL}\n" in md
    assert f'pip install "download/{WHEEL}[figures]"\n' in md
    assert "built without a `site_url`" in md and f"(../download/{WHEEL})" in md
    assert "github" not in md


def test_mkdocs_yml_takes_site_and_repo_url_from_the_environment(monkeypatch):
    monkeypatch.setenv("BPDOCS_SITE_URL", "https://owner.github.io/bpdocs/")
    monkeypatch.setenv("BPDOCS_REPO_URL", "https://github.com/owner/bpdocs")
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.site_url == "https://owner.github.io/bpdocs/"
    assert config.repo_url == "https://github.com/owner/bpdocs"
    monkeypatch.delenv("BPDOCS_SITE_URL")
    monkeypatch.delenv("BPDOCS_REPO_URL")
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.site_url is None and config.repo_url is None


CONFIG = """\
site_name: t
hooks:
  - {root}/sitebuild/hooks/wheel.py
"""


def test_an_unknown_marker_fails_the_build_naming_page_and_line(tmp_path):
    config = tiny_project(tmp_path, CONFIG, "# t\n\n<!-- bpdocs:instal -->\n")
    proc = build(tmp_path / "site", config)
    assert proc.returncode != 0
    assert "index.md:3: unknown marker '<!-- bpdocs:instal -->'" in proc.stderr


def test_a_page_gets_the_install_lines_and_the_wheel_beside_it(tmp_path):
    config = tiny_project(tmp_path, CONFIG, "# t\n\n<!-- bpdocs:install -->\n")
    proc = build(tmp_path / "site", config)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "site" / "index.html").read_text()
    assert f"pip install download/{WHEEL}" in page
    assert f'href="download/{WHEEL}"' in page
    assert (tmp_path / "site" / "download" / WHEEL).is_file()
