"""The "Example usage" script of the text's §5, verbatim.

Run it with ``python -m bpdocs.examples.source_example``. Importing this module runs the
script (it trains the network and prints), exactly as the text's code block does;
``bpdocs.network.run_source_example`` is the side-effect-free counterpart that returns
the same text.
"""

import numpy as np

from bpdocs.network import SimpleNeuralNetwork

# The script, byte for byte (tests/test_network.py compares it with the text): the
# formatter leaves it alone, and its unused loop index `i` and bare zip() stay.
# ruff: noqa: B007, B905
# fmt: off
# --8<-- [start:example]
# Example usage
np.random.seed(42)

# Create simple dataset
X = np.random.randn(100, 2)
y = (X[:, 0] + X[:, 1] > 0).astype(float).reshape(-1, 1)

# Create and train network
nn = SimpleNeuralNetwork(input_size=2, hidden_size=4, output_size=1)

# Training loop
epochs = 1000
for epoch in range(epochs):
    y_pred = nn.forward(X)
    loss = nn.compute_loss(y_pred, y)
    nn.backward(X, y, learning_rate=0.1)
    if epoch % 100 == 0:
        print(f"Epoch {epoch}, Loss: {loss:.6f}")

# Test the network
test_X = np.array([[1, 1], [-1, -1], [1, -1]])
test_predictions = nn.forward(test_X)
print("\nTest predictions:")
for i, (x, pred) in enumerate(zip(test_X, test_predictions)):
    print(f"Input: {x}, Prediction: {pred[0]:.4f}")
# --8<-- [end:example]
# fmt: on
