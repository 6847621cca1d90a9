"""gradflow: a gradient-flow simulator - build a graph, step through backprop, train an MLP."""

__version__ = "0.1.0"
