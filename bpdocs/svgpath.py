"""Join an SVG drawing's many small pieces into a few paths that draw the same.

A browser styles and lays out every element of a page, and instantiates a copy of the referenced
shape for every ``<use>``. MathJax draws a formula as nested groups around one path per glyph, and
Matplotlib draws each character of a label, and each tick mark, as a ``<use>``. Both are redrawn
here as plain paths: each piece's transform is applied to its coordinates, and the pieces that
share a style become one ``<path>``. The site's math hook (``docs/.hooks/math.py``) and its figures
(`bpdocs.plotting.render_svg`) use it; ``tests/test_svgpath.py`` and ``tests/test_math.py``
draw both versions in Chromium and compare the pixels.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
G, PATH, RECT, USE, DEFS = (f"{{{SVG_NS}}}{t}" for t in ("g", "path", "rect", "use", "defs"))
HREF = f"{{{XLINK_NS}}}href"

#: An affine map (a, b, c, d, e, f): (x, y) -> (a x + c y + e, b x + d y + f), as in SVG.
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
TOKEN = re.compile(rf"[MLHVCSQTAZmlhvcsqtaz]|{NUMBER}")
ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


def compose(m: Matrix, n: Matrix) -> Matrix:
    """The map that applies ``n`` first, then ``m``."""
    a, b, c, d, e, f = m
    return (a * n[0] + c * n[1], b * n[0] + d * n[1], a * n[2] + c * n[3], b * n[2] + d * n[3],
            a * n[4] + c * n[5] + e, b * n[4] + d * n[5] + f)


def parse_transform(text: str | None) -> Matrix:
    """The matrix of an SVG ``transform`` (translate, scale and matrix; ValueError otherwise)."""
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
    """Numbers of path data, spaced only where needed: a minus sign separates by itself."""
    return "".join(n if i == 0 or n.startswith("-") else " " + n for i, n in enumerate(numbers))


def transform_path(d: str, m: Matrix, digits: int = 1, points: list | None = None) -> str:
    """Path data ``d`` mapped by ``m``: one absolute moveto, then relative commands.

    Coordinates are rounded where they land, so relative steps do not drift; a glyph repeated at
    another place differs only in its first moveto, which compresses well. Every mapped point (end
    and control points) is appended to ``points`` when it is given.
    """
    tokens = TOKEN.findall(d)
    out: list[str] = []
    scale = 10 ** digits
    rnd = lambda v: round(v * scale) / scale  # noqa: E731
    axis_aligned = m[1] == 0 and m[2] == 0
    x = y = sx = sy = 0.0              # current point and subpath start, in d's own coordinates
    ox = oy = None                     # last point written, mapped and rounded
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
        args = tokens[i:i + n]
        if len(args) < n or any(a.isalpha() for a in args):
            raise ValueError(f"path data cut short near {' '.join(tokens[i - 1:i + n])!r}")
        v = [float(a) for a in args]
        i += n

        def point(k):
            return (x + v[k], y + v[k + 1]) if relative else (v[k], v[k + 1])

        if up == "M":
            x, y = point(0)
            o = mapped(x, y)
            out.append("M" + _join([_fmt(o[0], digits), _fmt(o[1], digits)]) if ox is None else f"m{rel(o)}")
            sx, sy, (ox, oy), (osx, osy) = x, y, o, o
            cmd = "l" if relative else "L"          # more pairs after a moveto are linetos
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
            end = point(5)
            o = mapped(*end)
            sweep = int(v[4]) if m[0] * m[3] > 0 else 1 - int(v[4])
            out.append("a" + _join([_fmt(v[0] * abs(m[0]), digits), _fmt(v[1] * abs(m[3]), digits),
                                    _fmt(v[2], digits), str(int(v[3])), str(sweep), rel(o)]))
            (x, y), (ox, oy) = end, o
        else:
            pts = [point(k) for k in range(0, n, 2)]
            outs = [mapped(*p) for p in pts]
            out.append(cmd.lower() + _join([rel(o) for o in outs]))
            (x, y), (ox, oy) = pts[-1], outs[-1]
    return "".join(out)


def rect_path(x: float, y: float, w: float, h: float) -> str:
    """Path data of a rectangle."""
    return f"M{x} {y}H{x + w}V{y + h}H{x}Z"


# ---- MathJax ----------------------------------------------------------------------------------

_MATH_GROUP_ATTRS = {"transform", "data-mml-node", "data-mjx-texclass", "data-c", "data-variant"}


def _math_pieces(node: ET.Element, m: Matrix, pieces: list[str], digits: int) -> bool:
    """Append every glyph and rule under ``node`` as path data; False if something else is there."""
    for child in node:
        attrs = set(child.attrib)
        here = compose(m, parse_transform(child.get("transform")))
        if child.tag == G and attrs <= _MATH_GROUP_ATTRS and child.get("data-mml-node") != "merror":
            if not _math_pieces(child, here, pieces, digits):
                return False
        elif child.tag == PATH and attrs <= _MATH_GROUP_ATTRS | {"d"}:
            if child.get("d", "").strip():
                pieces.append(transform_path(child.get("d"), here, digits))
        elif child.tag == RECT and attrs <= _MATH_GROUP_ATTRS | {"x", "y", "width", "height"}:
            x, y, w, h = (float(child.get(a, 0)) for a in ("x", "y", "width", "height"))
            pieces.append(transform_path(rect_path(x, y, w, h), here, digits))
        else:
            return False            # colour, links, nested svg (clipped pieces), text...
    return True


def join_math(container: str, digits: int = 0) -> str | None:
    """A MathJax SVG formula (``<mjx-container>`` markup, font cache off) with all its glyphs
    and rules as one path; None when it holds anything a single path cannot draw.

    MathJax's units are thousandths of an em, so whole units (``digits=0``) are finer than a pixel.
    """
    start, end = container.find("<svg"), container.rfind("</svg>")
    if start < 0 or end < 0:
        return None
    try:
        svg = ET.fromstring(container[start:end + 6])
    except ET.ParseError:
        return None
    kids = list(svg)
    if len(kids) != 1 or kids[0].tag != G or kids[0].get("fill") != "currentColor":
        return None
    root = kids[0]
    pieces: list[str] = []
    try:
        if not _math_pieces(root, parse_transform(root.get("transform")), pieces, digits):
            return None
    except ValueError:
        return None
    head = container[start:container.index(">", start) + 1]
    return f'{container[:start]}{head}<path fill="currentColor" d="{"".join(pieces)}"></path>{container[end:]}'


# ---- Matplotlib -------------------------------------------------------------------------------

def _style(text: str | None) -> dict[str, str]:
    """An SVG ``style`` attribute as a dict."""
    return dict((k.strip(), v.strip()) for k, _, v in (p.partition(":") for p in (text or "").split(";")) if k.strip())


def _order_matters(style: dict[str, str]) -> bool:
    """Whether shapes drawn in this style can show the order they were drawn in where they overlap:
    a stroke over a fill (a later marker's fill hides an earlier one's outline), or transparency."""
    filled = style.get("fill", "black") != "none"
    stroked = style.get("stroke", "none") != "none"
    translucent = any(float(style.get(k, 1)) < 1 for k in ("opacity", "fill-opacity", "stroke-opacity"))
    return (filled and stroked) or translucent


def _box(points: list) -> tuple[float, float, float, float]:
    """The bounding box of points (control points included, so a little generous)."""
    xs, ys = [p[0] for p in points] or [0.0], [p[1] for p in points] or [0.0]
    return min(xs), min(ys), max(xs), max(ys)


def _overlaps(box, run: list, pad: float = 2.0) -> bool:
    """Whether ``box`` (None: order does not matter) comes within ``pad`` of a box in ``run``;
    ``pad`` covers half a stroke's width."""
    if box is None:
        return False
    return any(b is not None and box[0] < b[2] + pad and b[0] < box[2] + pad and
               box[1] < b[3] + pad and b[1] < box[3] + pad for *_, b in run)


def _unwrap_plain_groups(node: ET.Element, used: set[str]) -> None:
    """Replace every ``<g>`` that has no attribute but an unused ``id`` by its children."""
    for child in list(node):
        _unwrap_plain_groups(child, used)
        if child.tag == G and set(child.attrib) <= {"id"} and child.get("id") not in used:
            at = list(node).index(child)
            node.remove(child)
            for k, grandchild in enumerate(list(child)):
                node.insert(at + k, grandchild)


def join_uses(svg: str, digits: int = 2) -> str:
    """A Matplotlib SVG whose ``<use>`` elements are drawn as paths, one per run that shares a style.

    Each character of a label and each tick mark is a ``<use>`` of a shape in ``<defs>``; a run of
    them under one parent becomes one ``<path>``, and shapes no longer used leave ``<defs>``.
    A ``<use>`` that would scale a stroked shape is left as it is. Where drawing order shows (a
    stroke over a fill, or transparency), a run is only joined while its shapes do not overlap.
    Groups that only carry an ``id`` nothing refers to are dissolved into their parent.
    """
    for prefix, uri in (("", SVG_NS), ("xlink", XLINK_NS), ("dc", "http://purl.org/dc/elements/1.1/"),
                        ("cc", "http://creativecommons.org/ns#"),
                        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(svg)
    shapes = {el.get("id"): el for el in root.iter(PATH) if el.get("id")}
    for parent in list(root.iter()):
        children = list(parent)
        run: list[tuple[ET.Element, str, str, tuple]] = []      # (use, style, path data, box)

        def flush():
            if not run:
                return
            style = run[0][1]
            path = ET.Element(PATH, {"d": "".join(d for _, _, d, _ in run)})
            if style:
                path.set("style", style)
            parent.insert(list(parent).index(run[0][0]), path)
            for use, _, _, _ in run:
                parent.remove(use)
            run.clear()

        for child in children:
            joined = None
            if child.tag == USE and (child.get(HREF) or "").startswith("#"):
                shape = shapes.get(child.get(HREF)[1:])
                extra = set(child.attrib) - {HREF, "x", "y", "transform", "style"}
                if shape is not None and not extra and set(shape.attrib) <= {"id", "d", "transform", "style"}:
                    style = {**_style(child.get("style")), **_style(shape.get("style"))}
                    m = compose(compose(parse_transform(child.get("transform")),
                                        (1, 0, 0, 1, float(child.get("x", 0)), float(child.get("y", 0)))),
                                parse_transform(shape.get("transform")))
                    if "stroke" not in style or (m[0], m[1], m[2], m[3]) == (1, 0, 0, 1):
                        text = "; ".join(f"{k}: {v}" for k, v in style.items())
                        pts: list = []
                        d = transform_path(shape.get("d") or "", m, digits, pts)
                        joined = (child, text, d, _box(pts) if _order_matters(style) else None)
            if joined and run and run[0][1] == joined[1] and not _overlaps(joined[3], run):
                run.append(joined)
                continue
            flush()
            if joined:
                run.append(joined)
        flush()
    body = ET.tostring(root, encoding="unicode")
    used = set(re.findall(r'href="#([^"]+)"|url\(#([^)]+)\)', body))
    used = {a or b for a, b in used}
    for defs in list(root.iter(DEFS)):
        for shape in list(defs):
            if shape.tag == PATH and shape.get("id") not in used:
                defs.remove(shape)
    for parent in list(root.iter()):
        for defs in [c for c in parent if c.tag == DEFS and len(c) == 0]:
            parent.remove(defs)
    _unwrap_plain_groups(root, used)
    return '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
