"""ui.canvas: the graph canvas - scene, view, node/port/edge items and their style."""
