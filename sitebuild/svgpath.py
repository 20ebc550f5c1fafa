"""Join a formula's many small SVG pieces into one path that draws the same.

MathJax draws a formula as nested groups around one path per glyph; a browser styles and
lays out each. Here each piece's transform is applied to its coordinates and the pieces
become one ``<path>`` (`join_math`, used by ``sitebuild/hooks/math.py``);
``tests/site/test_math.py`` draws both versions in Chromium and compares the pixels.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
G, PATH, RECT, USE, DEFS = (
    f"{{{SVG_NS}}}{t}" for t in ("g", "path", "rect", "use", "defs")
)
HREF = f"{{{XLINK_NS}}}href"

#: An affine map (a, b, c, d, e, f): (x, y) -> (a x + c y + e, b x + d y + f).
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
TOKEN = re.compile(rf"[MLHVCSQTAZmlhvcsqtaz]|{NUMBER}")
ARITY = dict(M=2, L=2, H=1, V=1, C=6, S=4, Q=4, T=2, A=7, Z=0)


def compose(m: Matrix, n: Matrix) -> Matrix:
    """The map that applies ``n`` first, then ``m``."""
    a, b, c, d, e, f = m
    return (
        a * n[0] + c * n[1],
        b * n[0] + d * n[1],
        a * n[2] + c * n[3],
        b * n[2] + d * n[3],
        a * n[4] + c * n[5] + e,
        b * n[4] + d * n[5] + f,
    )


def parse_transform(text: str | None) -> Matrix:
    """The matrix of an SVG ``transform``: translate, scale, matrix; else ValueError."""
    m = IDENTITY
    text = (text or "").strip()
    call_re = re.compile(r"(\w+)\s*\(([^)]*)\)")
    if call_re.sub("", text).strip(" ,\t\n"):
        raise ValueError(f"cannot read transform {text!r}")
    for call in call_re.finditer(text):
        name, v = call[1], [float(x) for x in re.findall(NUMBER, call[2])]
        if name == "translate" and len(v) in (1, 2):
            m = compose(m, (1, 0, 0, 1, v[0], v[1] if len(v) == 2 else 0.0))
        elif name == "scale" and len(v) in (1, 2):
            m = compose(m, (v[0], 0, 0, v[1] if len(v) == 2 else v[0], 0, 0))
        elif name == "matrix" and len(v) == 6:
            m = compose(m, tuple(v))
        else:
            raise ValueError(f"cannot read transform {text!r}")
    return m


def _fmt(x: float, digits: int) -> str:
    """A number with at most ``digits`` decimals, no trailing zeros, no ``-0``."""
    s = f"{x:.{digits}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _join(numbers: list[str]) -> str:
    """Numbers of path data, spaced only where needed: a minus sign separates itself."""
    return "".join(
        n if i == 0 or n.startswith("-") else " " + n for i, n in enumerate(numbers)
    )


def _absolute(v: list[float], k: int, start: tuple[float, float] | None):
    """The point ``v[k], v[k + 1]`` of a command, relative to ``start`` unless None."""
    return (v[k], v[k + 1]) if start is None else (start[0] + v[k], start[1] + v[k + 1])


def transform_path(
    d: str, m: Matrix, digits: int = 1, points: list | None = None
) -> str:
    """Path data ``d`` mapped by ``m``: one absolute moveto, then relative commands.

    Coordinates are rounded where they land, so relative steps do not drift; a glyph
    repeated at another place differs only in its first moveto, which compresses well.
    Every mapped point (end and control points) is appended to ``points`` when given.
    """
    tokens = TOKEN.findall(d)
    out: list[str] = []
    scale = 10**digits
    rnd = lambda v: round(v * scale) / scale  # noqa: E731
    axis_aligned = m[1] == 0 and m[2] == 0
    x = y = sx = sy = 0.0  # current point and subpath start, in d's own coordinates
    ox = oy = None  # last point written, mapped and rounded
    osx = osy = 0.0
    cmd = None
    i = 0

    def mapped(px, py):
        o = rnd(m[0] * px + m[2] * py + m[4]), rnd(m[1] * px + m[3] * py + m[5])
        if points is not None:
            points.append(o)
        return o

    def rel(p):
        return _join([_fmt(p[0] - ox, digits), _fmt(p[1] - oy, digits)])

    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
        elif cmd is None:
            raise ValueError(f"path data starts with a number: {d[:40]!r}")
        up, relative = cmd.upper(), cmd.islower()
        n = ARITY[up]
        if up == "Z":
            out.append("z")
            x, y, ox, oy = sx, sy, osx, osy
            continue
        args = tokens[i : i + n]
        if len(args) < n or any(a.isalpha() for a in args):
            raise ValueError(
                f"path data cut short near {' '.join(tokens[i - 1 : i + n])!r}"
            )
        v = [float(a) for a in args]
        i += n

        start = (x, y) if relative else None
        if up == "M":
            x, y = _absolute(v, 0, start)
            o = mapped(x, y)
            out.append(
                "M" + _join([_fmt(o[0], digits), _fmt(o[1], digits)])
                if ox is None
                else f"m{rel(o)}"
            )
            sx, sy, (ox, oy), (osx, osy) = x, y, o, o
            cmd = "l" if relative else "L"  # more pairs after a moveto are linetos
        elif up in "HV":
            nx = (x + v[0] if relative else v[0]) if up == "H" else x
            ny = (y + v[0] if relative else v[0]) if up == "V" else y
            o = mapped(nx, ny)
            if axis_aligned and up == "H":
                out.append(f"h{_fmt(o[0] - ox, digits)}")
            elif axis_aligned:
                out.append(f"v{_fmt(o[1] - oy, digits)}")
            else:
                out.append(f"l{rel(o)}")
            x, y, (ox, oy) = nx, ny, o
        elif up == "A":
            if not axis_aligned:
                raise ValueError("an arc under a rotation or skew")
            end = _absolute(v, 5, start)
            o = mapped(*end)
            sweep = int(v[4]) if m[0] * m[3] > 0 else 1 - int(v[4])
            out.append(
                "a"
                + _join(
                    [
                        _fmt(v[0] * abs(m[0]), digits),
                        _fmt(v[1] * abs(m[3]), digits),
                        _fmt(v[2], digits),
                        str(int(v[3])),
                        str(sweep),
                        rel(o),
                    ]
                )
            )
            (x, y), (ox, oy) = end, o
        else:
            pts = [_absolute(v, k, start) for k in range(0, n, 2)]
            outs = [mapped(*p) for p in pts]
            out.append(cmd.lower() + _join([rel(o) for o in outs]))
            (x, y), (ox, oy) = pts[-1], outs[-1]
    return "".join(out)


def rect_path(x: float, y: float, w: float, h: float) -> str:
    """Path data of a rectangle."""
    return f"M{x} {y}H{x + w}V{y + h}H{x}Z"


# ---- MathJax -------------------------------------------------------------------------

_MATH_GROUP_ATTRS = {
    "transform",
    "data-mml-node",
    "data-mjx-texclass",
    "data-c",
    "data-variant",
}


def _math_pieces(node: ET.Element, m: Matrix, pieces: list[str], digits: int) -> bool:
    """Append glyphs and rules under ``node`` as path data; False on anything else."""
    for child in node:
        attrs = set(child.attrib)
        here = compose(m, parse_transform(child.get("transform")))
        if (
            child.tag == G
            and attrs <= _MATH_GROUP_ATTRS
            and child.get("data-mml-node") != "merror"
        ):
            if not _math_pieces(child, here, pieces, digits):
                return False
        elif child.tag == PATH and attrs <= _MATH_GROUP_ATTRS | {"d"}:
            if child.get("d", "").strip():
                pieces.append(transform_path(child.get("d"), here, digits))
        elif child.tag == RECT and attrs <= _MATH_GROUP_ATTRS | {
            "x",
            "y",
            "width",
            "height",
        }:
            x, y, w, h = (float(child.get(a, 0)) for a in ("x", "y", "width", "height"))
            pieces.append(transform_path(rect_path(x, y, w, h), here, digits))
        else:
            return False  # colour, links, nested svg (clipped pieces), text...
    return True


def join_math(container: str, digits: int = 0) -> str | None:
    """A MathJax SVG formula (``<mjx-container>``, font cache off) as one path, or None.

    All its glyphs and rules become one path; None when it holds anything a single path
    cannot draw. MathJax's units are thousandths of an em, so whole units (``digits=0``)
    are finer than a pixel.
    """
    start, end = container.find("<svg"), container.rfind("</svg>")
    if start < 0 or end < 0:
        return None
    try:
        svg = ET.fromstring(container[start : end + 6])
    except ET.ParseError:
        return None
    kids = list(svg)
    if len(kids) != 1 or kids[0].tag != G or kids[0].get("fill") != "currentColor":
        return None
    root = kids[0]
    pieces: list[str] = []
    try:
        if not _math_pieces(
            root, parse_transform(root.get("transform")), pieces, digits
        ):
            return None
    except ValueError:
        return None
    head = container[start : container.index(">", start) + 1]
    path = f'<path fill="currentColor" d="{"".join(pieces)}"></path>'
    return f"{container[:start]}{head}{path}{container[end:]}"
