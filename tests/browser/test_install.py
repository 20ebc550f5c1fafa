"""Installing: the home page's line installs the wheel the site serves, and no more.

The home page gives the ``pip install`` line for the wheel at ``download/`` (this
build has no ``site_url``, so the line is relative, with its note). The fresh
environments made from that wheel (``tests/freshenv.py``) hold bpdocs at the project's
version, numpy at the pinned version, and matplotlib only with the ``figures`` extra;
on the newest end, numpy was installed before the wheel, and the wheel kept it.
"""

from __future__ import annotations

import re
import tomllib
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.freshenv import PINS

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf8"))["project"][
    "version"
]
WHEEL = f"download/bpdocs-{VERSION}-py3-none-any.whl"


def test_home_page_gives_the_install_line(site):
    with urllib.request.urlopen(site.base, timeout=30) as resp:
        home = resp.read().decode("utf8")
    text = re.sub(r"<[^>]+>", "", home)
    assert f"pip install {WHEEL}\n" in text
    assert f'pip install "{WHEEL}[figures]"' in text.replace("&quot;", '"')
    assert "built without a site_url" in text
    with urllib.request.urlopen(site.base + WHEEL, timeout=30) as resp:
        assert resp.read(2) == b"PK", f"{WHEEL} is not a zip archive"


@pytest.mark.parametrize("end", list(PINS))
def test_fresh_environments_hold_what_bpdocs_declares(end, fresh_envs):
    base, figures = fresh_envs[end, False], fresh_envs[end, True]
    for env in (base, figures):
        assert env.version("bpdocs") == VERSION, env
        assert env.version("numpy") == PINS[end]["numpy"], (
            f"{env}: numpy {env.version('numpy')}, pinned {PINS[end]['numpy']}"
        )
    assert base.version("matplotlib") is None, f"{base} has matplotlib"
    assert figures.version("matplotlib") == PINS[end]["matplotlib"], figures
