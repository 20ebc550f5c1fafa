"""The claim helper (``tests/conftest.py:claim``) fails when a page drops its claim."""

from __future__ import annotations

import pytest

from tests.conftest import claim


def test_a_sentence_on_the_page_is_found_across_line_breaks():
    assert claim("index.md", "Values flow forward, left to right.")


def test_a_sentence_the_page_does_not_say_fails_naming_page_and_sentence():
    with pytest.raises(AssertionError, match=r"docs/index.md no longer says 'x y z'"):
        claim("index.md", "x y z")
