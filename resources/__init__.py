"""Bundled resources: example graphs, icons and themes (shipped inside the wheel)."""
