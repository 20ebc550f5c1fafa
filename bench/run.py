"""`make bench`: measure backprop on MLPs of a few sizes and print one table.

Run it with `python -m bench.run` (`--help` for the options). It has no time limits
and is never part of `make test`. What it measures, for
`Sequential(Linear, Tanh, Linear, Tanh, Linear)` MLPs of width 32, 128 and 512 on a
batch of 64 rows with the MSE loss:

* the time of one backward pass over the time of one forward pass (target: at most 3);
* the speed-up of backprop over `bpdocs.gradcheck.numerical_gradient` for all
  parameters (measured in full on the smallest net, extrapolated from a sample of
  parameters on all of them);
* one training step (forward, backward, SGD update) against the same step in PyTorch
  on the CPU, in float64 like NumPy and with as many threads as NumPy's BLAS (target:
  within 1.5 times of PyTorch at the largest size); without PyTorch those rows say so
  and the rest still runs;
* with PyTorch, the PyTorch code that docs/pytorch.md shows, run and held to bpdocs'
  gradients, accumulation and step (`check_pytorch_page`): a difference above
  `PAGE_TOLERANCE` stops the bench;
* the time of a warm strict build of the site;
* the reader budgets of every page in headless Chromium (`bench.sitebench`), in
  `--rounds` paired rounds of the page and the 404 page: ready time against the 404
  page, bytes transferred and layout shift, and the time from saving an edit to seeing
  it on `mkdocs serve`;
* the time of a warm run of the whole test suite.

Every time is the median of `--repeat` runs (at least 5); timings that are compared
with each other are taken in alternation, so that a burst of load on a shared machine
hits both.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bpdocs.gradcheck import numerical_gradient
from bpdocs.layers import Linear, MSELoss, Sequential, Tanh

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (32, 128, 512)
BATCH, DEPTH, LR = 64, 3, 0.01
REPEAT = 5  # the fewest runs a median is taken of
# seconds per measurement: fast calls are repeated more than REPEAT times to fill it
BUDGET = 1.0
MAX_REPEAT = 1000
# training steps are timed 20 in a row per library, the first 3 dropped
STEP_BLOCK, STEP_SETTLE = 20, 3
# entries per parameter array that the extrapolated numerical gradient nudges
SAMPLE = 32
# nets with at most this many parameters also get the full numerical gradient
FULL_NUMERICAL_MAX = 10_000
# load average per CPU above which the bench warns that its times are unreliable
BUSY = 0.75
TARGET_BACKWARD_OVER_FORWARD = 3.0
TARGET_OVER_TORCH = 1.5
IN_BENCH = "BPDOCS_TIMING_TESTS"  # set while the bench times the test suite


# --8<-- [start:timing]
def median_time(
    fn, repeat: int = REPEAT, clock=time.perf_counter, budget: float = 0.0
) -> float:
    """The median wall time, in seconds, of `repeat` or more calls of `fn()`.

    More calls are timed when they fit in `budget` seconds, as `median_times` explains.
    """
    return median_times({"fn": fn}, repeat, clock, budget)["fn"]


def rounds_for(
    round_seconds: float, repeat: int, budget: float, most: int = MAX_REPEAT
) -> int:
    """How many rounds fill `budget` seconds: at least `repeat`, at most `most`."""
    if round_seconds <= 0:
        return max(repeat, most) if budget > 0 else repeat
    return max(repeat, min(most, int(budget / round_seconds)))


def median_times(
    fns: dict,
    repeat: int = REPEAT,
    clock=time.perf_counter,
    budget: float = 0.0,
    warmup: int = 1,
    block: int = 1,
    settle: int = 0,
) -> dict:
    """`{name: median seconds per call}` of the functions in `fns`, timed in turn.

    The functions take turns, round after round. Each round calls each function `block`
    times in a row and keeps the times of all but the first `settle` of them. `warmup`
    rounds run first and are not counted; then `repeat` rounds, or as many as fit in
    `budget` seconds if that is more: a median of many fast calls shrugs off the odd
    stall of a shared machine.
    """
    if repeat < 1 or block < 1 or not 0 <= settle < block:
        raise ValueError(
            "need repeat >= 1, block >= 1 and 0 <= settle < block, "
            f"got {repeat}, {block}, {settle}"
        )

    def one_round():
        times = {name: [] for name in fns}
        # in turn: a slow moment of the machine hits every function
        for name, fn in fns.items():
            for _ in range(block):
                start = clock()
                fn()
                times[name].append(clock() - start)
        return times

    last = None
    for _ in range(warmup):
        last = one_round()
    n = (
        rounds_for(sum(map(sum, last.values())), repeat, budget)
        if last and budget > 0
        else repeat
    )
    samples = {name: [] for name in fns}
    for _ in range(n):
        for name, t in one_round().items():
            samples[name] += t[settle:]
    return {name: statistics.median(t) for name, t in samples.items()}


def ratio(a: float | None, b: float | None) -> float | None:
    """`a / b`, or None when either is missing."""
    return None if a is None or b is None else a / b


def extrapolate(seconds: float, done: int, total: int) -> float:
    """Scale `seconds` spent on `done` items to `total` items of the same cost each."""
    if done <= 0:
        raise ValueError(f"cannot extrapolate from {done} items")
    return seconds * total / done


# --8<-- [end:timing]


# --8<-- [start:mlp]
def mlp(width: int, depth: int = DEPTH, batch: int = BATCH, seed: int = 0):
    """An MLP, a batch and a target: `(net, X, T)`.

    The net is `depth` Linear(width, width) layers with a Tanh between each two.
    """
    if depth < 1 or width < 1 or batch < 1:
        raise ValueError(
            f"width, depth and batch must be positive, got {width}, {depth}, {batch}"
        )
    rng = np.random.default_rng(seed)
    layers = []
    for i in range(depth):
        layers += [Linear(width, width, rng)] + ([Tanh()] if i < depth - 1 else [])
    return (
        Sequential(*layers),
        rng.standard_normal((batch, width)),
        rng.standard_normal((batch, width)),
    )


def param_count(net) -> int:
    """The number of parameters of `net`."""
    return sum(p.size for _, p, _ in net.params())


def loss_of(net, X, T):
    """The MSE loss of `net` on `(X, T)` as a function of one ignored argument.

    That is the form `numerical_gradient` takes.
    """
    loss = MSELoss()
    return lambda _: loss.forward(net.forward(X), T)


def backprop(net, X, T) -> float:
    """One forward and one backward pass; returns the loss.

    The gradients are left in `net.params()`.
    """
    loss = MSELoss()
    value = loss.forward(net.forward(X), T)
    net.backward(loss.backward())
    return value


def train_step(net, X, T, lr: float = LR) -> None:
    """One training step: forward, backward, SGD update."""
    backprop(net, X, T)
    net.step(lr)


def sampled_entries(net, per_array: int = SAMPLE) -> list:
    """Evenly spaced entries of each parameter array, as writable views.

    Returns `[(view, gradient view)]`, up to `per_array` entries of each array.
    """
    out = []
    for _, p, g in net.params():
        flat = p.reshape(-1)
        if not np.shares_memory(flat, p):
            raise ValueError(
                "parameter arrays must be contiguous to be sampled in place"
            )
        # +1: not always the same column
        stride = flat.size // per_array + 1 if flat.size > per_array else 1
        out.append((flat[::stride][:per_array], g.reshape(-1)[::stride][:per_array]))
    return out


# --8<-- [end:mlp]


# --8<-- [start:torch]
def import_torch():
    """The `torch` module, or None when it is not installed.

    `pip install '.[bench]'` installs it.
    """
    if importlib.util.find_spec("torch") is None:
        return None
    import torch

    return torch


def torch_twin(net, torch):
    """A float64 PyTorch copy of the bpdocs MLP `net`, with the same weights."""
    modules = []
    for layer in net.layers:
        if isinstance(layer, Linear):
            lin = torch.nn.Linear(
                layer.in_features, layer.out_features, dtype=torch.float64
            )
            with torch.no_grad():  # PyTorch stores W transposed
                lin.weight.copy_(torch.from_numpy(layer.W.T.copy()))
                lin.bias.copy_(torch.from_numpy(layer.b.copy()))
            modules.append(lin)
        elif isinstance(layer, Tanh):
            modules.append(torch.nn.Tanh())
        else:
            raise TypeError(f"no PyTorch twin for {layer!r}")
    return torch.nn.Sequential(*modules)


def torch_train_step(model, optimizer, X, T, torch):
    """The same step in PyTorch: forward, MSE loss, backward, SGD update."""
    optimizer.zero_grad()
    torch.nn.functional.mse_loss(model(X), T).backward()
    optimizer.step()


def check_twin(net, X, T, torch, lr: float = LR) -> float:
    """The largest weight difference after one step in bpdocs and one in PyTorch.

    Both steps start from the weights of `net`, which is left as it was.
    """
    ours = copy.deepcopy(net)
    model = torch_twin(ours, torch)
    train_step(ours, X, T, lr)
    torch_train_step(
        model,
        torch.optim.SGD(model.parameters(), lr=lr),
        torch.from_numpy(X),
        torch.from_numpy(T),
        torch,
    )
    linears = [layer for layer in ours.layers if isinstance(layer, Linear)]
    torch_linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    return max(
        max(
            np.max(np.abs(a.W - b.weight.detach().numpy().T)),
            np.max(np.abs(a.b - b.bias.detach().numpy())),
        )
        for a, b in zip(linears, torch_linears, strict=True)
    )


#: the largest difference from bpdocs that the PyTorch code of docs/pytorch.md may show
PAGE_TOLERANCE = 1e-12


def check_pytorch_page(page=None, lr: float = LR) -> dict[str, float]:
    """Run the PyTorch code that docs/pytorch.md shows: `{what: largest difference}`.

    Each difference is from what bpdocs computes: `torch_gradients` against
    `layer_gradients`; PyTorch's gradient of the first weight after one `backward()`
    against bpdocs', and after two against twice it (PyTorch adds up); the weights and
    the loss after one `torch_step` against one `bpdocs_step`. `page` is the module the
    page takes that code from, `bpdocs.examples.pytorch` unless given.
    """
    if page is None:
        from bpdocs.examples import pytorch as page
    net, X, T = page.small_network()
    ours = page.layer_gradients(net, X, T)
    theirs = page.torch_gradients(net, X, T)
    once, twice = page.torch_backward_twice(net, X, T)
    stepped, model = copy.deepcopy(net), page.torch_model(net)
    loss = page.bpdocs_step(stepped, X, T, lr)
    torch_loss = page.torch_step(model, X, T, lr)
    after = {name: p for name, p, _ in stepped.params()}
    return {
        "gradients": page.largest_difference(ours, theirs),
        "after one backward": float(np.max(np.abs(once - ours["0.W"]))),
        "after two, against twice": float(np.max(np.abs(twice - 2 * ours["0.W"]))),
        "weights after one step": page.largest_difference(
            after, page.torch_weights(model)
        ),
        "loss of that step": abs(loss - torch_loss),
    }


def page_failures(differences: dict[str, float], tolerance=PAGE_TOLERANCE) -> list:
    """`what: difference` for each difference of `check_pytorch_page` too large."""
    return [f"{k}: {d:.2e}" for k, d in differences.items() if not d <= tolerance]


# --8<-- [end:torch]


# --8<-- [start:measure]
@dataclass
class SizeResult:
    """Everything measured on one MLP; times in seconds, None where not measured."""

    width: int
    params: int
    forward: float
    backward: float
    numerical_full: float | None  # numerical gradient of every parameter, measured
    numerical_sampled: int  # how many parameters the sampled run nudged
    numerical_extrapolated: float  # ... and its time scaled to all parameters
    numerical_error: float  # largest |numerical - backprop| on the sampled entries
    step: float
    torch_step: float | None
    twin_difference: float | None  # largest weight difference after one step in both

    @property
    def backward_over_forward(self) -> float:
        """Backward time over forward time."""
        return self.backward / self.forward

    @property
    def speedup(self) -> float:
        """Numerical gradient time over the time of one forward plus backward pass.

        The numerical time is the measured one if there is one, else the extrapolated.
        """
        numerical = (
            self.numerical_full
            if self.numerical_full is not None
            else self.numerical_extrapolated
        )
        return numerical / (self.forward + self.backward)

    @property
    def over_torch(self) -> float | None:
        """The bpdocs training step's time over PyTorch's."""
        return ratio(self.step, self.torch_step)


def forward_backward_seconds(
    net, X, T, repeat: int = REPEAT, budget: float = BUDGET
) -> tuple[float, float]:
    """Median `(forward, backward)` times, in seconds.

    The forward pass includes the loss; the backward pass starts from the loss.
    """
    loss = MSELoss()
    times = median_times(
        {
            "forward": lambda: loss.forward(net.forward(X), T),
            "backward": lambda: net.backward(loss.backward()),
        },
        repeat,
        budget=budget,
    )
    return times["forward"], times["backward"]


def numerical_seconds(
    net, X, T, arrays, repeat: int = REPEAT, budget: float = BUDGET
) -> float:
    """Median time of `numerical_gradient` of the loss over each array in `arrays`.

    The arrays are views into the parameters of `net`.
    """
    f = loss_of(net, X, T)
    return median_time(
        lambda: [numerical_gradient(f, a) for a in arrays], repeat, budget=budget
    )


def measure(
    width: int,
    repeat: int = REPEAT,
    sample: int = SAMPLE,
    full_max: int = FULL_NUMERICAL_MAX,
    batch: int = BATCH,
    depth: int = DEPTH,
    torch=None,
    budget: float = BUDGET,
) -> SizeResult:
    """Measure one MLP of `width`.

    `torch` is the PyTorch module, or None to skip the PyTorch rows.
    """
    net, X, T = mlp(width, depth, batch)
    n = param_count(net)
    forward, backward = forward_backward_seconds(net, X, T, repeat, budget)

    # gradients at the current weights, to compare the numerical ones with
    backprop(net, X, T)
    entries = sampled_entries(net, sample)
    f = loss_of(net, X, T)
    error = max(
        float(np.max(np.abs(numerical_gradient(f, view) - grad)))
        for view, grad in entries
    )
    done = sum(view.size for view, _ in entries)
    extrapolated = extrapolate(
        numerical_seconds(net, X, T, [view for view, _ in entries], repeat, budget),
        done,
        n,
    )
    full = (
        numerical_seconds(net, X, T, [p for _, p, _ in net.params()], repeat, budget)
        if n <= full_max
        else None
    )

    torch_step = difference = None
    if torch is None:
        step = median_time(lambda: train_step(net, X, T), repeat, budget=budget)
    else:
        difference = check_twin(net, X, T, torch)
        model = torch_twin(net, torch)
        optimizer = torch.optim.SGD(model.parameters(), lr=LR)
        Xt, Tt = torch.from_numpy(X), torch.from_numpy(T)
        fns = {
            "bpdocs": lambda: train_step(net, X, T),
            "torch": lambda: torch_train_step(model, optimizer, Xt, Tt, torch),
        }
        # in blocks: called in strict alternation, NumPy's and PyTorch's thread pools
        # spin against each other
        times = median_times(
            fns, repeat, budget=budget, warmup=1, block=STEP_BLOCK, settle=STEP_SETTLE
        )
        step, torch_step = times["bpdocs"], times["torch"]
    return SizeResult(
        width,
        n,
        forward,
        backward,
        full,
        done,
        extrapolated,
        error,
        step,
        torch_step,
        difference,
    )


# --8<-- [end:measure]


# --8<-- [start:machine]
def blas_threads() -> tuple[int, str]:
    """How many threads NumPy's BLAS uses, and how we know: `(threads, source)`.

    From threadpoolctl if it is installed, else from the environment.
    """
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        threadpool_info = None
    if threadpool_info is not None:
        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                return int(pool["num_threads"]), "threadpoolctl"
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var]), var
    how = "OpenBLAS's default of one per available core; threadpoolctl is not installed"
    return len(os.sched_getaffinity(0)), how


def blas_description() -> str:
    """NumPy's BLAS: from threadpoolctl if installed, else from `numpy.show_config`."""
    try:
        from threadpoolctl import threadpool_info

        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            p = pools[0]
            return (
                f"{p.get('internal_api')} {p.get('version')} "
                f"({p.get('architecture', '?')}) via threadpoolctl"
            )
    except ImportError:
        pass
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    config = " ".join(blas.get("openblas configuration", "").split())
    return (
        f"{blas.get('name')} {blas.get('version')}"
        + (f" [{config}]" if config else "")
        + " via numpy.show_config"
    )


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, or the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_lines(torch, threads: int, how: str) -> list[str]:
    """What the numbers were measured on, one fact per line."""
    lines = [
        f"machine: {cpu_model()}, {platform.machine()}, {os.cpu_count()} logical CPUs "
        f"({len(os.sched_getaffinity(0))} available to this process)",
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        + (
            f"PyTorch {torch.__version__}"
            if torch
            else "PyTorch not installed (pip install '.[bench]')"
        ),
        f"NumPy BLAS: {blas_description()}; {threads} threads ({how})",
    ]
    if torch is not None:
        mkl = "available" if torch.backends.mkl.is_available() else "not available"
        lines.append(
            "PyTorch: CPU, float64 like NumPy, "
            f"torch.set_num_threads({threads}) to match NumPy's BLAS; MKL {mkl}"
        )
    lines.append(
        f"load average (1 min) at the start: {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs "
        "(other work on the machine slows the threaded BLAS most)"
    )
    if os.environ.get("OPENBLAS_CORETYPE"):
        lines.append(
            f"OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']} "
            "(set in the environment)"
        )
    return lines


# --8<-- [end:machine]


# --8<-- [start:site]
def site_build_seconds(repeat: int = REPEAT, keep: Path | None = None) -> float:
    """Median time of a warm strict build of the site (caches filled by a first build).

    With ``keep``, the last build is left in that folder (for the reader measurements).
    """
    dest = keep or Path(tempfile.mkdtemp(prefix="bpdocs-bench-"))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def run():
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)

    run()
    try:
        return median_time(run, repeat)
    finally:
        if keep is None:
            shutil.rmtree(dest, ignore_errors=True)


def test_suite_seconds() -> float:
    """Wall time of one warm run of the whole test suite, as ``make test`` runs it."""
    start = time.perf_counter()
    # the suite's own tests of main() must not time the suite again
    env = {**os.environ, IN_BENCH: "1"}
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - start


# --8<-- [end:site]


# --8<-- [start:table]
def fmt_seconds(s: float | None) -> str:
    """Three significant digits in a readable unit: `96.1 µs`, `1.37 ms`, `2.41 s`."""
    if s is None:
        return "—"
    for unit, scale in (
        ("h", 3600.0),
        ("min", 60.0),
        ("s", 1.0),
        ("ms", 1e-3),
        ("µs", 1e-6),
    ):
        if s >= scale or unit == "µs":
            if unit in ("h", "min") and s < 2 * scale:
                continue
            return f"{s / scale:.3g} {unit}"
    raise AssertionError("unreachable")


def fmt_ratio(r: float | None) -> str:
    """A ratio to three significant digits, thousands separated: `2.26×`, `3,120×`."""
    if r is None:
        return "—"
    return f"{r:,.0f}×" if r >= 1000 else f"{r:.3g}×"


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, its first column aligned left and the others right."""
    if any(len(row) != len(header) for row in rows):
        raise ValueError(f"every row needs {len(header)} cells")
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]

    def line(cells):
        return (
            "| "
            + " | ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
            + " |"
        )

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 2)) if i == 0 else ("-" * (w + 1) + ":")
            for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(header), rule] + [line(r) for r in rows])


def verdict(ok: bool | None) -> str:
    """`met`, `MISSED` or `not measured`."""
    return "not measured" if ok is None else "met" if ok else "MISSED"


def table(
    results: list[SizeResult], site: float | None, torch_label: str = "PyTorch"
) -> str:
    """The one table `make bench` prints: a row per measurement, a column per width.

    The last column holds the targets.
    """

    def row(label, cells, target=""):
        return [label] + list(cells) + [target]

    bwd_ok = all(
        r.backward_over_forward <= TARGET_BACKWARD_OVER_FORWARD for r in results
    )
    last = results[-1].over_torch
    torch_ok = None if last is None else last <= TARGET_OVER_TORCH
    no_torch = "— (no torch)"
    rows = [
        row("parameters P", (f"{r.params:,}" for r in results)),
        row("forward pass (MLP + MSE loss)", (fmt_seconds(r.forward) for r in results)),
        row(
            "backward pass (MSE loss + MLP)", (fmt_seconds(r.backward) for r in results)
        ),
        row(
            "backward / forward",
            (fmt_ratio(r.backward_over_forward) for r in results),
            f"≤ {TARGET_BACKWARD_OVER_FORWARD:g}: {verdict(bwd_ok)}",
        ),
        row(
            "numerical gradient, all P, measured",
            (fmt_seconds(r.numerical_full) for r in results),
        ),
        row(
            "numerical gradient, all P, EXTRAPOLATED",
            (
                f"{fmt_seconds(r.numerical_extrapolated)} (from {r.numerical_sampled})"
                for r in results
            ),
        ),
        row(
            "backprop gradient (forward + backward)",
            (fmt_seconds(r.forward + r.backward) for r in results),
        ),
        row(
            "speed-up of backprop over numerical",
            (fmt_ratio(r.speedup) for r in results),
            "grows with P",
        ),
        row(
            "largest numerical - backprop difference",
            (f"{r.numerical_error:.1e}" for r in results),
        ),
        row("training step, bpdocs", (fmt_seconds(r.step) for r in results)),
        row(
            f"training step, {torch_label}",
            (
                fmt_seconds(r.torch_step) if r.torch_step is not None else no_torch
                for r in results
            ),
        ),
        row(
            "bpdocs / PyTorch",
            (
                fmt_ratio(r.over_torch) if r.torch_step is not None else no_torch
                for r in results
            ),
            f"≤ {TARGET_OVER_TORCH:g} at width {results[-1].width}: "
            f"{verdict(torch_ok)}",
        ),
        row(
            "warm strict site build (whole site)",
            [fmt_seconds(site)] + ["—"] * (len(results) - 1),
        ),
    ]
    header = ["measurement"] + [f"width {r.width}" for r in results] + ["target"]
    return format_table(header, rows)


# --8<-- [end:table]


def main(argv=None) -> None:
    """Measure everything and print the machine, then one table."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--widths",
        type=int,
        nargs="+",
        default=list(WIDTHS),
        help="MLP widths (default: 32 128 512)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=REPEAT,
        help="runs per median, at least 5 (default: 5)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=SAMPLE,
        help="entries per array for the extrapolated numerical gradient",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=BUDGET,
        help="seconds per measurement: fast calls run more than --repeat times "
        "to fill it (default: 1)",
    )
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument(
        "--no-site", action="store_true", help="skip the site build row"
    )
    parser.add_argument(
        "--no-torch", action="store_true", help="skip PyTorch even if it is installed"
    )
    parser.add_argument(
        "--no-reader",
        action="store_true",
        help="skip the reader budgets and the edit-to-browser time "
        "(they need Chromium)",
    )
    parser.add_argument(
        "--no-test",
        action="store_true",
        help="skip timing a warm run of the test suite",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=10,
        help="paired rounds (page and 404 page) of each page for the reader budget "
        "(default and least: 10)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 5:
        parser.error(f"--repeat must be at least 5 for a median, got {args.repeat}")
    if args.rounds < 10:
        parser.error(f"--rounds must be at least 10, got {args.rounds}")

    start_load = os.getloadavg()[0]
    torch = None if args.no_torch else import_torch()
    threads, how = blas_threads()
    if torch is not None:
        torch.set_num_threads(threads)
    for line in machine_lines(torch, threads, how):
        print(line)
    results = []
    for width in args.widths:
        print(f"measuring width {width} ...", file=sys.stderr, flush=True)
        results.append(
            measure(
                width,
                args.repeat,
                args.sample,
                batch=args.batch,
                torch=torch,
                budget=args.budget,
            )
        )
        if (
            results[-1].twin_difference is not None
            and results[-1].twin_difference > 1e-10
        ):
            raise AssertionError(
                "the PyTorch step differs from bpdocs' step by "
                f"{results[-1].twin_difference:.2e}"
            )
    page_check = None if torch is None else check_pytorch_page()
    if page_check is not None and page_failures(page_check):
        raise AssertionError(
            "the PyTorch code of docs/pytorch.md differs from bpdocs: "
            + "; ".join(page_failures(page_check))
        )
    built = Path(tempfile.mkdtemp(prefix="bpdocs-bench-site-"))
    site = None if args.no_site else site_build_seconds(args.repeat, keep=built)
    print(
        "MLPs: Sequential(Linear(w, w), Tanh(), Linear(w, w), Tanh(), Linear(w, w)), "
        f"batch {args.batch}, MSE loss, float64. "
        f"Each time is a median of at least {args.repeat} runs "
        f"(fast calls: as many as fit in {args.budget:g} s); "
        f"the EXTRAPOLATED numerical gradient times up to {args.sample} entries "
        "of each parameter array and scales to all P."
    )
    if torch is not None:
        diff = max(r.twin_difference for r in results)
        print(
            "PyTorch twin: same weights, one step in each, "
            f"weights agree to {diff:.1e}. "
            "The two training steps are timed in alternating blocks "
            f"of {STEP_BLOCK} calls, the first {STEP_SETTLE} of each block dropped: "
            "call by call, their thread pools slow each other down."
        )
    if page_check is not None:
        print(
            "PyTorch code of docs/pytorch.md, run: "
            + ", ".join(f"{k} {d:.1e}" for k, d in page_check.items())
            + f" from bpdocs (at most {PAGE_TOLERANCE:g})."
        )
    end_load = os.getloadavg()[0]
    print(f"load average (1 min) at the end: {end_load:.2f}")
    if max(start_load, end_load) > BUSY * os.cpu_count():
        print(
            f"WARNING: the machine was busy (load above {BUSY:g} per CPU): "
            "these times are unreliable; rerun when it is idle."
        )
    print()
    label = (
        f"PyTorch {torch.__version__.split('+')[0]} CPU"
        if torch is not None
        else "PyTorch"
    )
    print(table(results, site, label))
    if torch is None:
        print(
            "\nPyTorch is not installed, so its rows are empty: "
            "pip install '.[bench]' (torch==2.13.0, CPU)."
        )
    if not args.no_reader and site is not None:
        reader_section(built, args.rounds)
    shutil.rmtree(built, ignore_errors=True)
    if not args.no_test and not os.environ.get(IN_BENCH):
        print(
            "\nwarm test suite (pytest, all of make test's tests): "
            f"{test_suite_seconds():.0f} s (budget 300 s)"
        )


def reader_section(site: Path, rounds: int = 10) -> None:
    """Print the reader budgets of every page and the edit-to-browser time of serve."""
    from bench import sitebench

    print(
        f"\nReader budgets: headless Chromium, cold visits, {rounds} paired rounds a "
        "page (the page and the 404 page, in shuffled order); × 404 = median of the "
        "per-round ratios of ready times (load event, every formula an SVG), with its "
        "bootstrap 90% interval; site served gzip-compressed from 127.0.0.1. "
        f"Budgets: × 404 ≤ {sitebench.BUDGETS['ready_ratio']}, "
        f"≤ {sitebench.BUDGETS['kib']:.0f} KiB, CLS ≤ {sitebench.BUDGETS['cls']}.\n"
    )
    print(sitebench.format_rows(sitebench.measure(site, rounds=rounds)))
    print()
    print(sitebench.format_explorer(sitebench.measure_explorer(site, rounds=rounds)))
    times = sitebench.serve_reload_seconds(ROOT)
    print(
        "\nmkdocs serve, edit of docs/chain-rule.md "
        "to the change shown in the browser: "
        f"median {statistics.median(times):.2f} s of {len(times)} (budget 3 s)"
    )


if __name__ == "__main__":
    main()
