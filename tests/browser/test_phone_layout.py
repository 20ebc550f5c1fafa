"""Phone layout: on a 390×844 touch phone, nothing is wider than the screen.

``js/overflow.js``: the page is no wider than the screen (``scrollWidth`` and
``innerWidth`` at most 390 + 1: a mobile browser widens its layout viewport to fit wide
content, so ``innerWidth`` alone would hide it); no element of the content sticks out of
the screen unless it sits in a box that scrolls sideways (``overflow-x`` auto or
scroll); and no code block, formula or table is wider than its box unless that box
scrolls.
"""

from tests.browser.conftest import page_id


def test_phone_has_no_horizontal_overflow(page, phone):
    """Nothing is wider than the phone's screen, unless its box scrolls."""
    assert not phone.overflow, f"{page_id(page)}: " + "\n".join(phone.overflow)
