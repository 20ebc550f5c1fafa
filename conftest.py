"""pytest set-up for the whole repository: run every Python fence of docs/ as a test.

The snippet runner itself lives in tests/snippets/harness.py.
"""

pytest_plugins = ["tests.snippets.harness", "pytester"]
