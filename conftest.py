"""pytest set-up for the whole repository: run every Python fence of docs/ as a test.

The snippet runner itself lives in tests/snippet_harness.py.
"""

pytest_plugins = ["tests.snippet_harness", "pytester"]
