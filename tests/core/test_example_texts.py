"""The bundled examples' titles and descriptions are in the catalog and load translated."""

from __future__ import annotations

import re

import pytest

from gradflow.core import i18n
from gradflow.core.errors import GraphFileError
from gradflow.core.example_texts import EXAMPLE_TEXTS, FORMULA_TITLES
from gradflow.core.examples import example_names, load_example, resolve

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.mark.parametrize("name", example_names())
def test_every_example_text_is_listed_for_the_catalog(name):
    graph = load_example(name)
    assert graph.description in EXAMPLE_TEXTS
    assert graph.title in EXAMPLE_TEXTS or graph.title in FORMULA_TITLES


@pytest.mark.parametrize("name", example_names())
def test_a_korean_example_reads_korean_with_the_same_numbers(name, korean):
    korean_graph = load_example(name)
    i18n.set_language("en")
    english_graph = load_example(name)
    i18n.set_language("ko")
    assert HANGUL.search(korean_graph.description)
    numbers = re.compile(r"\d+(?:\.\d+)?")
    assert sorted(numbers.findall(korean_graph.description)) == sorted(
        numbers.findall(english_graph.description)
    )
    if english_graph.title not in FORMULA_TITLES:
        assert korean_graph.title != english_graph.title
    assert korean_graph.nodes.keys() == english_graph.nodes.keys()  # only the words change


def test_english_examples_are_as_written(korean):
    i18n.set_language("en")
    assert load_example("sigmoid-neuron").title == "A 2-D sigmoid neuron"


def test_a_missing_example_is_one_korean_message(korean):
    with pytest.raises(
        GraphFileError, match='"nope"이라는 파일이나 예제가 없습니다; 예제: add-mul'
    ):
        resolve("nope")
