"""Excerpts (``sitebuild/excerpts.py``, ``hooks/excerpts.py``): copied, they run.

An excerpt's copy text is the excerpt after the imports it needs: the module's own
imports, cut to the names used, and ``from bpdocs.x import ...`` for what the module
defines. Run as copied, in a clean namespace, it works. An excerpt that uses a name
the module lacks, or that does not parse, is refused, naming it. In the built site,
every block titled "from bpdocs/..." carries its copy text.
"""

from __future__ import annotations

import html
import math
import re

import pytest

from sitebuild.excerpts import ExcerptError, copy_text, free_globals, imports_for
from tests.conftest import ROOT
from tests.snippets.harness import expand_includes


def section(include: str) -> str:
    """A bpdocs section, as the pages include it."""
    return expand_includes(f'--8<-- "{include}"', ROOT)


def test_an_excerpt_gets_the_module_imports_it_uses_and_runs_as_copied():
    text = copy_text(
        section("bpdocs/examples/calculus.py:three_chain"),
        "bpdocs/examples/calculus.py",
    )
    assert text.startswith("import math\n\n\ndef three_chain(")
    namespace = {}
    exec(text, namespace)
    assert namespace["three_chain"](0.3) == math.sin(math.exp(0.09))


def test_a_method_excerpt_imports_what_the_module_defines():
    code = section("bpdocs/autodiff.py:add")
    assert imports_for(code, "bpdocs/autodiff.py") == [
        "from bpdocs.autodiff import Value, _as_value"
    ]
    namespace = {}
    exec(copy_text(code, "bpdocs/autodiff.py"), namespace)
    out = namespace["__add__"](namespace["Value"](2.0), 3)
    assert out.data == 5.0


def test_names_bound_in_the_excerpt_or_builtin_need_no_import():
    code = "def f(x):\n    y = len(x)\n    return g(y)\n\ndef g(n):\n    return n\n"
    assert free_globals(code) == set()
    assert free_globals("def f():\n    return np.ones(2)\n") == {"np"}


def test_an_excerpt_using_a_name_the_module_lacks_is_refused_by_name():
    with pytest.raises(ExcerptError, match="uses nowhere_defined, which the module"):
        imports_for("def f():\n    return nowhere_defined\n", "bpdocs/autodiff.py")


def test_an_excerpt_that_does_not_parse_is_refused_with_its_line():
    with pytest.raises(ExcerptError, match=r"does not parse on its own \(line 2"):
        imports_for("def f():\n  return (\n", "bpdocs/autodiff.py")


def test_every_excerpt_block_of_the_site_carries_its_copy_text(site):
    titled = copied = 0
    for page in site.rglob("*.html"):
        text = page.read_text("utf8")
        titled += len(re.findall(r'<span class="filename">from bpdocs/', text))
        for m in re.finditer(r'data-copy="([^"]*)"', text):
            copied += 1
            code = html.unescape(m[1])
            compile(code, str(page), "exec")  # a copy text parses as a whole
    assert titled >= 40 and copied == titled
