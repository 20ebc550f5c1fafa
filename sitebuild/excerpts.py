"""What an excerpt's copy button gives: the excerpt, after the imports it needs.

An excerpt of ``bpdocs/x.py`` uses names it does not define: the module's imports
(``math``, ``np``) and the module's own functions and classes. ``imports_for`` finds
them (the excerpt's free global names, by the standard library's ``symtable``) and
writes the imports that bind them: the module's own import statements, cut to the
names used, then ``from bpdocs.x import ...`` for names the module defines.
"""

from __future__ import annotations

import ast
import builtins
import symtable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class ExcerptError(ValueError):
    """An excerpt that cannot be made runnable; the message names it."""


def free_globals(code: str) -> set[str]:
    """The global names ``code`` reads but does not bind, builtins left out."""
    top = symtable.symtable(code, "<excerpt>", "exec")
    bound = {s.get_name() for s in top.get_symbols() if s.is_assigned()}
    bound |= {s.get_name() for s in top.get_symbols() if s.is_imported()}
    used = set()
    tables = [top]
    while tables:
        table = tables.pop()
        tables.extend(table.get_children())
        for s in table.get_symbols():
            if table is top and s.is_referenced() or table is not top and s.is_global():
                used.add(s.get_name())
    return used - bound - set(dir(builtins))


def module_bindings(path: Path) -> tuple[dict[str, str], set[str]]:
    """A module's top-level names: ``{name: import}``, and the names it defines.

    An import is a line (``import numpy as np``) or, for ``from m import a``, the
    pair ``("m", "a")``, so that names from one module join in one line.
    """
    imported, defined = {}, set()
    body = list(ast.parse(path.read_text("utf8")).body)
    while body:
        node = body.pop(0)
        if isinstance(node, ast.If | ast.Try):
            body[:0] = node.body
        elif isinstance(node, ast.Import):
            for a in node.names:
                name = a.asname or a.name.split(".")[0]
                imported[name] = f"import {a.name}" + (
                    f" as {a.asname}" if a.asname else ""
                )
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for a in node.names:
                alias = f" as {a.asname}" if a.asname else ""
                imported[a.asname or a.name] = (node.module, f"{a.name}{alias}")
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                defined |= {n.id for n in ast.walk(t) if isinstance(n, ast.Name)}
    return imported, defined


def dotted(module: str) -> str:
    """``bpdocs/examples/calculus.py`` -> ``bpdocs.examples.calculus``."""
    return module.removesuffix(".py").replace("/", ".")


def imports_for(code: str, module: str, root: Path = ROOT) -> list[str]:
    """The import lines an excerpt of ``module`` (``bpdocs/x.py``) needs to run."""
    path = root / module
    if not path.is_file():
        raise ExcerptError(f"excerpt of {module}: there is no such file")
    try:
        names = free_globals(code)
    except SyntaxError as err:
        raise ExcerptError(
            f"excerpt of {module}: it does not parse on its own "
            f"(line {err.lineno}: {err.msg}), so no copy of it can run"
        ) from None
    imported, defined = module_bindings(path)
    plain, froms = set(), {}
    for n in names & imported.keys():
        if isinstance(imported[n], str):
            plain.add(imported[n])
        else:
            froms.setdefault(imported[n][0], set()).add(imported[n][1])
    own = {n for n in names if n in defined and n not in imported}
    if own:
        froms.setdefault(dotted(module), set()).update(own)
    lines = sorted(plain) + [
        f"from {m} import {', '.join(sorted(froms[m]))}" for m in sorted(froms)
    ]
    unknown = sorted(names - imported.keys() - defined)
    if unknown:
        raise ExcerptError(
            f"excerpt of {module} uses {', '.join(unknown)}, which the module "
            "neither imports nor defines"
        )
    return lines


def copy_text(code: str, module: str, root: Path = ROOT) -> str:
    """The excerpt as its copy button gives it: its imports, a blank line, the code."""
    lines = imports_for(code, module, root)
    return "\n".join(lines) + "\n\n\n" + code if lines else code
