"""The reader budgets: gzip server, page discovery, real paired visits, the tables."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from bench import sitebench


@pytest.fixture
def tiny_site(tmp_path):
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>home</title><p>" + "x" * 5000
    )
    (tmp_path / "404.html").write_text("<!doctype html><title>404</title><p>not found")
    (tmp_path / "math").mkdir()
    (tmp_path / "math" / "index.html").write_text(
        '<!doctype html><title>m</title><mjx-container><svg width="20" height="10" '
        'xmlns="http://www.w3.org/2000/svg"><rect width="20" height="10"/></svg>'
        "</mjx-container><p hidden><mjx-container><svg></svg></mjx-container></p>"
    )
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


def test_measure_pairs_every_page_with_the_404_page(tiny_site):
    rows = sitebench.measure(tiny_site, rounds=2)
    by_page = {r["page"]: r for r in rows}
    assert set(by_page) == {"(home)", "math/"}
    assert by_page["math/"]["formulas"] == 2 and by_page["(home)"]["formulas"] == 0
    for r in rows:
        assert r["rounds"] == 2 and r["ready_ms"] > 0 and r["ref_ms"] > 0
        assert 0 < r["kib"] < 5 and r["cls"] == 0
        assert r["interval"][0] <= r["ratio"] <= r["interval"][1]


def test_a_shown_formula_without_a_size_fails_the_visit_and_a_hidden_one_does_not(
    tiny_site,
):
    """The hidden one is in ``tiny_site``'s math page, which every other test visits."""
    (tiny_site / "math" / "index.html").write_text(
        '<!doctype html><title>m</title><p><mjx-container><svg width="0"></svg>'
    )
    with sitebench.serve(tiny_site) as base, sync_playwright() as p:
        browser = sitebench.launch(p)
        try:
            with pytest.raises(AssertionError, match=r"math/: 1 formula\(s\) shown"):
                sitebench.visit(browser, base + "math/")
        finally:
            browser.close()


def test_bootstrap_interval_holds_the_median_and_narrows_with_more_rounds():
    few = [1.0, 1.2, 1.1, 1.5, 0.9, 1.3]
    lo, hi = sitebench.bootstrap(few)
    assert lo <= 1.15 <= hi and (lo, hi) == sitebench.bootstrap(few)  # seeded
    many_lo, many_hi = sitebench.bootstrap(few * 10)
    assert many_hi - many_lo < hi - lo
    assert sitebench.bootstrap([2.0] * 30) == (2.0, 2.0)


def test_paired_visits_shuffle_the_order_of_every_round(monkeypatch):
    seen = []
    monkeypatch.setattr(sitebench, "visit", lambda browser, url: seen.append(url) or {})
    got = sitebench.paired_visits(None, {"a": "A", "b": "B"}, rounds=30)
    assert len(got["a"]) == len(got["b"]) == 30
    rounds = [tuple(seen[i : i + 2]) for i in range(0, 60, 2)]
    # each round holds both, in either order
    assert set(rounds) == {("A", "B"), ("B", "A")}


def test_compare_reports_the_paired_difference(tiny_site, tmp_path):
    import shutil

    slower = tmp_path / "slower"
    shutil.copytree(tiny_site, slower)
    (slower / "index.html").write_text(
        "<!doctype html><title>home</title><p>"
        + "x" * 5000
        + "<script>const t = performance.now(); while (performance.now() - t < 400);"
        "</script>"
    )
    (row,) = sitebench.compare(tiny_site, slower, [""], rounds=5)
    assert row["page"] == "(home)" and row["rounds"] == 5
    assert row["gain_ms"] > 250 and row["interval"][0] > 150
    table = sitebench.format_comparison([row])
    assert "| (home) | 5 |" in table and "10% of the heaviest page" in table


def test_budget_and_table():
    ok = {
        "page": "a/",
        "formulas": 3,
        "rounds": 10,
        "ready_ms": 400.0,
        "ref_ms": 330.0,
        "ratio": 1.2,
        "interval": (1.11, 1.31),
        "kib": 120.0,
        "cls": 0.0,
    }
    slow = {**ok, "page": "b/", "ratio": 1.6}
    heavy = {**ok, "page": "c/", "kib": 301.0}
    shifty = {**ok, "page": "d/", "cls": 0.02}
    assert sitebench.within_budget(ok)
    assert not any(sitebench.within_budget(r) for r in (slow, heavy, shifty))
    table = sitebench.format_rows([ok, slow])
    assert "| a/ | 3 | 10 | 400 | 330 | 1.20 | 1.11–1.31 | 120 | 0.000 | ok |" in table
    assert (
        "| b/ | 3 | 10 | 400 | 330 | 1.60 | 1.11–1.31 | 120 | 0.000 | OVER |" in table
    )
    assert table.endswith("1 of 2 pages within every budget.")


def small_site(folder: Path, long_page: str) -> Path:
    """A Material project in ``folder`` with a home page and ``docs/long.md``."""
    import shutil

    from tests.conftest import ROOT

    (folder / "docs" / "stylesheets").mkdir(parents=True)
    shutil.copy(
        ROOT / "docs" / "stylesheets" / "extra.css", folder / "docs" / "stylesheets"
    )
    (folder / "docs" / "index.md").write_text("# Home\n")
    (folder / "docs" / "long.md").write_text(long_page)
    (folder / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  font: false\n"
        "extra_css: [stylesheets/extra.css]\n"
    )
    return folder


LONG_PAGE = "# Long\n\n" + ("A paragraph of words. " * 20 + "\n\n") * 80


def test_serve_reload_sees_an_edit(tmp_path):
    """``make bench``'s edit-to-browser clock stops once the page shows the edit."""
    small_site(tmp_path, LONG_PAGE)
    times = sitebench.serve_reload_seconds(
        tmp_path, page="long/", source="docs/long.md", repeat=1, timeout=30
    )
    assert len(times) == 1 and 0 < times[0] < 30
    assert (tmp_path / "docs" / "long.md").read_text() == LONG_PAGE  # edit undone


def test_compare_reload_pairs_two_serve_runs(tmp_path):
    """Two copies, each served and edited once a round: the per-round difference."""
    roots = [small_site(tmp_path / name, LONG_PAGE) for name in ("a", "b")]
    for root in roots:  # compare_reload edits the chain-rule page
        (root / "docs" / "chain-rule.md").write_text(LONG_PAGE)
    got = sitebench.compare_reload(*roots, (), ("--dirty", "--no-strict"), rounds=2)
    assert got["rounds"] == 2 and 0 < got["a"] < 120 and 0 < got["b"] < 120
    assert (roots[1] / "docs" / "chain-rule.md").read_text() == LONG_PAGE


def test_runtime_sizes_are_raw_and_gzip_compressed(tmp_path):
    (tmp_path / "runtime" / "bpdocs").mkdir(parents=True)
    (tmp_path / "runtime" / "micropython.wasm").write_bytes(b"\0" * 4000)
    (tmp_path / "runtime" / "bpdocs" / "parse.py").write_text("x = 1\n" * 100)
    sizes = sitebench.runtime_sizes(tmp_path)
    assert list(sizes) == ["runtime/bpdocs/parse.py", "runtime/micropython.wasm"]
    assert sizes["runtime/micropython.wasm"][0] == 4000
    assert 0 < sizes["runtime/micropython.wasm"][1] < 100  # zeros compress well


def test_format_explorer_judges_the_first_graph_and_what_loads_early():
    row = {
        "rounds": 10,
        "raw_kib": 559.4,
        "gzip_kib": 226.1,
        "served_kib": 226.9,
        "fetched_before_use": [],
        "startup_ms": [150.0, 210.0, 190.0],
        "first_graph_ms": [20.0, 35.0, 999.0],
    }
    text = sitebench.format_explorer(row)
    assert "559 KiB raw, 226 KiB gzip-compressed (227 KiB served" in text
    assert "fetched before first use: nothing" in text
    assert "start-up median 190 ms (150-210)" in text and text.endswith("within")
    late = sitebench.format_explorer(row | {"first_graph_ms": [20.0, 1001.0]})
    early = sitebench.format_explorer(row | {"fetched_before_use": ["runtime/x"]})
    assert late.endswith("OVER") and early.endswith("OVER")


def test_make_serve_runs_mkdocs_serve_as_the_reload_clock_does():
    """The edit-to-browser figure is measured on the options authors get."""
    from tests.conftest import ROOT

    makefile = (ROOT / "Makefile").read_text()
    line = next(x for x in makefile.splitlines() if "-m mkdocs serve" in x)
    assert " ".join(("mkdocs serve", *sitebench.SERVE_OPTIONS)) in line, line
