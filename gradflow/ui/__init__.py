"""ui: PySide6 + pyqtgraph - renders what gradflow.core computes; never computes gradients."""
