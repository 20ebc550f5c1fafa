"""Code blocks drawn late: they keep their height, and take focus where they scroll.

Code blocks off screen are drawn only when the reader nears them (``content-visibility:
auto``, ``docs/stylesheets/extra.css``). The page is scrolled through
(``js/read_through.js``) at desktop and at phone width; each block must then take
exactly the height it held before it was drawn (nothing shifts), and, where the device
can hover (Material gives focus only there), each that scrolls sideways must take
keyboard focus (``tabindex="0"``, ``docs/javascripts/code-focus.js``).
"""

from tests.browser.conftest import page_id


def test_code_blocks_drawn_late_keep_height_and_focus(page, desktop, phone):
    """Drawn late, each code block keeps its height, and takes focus if it scrolls."""
    problems = [f"[desktop] {p}" for p in desktop.read_through]
    problems += [f"[phone] {p}" for p in phone.read_through]
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)
