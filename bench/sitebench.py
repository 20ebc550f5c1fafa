"""Reader budgets of the built site, measured in headless Chromium for ``make bench``.

Each page is measured beside the site's own 404 page (same theme, no math) in paired
rounds: in every round the page and the 404 page are each visited once, cold (a fresh
browser context), in shuffled order, and the page's ratio is the median of its
per-round ratios, with a bootstrap 90% interval. Pairing cancels the slow and quick
spells of a busy machine.

- **ready**: milliseconds from navigation to the load event, every formula an SVG with
  a size;
- **KiB**: the bytes transferred, compressed as served, theme and search index
  included;
- **CLS**: the cumulative layout shift during the load.

``compare`` uses the same rounds to measure what a piece of machinery buys: one page of
two builds, side by side. The site is served gzip-compressed from 127.0.0.1, as a
static host would serve it, to Debian's ``/usr/bin/chromium`` driven by Playwright.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from functools import partial
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
COMPRESSIBLE = (
    ".html",
    ".css",
    ".js",
    ".json",
    ".svg",
    ".xml",
    ".ipynb",
    ".map",
    ".mjs",  # the explorer's runtime: its module, its WebAssembly and its Python
    ".wasm",
    ".py",
    ".txt",
)

#: Budgets of the performance issue: ready time against the 404 page, transfer and
#: layout shift.
BUDGETS = {"ready_ratio": 1.5, "kib": 300.0, "cls": 0.01}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that gzips text files when the client accepts it.

    Each file is compressed once and kept (as a static host keeps its compressed
    copies), so the server's own work does not fall inside the timings it serves.
    """

    _compressed: dict[tuple[str, int], bytes] = {}

    def log_message(self, *args):  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        key = (str(path), path.stat().st_mtime_ns)
        body = self._compressed.get(key)
        if body is None:
            body = self._compressed[key] = gzip.compress(
                path.read_bytes(), compresslevel=6, mtime=0
            )
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that stays quiet when a browser drops a connection."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path):
    """Serve ``site`` on an ephemeral 127.0.0.1 port; yield its base URL."""
    server = QuietServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Debian's Chromium, headless; ``--no-sandbox`` only when running as root."""
    args = CHROMIUM_ARGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=args
    )


def pages(site: Path) -> list[str]:
    """The site's pages as URL paths (``""`` for home, ``"chain-rule/"``, ...)."""
    out = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if not rel.startswith(("assets", "search")):
            out.append("" if rel == "." else rel + "/")
    return out


CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: "layout-shift", buffered: true});
"""

READY = """async () => {
  await document.fonts.ready;
  const math = [...document.querySelectorAll("mjx-container > svg")];
  // a formula under [hidden] or in a closed <details> is not drawn: it has no boxes
  const drawn = math.filter((s) => s.getClientRects().length > 0);
  const unsized = drawn.filter((s) => !(s.getBoundingClientRect().width > 0));
  const nav = performance.getEntriesByType("navigation")[0];
  return {ready: nav.loadEventEnd,
          formulas: math.length, unsized: unsized.length, cls: window.__cls};
}"""


def visit(browser, url: str) -> dict:
    """One cold visit of ``url``: ready time (ms), bytes, CLS and formula count."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    result = page.evaluate(READY)
    sizes = [r.sizes() for r in finished]
    result["bytes"] = sum(
        s["responseBodySize"] + s["responseHeadersSize"] for s in sizes
    )
    context.close()
    if result["unsized"]:
        n = result["unsized"]
        raise AssertionError(f"{url}: {n} formula(s) shown with no size after load")
    return result


def measure(site: Path, rounds: int = 10, seed: int = 0) -> list[dict]:
    """Every page's ready time against the 404 page, in paired rounds; transfer and CLS.

    In each of ``rounds`` rounds, every page (in a shuffled order) is visited once
    beside one visit of the 404 page, the two in shuffled order; the page's ratio is
    the median of its per-round ratios, with a bootstrap 90% interval.
    """
    from playwright.sync_api import sync_playwright

    rng = random.Random(seed)
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            targets = pages(site)
            for t in ["404.html", *targets]:  # warm-up, not counted
                visit(browser, base + t)
            pairs = {t: [] for t in targets}
            for _ in range(rounds):
                rng.shuffle(targets)
                for t in targets:
                    urls = {"page": base + t, "404": base + "404.html"}
                    got = paired_visits(browser, urls, 1, rng.randrange(2**32))
                    pairs[t].append((got["page"][0], got["404"][0]))
        finally:
            browser.close()
    return [_row(t, pairs[t]) for t in sorted(pairs)]


EXPLORER = "explorer/"
FIRST_GRAPH_MS = 1000.0  # from the runtime ready to the first graph drawn


def runtime_sizes(site: Path) -> dict[str, tuple[int, int]]:
    """Each file of the explorer's ``runtime/``: its bytes, raw and gzip-compressed."""
    return {
        path.relative_to(site).as_posix(): (
            path.stat().st_size,
            len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)),
        )
        for path in sorted((site / "runtime").rglob("*"))
        if path.is_file()
    }


def explorer_visit(browser, base: str) -> dict:
    """One cold visit of the explorer: what loads before use, then its first graph.

    The page loads (``visit``'s "ready"); then a preset is clicked, which starts the
    runtime. Start-up is from that click to the runtime ready, and first graph from
    the runtime ready to the graph drawn (the page's own performance marks).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(base + EXPLORER, wait_until="load")
    page.wait_for_load_state("networkidle")
    before = [r.url for r in finished if "/runtime/" in r.url]
    ready = page.evaluate(READY)["ready"]
    page.click("[data-preset]")
    page.wait_for_function("document.querySelector('.bp-explorer').dataset.drawn")
    page.wait_for_load_state("networkidle")
    marks = dict(
        page.evaluate(
            "performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])"
        )
    )
    runtime = [r for r in finished if "/runtime/" in r.url]
    sizes = [r.sizes() for r in runtime]
    context.close()
    return {
        "ready": ready,
        "before_use": before,
        "runtime_bytes": sum(
            s["responseBodySize"] + s["responseHeadersSize"] for s in sizes
        ),
        "startup_ms": marks["bp-runtime-ready"] - marks["bp-runtime-start"],
        "first_graph_ms": marks["bp-graph-drawn"] - marks["bp-runtime-ready"],
    }


def measure_explorer(site: Path, rounds: int = 10) -> dict:
    """The explorer's runtime over ``rounds`` cold visits: sizes and median times."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            explorer_visit(browser, base)  # warm-up, not counted
            got = [explorer_visit(browser, base) for _ in range(rounds)]
        finally:
            browser.close()
    files = runtime_sizes(site)
    return {
        "rounds": rounds,
        "raw_kib": sum(raw for raw, _ in files.values()) / 1024,
        "gzip_kib": sum(gz for _, gz in files.values()) / 1024,
        "served_kib": statistics.median(g["runtime_bytes"] for g in got) / 1024,
        "fetched_before_use": sorted({u for g in got for u in g["before_use"]}),
        "startup_ms": [g["startup_ms"] for g in got],
        "first_graph_ms": [g["first_graph_ms"] for g in got],
    }


def format_explorer(row: dict) -> str:
    """The explorer's runtime, as make bench prints it."""
    start, first = row["startup_ms"], row["first_graph_ms"]
    ok = max(first) <= FIRST_GRAPH_MS and not row["fetched_before_use"]
    fetched = ", ".join(row["fetched_before_use"]) or "nothing"
    med = statistics.median
    return (
        "Explorer runtime (MicroPython + bpdocs' modules): "
        f"{row['raw_kib']:.0f} KiB raw, {row['gzip_kib']:.0f} KiB gzip-compressed "
        f"({row['served_kib']:.0f} KiB served, with headers); "
        f"fetched before first use: {fetched}. {row['rounds']} cold visits: "
        f"start-up median {med(start):.0f} ms ({min(start):.0f}-{max(start):.0f}); "
        f"runtime ready to first graph median {med(first):.0f} ms "
        f"({min(first):.0f}-{max(first):.0f}, budget {FIRST_GRAPH_MS:.0f} ms): "
        f"{'within' if ok else 'OVER'}"
    )


def _row(target: str, pairs: list[tuple[dict, dict]]) -> dict:
    """One page's figures from its (page visit, 404 visit) pairs."""
    ratios = [v["ready"] / ref["ready"] for v, ref in pairs]
    return {
        "page": target or "(home)",
        "formulas": pairs[0][0]["formulas"],
        "rounds": len(pairs),
        "ready_ms": statistics.median(v["ready"] for v, _ in pairs),
        "ref_ms": statistics.median(ref["ready"] for _, ref in pairs),
        "ratio": statistics.median(ratios),
        "interval": bootstrap(ratios),
        "kib": statistics.median(v["bytes"] for v, _ in pairs) / 1024,
        "cls": max(v["cls"] for v, _ in pairs),
    }


def within_budget(row: dict) -> bool:
    """Whether one page's row meets every reader budget."""
    return (
        row["ratio"] <= BUDGETS["ready_ratio"]
        and row["kib"] <= BUDGETS["kib"]
        and row["cls"] <= BUDGETS["cls"]
    )


def format_rows(rows: list[dict]) -> str:
    """The reader table, one line a page, in Markdown."""
    head = (
        "| page | formulas | rounds | ready (ms) | 404 (ms) | × 404, median of rounds "
        "| 90% interval | KiB | CLS | budget |\n"
        "|---|---|---|---|---|---|---|---|---|---|"
    )
    body = [
        f"| {r['page']} | {r['formulas']} | {r['rounds']} | {r['ready_ms']:.0f} "
        f"| {r['ref_ms']:.0f} | {r['ratio']:.2f} "
        f"| {r['interval'][0]:.2f}–{r['interval'][1]:.2f} | {r['kib']:.0f} "
        f"| {r['cls']:.3f} | {'ok' if within_budget(r) else 'OVER'} |"
        for r in rows
    ]
    met = sum(within_budget(r) for r in rows)
    return "\n".join(
        [head, *body, "", f"{met} of {len(rows)} pages within every budget."]
    )


def bootstrap(
    values,
    stat=statistics.median,
    level: float = 0.9,
    resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """A percentile-bootstrap ``level`` interval of ``stat`` over ``values``."""
    rng = random.Random(seed)
    values = list(values)
    stats = sorted(stat(rng.choices(values, k=len(values))) for _ in range(resamples))
    tail = (1 - level) / 2
    return stats[int(tail * resamples)], stats[int((1 - tail) * resamples) - 1]


def paired_visits(
    browser, urls: dict[str, str], rounds: int, seed: int = 0
) -> dict[str, list]:
    """Visit each of ``urls`` once a round, in an order shuffled every round.

    Returns each name's visits, round by round, so that ``visits[a][i]`` and
    ``visits[b][i]`` were taken side by side.
    """
    rng = random.Random(seed)
    visits = {name: [] for name in urls}
    for _ in range(rounds):
        order = list(urls)
        rng.shuffle(order)
        for name in order:
            visits[name].append(visit(browser, urls[name]))
    return visits


def compare(
    site_a: Path, site_b: Path, targets: list[str], rounds: int = 30, seed: int = 0
) -> list[dict]:
    """Each page of two builds in paired rounds: how much longer it takes in ``site_b``.

    Per round, the page of each build is visited once, in shuffled order; the gain is
    the median of the per-round differences ``ready(b) - ready(a)``, with its bootstrap
    90% interval.
    """
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site_a) as a, serve(site_b) as b, sync_playwright() as p:
        browser = launch(p)
        try:
            for target in targets:
                urls = {"a": a + target, "b": b + target}
                for url in urls.values():  # warm-up, not counted
                    visit(browser, url)
                got = paired_visits(browser, urls, rounds, seed)
                diffs = [
                    y["ready"] - x["ready"]
                    for x, y in zip(got["a"], got["b"], strict=True)
                ]
                rows.append(
                    {
                        "page": target or "(home)",
                        "rounds": rounds,
                        "a_ms": statistics.median(v["ready"] for v in got["a"]),
                        "b_ms": statistics.median(v["ready"] for v in got["b"]),
                        "gain_ms": statistics.median(diffs),
                        "interval": bootstrap(diffs),
                    }
                )
        finally:
            browser.close()
    return rows


def format_comparison(rows: list[dict]) -> str:
    """The paired comparison in Markdown, and the 10% bar of the heaviest page."""
    head = (
        "| page | rounds | ready, a (ms) | ready, b (ms) | b - a, median (ms) "
        "| 90% interval (ms) |\n|---|---|---|---|---|---|"
    )
    body = [
        f"| {r['page']} | {r['rounds']} | {r['a_ms']:.0f} | {r['b_ms']:.0f} "
        f"| {r['gain_ms']:+.1f} | {r['interval'][0]:+.1f} to {r['interval'][1]:+.1f} |"
        for r in rows
    ]
    bar = 0.1 * max(r["a_ms"] for r in rows)
    return "\n".join(
        [head, *body, "", f"10% of the heaviest page's ready time (a): {bar:.1f} ms"]
    )


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: ``make serve``'s options: rebuild only what changed (sitebuild/hooks/dirty.py); a
#: warning is shown, not fatal, since MkDocs warns of every dirty build. The Makefile
#: passes the same (tests/bench/test_sitebench.py checks).
SERVE_OPTIONS = ("--dirty", "--no-strict")
#: The page whose source the reload clock edits, and that source.
RELOAD_PAGE, RELOAD_SOURCE = "chain-rule/", "docs/chain-rule.md"


@contextlib.contextmanager
def _editor(browser, root: Path, options, page: str, source: str, timeout: float):
    """``mkdocs serve OPTIONS`` from ``root``, ``page`` open: yield ``edit()``.

    ``edit()`` appends a unique line to ``source`` and returns the seconds until the
    open page shows it; ``source`` is restored afterwards.
    """
    path = Path(root) / source
    original = path.read_bytes()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *options]
        + ["--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError as err:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"mkdocs serve did not answer on {url}") from err
                time.sleep(0.25)
        tab = browser.new_page()
        tab.goto(url, wait_until="load")

        def edit() -> float:
            marker = f"bench-edit-{time.monotonic_ns()}"
            start = time.perf_counter()
            path.write_bytes(original + f"\n\n{marker}\n".encode())
            # textContent, not innerText: the edit lands at the end of the page,
            # which the reader may have to scroll to
            tab.wait_for_function(
                f"document.body && document.body.textContent.includes({marker!r})",
                timeout=timeout * 1000,
            )
            seconds = time.perf_counter() - start
            time.sleep(1.0)  # let the watcher settle before the next edit
            return seconds

        yield edit
        tab.close()
    finally:
        path.write_bytes(original)
        server.terminate()
        server.wait(timeout=30)


def serve_reload_seconds(
    root: Path,
    page: str = RELOAD_PAGE,
    source: str = RELOAD_SOURCE,
    repeat: int = 3,
    timeout: float = 60.0,
) -> list[float]:
    """Seconds from saving an edit of ``source`` to seeing it on ``mkdocs serve``.

    ``mkdocs serve`` runs from ``root`` with ``make serve``'s options; the page is
    open in Chromium; each edit appends a unique line to ``source`` (restored
    afterwards), and the clock stops when the reloaded page shows it.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            with _editor(browser, root, SERVE_OPTIONS, page, source, timeout) as edit:
                return [edit() for _ in range(repeat)]
        finally:
            browser.close()


def compare_reload(
    root_a: Path,
    root_b: Path,
    options_a=(),
    options_b=SERVE_OPTIONS,
    rounds: int = 30,
    seed: int = 0,
) -> dict:
    """Edit to browser on two ``mkdocs serve`` runs, in shuffled paired rounds.

    Each root (a copy of the repository) is served with its options; in each round
    its ``docs/chain-rule.md`` is edited once, the two in shuffled order, so that only
    one server rebuilds at a time. The gain is the median of the per-round
    differences ``b - a``, with its bootstrap 90% interval.
    """
    from playwright.sync_api import sync_playwright

    rng = random.Random(seed)
    args = (RELOAD_PAGE, RELOAD_SOURCE, 120.0)
    with sync_playwright() as p, contextlib.ExitStack() as stack:
        browser = launch(p)
        stack.callback(browser.close)
        edits = {
            "a": stack.enter_context(_editor(browser, root_a, options_a, *args)),
            "b": stack.enter_context(_editor(browser, root_b, options_b, *args)),
        }
        for edit in edits.values():  # warm-up, not counted
            edit()
        times = {"a": [], "b": []}
        for _ in range(rounds):
            order = list(edits)
            rng.shuffle(order)
            for name in order:
                times[name].append(edits[name]())
    diffs = [b - a for a, b in zip(times["a"], times["b"], strict=True)]
    return {
        "rounds": rounds,
        "a": statistics.median(times["a"]),
        "b": statistics.median(times["b"]),
        "gain": statistics.median(diffs),
        "interval": bootstrap(diffs),
    }


def main(argv=None) -> int:
    """Compare two builds of the site page by page, or two serve runs, paired.

    ``python -m bench.sitebench compare SITE_A SITE_B PAGE ...``;
    ``python -m bench.sitebench reload ROOT_A ROOT_B [--options-a ...]``
    """
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cmp_ = sub.add_parser(
        "compare", help="each page of two built sites, in paired rounds"
    )
    cmp_.add_argument("site_a", type=Path)
    cmp_.add_argument("site_b", type=Path)
    cmp_.add_argument(
        "pages", nargs="+", help='URL paths such as "chain-rule/" ("" for home)'
    )
    cmp_.add_argument("--rounds", type=int, default=30)
    cmp_.add_argument("--seed", type=int, default=0)
    rel = sub.add_parser(
        "reload",
        help="edit to browser on two repository copies, in paired rounds",
    )
    rel.add_argument("root_a", type=Path)
    rel.add_argument("root_b", type=Path)
    rel.add_argument("--options-a", default="", help="mkdocs serve options of a")
    rel.add_argument("--options-b", default=" ".join(SERVE_OPTIONS))
    rel.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    if args.command == "reload":
        got = compare_reload(
            args.root_a,
            args.root_b,
            args.options_a.split(),
            args.options_b.split(),
            args.rounds,
        )
        print(
            f"edit to browser, {got['rounds']} paired rounds: a median "
            f"{got['a']:.2f} s, b median {got['b']:.2f} s; b - a median "
            f"{got['gain']:+.2f} s (90% interval {got['interval'][0]:+.2f} to "
            f"{got['interval'][1]:+.2f} s)"
        )
        return 0
    pages = ["" if p in ("", "/", "home") else p for p in args.pages]
    print(
        format_comparison(
            compare(args.site_a, args.site_b, pages, args.rounds, args.seed)
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
