"""The texts a Korean student meets beyond the menus: undo texts, exports, the training dock."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from gradflow.core.graph import Graph
from gradflow.ui.document import GraphDocument

HANGUL = re.compile("[\uac00-\ud7a3]")


def _chain() -> GraphDocument:
    doc = GraphDocument()
    x = doc.add_node("input", (0.0, 0.0), value=2.0)
    s = doc.add_node("sigmoid", (120.0, 0.0))
    doc.add_edge(x, s)
    return doc


def test_every_undo_text_is_korean(korean) -> None:
    doc = _chain()
    stack = doc.undo_stack
    assert stack.undoText() == "x1 → sigmoid1 연결"
    assert stack.text(0) == "input 추가"
    doc.move_nodes({"x1": (10.0, 5.0)})
    assert stack.undoText() == "노드 1개 이동"
    doc.move_nodes({"x1": (20.0, 5.0), "sigmoid1": (150.0, 5.0)})
    assert stack.undoText() == "노드 2개 이동"
    doc.auto_layout()
    assert stack.undoText() == "자동 배치"
    doc.set_label("sigmoid1", "s")
    assert stack.undoText() == "sigmoid1 이름 바꾸기"
    doc.set_output("sigmoid1")
    assert stack.undoText() == "output 지정"
    doc.set_attr("x1", "trainable", False)
    assert stack.undoText() == "x1을(를) 데이터로 표시"
    doc.paste(_one())
    assert stack.undoText() == "노드 1개 붙여넣기"
    doc.delete(["x1"], list(doc.graph.edges))
    assert stack.undoText() == "항목 2개 삭제"
    doc.replace_graph(Graph())
    assert stack.undoText() == "그래프 바꾸기"
    texts = [stack.text(i) for i in range(stack.count())]
    assert all(HANGUL.search(t) for t in texts), texts


def _one() -> Graph:
    g = Graph()
    g.add_node("input", "a", value=1.0)
    return g


def test_the_undo_menu_item_reads_korean(korean, window) -> None:
    win = window
    win.document.add_node("mul", (0.0, 0.0))
    assert win.edit.undo.text() == "실행 취소(&U) mul 추가"
    win.edit.undo.trigger()
    assert win.edit.redo.text().endswith(" mul 추가")


def test_undo_texts_stay_english_in_english(qapp) -> None:
    doc = _chain()
    doc.delete(["sigmoid1"])
    assert doc.undo_stack.undoText() == "Delete 1 item"
    assert doc.undo_stack.text(2) == "Connect x1 → sigmoid1"


def test_a_refused_edit_names_the_action_in_korean(korean) -> None:
    from gradflow.core.errors import GraphError
    from gradflow.core.graph import Edge

    class Fragment(Graph):  # a malformed clipboard: a wire from a node it does not hold
        @property
        def edges(self):  # type: ignore[override]
            return [Edge("ghost", "a")]

    broken = Fragment()
    broken.add_node("input", "a", value=1.0)
    doc = GraphDocument()
    with pytest.raises(GraphError, match=r"노드 1개 붙여넣기을\(를\) 할 수 없습니다"):
        doc.paste(broken)
    assert len(doc.graph) == 0
    assert doc.undo_stack.count() == 0


def test_the_svg_title_is_translated(korean, window, tmp_path) -> None:
    win = window
    win.load_graph(_one())
    path = tmp_path / "g.svg"
    from gradflow.ui.export import export_svg

    export_svg(win.scene, path)
    title = ET.parse(path).getroot().find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    assert title.text == "gradflow 그래프"


@pytest.fixture
def korean_panel(korean, qtbot):
    """A training dock built in Korean; its thread is always ended after the test."""
    from gradflow.ui.training import TrainingPanel

    dock = TrainingPanel()
    qtbot.addWidget(dock)
    yield dock
    dock.shutdown()


def test_the_data_set_combo_shows_korean_labels_and_keeps_the_ids(korean_panel) -> None:
    options = korean_panel.options
    box = options.dataset
    shown = [box.itemText(i) for i in range(box.count())]
    assert shown[0] == "나선 (spiral)"
    assert "CIFAR-10 폴더…" in shown
    assert all(HANGUL.search(t) for t in shown if t != "XOR"), shown
    assert options.config().dataset == "spiral"
    box.setCurrentIndex(box.findData("sine"))
    assert options.config().dataset == "sine"
    assert options.config().task == "regression"  # a named set knows its task
    assert options.task.currentText() == "회귀 (regression)"
    assert not options.loss.isEnabled()
    box.setCurrentIndex(box.findData("npz"))
    options.location.setText("/data/points.npz")
    assert options.location.isEnabled()
    assert options.config().dataset == "npz:/data/points.npz"


def test_set_config_selects_by_id_in_korean(korean_panel) -> None:
    from gradflow.nn import TrainConfig

    options = korean_panel.options
    options.set_config(TrainConfig(dataset="cifar10:/data/cifar", task="classification"))
    assert options.dataset.currentText() == "CIFAR-10 폴더…"
    assert options.location.text() == "/data/cifar"
    assert options.config().dataset == "cifar10:/data/cifar"
    options.set_config(TrainConfig(dataset="digits"))
    assert options.dataset.currentData() == "digits"
    assert options.task.currentText() == "분류 (classification)"


def _legend(plot) -> list[str]:
    return [label.text for _sample, label in plot.plotItem.legend.items]


def test_the_training_plots_legends_are_korean(korean_panel) -> None:
    plots = korean_panel.plots
    assert _legend(plots.loss_plot) == ["batch마다", "평활", "검증 (validation)"]
    assert _legend(plots.accuracy_plot) == ["학습 (train)", "검증 (validation)"]
    plots.reset(2)
    assert _legend(plots.grad_plot) == ["1번째 layer", "2번째 layer"]
    assert plots.accuracy_plot.plotItem.titleLabel.text == "정확도"
    assert plots.accuracy_plot.getAxis("left").labelText == "정확도"
    assert plots.grad_plot.plotItem.titleLabel.text == "layer별 gradient norm"


def test_the_activation_plot_titles_are_korean(korean, qtbot) -> None:
    from gradflow.ui.activation_plot import ActivationPlot

    plot = ActivationPlot()
    qtbot.addWidget(plot)
    assert plot.df_plot.plotItem.titleLabel.text == "f′(x): local gradient (기울기)"


def test_a_diverged_run_says_so_in_korean(korean_panel, qtbot) -> None:
    from gradflow.nn import TrainConfig

    panel = korean_panel
    panel.options.set_config(TrainConfig(dataset="spiral", optimizer="sgd", lr=1000.0, epochs=50))
    panel.start_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=20_000)
    assert panel.report.bar.format().startswith("epoch ")
    assert panel.report.bar.format().endswith("에서 발산")
    assert "학습이 발산했습니다" in panel.status.text()
    assert "learning rate를 줄여 보세요" in panel.status.text()


def test_with_nothing_to_play_the_korean_caption_names_the_cause(korean, window) -> None:
    win = window
    doc = win.document
    doc.load_graph(Graph())
    a = doc.add_node("neg")
    b = doc.add_node("exp")
    caption = win.player.caption.text()
    assert caption.startswith(
        "아직 재생할 것이 없습니다: output exp1은(는) 아직 계산할 수 없습니다"
    )
    assert "exp1: input x이(가) 연결되지 않았습니다" in caption
    doc.add_edge(a, b)  # exp1 only waits now: the cause upstream is named, read structurally
    caption = win.player.caption.text()
    assert "neg1: input x이(가) 연결되지 않았습니다" in caption
    assert "exp1:" not in caption


def test_the_choose_an_output_hint_comes_from_the_structure(korean) -> None:
    from gradflow.ui.player.step_text import nothing_to_play

    g = Graph()
    g.add_node("input", "a", value=1.0)
    g.add_node("input", "b", value=2.0)
    said = nothing_to_play(g, "아무 말", {}, None)  # no output found among two ends
    hint = "(그 node를 선택하고 inspector에서 “output node”를 체크하세요)"
    assert said == f"아직 재생할 것이 없습니다: 아무 말 {hint}."
    # the words of the notice do not count: the run chose "a", so no hint
    assert nothing_to_play(g, "output node", {}, "a") == "아직 재생할 것이 없습니다: output node."


def test_switching_from_korean_says_the_restart_in_both_languages(korean, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(
        QMessageBox, "open", lambda box: shown.append((box.text(), box.informativeText()))
    )
    window.languages.actions["en"].trigger()
    assert shown == [
        (
            "gradflow를 다음에 시작할 때부터 English(으)로 표시합니다.\n"
            "gradflow will be in English from its next start.",
            "지금 다시 시작할까요? 저장하지 않은 변경이 있으면 먼저 묻습니다.\n"
            "Restart now? Unsaved changes are asked about first.",
        )
    ]


def test_the_inspector_local_gradient_rule_reads_korean(korean, window) -> None:
    from gradflow.core.examples import load_example

    window.load_graph(load_example("add-mul"))
    window.scene.select_nodes(["x"])
    assert window.inspector.rule.text() == "leaf: dL/dx를 누적함"
    window.scene.select_nodes(["f"])
    assert window.inspector.rule.text() == "∂/∂a = b, ∂/∂b = a"  # a formula is a formula


def test_the_training_dock_title_is_korean(korean_panel) -> None:
    assert korean_panel.windowTitle() == "학습"


def test_the_player_menu_play_and_pause_read_korean(korean, window) -> None:
    from gradflow.core.examples import load_example

    window.load_graph(load_example("add-mul"))
    menu = window.player.menu
    assert menu.actions["toggle_play"].text() == "재생(&P)\tSpace"
    window.player.controller.set_speed(0.25)
    window.player.controller.play()
    assert menu.actions["toggle_play"].text() == "일시 정지(&P)\tSpace"
    window.player.controller.pause()
