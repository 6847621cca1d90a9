"""core: pure numpy - ops, graph model, engine with trace, gradient check, file format, examples.

Never imports Qt: usable from a script or a notebook with no display.
"""

from gradflow.core.engine import RunResult, run
from gradflow.core.errors import GradflowError, GraphError, GraphFileError
from gradflow.core.graph import Edge, Graph, Node
from gradflow.core.ops import REGISTRY, Op, get_op
from gradflow.core.trace import Arrival, BackwardStep, ForwardStep, Trace

__all__ = [
    "REGISTRY",
    "Arrival",
    "BackwardStep",
    "Edge",
    "ForwardStep",
    "GradflowError",
    "Graph",
    "GraphError",
    "GraphFileError",
    "Node",
    "Op",
    "RunResult",
    "Trace",
    "get_op",
    "run",
]
