"""nn: pure numpy - an MLP built on the core engine, data sets, optimisers, trainer."""
