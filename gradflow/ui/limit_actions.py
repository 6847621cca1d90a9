"""ui: the element limit as a window preference - Edit > Element Limit..., kept in QSettings.

The core refuses a node whose value would hold more numbers than `core.limits`
allows (the command line's `--max-elements`); here a user raises or lowers that limit,
and the choice is restored at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QInputDialog

from gradflow.core import limits
from gradflow.ui.actions import MenuEntry, make_action
from gradflow.ui.services import WindowServices

KEY = "max_elements"
MENU = "&Edit"
MAX_CHOICE = 2_000_000_000  # the largest a spin box holds


def restore_limit(settings: QSettings) -> int:
    """Apply the saved element limit (the default if none or unreadable); returns it.

    A limit given on the command line (`gradflow open --max-elements N`) is kept.
    """
    if limits.pinned():
        return limits.max_elements()
    try:
        value = int(str(settings.value(KEY, limits.DEFAULT_MAX_ELEMENTS)))
    except (TypeError, ValueError):
        value = limits.DEFAULT_MAX_ELEMENTS
    value = min(max(value, 1), MAX_CHOICE)
    limits.set_max_elements(value)
    return value


class LimitActions(QObject):
    """Publishes Edit > Element Limit... and applies the choice."""

    def __init__(self, services: WindowServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        restore_limit(services.settings)
        self.action = make_action(
            self, self.tr("Element &Limit…"), self.choose, object_name="elementLimit"
        )

    def menu_entries(self) -> list[MenuEntry]:
        """The Edit menu item."""
        return [MenuEntry(MENU), MenuEntry(MENU, self.action, "element_limit")]

    def ask(self, current: int) -> int | None:
        """The new limit, or None if cancelled (replaced in tests)."""
        value, ok = QInputDialog.getInt(
            self._services.dialog_parent(),
            self.tr("Element limit"),
            self.tr(
                "The most numbers one node's value may hold. Bigger values are refused\n"
                "before anything is computed, so a file cannot exhaust the memory."
            ),
            current,
            1,
            MAX_CHOICE,
            1_000_000,
        )
        return value if ok else None

    def choose(self) -> None:
        """Ask for a new limit and apply it (graphs already open keep their values)."""
        value = self.ask(limits.max_elements())
        if value is None:
            return
        self.set_limit(value)

    def set_limit(self, value: int) -> None:
        """Apply and remember `value`."""
        limits.set_max_elements(value)
        self._services.settings.setValue(KEY, value)
        self._services.show_message(
            self.tr("Element limit: {0} numbers per node").format(f"{value:,}"), 4000
        )
