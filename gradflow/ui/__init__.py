"""ui: PySide6 + pyqtgraph - renders what gradflow.core computes; never computes gradients."""

# pyqtgraph picks its Qt binding from what is already imported: PySide6 comes first.
import PySide6.QtCore  # noqa: F401
