"""The training dock's form and plots: the wheel over the form, the progress bar after a
run, axis labels, the empty decision-boundary plot, tooltips and legends."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QWidget,
)

from gradflow.nn import TrainConfig
from gradflow.ui.training import TrainingPanel

WAIT_MS = 20_000


def _run_to_end(qtbot, panel: TrainingPanel, config: TrainConfig) -> None:
    panel.options.set_config(config)
    panel.start_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)


def _wheel(widget: QWidget, steps: int) -> bool:
    """Turn the wheel `steps` notches over the middle of `widget` (negative: down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    return QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_instead_of_changing_an_unfocused_box(
    qtbot, panel: TrainingPanel
) -> None:
    panel.resize(1100, 260)  # the form does not fit: it scrolls
    options = panel.options
    # the form's own scroll area (the dock's body scrolls too, in a short window)
    scroll = panel.findChild(QScrollArea, "optionsScroll")
    assert scroll.widget().isAncestorOf(options)
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    boxes = [*options.findChildren(QComboBox), *options.findChildren(QAbstractSpinBox)]
    assert len(boxes) == 15
    for box in boxes:
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus, box.objectName()
    bar.setValue(0)
    loss, epochs = options.loss.currentText(), options.epochs.value()
    _wheel(options.loss, -1)
    _wheel(options.epochs, -1)
    assert options.loss.currentText() == loss == "softmax_ce"
    assert options.epochs.value() == epochs
    assert bar.value() > 0  # the scroll area took the wheel
    # a box the user clicked into (it has focus) still takes the wheel
    panel.activateWindow()
    options.loss.setFocus()
    qtbot.waitUntil(options.loss.hasFocus)
    _wheel(options.loss, -1)
    assert options.loss.currentText() == "mse"


def test_the_progress_bar_says_how_the_run_ended(
    qtbot, panel: TrainingPanel, tmp_path: Path
) -> None:
    bar = panel.progress
    _run_to_end(qtbot, panel, TrainConfig(dataset="spiral", epochs=3, batch=60, samples=300))
    assert bar.format() == "done: 3 epochs"
    assert bar.value() == 100

    panel.options.set_config(TrainConfig(dataset="xor", epochs=1000, batch=16))
    panel.start_button.click()
    qtbot.waitUntil(lambda: "s left" in bar.format(), timeout=WAIT_MS)
    panel.pause_button.click()
    qtbot.waitUntil(lambda: bar.format().startswith("paused at epoch "), timeout=WAIT_MS)
    assert bar.format().endswith("/1000")
    panel.pause_button.click()  # resume
    qtbot.waitUntil(lambda: "s left" in bar.format(), timeout=WAIT_MS)
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)
    assert bar.format().startswith("stopped at epoch ")
    assert bar.format().endswith("/1000")
    assert "left" not in bar.format()
    stopped_at = int(bar.format().split()[-1].split("/")[0])
    assert 1 <= stopped_at <= panel.trainer.epoch + 1

    _run_to_end(qtbot, panel, TrainConfig(dataset="spiral", optimizer="sgd", lr=1000.0, epochs=50))
    assert bar.format().startswith("diverged")
    assert "left" not in bar.format()

    _run_to_end(qtbot, panel, TrainConfig(dataset=f"npz:{tmp_path / 'none.npz'}"))
    assert bar.format() == "failed"

    panel.reset_button.click()
    assert bar.format() == "%p%"
    assert bar.value() == 0


def test_axes_show_plain_numbers_without_an_si_prefix(qtbot, panel: TrainingPanel) -> None:
    plots = panel.plots
    plots.reset(1)
    n = 50
    losses = np.linspace(800.0, 0.0, n)  # large losses, then tiny ones
    rows = np.column_stack([np.arange(1, n + 1), np.ones(n), losses, np.full(n, 1e-4)])
    plots.add_iterations(rows)
    plots.redraw()
    for plot in plots.live_plots():
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            assert not axis.autoSIPrefix, (plot.objectName(), name)
            assert axis.autoSIPrefixScale == 1.0
            assert "(x" not in axis.labelString()


def test_the_empty_boundary_plot_has_a_small_range_and_a_hint(qtbot, panel: TrainingPanel) -> None:
    plots = panel.plots

    def small() -> bool:
        (x0, x1), (y0, y1) = plots.boundary_plot.viewRange()
        return max(abs(x0), abs(x1), abs(y0), abs(y1)) <= 5 and y1 - y0 <= 2.5

    qtbot.waitUntil(small)
    assert plots.hint.isVisible()
    assert "2-D data sets" in plots.hint.textItem.toPlainText()
    _run_to_end(qtbot, panel, TrainConfig(dataset="spiral", epochs=2, batch=60, samples=300))
    assert not plots.hint.isVisible()
    (x0, x1), (y0, y1) = plots.boundary_plot.viewRange()
    points = panel._points
    assert x0 <= points[:, 0].min()
    assert points[:, 0].max() <= x1
    assert y0 <= points[:, 1].min()
    assert points[:, 1].max() <= y1
    panel.reset_button.click()
    assert plots.hint.isVisible()
    qtbot.waitUntil(small)
    plots.set_boundary_available(False)  # a data set with more than 2 features
    assert plots.hint.isVisible()
    assert "2-D data sets only" in plots.boundary_plot.plotItem.titleLabel.text
    plots.set_boundary_available(True, np.array([[10.0, 20.0], [14.0, 22.0]]))
    (x0, x1), (y0, y1) = plots.boundary_plot.viewRange()  # the data set's range
    assert x0 <= 10
    assert x1 >= 14
    assert y0 <= 20
    assert y1 >= 22
    assert x0 < plots.hint.pos().x() < x1


def test_every_button_of_the_dock_has_a_tooltip(panel: TrainingPanel) -> None:
    buttons = panel.findChildren(QAbstractButton)
    assert len(buttons) >= 8
    for button in buttons:
        assert button.toolTip(), button.objectName() or button.text()


def _covered(plot, curves) -> float:
    """The share of the curves' points that the plot's legend covers."""
    legend = plot.plotItem.legend
    box = plot.getViewBox().mapSceneToView(legend.sceneBoundingRect()).boundingRect()
    inside = total = 0
    for curve in curves:
        x, y = curve.getData()
        inside += sum(box.contains(QPointF(float(a), float(b))) for a, b in zip(x, y, strict=True))
        total += len(x)
    return inside / total


def test_legends_are_small_and_leave_the_curves_visible(qtbot, panel: TrainingPanel) -> None:
    _run_to_end(qtbot, panel, TrainConfig(dataset="spiral", epochs=12, batch=60, samples=300))
    plots = panel.plots
    qtbot.waitUntil(lambda: not plots.dirty)
    for plot in (plots.loss_plot, plots.accuracy_plot, plots.grad_plot):
        legend = plot.plotItem.legend
        view = plot.getViewBox().sceneBoundingRect()
        box = legend.sceneBoundingRect()
        centres = [label.sceneBoundingRect().center().y() for _, label in legend.items]
        assert max(np.diff(centres)) <= 16, plot.objectName()  # small text, close rows
        # above the curves, in the header row beside the title: never over a curve
        assert not view.intersects(box), plot.objectName()
        assert plot.plotItem.sceneBoundingRect().contains(box), plot.objectName()
        title = plot.plotItem.titleLabel.sceneBoundingRect()
        assert box.left() >= title.left() + plot.plotItem.titleLabel.itemRect().width()
        assert legend.opts["brush"].color().alpha() < 255  # see-through
    loss_curves = (plots.smooth_curve, plots.val_loss_curve)
    assert _covered(plots.loss_plot, loss_curves) < 0.05
    assert _covered(plots.accuracy_plot, (plots.train_acc_curve, plots.val_acc_curve)) < 0.05
    assert _covered(plots.grad_plot, plots.grad_curves) < 0.05
    # the decision boundary gets a cell as big as the other plots
    size = plots.view_tabs.size()
    for plot in (plots.loss_plot, plots.accuracy_plot, plots.grad_plot):
        assert size.width() >= plot.width() - 1
        assert size.height() >= plot.height() - 1
