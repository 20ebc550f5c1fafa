"""The fingerprint changes exactly when the sources change; provenance has no date."""

from __future__ import annotations

import re

from sitebuild import buildinfo


def test_fingerprint_is_stable_and_tracks_sources(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("x = 1\n")
    first = buildinfo.source_fingerprint(folders=(pkg,))
    assert first == buildinfo.source_fingerprint(folders=(pkg,))
    assert len(first) == 16
    (pkg / "a.py").write_text("x = 2\n")
    assert buildinfo.source_fingerprint(folders=(pkg,)) != first
    (pkg / "a.py").write_text("x = 1\n")
    assert buildinfo.source_fingerprint(folders=(pkg,)) == first
    assert buildinfo.source_fingerprint("other", folders=(pkg,)) != first


def test_commit_outside_git_is_unknown(tmp_path):
    assert buildinfo.commit(cwd=tmp_path) == "unknown"


def test_provenance_names_versions_and_no_date():
    import matplotlib
    import numpy

    line = buildinfo.provenance()
    assert (
        f"NumPy {numpy.__version__}" in line
        and f"Matplotlib {matplotlib.__version__}" in line
    )
    assert not re.search(r"\d{4}-\d{2}-\d{2}", line)
