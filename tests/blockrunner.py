"""Run a page's copied blocks in this interpreter: each chain in a clean namespace.

Run by a fresh environment's Python (``python -I tests/blockrunner.py``), so it uses
the standard library only. It reads ``[{"where": ..., "blocks": [code, ...]}, ...]``
as JSON from stdin. A chain is a block and the blocks that continue it; they share
one namespace, and no chain sees another's. It writes, per chain, what each block
printed and the traceback that stopped the chain, if one did, as JSON to stdout.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback


def run_chain(chain: dict) -> dict:
    """Run one chain's blocks in order in a fresh namespace; what each printed."""
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    printed, error = [], None
    for k, code in enumerate(chain["blocks"]):
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf):
                name = f"<{chain['where']}, block {k + 1}>"
                exec(compile(code, name, "exec"), namespace)
        except BaseException:  # noqa: B036 (a SystemExit in a block is reported too)
            error = traceback.format_exc(limit=-6)
        printed.append(buf.getvalue())
        if error:
            break
    return {"printed": printed, "error": error}


def main() -> None:
    chains = json.load(sys.stdin)
    results = [run_chain(chain) for chain in chains]
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
