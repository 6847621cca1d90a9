"""ui: the inspector dock - the selected node's op, formula, value, gradient and editor.

Refused edits are shown twice: in red under the editors and in the window's status bar.
Ctrl+Z in a field undoes the typing not yet committed, else the last document edit.
The window opens with nothing selected, so only the "Select a node" line is built then;
the form, its editors and tables and the step section (and their modules) are built when
a node is first selected or a step first explained.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QVBoxLayout, QWidget

from gradflow.core.activation_curve import is_activation
from gradflow.core.errors import GraphError
from gradflow.core.expr_print import formula
from gradflow.core.i18n import _
from gradflow.core.op_spec import Op
from gradflow.core.playback import PlaybackState
from gradflow.ui.canvas.labels import number_text
from gradflow.ui.player.step_text import step_html
from gradflow.ui.workspace import DisplayOptions

if TYPE_CHECKING:
    from gradflow.ui.activation_plot import ActivationPlot
    from gradflow.ui.dock_context import DockContext
    from gradflow.ui.inspector_widgets import TensorPanel
    from gradflow.ui.value_editor import NumberSpin, ValueEditor

STATUS_MS = 10000
_FORM = frozenset(  # the widgets _build_form() makes
    {"title", "form", "name", "formula", "rule", "pattern", "value_text", "grad_text"}
    | {"value_table", "grad_table", "computes", "curve_box", "curve_row", "activation_plot"}
    | {"attr_editors", "editor", "c_spin", "outputs_spin", "trainable", "is_output", "error"}
    | {"step_title", "step"}
)


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Inspector(QDockWidget):
    """Shows one selected node; edits of its value go through the document (undoable)."""

    def __init__(self, ctx: DockContext) -> None:
        super().__init__(self.tr("Inspector"))
        self.setObjectName("inspector")
        self._workspace, self._services = ctx.workspace, ctx.services
        self._document = document = ctx.workspace.document
        self.node_id: str | None = None
        self._state: PlaybackState | None = ctx.workspace.current_state()
        self._form_built = False
        self._build()
        ctx.workspace.selection_changed.connect(self._on_workspace_selection_changed)
        ctx.workspace.state_changed.connect(self.set_state)
        ctx.workspace.explained_step_changed.connect(self._on_workspace_explained_step_changed)
        ctx.workspace.display_changed.connect(self._on_workspace_display_changed)
        document.result_changed.connect(lambda _s: self.refresh())
        document.node_changed.connect(lambda _n: self.refresh())
        self.refresh()

    def __getattr__(self, name: str) -> object:
        # only reached while a widget made by _build_form() does not exist yet
        if name in _FORM and not self.__dict__.get("_form_built", True):
            self._build_form()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build(self) -> None:
        """What the window shows at first: the "Select a node" line, in the scroll area."""
        body = QWidget()
        self._column = layout = QVBoxLayout(body)
        self.empty = _wrapped(self.tr("Select a node to see its formula, value and gradient."))
        layout.addWidget(self.empty)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(280)
        scroll.setWidget(body)
        self.setWidget(scroll)

    def _build_form(self) -> None:
        """The node's form, its editors and tables, and the step section (first needed)."""
        from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QSpinBox

        from gradflow.ui.attr_editors import AttrEditors
        from gradflow.ui.field_undo import pass_undo_keys
        from gradflow.ui.inspector_widgets import ScrollingLabel, TensorPanel

        self._form_built = True
        layout = self._column
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)  # a long description wraps rather than widening the body
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("a name shown on the canvas"))
        self.form.addRow(self.tr("Name"), self.name)
        self.formula, self.rule, self.pattern = _wrapped(), _wrapped(), _wrapped()
        self.value_text, self.grad_text = _wrapped(), _wrapped()
        self.value_table, self.grad_table = TensorPanel(), TensorPanel()
        self.computes = _wrapped()
        self.computes.setToolTip(self.tr("What this node computes, in terms of the inputs"))
        self.form.addRow(self.tr("Computes"), self.computes)
        self.form.addRow(self.tr("Formula"), self.formula)
        self.form.addRow(self.tr("Local gradient"), self.rule)
        self.form.addRow(self.tr("Pattern"), self.pattern)
        self.form.addRow(self.tr("Value"), self.value_text)
        self.form.addRow(self.value_table)  # the dock's whole width; it scrolls sideways
        self.form.addRow(self.tr("Gradient"), self.grad_text)
        self.form.addRow(self.grad_table)
        self.curve_box = QVBoxLayout()  # an activation's f and f' (built when first needed)
        self.curve_row = QWidget()
        self.curve_row.setLayout(self.curve_box)
        self.curve_box.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.curve_row)
        self.activation_plot: ActivationPlot | None = None
        # one editor row per attribute of the op, from its registry schema
        self.attr_editors = AttrEditors(self.form, self.form.rowCount(), self._edit, self._refuse)
        self.editor = cast("ValueEditor", self.attr_editors.first("tensor"))
        self.c_spin = cast("NumberSpin", self.attr_editors.first("number"))
        self.outputs_spin = cast(QSpinBox, self.attr_editors.first("count"))
        self.trainable = self.attr_editors.first("flag")
        self.is_output = QCheckBox(self.tr("output node"))
        self.is_output.setToolTip(
            self.tr("Backprop starts here: the seed gradient 1 enters at this node")
        )
        self.form.addRow("", self.is_output)
        self.error = _wrapped()
        self.error.setStyleSheet("color: #c62828;")
        self.step_title = QLabel("<b>{}</b>".format(self.tr("This step")))
        self.step = ScrollingLabel()  # a wide Jacobian scrolls sideways, the dock stays
        at = 1  # after the "Select a node" line, before the stretch
        layout.insertWidget(at, self.title)
        layout.insertLayout(at + 1, self.form)
        for i, below in enumerate((self.error, self.step_title, self.step)):
            layout.insertWidget(at + 2 + i, below)
        self._show_step(None)
        self.is_output.clicked.connect(self._on_is_output_clicked)
        self.name.editingFinished.connect(self._on_name_editing_finished)
        self._field_undo = [
            pass_undo_keys(f) for f in (self.name, self.editor.spin, self.c_spin, self.outputs_spin)
        ]

    # --- public API --------------------------------------------------------------------------
    def set_step_explanation(self, text: str | None) -> None:
        """Show the player's explanation of the current step (HTML), or hide the section."""
        if text is not None or self._form_built:
            self._show_step(text)

    def _show_step(self, text: str | None) -> None:
        self.step.setText(text or "")
        self.step_title.setVisible(text is not None)
        self.step.setVisible(text is not None)

    def _on_workspace_display_changed(self, new: DisplayOptions, old: DisplayOptions) -> None:
        if new.precision != old.precision:
            self.refresh()  # the value and gradient tables are written with the digits
        self._on_workspace_explained_step_changed(self._workspace.explained_step)

    def set_state(self, state: PlaybackState | None) -> None:
        """Values and gradients come from this state (what the canvas shows)."""
        self._state = state
        self.refresh()

    def show_node(self, node_id: str | None) -> None:
        """Inspect `node_id` (None: nothing)."""
        self.node_id = node_id
        self.error.clear()
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the document and the state."""
        graph = self._document.graph
        node = graph.nodes.get(self.node_id) if self.node_id is not None else None
        self.empty.setVisible(node is None)
        if node is None and not self._form_built:
            return  # nothing to show yet: the form waits
        self.title.setVisible(node is not None)
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, node is not None)
        if node is None:
            return
        spec = node.spec
        self.title.setText(
            f"<b style='font-size:13pt'>{html.escape(node.title)}</b>"
            f" &nbsp;<span style='color:gray'>{html.escape(spec.name)}</span>"
            f"<br><span style='color:gray'>{html.escape(_(spec.description))}</span>"
        )
        if not self.name.hasFocus():
            self.name.setText(node.label or "")
            self.name.setPlaceholderText(node.id)
        self.formula.setText(spec.formula)
        self.computes.setText(formula(graph, node.id))
        self.rule.setText(_(spec.local_rule))  # words in it are in the core catalog
        self.pattern.setText(_(spec.pattern))
        state = self._state
        values = state.node_values.get(node.id) if state else None
        grads = state.node_grads.get(node.id) if state else None
        self._show(values, self.value_text, self.value_table)
        self._show(grads, self.grad_text, self.grad_table)
        if state is not None and state.step < state.total:  # mid-playback
            for arrays, label in ((values, self.value_text), (grads, self.grad_text)):
                if arrays is None:
                    label.setText(self.tr("— (not reached yet at this step)"))
        problem = self._document.result.problems.get(node.id)
        if problem and values is None:
            self.value_text.setText(f"⚠ {problem}")
        self._show_editors(spec, node.attrs)
        self._show_curve(node.id, spec.name, state)

    def _show_curve(self, node_id: str, op_name: str, state: PlaybackState | None) -> None:
        """For an activation: its f and f' with the node's current input marked."""
        show = is_activation(op_name)
        self.form.setRowVisible(self.curve_row, show)
        if not show:
            return
        if self.activation_plot is None:
            from gradflow.ui.activation_plot import ActivationPlot

            self.activation_plot = ActivationPlot()
            self.curve_box.addWidget(self.activation_plot)
            self.activation_plot.show()
        edge = self._document.graph.in_edges(node_id)[0]
        arrays = state.node_values.get(edge.src) if (state and edge is not None) else None
        inputs = arrays[edge.src_port] if (arrays and edge is not None) else None
        self.activation_plot.show_op(op_name, inputs)

    # --- helpers -----------------------------------------------------------------------------
    def _show(self, arrays, text: QLabel, table: TensorPanel) -> None:
        from gradflow.ui.value_editor import describe_shape  # imported with the form

        if not arrays:
            text.setText("—")
            self.form.setRowVisible(table, False)
            return
        parts = [number_text(a) if a.ndim == 0 else describe_shape(a) for a in arrays]
        text.setText(", ".join(parts))
        tensor = arrays[0].ndim > 0
        self.form.setRowVisible(table, tensor)
        if tensor:
            table.set_array(arrays[0])

    def _show_editors(self, spec: Op, attrs: dict) -> None:
        self.attr_editors.show_op(spec, attrs)
        self.is_output.setChecked(self._document.result.output == self.node_id)

    def _edit(self, name: str, value: object) -> None:
        if self.node_id is None or self.node_id not in self._document.graph:
            return
        current = self._document.graph.node(self.node_id).attrs.get(name)
        if name != "value" and current == value:
            return
        try:
            self._document.set_attr(self.node_id, name, value)
        except GraphError as err:
            self._refuse(self.tr("{error}: nothing was changed").format(error=err))
            self.refresh()
            return
        self._clear_refusal()

    def _clear_refusal(self) -> None:
        """A good edit: the last refusal no longer applies (here or in the status bar)."""
        if self.error.text():
            self._services.clear_message(self.error.text())
        self.error.clear()

    def _refuse(self, message: str) -> None:
        """Say why an edit was refused: under the editors and in the status bar."""
        self.error.setText(message)
        self._services.show_message(message, STATUS_MS)

    def _on_name_editing_finished(self) -> None:
        if self.node_id is not None and self.node_id in self._document.graph:
            self._document.set_label(self.node_id, self.name.text())

    def _on_is_output_clicked(self, on: bool) -> None:
        if self.node_id is not None:
            self._document.set_output(self.node_id if on else None)

    def _on_workspace_selection_changed(self, ids: tuple[str, ...]) -> None:
        self.show_node(ids[0] if len(ids) == 1 else None)

    def _on_workspace_explained_step_changed(self, k: int | None) -> None:
        self.set_step_explanation(step_html(self._workspace, k))
