"""Screenshots: a full-page screenshot of each page at desktop and at phone width.

They go to ``screenshots/desktop/`` and ``screenshots/mobile/`` (git ignores
``screenshots/``), named after the page, for a person to look at: each must be a PNG as
wide as its viewport and at least as tall.
"""

import struct

from tests.browser.browse import DESKTOP, PHONE
from tests.browser.conftest import page_id


def png_size(data: bytes) -> tuple[int, int] | None:
    """The width and height of a PNG image, or None if ``data`` is not one."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def test_screenshots_written(page, desktop, phone):
    """Both visits wrote a full-page PNG at least their viewport's size."""
    for seen, viewport in ((desktop, DESKTOP), (phone, PHONE)):
        size = png_size(seen.screenshot.read_bytes())
        assert (
            size and size[0] >= viewport["width"] and size[1] >= viewport["height"]
        ), (
            f"{page_id(page)}: {seen.screenshot} is not a PNG at least "
            f"{viewport['width']}×{viewport['height']} (it is {size})"
        )
