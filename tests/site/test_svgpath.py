"""sitebuild.svgpath: transforms, path data, and a formula joined into one path.

The formulas are compared pixel for pixel in ``tests/site/test_math.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from sitebuild import svgpath
from sitebuild.svgpath import IDENTITY, parse_transform, transform_path


def absolute_points(d: str) -> list[tuple[float, float]]:
    """The end point of every command of path data, in absolute coordinates."""
    tokens = svgpath.TOKEN.findall(d)
    pts, x, y, sx, sy, i, cmd = [], 0.0, 0.0, 0.0, 0.0, 0, None
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
        up, rel = cmd.upper(), cmd.islower()
        n = svgpath.ARITY[up]
        v = [float(t) for t in tokens[i : i + n]]
        i += n
        if up == "Z":
            x, y = sx, sy
        elif up == "H":
            x = x + v[0] if rel else v[0]
        elif up == "V":
            y = y + v[0] if rel else v[0]
        else:
            x, y = (x + v[-2], y + v[-1]) if rel else (v[-2], v[-1])
        if up == "M":
            sx, sy = x, y
            cmd = "l" if rel else "L"
        pts.append((x, y))
    return pts


def test_parse_transform_composes_left_to_right():
    m = parse_transform("translate(10 20) scale(2)")
    assert m == (2, 0, 0, 2, 10, 20)
    assert parse_transform("scale(1,-1)") == (1, 0, 0, -1, 0, 0)
    assert parse_transform("matrix(1 0 0 1 5 6)") == (1, 0, 0, 1, 5, 6)
    assert parse_transform(None) == IDENTITY


def test_parse_transform_refuses_what_it_cannot_read():
    with pytest.raises(ValueError, match="rotate"):
        parse_transform("rotate(30)")
    with pytest.raises(ValueError, match="cannot read"):
        parse_transform("translate(1 2) junk")


def test_transform_path_maps_every_point():
    d = (
        "M 794 531 L 1825 531 Q 10 20 30 -40 T 5 5 H 100 V -380 C 1 2 3 4 5 6 Z "
        "m 10 10 l 5 5 z"
    )
    m = (0.5, 0, 0, -2, 7, 3)
    out = transform_path(d, m, digits=3)
    assert out.startswith("M404-1059") and out.count("M") == 1, out
    want = [(m[0] * x + m[4], m[3] * y + m[5]) for x, y in absolute_points(d)]
    got = absolute_points(out)
    assert len(got) == len(want)
    assert np.allclose(got, want, atol=1e-3)


def test_numbers_keep_their_zeros_and_need_no_space_before_a_minus():
    assert transform_path("M0 0L-380 100", IDENTITY, digits=0) == "M0 0l-380 100"
    assert transform_path("M0 0L10 -20", IDENTITY, digits=1) == "M0 0l10-20"
    # rounded where it lands
    assert transform_path("M0.25 0L0.5 0", IDENTITY, digits=1) == "M0.2 0l0.3 0"


def test_transform_path_reports_cut_short_data():
    with pytest.raises(ValueError, match="cut short"):
        transform_path("M0 0 L 5", IDENTITY)
    with pytest.raises(ValueError, match="starts with a number"):
        transform_path("5 5", IDENTITY)


def test_an_arc_under_a_flip_changes_its_sweep():
    out = transform_path("M0 0 A 5 5 0 0 1 10 0", (2, 0, 0, -1, 0, 0))
    assert out == "M0 0a10 5 0 0 0 20 0"


def test_join_math_joins_glyphs_and_rules_and_keeps_what_it_cannot_draw():
    head = '<mjx-container><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    tail = "</svg></mjx-container>"
    ok = (
        head
        + '<g fill="currentColor" transform="scale(1,-1)">'
        + '<g data-mml-node="mi" transform="translate(5,0)"><path d="M0 0L1 1"/></g>'
        + '<rect x="0" y="2" width="3" height="1"/></g>'
        + tail
    )
    joined = '<path fill="currentColor" d="M5 0l1-1M0-2h3v-1h-3z"></path>'
    assert svgpath.join_math(ok) == head + joined + tail
    nested = head + '<g fill="currentColor"><svg><path d="M0 0L1 1"/></svg></g>' + tail
    coloured = (
        head
        + '<g fill="currentColor"><g fill="red"><path d="M0 0L1 1"/></g></g>'
        + tail
    )
    unreadable = head + '<g fill="currentColor"><path d="M0 0L1 1"></g>' + tail
    assert svgpath.join_math(nested) is None and svgpath.join_math(coloured) is None
    assert svgpath.join_math(unreadable) is None
