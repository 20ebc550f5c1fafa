"""Every figure of the site, by name: ``FIGURES = {name: function}``.

Each function is pure and returns a `matplotlib.figure.Figure`. A page shows
figure ``NAME`` as ``![alt text](figures/NAME.svg)``; the build hook draws it.
Each topic keeps its figures in its own module, which has a ``FIGURES`` dict of its own.
"""

from __future__ import annotations

from bpdocs.figures import (
    backprop,
    batches,
    chain_rule,
    gradcheck_practice,
    graph,
    home,
    implementation,
    initialisation,
    matrix_form,
    memory,
    modes,
    multivariable,
    pytorch,
    softmax,
    why,
)

_MODULES = [
    home,
    chain_rule,
    implementation,
    multivariable,
    matrix_form,
    backprop,
    softmax,
    why,
    initialisation,
    memory,
    graph,
    modes,
    batches,
    gradcheck_practice,
    pytorch,
]


def _collect(modules) -> dict:
    """Merge the modules' ``FIGURES``; a name used twice is an error naming both."""
    merged, owner = {}, {}
    for module in modules:
        for name, fn in module.FIGURES.items():
            if name in merged:
                raise ValueError(
                    f"figure {name!r} is defined in {owner[name]} "
                    f"and in {module.__name__}"
                )
            merged[name], owner[name] = fn, module.__name__
    return merged


FIGURES = _collect(_MODULES)
