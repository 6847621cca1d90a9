"""ui: the inspector's attribute editors, one row per attribute of the selected node's op.

Rows come from the op's attribute schema (`Attr.kind` picks the editor: a value table
for a tensor, a number spin box, a whole-number spin box, a check box), so an op added
to the registry gets its editors with no change here. Widgets are kept in pools per kind
and reused; only the rows the current op needs are shown.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QSpinBox, QWidget

from gradflow.core.op_spec import Attr, Op
from gradflow.ui.value_editor import NumberSpin, ValueEditor

Edit = Callable[[str, object], None]
# the registry's attribute labels, marked for lupdate (translated in `_set_label`)
ATTR_LABELS = (
    QT_TRANSLATE_NOOP("Inspector", "Set value"),
    QT_TRANSLATE_NOOP("Inspector", "Constant c"),
    QT_TRANSLATE_NOOP("Inspector", "Exponent c"),
    QT_TRANSLATE_NOOP("Inspector", "Outputs"),
    QT_TRANSLATE_NOOP("Inspector", "trainable (off: a data input)"),
)
Refuse = Callable[[str], None]


class AttrEditors:
    """Editor rows inserted into `form` at `row`; edits call `edit(name, value)`."""

    def __init__(self, form: QFormLayout, row: int, edit: Edit, refuse: Refuse) -> None:
        self._form, self._row, self._edit, self._refuse = form, row, edit, refuse
        self._pools: dict[str, list[QWidget]] = {k: [] for k in ("tensor", "number", "count")}
        self._pools["flag"] = []
        self._names: dict[QWidget, str] = {}
        self._attrs: dict[QWidget, Attr] = {}
        self.shown: list[QWidget] = []
        for kind in ("tensor", "number", "count", "flag"):
            self._widget(kind, 0)

    def first(self, kind: str) -> QWidget:
        """The first editor of a kind (tests and field-undo hooks use these)."""
        return self._pools[kind][0]

    def widgets(self) -> list[QWidget]:
        """Every editor made so far."""
        return [w for pool in self._pools.values() for w in pool]

    def show_op(self, op: Op | None, attrs: dict) -> None:
        """Show one row per attribute of `op` with its current value; hide the rest."""
        used: dict[str, int] = dict.fromkeys(self._pools, 0)
        self.shown = []
        for attr in op.schema if op is not None else ():
            widget = self._widget(attr.kind, used[attr.kind])
            used[attr.kind] += 1
            self._names[widget], self._attrs[widget] = attr.name, attr
            self._set_label(widget, attr)
            self._set_value(widget, attr, attrs[attr.name])
            self.shown.append(widget)
        for widget in self.widgets():
            self._form.setRowVisible(widget, widget in self.shown)

    def _set_label(self, widget: QWidget, attr: Attr) -> None:
        label = self._form.labelForField(widget)
        text = QCoreApplication.translate("Inspector", attr.label)
        if isinstance(widget, QCheckBox):
            widget.setText(text)
        elif isinstance(label, QLabel):
            label.setText(text)

    def _set_value(self, widget: QWidget, attr: Attr, value: object) -> None:
        widget.blockSignals(True)
        if isinstance(widget, ValueEditor):
            widget.set_value(np.asarray(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setRange(attr.minimum, attr.maximum)
            widget.setValue(int(value))  # type: ignore[call-overload]
        elif isinstance(widget, NumberSpin):
            widget.setValue(float(value))  # type: ignore[arg-type]
        widget.blockSignals(False)

    def _widget(self, kind: str, index: int) -> QWidget:
        pool = self._pools[kind]
        while len(pool) <= index:
            widget = self._make(kind)
            pool.append(widget)
            label = "" if kind == "flag" else " "
            self._form.insertRow(self._row, label, widget)
            self._row += 1
        return pool[index]

    def _make(self, kind: str) -> QWidget:
        widget: QWidget
        if kind == "tensor":
            editor = ValueEditor()
            editor.edited.connect(lambda v, w=editor: self._commit(w, v))
            editor.rejected.connect(self._refuse)
            widget = editor
        elif kind == "number":
            spin = NumberSpin()
            spin.rejected.connect(self._refuse)
            spin.editingFinished.connect(lambda w=spin: self._commit(w, w.value()))
            widget = spin
        elif kind == "count":
            count = QSpinBox()
            count.editingFinished.connect(lambda w=count: self._commit(w, w.value()))
            widget = count
        else:
            box = QCheckBox()
            box.clicked.connect(lambda on, w=box: self._commit(w, bool(on)))
            widget = box
        return widget

    def _commit(self, widget: QWidget, value: object) -> None:
        name = self._names.get(widget)
        if name is not None and widget in self.shown:
            self._edit(name, value)
