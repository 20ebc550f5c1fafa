"""Chromium for the browser tests, and the two visits it makes of each page.

Debian's ``/usr/bin/chromium`` runs headless, driven by Playwright (never ``playwright
install``; ``--no-sandbox`` only as root), its asyncio loop in a thread of its own so
that the (synchronous) tests can hand it visits and wait for them. Each visit has a
fresh browser context, which records every request and blocks any to a host other than
127.0.0.1, and every console error. The scripts the visits run in the pages are
``tests/browser/js/*.js``.

A visit only collects what it sees; each ``test_<concern>.py`` judges it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from bench import sitebench
from tests.conftest import ROOT

JS = Path(__file__).resolve().parent / "js"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "screenshots"  # git ignores it
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PARALLEL = 2  # visits in flight at once (the machine has 2 cores)
SENTINEL = "\u0000nothing copied"
NO_BUTTON = "\u0000no copy button"
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"
PALETTE_TOGGLE = "form[data-md-component='palette'] label:not([hidden])"
# axe in the dark palette: its colour-contrast rule only
CONTRAST_ONLY = {"type": "rule", "values": ["color-contrast"]}
COPY_BUTTON = "button[data-md-type='copy'], button.md-clipboard"


@functools.cache
def js(name: str) -> str:
    """The script ``tests/browser/js/NAME.js``."""
    return (JS / f"{name}.js").read_text("utf8")


def outside(url: str) -> bool:
    """Whether ``url`` asks anything of a host other than the local server."""
    parts = urlsplit(url)
    local = parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"
    return not local


class Chromium:
    """Headless Chromium, its event loop in a thread of its own."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.playwright = self.run(async_playwright().start())
        self.browser = self.run(sitebench.launch(self.playwright))
        self.slots = asyncio.Semaphore(PARALLEL)
        self.clipboard = asyncio.Lock()  # one clipboard: one page copies at a time

    def submit(self, coro) -> concurrent.futures.Future:
        """Start ``coro`` in the browser's loop; a concurrent future of its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def run(self, coro):
        """Run ``coro`` in the browser's loop and wait for its result."""
        return self.submit(coro).result()

    def close(self):
        """Close the browser and Playwright, and stop the loop."""
        self.run(self.browser.close())
        self.run(self.playwright.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)


@dataclass
class Seen:
    """What a browser context saw that no page should do."""

    outside: list = field(default_factory=list)  # requests to other hosts (blocked)
    console: list = field(default_factory=list)  # console errors, uncaught errors


@dataclass
class Desktop(Seen):
    """What the cold desktop visit (1280×800, light palette, then dark) collected."""

    kib: float = -1.0  # transferred until the network was idle, compressed as served
    cls: float = -1.0  # cumulative layout shift meanwhile
    links: list = field(default_factory=list)  # links.js
    math: dict = field(default_factory=dict)  # math.js
    figures: list = field(default_factory=list)  # figures.js
    screenshot: Path | None = None
    read_through: list = field(default_factory=list)  # read_through.js
    axe: dict = field(default_factory=dict)  # palette -> axe.js violations
    blocks: list = field(default_factory=list)  # blocks.js, each with "copied"
    scheme: str | None = None  # after the palette toggle is clicked
    dark_figures: list = field(default_factory=list)  # (figure, PNG bytes or error)
    reloaded_scheme: str | None = None  # after a reload in the dark palette


@dataclass
class Phone(Seen):
    """What the phone visit (390×844, touch) collected."""

    overflow: list = field(default_factory=list)  # overflow.js
    screenshot: Path | None = None
    read_through: list = field(default_factory=list)  # read_through.js


async def new_context(chromium: Chromium, seen: Seen, label: str, **options):
    """A fresh context that records in ``seen`` (and blocks) every outside request."""
    ctx = await chromium.browser.new_context(**options)
    asked = set()

    def record(url: str, kind: str):
        """Note a request to another host, once."""
        if outside(url) and url not in asked:
            asked.add(url)
            seen.outside.append(f"[{label}] {kind} request to {url[:160]}")

    async def route(r):
        """Let a request reach the local server; block any other."""
        record(r.request.url, r.request.resource_type)
        await (r.abort() if outside(r.request.url) else r.continue_())

    await ctx.route("**/*", route)
    ctx.on("request", lambda req: record(req.url, req.resource_type))
    await ctx.add_init_script(js("describe"))
    ctx.set_default_timeout(15_000)
    return ctx


async def new_page(ctx, seen: Seen, label: str):
    """A page of ``ctx`` whose console errors and outside websockets go to ``seen``."""
    page = await ctx.new_page()

    def console(msg):
        """Note a console error, and where it was logged."""
        if msg.type == "error":
            loc = msg.location or {}
            where = f"{loc.get('url', '')}:{loc.get('lineNumber', '')}"
            seen.console.append(f"[{label}] console error: {msg.text[:300]} ({where})")

    def websocket(ws):
        """Note a websocket to another host."""
        if outside(ws.url):
            seen.outside.append(f"[{label}] websocket to {ws.url[:160]}")

    page.on("console", console)
    page.on("pageerror", lambda e: seen.console.append(f"[{label}] uncaught: {e}"))
    page.on("websocket", websocket)
    return page


def shot(kind: str, page: str) -> Path:
    """The full-page screenshot of ``page``: ``screenshots/KIND/NAME.png``."""
    name = page.removesuffix(".html").strip("/").replace("/", "__") or "index"
    return SHOTS / kind / f"{name}.png"


async def axe(page, **options) -> list:
    """axe-core's violations on ``page`` (axe.min.js injected in it already)."""
    return await page.evaluate(js("axe"), options)


async def copy(page, block: int) -> str | None:
    """What block ``block``'s copy button, clicked as a reader would, copies.

    ``NO_BUTTON`` if none shows 2 s after the block comes into view; None if none came.
    """
    where = page.locator(f"[data-bpdocs-block='{block}']")
    await where.evaluate(js("reveal"), SENTINEL)
    button = where.locator(COPY_BUTTON).first
    try:
        await button.wait_for(state="visible", timeout=2000)
    except PlaywrightError:  # playwright's TimeoutError derives from it
        return NO_BUTTON
    await button.click()
    return await page.evaluate(js("clipboard"), SENTINEL)


async def go_dark(page, seen: Desktop):
    """Click the palette toggle; screenshot each figure shown, then reload."""
    toggle = page.locator(PALETTE_TOGGLE)
    if not await toggle.count():
        seen.scheme = "(no toggle in the header)"
        return
    await page.add_style_tag(content=NO_TRANSITIONS)
    await toggle.first.click()
    dark = page.locator("body[data-md-color-scheme='slate']")
    try:
        await dark.wait_for(state="attached", timeout=5000)
    except PlaywrightError:
        pass
    seen.scheme = await page.evaluate(js("scheme"))
    if seen.scheme != "slate":
        return
    for fig in seen.figures:
        if fig["inContent"] and fig["shown"] and min(fig["width"], fig["height"]) >= 8:
            el = page.locator(f"[data-bpdocs-figure='{fig['id']}']")
            try:
                png = await el.screenshot(animations="disabled")
            except PlaywrightError as err:
                png = f"could not screenshot it ({err})"
            seen.dark_figures.append((fig, png))
    seen.axe["dark palette"] = await axe(page, runOnly=CONTRAST_ONLY)
    await page.reload(wait_until="load")
    await page.wait_for_function(js("material_ready"))
    seen.reloaded_scheme = await page.evaluate(js("scheme"))


async def visit_desktop(chromium: Chromium, base: str, name: str) -> Desktop:
    """The cold desktop visit of page ``name``: all a desktop reader sees of it."""
    seen = Desktop()
    options = {"viewport": DESKTOP, "color_scheme": "light"}
    ctx = await new_context(chromium, seen, "desktop", **options)
    try:
        clipboard = ["clipboard-read", "clipboard-write"]
        await ctx.grant_permissions(clipboard, origin=base.rstrip("/"))
        await ctx.add_init_script(sitebench.CLS_OBSERVER)
        page = await new_page(ctx, seen, "desktop")
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        await page.goto(base + name, wait_until="load")
        await page.wait_for_load_state("networkidle")
        sizes = [await r.sizes() for r in finished]
        size = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
        seen.kib = size / 1024
        seen.cls = await page.evaluate(js("cls"))
        await page.wait_for_function(js("material_ready"))
        seen.links = await page.evaluate(js("links"))
        seen.math = await page.evaluate(js("math"))
        seen.figures = await page.evaluate(js("figures"))
        seen.screenshot = shot("desktop", name)
        await page.screenshot(path=seen.screenshot, full_page=True)
        seen.read_through = await page.evaluate(js("read_through"))
        await page.add_script_tag(path=str(AXE))
        seen.axe["light palette"] = await axe(page)
        seen.blocks = await page.evaluate(js("blocks"))
        for block in seen.blocks:
            if not block["notebook"]:  # notebook cells have no copy button
                async with chromium.clipboard:
                    block["copied"] = await copy(page, block["index"])
        await go_dark(page, seen)
    finally:
        await ctx.close()
    return seen


async def visit_phone(chromium: Chromium, base: str, name: str) -> Phone:
    """The phone visit of page ``name``: its layout, a screenshot, a read-through."""
    seen = Phone()
    options = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    ctx = await new_context(chromium, seen, "phone", device_scale_factor=1, **options)
    try:
        page = await new_page(ctx, seen, "phone")
        await page.goto(base + name, wait_until="load")
        await page.wait_for_function(js("material_ready"))
        seen.overflow = await page.evaluate(js("overflow"), PHONE["width"])
        seen.screenshot = shot("mobile", name)
        await page.screenshot(path=seen.screenshot, full_page=True)
        seen.read_through = await page.evaluate(js("read_through"))
    finally:
        await ctx.close()
    return seen


VISITS = {"desktop": visit_desktop, "phone": visit_phone}


class Visits:
    """Each page visited once per viewport, when a test first asks, and kept.

    ``order`` lists the visits the selected tests ask for, in the order they ask: while
    a test waits for one, the next is already under way (``PARALLEL`` in flight).
    """

    def __init__(self, chromium: Chromium, base: str, order: list[tuple[str, str]]):
        self.chromium, self.base, self.order = chromium, base, order
        self.futures: dict[tuple[str, str], concurrent.futures.Future] = {}

    async def _visit(self, kind: str, page: str):
        """Visit ``page`` at ``kind`` once a slot is free."""
        async with self.chromium.slots:
            return await VISITS[kind](self.chromium, self.base, page)

    def _start(self, key: tuple[str, str]):
        """Start the visit ``key`` (kind, page) unless it has started."""
        if key not in self.futures:
            self.futures[key] = self.chromium.submit(self._visit(*key))

    def get(self, kind: str, page: str) -> Desktop | Phone:
        """What the ``kind`` visit of ``page`` collected (visiting it if need be)."""
        key = (kind, page)
        self._start(key)
        later = self.order[self.order.index(key) + 1 :] if key in self.order else []
        for ahead in later[: PARALLEL - 1]:
            self._start(ahead)
        try:
            return self.futures[key].result()
        except Exception as err:
            message = f"{type(err).__name__}: {str(err)[:600]}"
            raise AssertionError(
                f"the {kind} visit of {page or 'home'} failed: {message}"
            ) from err

    def cancel(self):
        """Cancel the visits still waiting or under way (after ``-x``, say)."""
        for future in self.futures.values():
            future.cancel()
