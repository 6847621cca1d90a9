"""core: the bundled example graphs (lecture examples shipped as `.gflow` resources).

Examples live in the package `gradflow.resources` (the top-level `resources/` folder),
so an installed wheel carries them. `resolve` turns what a user typed - a file path or an
example name - into a graph, as the command line and the GUI's "open" both need.
"""

from __future__ import annotations

import importlib.resources
import json
import os
from importlib.resources.abc import Traversable
from pathlib import Path

from gradflow.core.errors import GraphFileError
from gradflow.core.fileformat import EXTENSION, load, loads
from gradflow.core.graph import Graph
from gradflow.core.i18n import _

# Lecture order; any other bundled file is listed after these, alphabetically.
ORDER = (
    "add-mul",
    "gate-patterns",
    "sigmoid-neuron",
    "vector-l2",
    "vanishing-sigmoid",
    "tiny-mlp",
    "linear-regression",
)
DEFAULT_EXAMPLE = "add-mul"


def examples_dir() -> Traversable:
    """The folder holding the bundled `.gflow` examples."""
    try:
        return importlib.resources.files("gradflow.resources") / "examples"
    except ModuleNotFoundError:
        # A source checkout used without installing: resources/ sits beside the package.
        return Path(__file__).resolve().parents[2] / "resources" / "examples"


def example_names() -> list[str]:
    """The names of the bundled examples, in lecture order."""
    found = sorted(
        f.name[: -len(EXTENSION)] for f in examples_dir().iterdir() if f.name.endswith(EXTENSION)
    )
    return [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]


def list_examples() -> list[tuple[str, str]]:
    """(name, one-line description) of every bundled example, in the current language.

    Only each file's description is read (a menu lists them): building every example's
    graph took a tenth of a second of the window's start-up."""
    return [(name, _example_description(name)) for name in example_names()]


def _example_description(name: str) -> str:
    """The description of bundled example `name` ('' if its file has none or is broken:
    opening it then says what is wrong)."""
    try:
        head = json.loads((examples_dir() / f"{name}{EXTENSION}").read_bytes())
    except (OSError, ValueError):
        return ""
    text = head.get("description") if isinstance(head, dict) else None
    return _(text) if isinstance(text, str) and text else ""


def load_example(name: str) -> Graph:
    """The bundled example `name`, its title and description in the current language
    (core/example_texts.py lists them); GraphFileError listing the names if there is none."""
    if name not in example_names():
        raise GraphFileError(
            _('no example named "{name}"; examples: {names}').format(name=name, names=_names_text())
        )
    resource = examples_dir() / f"{name}{EXTENSION}"
    try:
        graph = loads(resource.read_bytes())
    except GraphFileError as err:
        raise GraphFileError(_("example {name}: {error}").format(name=name, error=err)) from None
    graph.title = _(graph.title) if graph.title else graph.title
    graph.description = _(graph.description) if graph.description else graph.description
    return graph


def resolve(target: str | os.PathLike[str]) -> Graph:
    """The graph in file `target` (a `.gflow` graph or a `.gfx` program) if it exists, else
    the bundled example of that name."""
    path = Path(target)
    if path.suffix == ".gfx" and path.is_file():  # a program: built into its graph
        from gradflow.core.expr_source import file_graph

        return file_graph(path)
    if os.path.lexists(path) and not (path.is_dir() and str(target) in example_names()):
        return load(path)  # a directory, pipe or device is refused with what it is
    if str(target) in example_names():
        return load_example(str(target))
    if path.suffix == EXTENSION or os.sep in str(target):
        raise GraphFileError(_("no such file: {path}").format(path=target))
    raise GraphFileError(
        _('no file or example named "{target}"; examples: {names}').format(
            target=target, names=_names_text()
        )
    )


def _names_text() -> str:
    return ", ".join(example_names())
