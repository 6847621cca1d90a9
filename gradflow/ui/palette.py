"""ui: the palette dock - every registered op by category, to drag onto the canvas."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gradflow.core.i18n import _
from gradflow.core.ops import categories, ops_in_category
from gradflow.ui.canvas.gestures import OP_MIME
from gradflow.ui.canvas.icons import op_icon

if TYPE_CHECKING:
    from gradflow.ui.dock_context import DockContext

OP_ROLE = Qt.ItemDataRole.UserRole
# the registry's categories as the palette titles them (marked for lupdate)
CATEGORY_TITLES = {
    "inputs": QT_TRANSLATE_NOOP("Palette", "Inputs"),
    "gates": QT_TRANSLATE_NOOP("Palette", "Gates"),
    "activations": QT_TRANSLATE_NOOP("Palette", "Activations"),
    "tensor ops": QT_TRANSLATE_NOOP("Palette", "Tensor ops"),
    "losses": QT_TRANSLATE_NOOP("Palette", "Losses"),
}


def category_title(category: str) -> str:
    """A category's heading in the palette, translated ("Gates"; a new one capitalised)."""
    title = CATEGORY_TITLES.get(category, category.capitalize())
    return QCoreApplication.translate("Palette", title)  # type: ignore[arg-type]  # a NOOP text is a str


class OpTree(QTreeWidget):
    """The op list; dragging an op carries its name as `application/x-gradflow-op`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIconSize(QSize(26, 26))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        for category in categories():
            head = QTreeWidgetItem(self, [category_title(category)])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            bold = head.font(0)
            bold.setBold(True)
            head.setFont(0, bold)
            for op in ops_in_category(category):
                item = QTreeWidgetItem(head, [op.name])
                item.setIcon(0, op_icon(op))
                item.setToolTip(0, _(op.description))
                item.setData(0, OP_ROLE, op.name)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
        self.expandAll()

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        ops = [item.data(0, OP_ROLE) for item in items if item.data(0, OP_ROLE)]
        if ops:
            data.setData(OP_MIME, ops[0].encode())
            data.setText(ops[0])
        return data

    def mimeTypes(self) -> list[str]:
        return [OP_MIME]

    def op_item(self, name: str) -> QTreeWidgetItem:
        """The row of op `name`."""
        for item in self.op_items():
            if item.data(0, OP_ROLE) == name:
                return item
        raise KeyError(name)

    def op_items(self) -> list[QTreeWidgetItem]:
        """Every op row, in palette order."""
        return [item for head in self.heads() for item in children(head)]

    def heads(self) -> list[QTreeWidgetItem]:
        """The category rows, in palette order."""
        heads = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [h for h in heads if h is not None]


class Palette(QDockWidget):
    """The palette dock: a filter box over the op tree; double-click asks for a node."""

    op_activated = Signal(str)  # add this op at the view's centre

    def __init__(self, ctx: DockContext | None = None) -> None:
        super().__init__(self.tr("Palette"))
        self.setObjectName("palette")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Find an op…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip(
            self.tr(
                "Type to filter the ops; Enter adds the first match at the canvas centre.\n"
                "Or drag an op onto the canvas, or double-click it."
            )
        )
        self.tree = OpTree()
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.setWidget(body)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)
        self.filter.returnPressed.connect(self._on_filter_return_pressed)
        if ctx is not None:
            self.op_activated.connect(ctx.edit.add_op_at_centre)

    def visible_ops(self) -> list[str]:
        """Names of the ops the filter leaves visible."""
        return [i.data(0, OP_ROLE) for i in self.tree.op_items() if not i.isHidden()]

    def _on_filter_text_changed(self, text: str) -> None:
        needle = text.strip().lower()
        for head in self.tree.heads():
            shown = 0
            for item in children(head):
                hay = f"{item.data(0, OP_ROLE)} {item.toolTip(0)} {head.text(0)}".lower()
                item.setHidden(needle not in hay)
                shown += not item.isHidden()
            head.setHidden(shown == 0)

    def _on_tree_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        op = item.data(0, OP_ROLE)
        if op:
            self.op_activated.emit(op)

    def _on_filter_return_pressed(self) -> None:
        ops = self.visible_ops()
        if len(ops) >= 1 and self.filter.text().strip():
            self.op_activated.emit(ops[0])


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The rows under `item`."""
    kids = (item.child(j) for j in range(item.childCount()))
    return [k for k in kids if k is not None]
