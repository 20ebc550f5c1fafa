"""The bench's helpers on tiny sizes: medians, ratios, extrapolation, MLP, table.

Never the full bench.
"""

import itertools

import numpy as np
import pytest

from bench import run as bench
from bpdocs.gradcheck import numerical_gradient
from tests.conftest import fake_pytorch_page


class FakeClock:
    """A fake clock: calls alternate between the time now and now + the next duration.

    It starts at 0 and advances by the next of `durations` at every second call.
    """

    def __init__(self, durations):
        self.durations = iter(durations)
        self.now = 0.0
        self.started = False

    def __call__(self):
        if self.started:
            self.now += next(self.durations)
        self.started = not self.started
        return self.now


def test_median_time_takes_the_median_of_repeat_calls():
    calls = []
    clock = FakeClock([9.0, 5.0, 1.0, 3.0, 100.0, 2.0])  # the first is the warm-up
    assert bench.median_time(lambda: calls.append(1), repeat=5, clock=clock) == 3.0
    assert len(calls) == 6  # one warm-up round, then 5 timed


def test_median_times_alternates_and_keeps_each_function_apart():
    order = []
    fns = {"a": lambda: order.append("a"), "b": lambda: order.append("b")}
    # warm-up round (a, b), then 5 rounds: a takes 1..5, b takes 10..50
    clock = FakeClock(
        [0.0, 0.0] + list(itertools.chain(*[(k, 10 * k) for k in (1, 2, 3, 4, 5)]))
    )
    assert bench.median_times(fns, repeat=5, clock=clock) == {"a": 3.0, "b": 30.0}
    assert order == ["a", "b"] * 6


def test_median_times_without_warmup_and_bad_repeat():
    assert bench.median_times(
        {"x": lambda: None}, repeat=3, clock=FakeClock([1.0, 7.0, 2.0]), warmup=0
    ) == {"x": 2.0}
    with pytest.raises(ValueError, match="need repeat >= 1"):
        bench.median_times({"x": lambda: None}, repeat=0)


def test_rounds_for_fills_the_budget_but_never_goes_below_repeat():
    assert bench.rounds_for(0.01, repeat=5, budget=1.0) == 100
    assert bench.rounds_for(0.5, repeat=5, budget=1.0) == 5
    assert bench.rounds_for(1e-9, repeat=5, budget=1.0, most=50) == 50
    assert bench.rounds_for(0.01, repeat=5, budget=0.0) == 5


def test_ratio_and_extrapolate():
    assert bench.ratio(3.0, 2.0) == 1.5
    assert bench.ratio(None, 2.0) is None and bench.ratio(1.0, None) is None
    assert bench.extrapolate(0.5, done=100, total=1000) == pytest.approx(5.0)
    with pytest.raises(ValueError, match="cannot extrapolate from 0 items"):
        bench.extrapolate(1.0, 0, 10)


def test_mlp_shapes_and_parameter_count():
    net, X, T = bench.mlp(4, depth=3, batch=2)
    assert (
        repr(net)
        == "Sequential(Linear(4, 4), Tanh(), Linear(4, 4), Tanh(), Linear(4, 4))"
    )
    assert X.shape == T.shape == (2, 4)
    assert bench.param_count(net) == 3 * (4 * 4 + 4)
    with pytest.raises(ValueError, match="must be positive, got 0, 3, 64"):
        bench.mlp(0)


def test_sampled_entries_are_views_whose_numerical_gradient_matches_backprop():
    net, X, T = bench.mlp(6, batch=3)
    bench.backprop(net, X, T)
    entries = bench.sampled_entries(net, per_array=4)
    # W: every 10th of 36; b: every 2nd of 6
    assert [v.size for v, _ in entries] == [4, 3, 4, 3, 4, 3]
    for (view, grad), (_, p, _) in zip(entries, net.params(), strict=True):
        assert np.shares_memory(view, p)
        before = p.copy()
        numeric = numerical_gradient(bench.loss_of(net, X, T), view)
        np.testing.assert_allclose(numeric, grad, rtol=1e-6, atol=1e-9)
        np.testing.assert_array_equal(p, before)  # nudged in place and put back
    W = net.layers[0].W.reshape(-1)
    # not all from one column
    assert len({i % 6 for i in range(0, W.size, 36 // 4 + 1)}) > 1


def test_measure_on_a_tiny_mlp_gives_consistent_ratios():
    r = bench.measure(4, repeat=5, sample=3, batch=2, budget=0.0)
    assert r.params == 60
    assert r.numerical_sampled == 3 * (3 + 2)  # W: entries 0, 6, 12 of 16; b: 0, 2 of 4
    assert r.numerical_full is not None and r.numerical_full > 0
    assert r.backward_over_forward == pytest.approx(r.backward / r.forward)
    assert r.speedup == pytest.approx(r.numerical_full / (r.forward + r.backward))
    assert r.speedup > 1  # 120 forward passes against one forward and one backward
    assert r.numerical_error < 1e-7
    assert r.torch_step is None and r.over_torch is None and r.twin_difference is None


def test_measure_extrapolates_when_the_net_is_too_big_to_run_in_full():
    r = bench.measure(4, repeat=5, sample=2, batch=2, full_max=10, budget=0.0)
    assert r.numerical_full is None
    assert r.speedup == pytest.approx(
        r.numerical_extrapolated / (r.forward + r.backward)
    )


@pytest.mark.parametrize(
    "seconds, text",
    [
        (None, "—"),
        (96.1e-6, "96.1 µs"),
        (1.372e-3, "1.37 ms"),
        (2.414, "2.41 s"),
        (90.0, "90 s"),
        (3800.0, "63.3 min"),
        (9000.0, "2.5 h"),
        (1e-9, "0.001 µs"),
    ],
)
def test_fmt_seconds(seconds, text):
    assert bench.fmt_seconds(seconds) == text


def test_fmt_ratio():
    assert [bench.fmt_ratio(r) for r in (None, 2.2649, 0.4216, 31234.5)] == [
        "—",
        "2.26×",
        "0.422×",
        "31,234×",
    ]


def test_format_table_aligns_every_column():
    text = bench.format_table(
        ["what", "a", "b"], [["x", "1", "22"], ["longer name", "333", "4"]]
    )
    lines = text.split("\n")
    assert lines[0] == "| what        |   a |  b |"
    assert lines[1] == "|-------------|----:|---:|"
    assert lines[3] == "| longer name | 333 |  4 |"
    assert len({len(line) for line in lines}) == 1
    with pytest.raises(ValueError, match="every row needs 3 cells"):
        bench.format_table(["a", "b", "c"], [["1", "2"]])


def _result(width, fwd, bwd, step, torch_step):
    return bench.SizeResult(
        width, 100, fwd, bwd, None, 10, 1.0, 1e-10, step, torch_step, None
    )


def test_table_reports_ratios_targets_and_missing_torch():
    met = bench.table(
        [_result(8, 1e-3, 2e-3, 3e-3, 2e-3), _result(16, 1e-3, 2.5e-3, 3e-3, 2.5e-3)],
        4.2,
        "PyTorch 2.13.0 CPU",
    )
    assert "| backward / forward " in met and "2.5×" in met and "≤ 3: met" in met
    assert "1.2×" in met and "≤ 1.5 at width 16: met" in met
    site_row = next(line for line in met.split("\n") if "site build" in line)
    assert [c.strip() for c in site_row.split("|")[1:-1]] == [
        "warm strict site build (whole site)",
        "4.2 s",
        "—",
        "",
    ]
    missed = bench.table([_result(8, 1e-3, 4e-3, 4e-3, 2e-3)], None)
    assert "≤ 3: MISSED" in missed and "≤ 1.5 at width 8: MISSED" in missed
    no_torch = bench.table([_result(8, 1e-3, 2e-3, 3e-3, None)], None)
    assert "— (no torch)" in no_torch and "not measured" in no_torch
    # no stray | inside a cell
    assert all(line.count("|") == 4 for line in no_torch.split("\n"))


def test_main_runs_without_torch_and_says_so(capsys, monkeypatch):
    monkeypatch.setattr(bench, "import_torch", lambda: None)
    bench.main(
        [
            "--widths",
            "4",
            "--repeat",
            "5",
            "--budget",
            "0",
            "--batch",
            "2",
            "--no-site",
            "--no-reader",
            "--no-test",
        ]
    )
    out = capsys.readouterr().out
    assert "PyTorch not installed" in out and "its rows are empty" in out
    assert "| parameters P" in out and "width 4" in out
    assert "NumPy BLAS:" in out and "threads" in out


def test_main_refuses_fewer_than_five_repeats_or_ten_rounds(capsys):
    skip = ["--no-site", "--no-torch", "--no-reader", "--no-test"]
    with pytest.raises(SystemExit):
        bench.main(["--repeat", "3", *skip])
    assert "--repeat must be at least 5" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        bench.main(["--rounds", "9", *skip])
    assert "--rounds must be at least 10" in capsys.readouterr().err


def test_reader_section_measures_in_paired_rounds(capsys, monkeypatch, tmp_path):
    """``--rounds`` sets how many paired rounds of each page the reader budgets take."""
    from bench import sitebench

    seen = {}
    row = {
        "page": "a/",
        "formulas": 1,
        "rounds": 12,
        "ready_ms": 300.0,
        "ref_ms": 250.0,
        "ratio": 1.2,
        "interval": (1.1, 1.31),
        "kib": 150.0,
        "cls": 0.0,
    }

    def measure(site, rounds=10, seed=0):
        seen["rounds"] = rounds
        return [row]

    monkeypatch.setattr(sitebench, "measure", measure)
    monkeypatch.setattr(sitebench, "serve_reload_seconds", lambda root: [1.0, 2.0, 3.0])
    explorer = {
        "rounds": 12,
        "raw_kib": 559.0,
        "gzip_kib": 226.0,
        "served_kib": 227.0,
        "fetched_before_use": [],
        "startup_ms": [200.0, 180.0, 220.0],
        "first_graph_ms": [30.0, 20.0, 40.0],
    }
    monkeypatch.setattr(
        sitebench, "measure_explorer", lambda site, rounds=10: explorer | {"r": rounds}
    )
    bench.reader_section(tmp_path, rounds=12)
    out = capsys.readouterr().out
    assert "start-up median 200 ms (180-220)" in out
    assert "first graph median 30 ms (20-40, budget 1000 ms): within" in out
    assert seen["rounds"] == 12 and "12 paired rounds a page" in out
    assert "| a/ | 1 | 12 | 300 | 250 | 1.20 | 1.10–1.31 | 150 | 0.000 | ok |" in out
    assert "median 2.00 s of 3" in out


def test_median_times_in_blocks_drops_the_settling_calls():
    order = []
    fns = {"a": lambda: order.append("a"), "b": lambda: order.append("b")}
    # one round, no warm-up: a's block of 3 takes 100, 1, 2; b's takes 100, 10, 20
    clock = FakeClock([100.0, 1.0, 2.0, 100.0, 10.0, 20.0])
    assert bench.median_times(
        fns, repeat=1, clock=clock, warmup=0, block=3, settle=1
    ) == {"a": 1.5, "b": 15.0}
    assert order == ["a"] * 3 + ["b"] * 3
    with pytest.raises(ValueError, match="0 <= settle < block"):
        bench.median_times(fns, block=2, settle=2)


def test_main_warns_when_the_machine_is_busy(capsys, monkeypatch):
    monkeypatch.setattr(bench, "import_torch", lambda: None)
    monkeypatch.setattr(bench.os, "getloadavg", lambda: (64.0, 64.0, 64.0))
    bench.main(
        [
            "--widths",
            "3",
            "--repeat",
            "5",
            "--budget",
            "0",
            "--batch",
            "2",
            "--no-site",
            "--no-reader",
            "--no-test",
        ]
    )
    assert "WARNING: the machine was busy" in capsys.readouterr().out


def test_check_pytorch_page_runs_each_of_the_pages_pytorch_functions():
    differences = bench.check_pytorch_page(fake_pytorch_page())
    assert list(differences) == [
        "gradients",
        "after one backward",
        "after two, against twice",
        "weights after one step",
        "loss of that step",
    ]
    assert max(differences.values()) == 0.0
    assert bench.page_failures(differences) == []


def test_check_pytorch_page_catches_each_kind_of_disagreement():
    from bpdocs.examples import pytorch as page

    def resetting(net, X, T):  # what bpdocs does, and PyTorch does not
        g = page.layer_gradients(net, X, T)["0.W"]
        return [g, g]

    def off(net, X, T):
        grads = page.layer_gradients(net, X, T)
        grads["2.b"] = grads["2.b"] + 1e-6
        return grads

    def step_twice(net, X, T, lr):
        page.bpdocs_step(net, X, T, lr)
        return page.bpdocs_step(net, X, T, lr)

    cases = {
        "after two, against twice": fake_pytorch_page(torch_backward_twice=resetting),
        "gradients": fake_pytorch_page(torch_gradients=off),
        "weights after one step": fake_pytorch_page(torch_step=step_twice),
    }
    for what, fake in cases.items():
        failures = bench.page_failures(bench.check_pytorch_page(fake))
        assert any(f.startswith(what + ": ") for f in failures), (what, failures)
    assert bench.page_failures({"x": float("nan")}) == ["x: nan"]


def test_main_runs_the_pytorch_page_check_when_torch_is_there(capsys, monkeypatch):
    import types

    torch = types.SimpleNamespace(
        __version__="2.13.0+cpu",
        set_num_threads=lambda n: None,
        backends=types.SimpleNamespace(
            mkl=types.SimpleNamespace(is_available=lambda: True)
        ),
    )
    result = bench.SizeResult(3, 36, 1e-3, 2e-3, None, 9, 1.0, 1e-10, 3e-3, 2e-3, 0.0)
    monkeypatch.setattr(bench, "import_torch", lambda: torch)
    monkeypatch.setattr(bench, "measure", lambda *args, **kw: result)
    checked = {"gradients": 2.2e-16, "loss of that step": 8.9e-16}
    monkeypatch.setattr(bench, "check_pytorch_page", lambda: checked)
    args = ["--widths", "3", "--no-site", "--no-reader", "--no-test"]
    bench.main(args)
    out = capsys.readouterr().out
    assert "PyTorch code of docs/pytorch.md, run: gradients 2.2e-16, " in out
    assert "loss of that step 8.9e-16 from bpdocs (at most 1e-12)." in out
    checked["gradients"] = 1e-6
    with pytest.raises(
        AssertionError, match="differs from bpdocs: gradients: 1.00e-06"
    ):
        bench.main(args)
