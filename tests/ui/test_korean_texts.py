"""The texts a Korean student meets beyond the menus: undo texts, exports, the training dock."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from gradflow.core.graph import Graph
from gradflow.ui import language
from gradflow.ui.document import GraphDocument

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def korean(qapp):
    """The whole process in Korean for one test (Qt's texts and the core's)."""
    language.install_language("ko", qapp)
    yield
    language.install_language("en", qapp)


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


def test_the_undo_menu_item_reads_korean(korean, qtbot) -> None:
    from gradflow.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
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


def test_the_svg_title_is_translated(korean, qtbot, tmp_path) -> None:
    from gradflow.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.load_graph(_one())
    path = tmp_path / "g.svg"
    from gradflow.ui.export import export_svg

    export_svg(win.scene, path)
    title = ET.parse(path).getroot().find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    assert title.text == "gradflow 그래프"
