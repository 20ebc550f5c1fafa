"""Build hook: the site serves the bpdocs wheel, and a page says how to install it.

The wheel (``sitebuild/wheel.py``) joins the site's files at ``download/``. The line
``<!-- bpdocs:install -->`` of a page becomes the ``pip install`` commands for it, at
``site_url`` when the config sets one, else relative with a note, and ``repo_url``.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitebuild.wheel import cached_wheel, wheel_name

FOLDER = "download"
MARKER = re.compile(r"^<!-- bpdocs:(\S+) -->$", re.M)


def wheel_uri() -> str:
    """Where the wheel is in the site: ``download/bpdocs-0.1.0-py3-none-any.whl``."""
    return f"{FOLDER}/{wheel_name()}"


def install_markdown(site_url: str | None, repo_url: str | None, link: str) -> str:
    """The install commands; ``link`` is the wheel's Markdown link from the page."""
    if site_url:
        url = site_url.rstrip("/") + "/" + wheel_uri()
        base, figures = f'"bpdocs @ {url}"', f'"bpdocs[figures] @ {url}"'
    else:
        base, figures = wheel_uri(), f'"{wheel_uri()}[figures]"'
    text = [
        "```bash",
        f"pip install {base}",
        "```",
        "",
        "For the figures and the notebook, add matplotlib with the `figures` extra:",
        "",
        "```bash",
        f"pip install {figures}",
        "```",
    ]
    if not site_url:
        text += [
            "",
            "This copy of the site was built without a `site_url`, so the address is "
            f"relative: save [the wheel]({link}) into a `{FOLDER}/` folder first.",
        ]
    if repo_url:
        text += ["", f"The code of bpdocs and of this site: <{repo_url}>."]
    return "\n".join(text)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the wheel, built or taken from the cache, to the site's files."""
    wheel = cached_wheel()
    files.append(File.generated(config, wheel_uri(), abs_src_path=str(wheel)))
    return files


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Each ``<!-- bpdocs:install -->`` line as the install commands."""

    def expand(m: re.Match) -> str:
        if m[1] != "install":
            line = markdown.count("\n", 0, m.start()) + 1
            raise PluginError(
                f"{page.file.src_uri}:{line}: unknown marker {m[0]!r}; "
                "the one marker is <!-- bpdocs:install -->"
            )
        here = posixpath.dirname(page.file.src_uri)
        link = posixpath.relpath(wheel_uri(), here or ".")
        return install_markdown(config.site_url, config.repo_url, link)

    return MARKER.sub(expand, markdown)
