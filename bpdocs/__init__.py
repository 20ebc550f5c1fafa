"""bpdocs: the chain rule and backpropagation, taught by code that runs.

The public names are re-exported here; each lives in a small module of its own.
"""

from bpdocs.autodiff import Value, topological_order, trace
from bpdocs.gradcheck import GradcheckError, gradcheck, numerical_gradient
from bpdocs.layers import BCELoss, Linear, MSELoss, ReLU, Sequential, Sigmoid, Tanh

__all__ = [
    "Value",
    "topological_order",
    "trace",
    "GradcheckError",
    "gradcheck",
    "numerical_gradient",
    "BCELoss",
    "Linear",
    "MSELoss",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Tanh",
]
