"""Figures of "forward mode and reverse mode": what a whole Jacobian costs each way."""

from __future__ import annotations

from bpdocs.modes import jacobian_cost
from bpdocs.plotting import COLORS, new_figure

#: (n inputs, m outputs) with n * m = 1024: from a tall Jacobian to a wide one
SWEEP = [(2**k, 2 ** (10 - k)) for k in range(11)]


def jacobian_costs(sweep=SWEEP, hidden: int = 16):
    r"""Passes and multiply-adds for the whole Jacobian of an MLP $\mathbb{R}^n \to
    \mathbb{R}^m$, by forward and by reverse mode, counted as they are built."""
    costs = [jacobian_cost(n, m, hidden) for n, m in sweep]
    ns = [n for n, _ in sweep]
    fig, (ax_p, ax_c) = new_figure(2, width=10.0, height=4.2)
    ax_p.set_gid("passes")
    ax_c.set_gid("multiply-adds")
    for mode, color, marker in (
        ("forward", COLORS["blue"], "o"),
        ("reverse", COLORS["orange"], "s"),
    ):
        per = "input" if mode == "forward" else "output"
        label = f"{mode} mode: one pass per {per}"
        ax_p.loglog(
            ns,
            [c[mode][0] for c in costs],
            marker + "-",
            color=color,
            lw=1.8,
            ms=5,
            base=2,
            label=label,
            gid=f"passes-{mode}",
        )
        ax_c.loglog(
            ns,
            [c[mode][1] for c in costs],
            marker + "-",
            color=color,
            lw=1.8,
            ms=5,
            base=2,
            label=f"{mode} mode",
            gid=f"madds-{mode}",
        )
    ticks = ns[::2]
    for ax in (ax_p, ax_c):
        ax.set_xticks(ticks, [f"{n}\n{1024 // n}" for n in ticks])
        ax.set_xlabel("inputs $n$ (top) and outputs $m$ (bottom), $nm = 1024$")
        ax.legend(loc="upper center", fontsize=9)
    ax_p.set_ylabel("passes for the whole Jacobian")
    ax_p.set_title("passes: $n$ forward, $m$ reverse")
    ax_c.set_yscale("log", base=10)
    ax_c.set_ylabel("multiply-adds (log scale)")
    ax_c.set_title(f"multiply-adds, hidden width {hidden}")
    return fig


FIGURES = {"jacobian-costs": jacobian_costs}
