"""Figures of "memory": the floats backprop stores, and checkpointing's trade-off."""

from __future__ import annotations

import numpy as np

from bpdocs.checkpoint import sqrt_schedule
from bpdocs.examples.memory import measure
from bpdocs.plotting import COLORS, new_figure


def stored_by_depth(max_blocks: int = 32, width: int = 16, batch: int = 8):
    """Peak floats held for backward by depth: plain, its formula, √n checkpoints."""
    blocks = np.arange(1, max_blocks + 1)
    n = 2 * blocks
    plain = [measure(b, None, width, batch).counts.peak_floats for b in blocks]
    ckpt = [
        measure(b, sqrt_schedule(2 * b), width, batch).counts.peak_floats
        for b in blocks
    ]
    fig, ax = new_figure(width=7.0, height=4.2)
    ax.set_gid("stored")
    ax.plot(
        n,
        plain,
        "o",
        color=COLORS["blue"],
        ms=5,
        label="plain backprop, counted",
        gid="plain",
    )
    ax.plot(
        n,
        batch * width * (n + 1),
        "-",
        color=COLORS["blue"],
        lw=1.2,
        label=f"$B \\cdot w \\cdot (n + 1)$, $B = {batch}$, $w = {width}$",
        gid="formula",
    )
    ax.plot(
        n,
        ckpt,
        "s-",
        color=COLORS["green"],
        ms=4,
        lw=1.4,
        label=r"checkpoints every $k = \mathrm{round}(\sqrt{n})$ layers, counted",
        gid="checkpointed",
    )
    ax.set_xlabel("layers $n$ (Linear and tanh, each counted)")
    ax.set_ylabel("peak floats held for backward")
    ax.set_title("what the backward pass keeps, counted from the layers' caches")
    ax.set_ylim(0, None)
    ax.legend(loc="upper left", fontsize=9)
    return fig


def tradeoff(blocks: int = 32, width: int = 16, batch: int = 8):
    """Peak stored floats against recomputed layer forwards, for every k from 1 to n."""
    n = 2 * blocks
    runs = [measure(blocks, k, width, batch) for k in range(1, n + 1)]
    recomputed = np.array([r.recomputed() for r in runs])
    peak = np.array([r.counts.peak_floats for r in runs])
    k_sqrt = sqrt_schedule(n)
    fig, ax = new_figure(width=7.0, height=4.4)
    ax.set_gid("tradeoff")
    ax.plot(
        recomputed,
        peak,
        "o",
        color=COLORS["grey"],
        ms=4,
        label=f"checkpoint every $k$ layers, $k = 1, \\dots, {n}$",
        gid="sweep",
    )
    i = k_sqrt - 1
    ax.plot(
        [recomputed[i]],
        [peak[i]],
        "*",
        color=COLORS["green"],
        ms=15,
        label=f"$k = \\mathrm{{round}}(\\sqrt{{{n}}}) = {k_sqrt}$: "
        f"{peak[i]:,} floats, {recomputed[i]} recomputed",
        gid="sqrt-point",
    )
    plain = measure(blocks, None, width, batch)
    ax.plot(
        [plain.recomputed()],
        [plain.counts.peak_floats],
        "D",
        color=COLORS["blue"],
        ms=8,
        label=f"plain backprop: {plain.counts.peak_floats:,} floats, none recomputed",
        gid="plain-point",
    )
    for k in sorted({1, 2, 4, 16, 32, n} & set(range(1, n + 1))):
        ax.annotate(
            f"$k = {k}$",
            (recomputed[k - 1], peak[k - 1]),
            xytext=(5, 4),
            textcoords="offset points",
            fontsize=8.5,
        )
    ax.set_xlabel(f"recomputed layer forwards (the first forward pass runs {n})")
    ax.set_ylabel("peak floats held for backward")
    ax.set_title(f"checkpointing a net of {n} layers")
    ax.set_ylim(0, None)
    ax.legend(loc="lower left", fontsize=9)
    return fig


FIGURES = {"stored-by-depth": stored_by_depth, "checkpoint-tradeoff": tradeoff}
