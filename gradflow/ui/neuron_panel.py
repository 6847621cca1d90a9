"""ui: the neuron view with its bar - which step the player is at and in which part of
the network, which sample of the batch the units show (a selector when there are
several), and the key to the lines' colours."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from gradflow.ui.neuron_texts import sample_text
from gradflow.ui.neuron_view import NeuronView
from gradflow.ui.workspace import Workspace


class NeuronPanel(QWidget):
    """The bar (step sentence; sample selector and what it means) above a NeuronView."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("neuronPanel")
        self.view = NeuronView(workspace)
        self.step_label = QLabel()
        self.step_label.setObjectName("neuronStep")
        self.step_label.setWordWrap(True)
        self.key_label = QLabel(
            self.tr(
                "Lines: W (blue +, orange −) until the backward pass reaches their layer, "
                "then dW, the gradient (red +, teal −); width |value|. Red italics: dL/d unit."
            )
        )
        self.key_label.setObjectName("neuronKey")
        self.key_label.setWordWrap(True)
        self.sample_label = QLabel()
        self.sample_label.setWordWrap(True)
        self.sample_title = QLabel(self.tr("&Sample:"))
        self.sample_spin = QSpinBox()
        self.sample_spin.setObjectName("neuronSample")
        self.sample_spin.setToolTip(self.tr("Which sample of the batch the units show"))
        self.sample_title.setBuddy(self.sample_spin)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 0)
        bar.addWidget(self.sample_title)
        bar.addWidget(self.sample_spin)
        bar.addWidget(self.sample_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        step_row = QHBoxLayout()
        step_row.setContentsMargins(8, 0, 8, 0)
        step_row.addWidget(self.step_label)
        layout.addLayout(step_row)
        key_row = QHBoxLayout()
        key_row.setContentsMargins(8, 0, 8, 0)
        key_row.addWidget(self.key_label)
        layout.addLayout(key_row)
        layout.addWidget(self.view, 1)
        self.view.step_described.connect(self.step_label.setText)
        self.view.samples_changed.connect(self._on_view_samples_changed)
        self.sample_spin.valueChanged.connect(self._on_sample_spin_value_changed)
        self._on_view_samples_changed(self.view.samples)
        self.step_label.setText(self.view.description)

    def _on_view_samples_changed(self, samples: int) -> None:
        several = samples > 1
        self.sample_title.setVisible(several)
        self.sample_spin.setVisible(several)
        self.sample_spin.blockSignals(True)
        self.sample_spin.setRange(1, max(samples, 1))
        self.sample_spin.setSuffix(self.tr(" of {n}").format(n=samples))
        self.sample_spin.setValue(self.view.sample + 1)
        self.sample_spin.blockSignals(False)
        self.sample_label.setVisible(samples > 0)
        self.key_label.setVisible(samples > 0)
        self.sample_label.setText(sample_text(self.view.sample, samples))

    def _on_sample_spin_value_changed(self, value: int) -> None:
        self.view.set_sample(value - 1)
        self.sample_label.setText(sample_text(self.view.sample, self.view.samples))
