"""Reader budgets of the built site, measured in headless Chromium (``make bench`` prints them).

For every page of a built site, side by side with the site's own 404 page (same theme, no math),
as the median of cold visits (a fresh browser context each, so nothing is cached), taken in turns
(every page once, then again) after one uncounted round that warms the browser and the server up.
The 404 page is visited just before every page visit, and its figures are the median of all those
visits: on a busy 2-core machine three visits of the 404 page alone can fall in a quick or a slow
spell and move every ratio by 0.3 or more, while the median of dozens, spread over the whole run,
is the page as the run saw it. Each figure is:

- **ready**: milliseconds from navigation until the page has loaded and every formula is an
  SVG with a size (the site typesets math at build time, so this is the page's own load); the
  table also shows the fastest and the slowest visit, for the spread a median is taken from;
- **main thread**: milliseconds the page's main thread was busy until then (Chromium's
  ``TaskDuration``), which moves far less from run to run than the wall-clock time on a busy
  2-core machine; shown for planning, the budget is on **ready**;
- **KiB**: the bytes transferred, compressed as served, theme assets and search index included;
- **CLS**: the cumulative layout shift during the load.

The site is served gzip-compressed from 127.0.0.1, as a static host would serve it.
Chromium is Debian's ``/usr/bin/chromium``, driven by Playwright; nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import os
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
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-gpu"]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb", ".map", ".txt")

#: Budgets of the performance issue: ready time against the 404 page, transfer, layout shift.
BUDGETS = {"ready_ratio": 1.5, "kib": 300.0, "cls": 0.01}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that gzips text files when the client accepts it.

    Each file is compressed once and kept (as a static host keeps its compressed copies), so the
    server's own work does not fall inside the timings it serves.
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
            body = self._compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that says nothing when a browser drops a connection it no longer needs."""

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
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)


def pages(site: Path) -> list[str]:
    """The site's pages as URL paths (``""`` for the home page, ``"chain-rule/"``, ...)."""
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
  const sized = math.every((s) => s.getBoundingClientRect().width > 0);
  const nav = performance.getEntriesByType("navigation")[0];
  return {ready: nav.loadEventEnd,
          formulas: math.length, sized, cls: window.__cls};
}"""


def visit(browser, url: str) -> dict:
    """One cold visit of ``url``: ready time (ms), bytes transferred, CLS and formula count."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    result = page.evaluate(READY)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    result["cpu"] = metrics["TaskDuration"] * 1000
    sizes = [r.sizes() for r in finished]
    result["bytes"] = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
    context.close()
    if not result["sized"]:
        raise AssertionError(f"{url}: a formula has no size after load")
    return result


def measure(site: Path, repeat: int = 3) -> list[dict]:
    """Median ready time, transfer and CLS of every page, and each page's ratio to the 404 page.

    Each page is visited ``repeat`` times; the 404 page just before each of those visits.
    """
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            targets = pages(site)
            for t in ["404.html"] + targets:    # warm-up, not counted: browser start-up, compressed copies
                visit(browser, base + t)
            visits = {t: [] for t in ["404.html"] + targets}
            for _ in range(repeat):             # round-robin: a slow spell of the machine hits all pages
                for t in targets:               # the reference just before each page
                    visits["404.html"].append(visit(browser, base + "404.html"))
                    visits[t].append(visit(browser, base + t))
        finally:
            browser.close()
    ref = statistics.median(v["ready"] for v in visits["404.html"])
    ref_cpu = statistics.median(v["cpu"] for v in visits["404.html"])
    for target, vs in visits.items():
        ready = statistics.median(v["ready"] for v in vs)
        cpu = statistics.median(v["cpu"] for v in vs)
        rows.append({
            "page": target or "(home)",
            "formulas": vs[0]["formulas"],
            "visits": len(vs),
            "ready_ms": ready,
            "ready_range": (min(v["ready"] for v in vs), max(v["ready"] for v in vs)),
            "ratio": ready / ref,
            "cpu_ms": cpu,
            "cpu_ratio": cpu / ref_cpu,
            "kib": statistics.median(v["bytes"] for v in vs) / 1024,
            "cls": max(v["cls"] for v in vs),
        })
    return rows


def within_budget(row: dict) -> bool:
    """Whether one page's row meets every reader budget."""
    return (row["ratio"] <= BUDGETS["ready_ratio"] and row["kib"] <= BUDGETS["kib"]
            and row["cls"] <= BUDGETS["cls"])


def format_rows(rows: list[dict]) -> str:
    """The reader table, one line a page, in Markdown."""
    head = ("| page | formulas | visits | ready (ms, median) | ready, fastest–slowest visit (ms) | × 404 "
            "| main thread (ms) | × 404 | KiB | CLS | budget |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|")
    body = [f"| {r['page']} | {r['formulas']} | {r['visits']} | {r['ready_ms']:.0f} "
            f"| {r['ready_range'][0]:.0f}–{r['ready_range'][1]:.0f} | {r['ratio']:.2f} "
            f"| {r['cpu_ms']:.0f} | {r['cpu_ratio']:.2f} | {r['kib']:.0f} "
            f"| {r['cls']:.3f} | {'ok' if within_budget(r) else 'OVER'} |" for r in rows]
    met = sum(within_budget(r) for r in rows)
    return "\n".join([head, *body, "", f"{met} of {len(rows)} pages within every budget."])


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_reload_seconds(root: Path, page: str = "chain-rule/", source: str = "docs/chain-rule.md",
                         repeat: int = 3, timeout: float = 60.0) -> list[float]:
    """Seconds from saving an edit of ``source`` to seeing it in a browser on ``mkdocs serve``.

    ``mkdocs serve`` runs from ``root``; the page is open in Chromium; each edit appends a unique
    line to ``source`` (restored afterwards), and the clock stops when the reloaded page shows it.
    """
    from playwright.sync_api import sync_playwright

    path = Path(root) / source
    original = path.read_bytes()
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{page}"
    times = []
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"mkdocs serve did not answer on {url}")
                time.sleep(0.25)
        with sync_playwright() as p:
            browser = launch(p)
            page_ = browser.new_page()
            page_.goto(url, wait_until="load")
            for i in range(repeat):
                marker = f"bench-edit-{i}-{time.monotonic_ns()}"
                start = time.perf_counter()
                path.write_bytes(original + f"\n\n{marker}\n".encode())
                # textContent, not innerText: the edit lands at the end of the page, in a run
                # drawn only when the reader scrolls near it (docs/.hooks/sections.py)
                page_.wait_for_function(f"document.body && document.body.textContent.includes({marker!r})",
                                        timeout=timeout * 1000)
                times.append(time.perf_counter() - start)
                time.sleep(1.0)   # let the watcher settle before the next edit
            browser.close()
    finally:
        path.write_bytes(original)
        server.terminate()
        server.wait(timeout=30)
    return times
