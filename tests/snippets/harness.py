"""The snippet runner: every Python fence in ``docs/**/*.md`` runs as a test.

It extends pytest-markdown-docs (the collector and its ``_runners`` registry); the root
``conftest.py`` loads it. What it adds:

- **Containers.** Fences inside admonitions (``!!!``, ``???``) and content tabs
  (``===``) are collected: their marker lines are blanked and their bodies dedented, so
  line numbers hold.
- **Includes.** ``--8<-- "bpdocs/x.py:section"`` lines in a fence are expanded with the
  same ``pymdownx.snippets`` code and options that ``mkdocs.yml`` gives the build, so
  the test runs what the reader copies, and a misspelt section fails here too.
- **Excerpts.** A fence made only of ``--8<--`` lines of one bpdocs module must be
  titled "from bpdocs/x.py", and runs as its copy button gives it: after the imports it
  needs (``sitebuild/excerpts.py``). The ``<!-- bpdocs:install -->`` line of a page is
  expanded as the build's ``sitebuild/hooks/wheel.py`` writes it.
- **Shown output.** A fence tagged ``output`` right after a Python fence (one blank
  line between them, nothing else) is what the page says that snippet prints. The
  printed text must match it exactly (trailing spaces and trailing blank lines aside);
  a mismatch fails, naming the page and both lines. ``pytest --update-outputs``
  rewrites the shown outputs from what the code prints.
- **Declared, visible exceptions.** ``continuation`` (run after the previous fence) and
  ``notest`` must carry a visible ``title="..."``: a continuation's title says it
  continues, a ``notest`` title says why it is not run (``not run: ...``). Options use
  the brace form, ``{.python continuation title="continues the block above"}``, the
  only form Material's superfences renders as a fence; the plain form is refused,
  naming the page and line.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import io
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mkdocs.config import load_config
from pymdownx.snippets import SnippetExtension, SnippetPreprocessor
from pytest_markdown_docs import plugin as pmd
from pytest_markdown_docs._runners import DefaultRunner, register_runner

from sitebuild.excerpts import copy_text
from sitebuild.hooks.wheel import MARKER, install_markdown, wheel_uri

PYTHON = {"py", "python", "python3"}
CONTAINER = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?|===\+?) ")
INCLUDE = re.compile(r"^\s*-{1,}8<-{1,}\s")
PAGE_INCLUDE = re.compile(r'^-{1,}8<-{1,}\s+"[^"]+\.md[:"]', re.M)


# -------------------------------------------------------------------------------------
# Parsing a page: containers flattened, includes expanded, outputs paired with fences
# -------------------------------------------------------------------------------------


def flatten_containers(text: str) -> str:
    """Blank admonition and tab marker lines, dedent their bodies; line numbers hold."""
    lines = text.split("\n")
    while True:
        i = next((n for n, line in enumerate(lines) if CONTAINER.match(line)), None)
        if i is None:
            return "\n".join(lines)
        k = len(CONTAINER.match(lines[i])["indent"])
        lines[i] = ""
        body = " " * (k + 4)
        for j in range(i + 1, len(lines)):
            if not lines[j].strip():
                continue
            if not lines[j].startswith(body):
                break
            lines[j] = lines[j][:k] + lines[j][k + 4 :]


@functools.cache
def snippet_options(root: Path) -> dict:
    """The ``pymdownx.snippets`` options of ``root/mkdocs.yml``, paths made absolute.

    Read as the build reads them (``mkdocs.config.load_config``), with the extension's
    own defaults for the options the config leaves out.
    """
    config_path = root / "mkdocs.yml"
    given = {}
    if config_path.is_file():
        config = load_config(str(config_path))
        given = config.mdx_configs.get("pymdownx.snippets", {})
    options = SnippetExtension(**given).getConfigs()
    base = options["base_path"]
    base = [base] if isinstance(base, str) else base
    return {**options, "base_path": [str((root / b).resolve()) for b in base]}


class _TabLength:
    tab_length = 4


def expand_includes(code: str, root: Path) -> str:
    """Expand the ``--8<--`` include lines of a fence, as the MkDocs build does."""
    if not any(INCLUDE.match(line) for line in code.split("\n")):
        return code
    lines = SnippetPreprocessor(snippet_options(root), _TabLength()).run(
        code.split("\n")
    )
    return "\n".join(lines)


class ExcerptTitleError(ValueError):
    """An excerpt fence without its "from bpdocs/x.py" title, or such a title astray."""


EXCERPT_TITLE = re.compile(r"from (bpdocs/[\w/]+\.py)\b")
INCLUDED = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^":]+)')


def excerpt_of(code: str, title: str | None, line: int) -> str | None:
    """The module a fence is an excerpt of, or None; an untitled excerpt is refused.

    A fence made only of ``--8<--`` lines of one bpdocs module is an excerpt, and its
    title starts "from bpdocs/x.py": its copy button, and this runner, give it the
    imports it needs (``sitebuild/excerpts.py``).
    """
    lines = [s for s in code.split("\n") if s.strip()]
    files = {m[1] for s in lines if (m := INCLUDED.match(s))}
    whole = len(files) == 1 and all(INCLUDE.match(s) for s in lines)
    module = next(iter(files)) if whole else None
    titled = EXCERPT_TITLE.match(title or "")
    if module and module.startswith("bpdocs/"):
        if not titled or titled[1] != module:
            raise ExcerptTitleError(
                f"{line}: a fence that shows an excerpt of {module} must be "
                f'titled as one: title="from {module}"'
            )
        return module
    if titled:
        raise ExcerptTitleError(
            f"{line}: titled {title!r}, but the fence is not made of "
            f"--8<-- lines of {titled[1]} alone"
        )
    return None


def expand_page_includes(src: str, root: Path) -> str:
    """A page whose own lines include a Markdown file (``--8<-- "x.md"``), expanded.

    Only the source-text page does; every other page is returned as it is, so the
    line numbers of its fences hold.
    """
    if not PAGE_INCLUDE.search(src):
        return src
    return expand_includes(src, root)


def expand_markers(text: str) -> str:
    """The page as the build's hooks write it: ``<!-- bpdocs:install -->`` expanded."""
    return MARKER.sub(lambda m: install_markdown(None, None, wheel_uri()), text)


@dataclass
class Fence:
    """One fenced block of a page: language, options, title, text, first code line."""

    lang: str
    options: set
    title: str | None
    content: str
    line: int  # 1-based line of the first line of code
    end_line: int  # 1-based line of the closing fence
    indent: int  # columns of indentation of the opening fence
    brace: bool = False  # written in the brace form {.lang .option title="..."}


def parse_info(info: str) -> tuple[str, set, str | None]:
    """``{.python continuation title="x"}`` -> ``("python", {"continuation"}, "x")``."""
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):
        info = info[1:-1]
    try:
        parts = shlex.split(info)
    except ValueError:
        parts = info.split()
    lang, options, title = "", set(), None
    for part in parts:
        if part.startswith(".") and not lang:
            lang = part[1:]
        elif part.startswith("."):
            options.add(
                part
            )  # a class: refused by check_page, pytest-markdown-docs ignores it
        elif part.startswith("title="):
            title = part[len("title=") :]
        elif not lang and "=" not in part:
            lang = part
        elif (
            "=" not in part
        ):  # key=value attributes (linenums, hl_lines) render in either form
            options.add(part)
    return lang, options, title


class PageParser(MarkdownIt):
    """CommonMark after :func:`flatten_containers`, includes expanded in fences."""

    def __init__(self, root: Path):
        super().__init__("commonmark")
        self.root = root

    def parse(self, src, env=None):
        src = expand_page_includes(src, self.root)
        tokens = super().parse(expand_markers(flatten_containers(src)), env)
        for tok in tokens:
            lang, _, title = parse_info(tok.info)
            if tok.type == "fence" and lang in PYTHON:
                module = excerpt_of(tok.content, title, tok.map[0] + 1)
                tok.content = expand_includes(tok.content, self.root)
                if module:
                    tok.content = copy_text(tok.content, module, self.root)
        return tokens

    def fences(self, src: str) -> list[Fence]:
        """Every fence of the page ``src``, in page order."""
        src = expand_page_includes(src, self.root)
        out = []
        for tok in self.parse(src):
            if tok.type == "fence" and tok.map:
                lang, options, title = parse_info(tok.info)
                indent = len(src.split("\n")[tok.map[0]]) - len(
                    src.split("\n")[tok.map[0]].lstrip(" ")
                )
                out.append(
                    Fence(
                        lang,
                        options,
                        title,
                        tok.content,
                        tok.map[0] + 2,
                        tok.map[1],
                        indent,
                        tok.info.strip().startswith("{"),
                    )
                )
        return out


# -------------------------------------------------------------------------------------
# Checking a page's conventions and pairing outputs
# -------------------------------------------------------------------------------------


@dataclass
class Expected:
    """The output a page shows for the Python fence that starts at ``code_line``."""

    path: Path
    code_line: int
    fence: Fence


EXPECTED: dict[tuple[str, int], Expected] = {}
UPDATES: dict[Path, list[tuple[Fence, str]]] = {}


class SnippetConventionError(Exception):
    """A page breaks a snippet convention; the message names the page and line."""


def check_page(path: Path, fences: list[Fence], src: str) -> dict[int, Fence]:
    """Check a page's fences; ``{python fence's first line: its output fence}``."""
    lines = src.split("\n")
    outputs = {}
    for prev, fence in zip([None, *fences], fences, strict=False):  # and the one before
        where = f"{path}:{fence.line - 1}"
        if fence.lang in PYTHON and any(o.startswith(".") for o in fence.options):
            raise SnippetConventionError(
                f"{where}: options are bare words inside the braces, e.g. "
                f"{{.python continuation}}, not classes like {sorted(fence.options)}"
            )
        if fence.options and not fence.brace:
            raise SnippetConventionError(
                f"{where}: write fence options in the brace form, e.g. "
                f'```{{.python continuation title="continues the block above"}}: '
                "Material's superfences does not render a fence with bare words after "
                "its language"
            )
        if (
            fence.lang in PYTHON
            and "notest" in fence.options
            and "not run" not in (fence.title or "")
        ):
            raise SnippetConventionError(
                f"{where}: a notest fence must say why in its title, "
                'e.g. title="... (not run: needs a GPU)"'
            )
        if (
            fence.lang in PYTHON
            and "continuation" in fence.options
            and "continue" not in (fence.title or "")
        ):
            raise SnippetConventionError(
                f"{where}: a continuation fence must say so in its title, "
                'e.g. title="continues the block above"'
            )
        if fence.lang == "output":
            between = lines[prev.end_line : fence.line - 2] if prev else ["x"]
            if (
                prev is None
                or prev.lang not in PYTHON
                or any(s.strip() for s in between)
            ):
                raise SnippetConventionError(
                    f"{where}: an output fence must directly follow the Python fence "
                    "whose output it shows"
                )
            if not between:
                raise SnippetConventionError(
                    f"{where}: leave one blank line between a Python fence and its "
                    "output fence (without it, both fences render inside one paragraph)"
                )
            if "notest" in prev.options:
                raise SnippetConventionError(
                    f"{where}: shows the output of a notest fence, which is never run"
                )
            outputs[prev.line] = fence
    return outputs


def normalize(text: str) -> str:
    """Output as compared: trailing spaces and trailing blank lines dropped."""
    return "\n".join(line.rstrip() for line in text.rstrip().split("\n"))


# -------------------------------------------------------------------------------------
# pytest integration
# -------------------------------------------------------------------------------------


class OutputMismatch(AssertionError):
    """The printed output differs from the output the page shows."""


@register_runner(default=True)
class OutputCheckingRunner(DefaultRunner):
    """Runs a fence like pytest-markdown-docs; compares what it prints to the page."""

    def runtest(self, test, args, *, asyncio_runner=None):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            super().runtest(test, args, asyncio_runner=asyncio_runner)
        expected = EXPECTED.get((str(test.source_path), test.start_line + 1))
        if expected is None:
            return
        shown, printed = normalize(expected.fence.content), normalize(buf.getvalue())
        if shown == printed:
            return
        if UPDATE_OUTPUTS:
            UPDATES.setdefault(expected.path, []).append((expected.fence, printed))
            return
        diff = "\n".join(
            difflib.unified_diff(
                shown.split("\n"),
                printed.split("\n"),
                "shown on the page",
                "printed by the code",
                lineterm="",
            )
        )
        raise OutputMismatch(
            f"{expected.path}:{expected.fence.line}: the output shown on the page "
            f"differs from what the snippet at line {expected.code_line} prints\n"
            f"{diff}\n"
            f"(run 'pytest --update-outputs {expected.path}' to refresh shown outputs)"
        )

    def repr_failure(self, test, excinfo, style=None):
        if isinstance(excinfo.value, OutputMismatch):
            return str(excinfo.value)
        return (
            f"{_shown(test.source_path)}:{test.start_line}: the snippet raised\n"
            + super().repr_failure(test, excinfo, style)
        )


UPDATE_OUTPUTS = False


def _shown(path: Path) -> Path:
    """``path`` relative to the repository root, as failures show it."""
    try:
        return path.relative_to(ROOT)
    except ValueError:
        return path


class DocsPage(pmd.MarkdownTextFile):
    """A page of ``docs/``: conventions checked, then its Python fences collected."""

    def collect(self):
        parser = PageParser(self.config.rootpath)
        src = expand_page_includes(self.path.read_text("utf8"), parser.root)
        try:
            fences = parser.fences(src)
        except ExcerptTitleError as err:
            raise SnippetConventionError(f"{_shown(self.path)}:{err}") from None
        except Exception as err:  # a missing include or section: name the page
            raise SnippetConventionError(
                f"{_shown(self.path)}: {type(err).__name__}: {err}"
            ) from None
        try:
            outputs = check_page(_shown(self.path), fences, src)
        except SnippetConventionError:
            raise
        except Exception as err:  # a missing include or section: name the page
            raise SnippetConventionError(
                f"{_shown(self.path)}: {type(err).__name__}: {err}"
            ) from None
        for code_line, fence in outputs.items():
            EXPECTED[(str(self.path), code_line)] = Expected(
                _shown(self.path), code_line, fence
            )
        yield from super().collect()


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        default=False,
        help="rewrite the output fences of docs pages from what their snippets print",
    )


ROOT = Path.cwd()


def pytest_configure(config):
    global UPDATE_OUTPUTS, ROOT
    UPDATE_OUTPUTS = config.getoption("--update-outputs")
    ROOT = config.rootpath
    config.option.markdowndocs_syntax = "superfences"


def pytest_collect_file(file_path, parent):
    """Collect ``*.md`` under ``docs/`` (no need for pytest-markdown-docs' option)."""
    docs = parent.config.rootpath / "docs"
    if (
        file_path.suffix == ".md"
        and docs in file_path.parents
        and not parent.config.option.markdowndocs
    ):
        return DocsPage.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it():
    """The parser pytest-markdown-docs uses: containers flattened, includes expanded."""
    return PageParser(ROOT)


def pytest_sessionfinish(session):
    """With ``--update-outputs``: write the printed outputs into the pages."""
    for path, updates in UPDATES.items():
        path = ROOT / path
        lines = path.read_text("utf8").split("\n")
        for fence, printed in sorted(updates, key=lambda u: -u[0].line):
            pad = " " * fence.indent
            body = [pad + line if line else "" for line in printed.split("\n")]
            lines[fence.line - 1 : fence.end_line - 1] = body
        path.write_text("\n".join(lines), "utf8")
        print(f"\nupdated {len(updates)} shown output(s) in {path}")
