"""Build hook: a ``<!-- bpdocs:exercises PAGE [ID ...] -->`` marker becomes exercises.

The marker names a chapter of `bpdocs.exercises` (its page's stem), and optionally
some of its exercises by id; it is replaced by their HTML (`sitebuild.exercises`)
before the Markdown is rendered, so their formulas are typeset like the page's own.
Every page that teaches ends with its chapter's exercises, and each exercise of a
chapter is shown exactly once: an unknown chapter or id, or a chapter left out or
shown twice, fails the build.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from bpdocs import exercises
from sitebuild.exercises import render

MARKER = re.compile(r"^<!-- bpdocs:exercises ([\w-]+)((?: [\w-]+)*) -->$", re.M)
RESET = (
    '<p class="bp-reset" hidden><button type="button" class="md-button">'
    "Clear my answers on this page</button> Your answers are kept in this browser "
    "only.</p>"
)

END = "\n\n<!-- end of exercises -->"

_shown: dict[str, list[str]] = {}  # page: the exercises it shows
_read: set[str] = set()  # the pages whose Markdown this build read
_pages: set[str] = set()  # every page of the site


def expand(markdown: str, src: str) -> tuple[str, list[str]]:
    """The page with its markers replaced, and the ids of the exercises it shows."""
    shown: list[str] = []
    number = 1

    def replace(m: re.Match) -> str:
        nonlocal number
        page, ids = m[1], m[2].split()
        try:
            chosen = exercises.chapter(page)
        except KeyError as err:
            raise PluginError(f"{src}: {err.args[0]}") from None
        if ids:
            by_id = {ex.id: ex for ex in chosen}
            unknown = [i for i in ids if i not in by_id]
            if unknown:
                raise PluginError(f"{src}: chapter {page} has no exercise {unknown}")
            chosen = tuple(by_id[i] for i in ids)
        shown.extend(ex.id for ex in chosen)
        out = render(chosen, start=number)
        number += len(chosen)
        return out + END

    out = MARKER.sub(replace, markdown)
    if shown:  # one reset button, after the page's last exercise
        head, _, tail = out.rpartition(END)
        out = head.replace(END, "") + "\n\n" + RESET + tail
    return out, shown


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start the build's record of shown exercises afresh."""
    _shown.clear()
    _read.clear()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Note the site's pages."""
    _pages.clear()
    _pages.update(f.src_uri for f in files.documentation_pages())
    return files


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """The page, its exercise markers replaced by the exercises."""
    out, shown = expand(markdown, page.file.src_uri)
    _read.add(page.file.src_uri)
    if shown:
        _shown[page.file.src_uri] = shown
    return out


def missing(shown: dict[str, list[str]], read: set[str], pages: set[str]) -> list[str]:
    """What is wrong with where exercises are shown: each chapter's once, on its page.

    ``shown`` maps a page's source path to the ids of the exercises it shows;
    ``read`` holds the pages this build read (a dirty rebuild reads only the changed
    ones), ``pages`` every page of the site.
    """
    problems = []
    for page in exercises.CHAPTERS:
        ids, src = [ex.id for ex in exercises.chapter(page)], f"{page}.md"
        if src not in pages:
            problems.append(f"{src} is not in the site, so {ids} are not shown")
        elif src in read and sorted(shown.get(src, [])) != sorted(ids):
            problems.append(f"{src} shows {shown.get(src, [])}, not each of {ids} once")
    return problems


def on_post_build(*, config: MkDocsConfig) -> None:
    """Fail the build if a chapter's exercises are not each shown once on its page."""
    problems = missing(_shown, _read, _pages)
    if problems:
        raise PluginError("exercises: " + "; ".join(problems))
