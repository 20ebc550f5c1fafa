"""The reader-budget measurement: its gzip server, page discovery, a real visit and the table."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from bpdocs import sitebench


@pytest.fixture
def tiny_site(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>home</title><p>" + "x" * 5000)
    (tmp_path / "404.html").write_text("<!doctype html><title>404</title><p>not found")
    (tmp_path / "math").mkdir()
    (tmp_path / "math" / "index.html").write_text(
        '<!doctype html><title>m</title><mjx-container><svg width="20" height="10" '
        'xmlns="http://www.w3.org/2000/svg"><rect width="20" height="10"/></svg></mjx-container>')
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "index.html").write_text("not a page")
    return tmp_path


def test_pages_lists_every_page_but_assets(tiny_site):
    assert sitebench.pages(tiny_site) == ["", "math/"]


def test_server_gzips_text_when_asked(tiny_site):
    with sitebench.serve(tiny_site) as base:
        assert base.startswith("http://127.0.0.1:")
        req = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as resp:
            assert resp.headers["Content-Encoding"] == "gzip"
            body = resp.read()
        assert len(body) < 200 and gzip.decompress(body).startswith(b"<!doctype html>")
        with urllib.request.urlopen(base + "math/") as resp:
            assert resp.headers.get("Content-Encoding") is None
            assert b"<mjx-container>" in resp.read()


def test_measure_visits_every_page_in_chromium(tiny_site):
    rows = sitebench.measure(tiny_site, repeat=1)
    by_page = {r["page"]: r for r in rows}
    assert set(by_page) == {"404.html", "(home)", "math/"}
    assert by_page["404.html"]["ratio"] == 1.0
    assert by_page["404.html"]["visits"] == 2 and by_page["math/"]["visits"] == 1   # before each page visit
    assert by_page["math/"]["formulas"] == 1 and by_page["(home)"]["formulas"] == 0
    for r in rows:
        assert r["ready_ms"] > 0 and 0 < r["kib"] < 5 and r["cls"] == 0
        assert r["ready_range"][0] <= r["ready_ms"] <= r["ready_range"][1]
        assert 0 < r["cpu_ms"] < 10 * r["ready_ms"] + 1000 and r["cpu_ratio"] > 0


def test_budget_and_table():
    ok = {"page": "a/", "formulas": 3, "visits": 3, "ready_ms": 400.0, "ready_range": (351.2, 480.6),
          "ratio": 1.2, "kib": 120.0, "cls": 0.0}
    slow = {**ok, "page": "b/", "ratio": 1.6}
    heavy = {**ok, "page": "c/", "kib": 301.0}
    shifty = {**ok, "page": "d/", "cls": 0.02}
    assert sitebench.within_budget(ok)
    assert not any(sitebench.within_budget(r) for r in (slow, heavy, shifty))
    ok.update(cpu_ms=250.0, cpu_ratio=1.1)
    slow.update(cpu_ms=300.0, cpu_ratio=1.4)
    table = sitebench.format_rows([ok, slow])
    assert "| a/ | 3 | 3 | 400 | 351–481 | 1.20 | 250 | 1.10 | 120 | 0.000 | ok |" in table
    assert "| b/ | 3 | 3 | 400 | 351–481 | 1.60 | 300 | 1.40 | 120 | 0.000 | OVER |" in table
    assert table.endswith("1 of 2 pages within every budget.")


def test_serve_reload_sees_an_edit_drawn_late(tmp_path):
    """``make bench``'s edit-to-browser clock stops on an edit at the end of a long page, where
    ``docs/.hooks/sections.py`` puts it in a run drawn only when the reader scrolls to it."""
    import shutil
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "docs" / "stylesheets").mkdir(parents=True)
    shutil.copy(root / "docs" / "stylesheets" / "extra.css", tmp_path / "docs" / "stylesheets")
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    long_page = "# Long\n\n" + ("A paragraph of words. " * 20 + "\n\n") * 80
    (tmp_path / "docs" / "long.md").write_text(long_page)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  font: false\nextra_css: [stylesheets/extra.css]\n"
        f"hooks:\n  - {root / 'docs' / '.hooks' / 'sections.py'}\n")
    times = sitebench.serve_reload_seconds(tmp_path, page="long/", source="docs/long.md", repeat=1, timeout=30)
    assert len(times) == 1 and 0 < times[0] < 30
    assert (tmp_path / "docs" / "long.md").read_text() == long_page          # the edit is undone
