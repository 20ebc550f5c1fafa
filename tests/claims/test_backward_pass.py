"""The claims of docs/backward-pass.md, each backed by a computation."""

from __future__ import annotations

import numpy as np

from bpdocs.examples.matrix_form import contract, full_jacobian
from bpdocs.examples.twolayer import check_gradients, example
from bpdocs.layers import sigmoid, sigmoid_prime
from tests.conftest import claim


def test_every_error_is_far_below_the_tolerance():
    claim(
        "backward-pass.md",
        "All the errors are far below the tolerance `rtol=1e-6` that `check_gradients` "
        "enforces",
    )
    errors = check_gradients(*example(), rtol=1e-6)
    assert set(errors) == {"W", "b", "V", "c"}
    assert max(errors.values()) < 1e-7  # at least ten times below


def test_an_affine_layer_gives_signal_times_input_an_entrywise_one_a_product():
    claim(
        "backward-pass.md",
        "For an affine layer like these two, $z = Wx + b$, the contraction comes out "
        'as "error signal times input, transposed"',
    )
    claim(
        "backward-pass.md",
        "an entrywise one, like the sigmoid in steps 2 and 5, gives an entrywise "
        "product.",
    )
    rng = np.random.default_rng(0)
    W, b, x = (
        rng.standard_normal((4, 3)),
        rng.standard_normal((4, 1)),
        rng.normal(size=(3, 1)),
    )
    delta = rng.standard_normal((4, 1))  # an error signal dL/dz
    J = full_jacobian(lambda W: W @ x + b, W)  # (4, 1, 4, 3)
    assert np.allclose(contract(delta, J), delta @ x.T, rtol=1e-7, atol=1e-9)
    z, g = rng.standard_normal(5), rng.standard_normal(5)  # g: dL/d sigmoid(z)
    J = full_jacobian(sigmoid, z)  # diagonal: sigma'(z_i) where i == j, else 0
    assert np.allclose(J, np.diag(sigmoid_prime(z)), rtol=1e-7, atol=1e-10)
    assert np.allclose(contract(g, J), g * sigmoid_prime(z), rtol=1e-7, atol=1e-10)
