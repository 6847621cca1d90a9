"""1,000 malformed programs: each gives one ExpressionError with a location, and runs nothing.

The programs are token soup, unbalanced brackets, unknown names and functions, attribute
access, lambdas, imports, comprehensions, dunder names, strings and f-strings, huge
numbers and exponents, deep nesting and statements the language does not have. While
they are built, eval/exec are booby-trapped and compile() may only make syntax trees.
"""

from __future__ import annotations

import ast
import builtins
import random

import pytest

from gradflow.core.errors import ExpressionError
from gradflow.core.expression import build

N_PROGRAMS = 1000
TOKENS = [
    "x", "y", "f", "=", "+", "-", "*", "/", "**", "@", "(", ")", "[", "]", ",", ";", ".",
    "1", "2.5", "-3", "sigmoid", "exp", "lambda", ":", "import", "os", "__class__", "'s'",
    "if", "for", "in", "not", "==", "{", "}", "\n", "%", "&", "|", "~", "<", ">", "!",
]  # fmt: skip
SHAPES = [
    # each gets a random name and number; {n} a name, {v} a number, {d} a depth
    "{n} = 1; f = {n}.real",
    "{n} = 1; f = {n}.__class__",
    "f = (lambda: {v})()",
    "f = lambda {n}: {n}",
    "import os",
    "import {n}",
    "from os import system",
    "f = [{n} for {n} in [1, 2]]",
    "f = {{{n}: 1 for {n} in [1]}}",
    "f = ({n} for {n} in [1])",
    "f = __import__('os')",
    "f = __builtins__",
    "__{n}__ = {v}",
    "{n} = {v}; f = {n}.__dict__",
    "f = '{n}'",
    "f = b'{n}'",
    'f = f\'{{__import__("os").system("touch /tmp/gradflow-pwned")}}\'',
    "{n} = {v}; f = {n} ** 1e999",
    "{n} = 1e999",
    "{n} = 1{zeros}",
    "{n} = {v}; f = {n} ** 10 ** 100000",
    "{n} = {v}; f = {n} ** {n}",
    "f = {open}{n}{close}",
    "{n} = {v}; f = {minus}{n}",
    "{n} = {v}; f = sigmoid({n}",
    "{n} = {v}; f = ({n} + 1))",
    "{n} = {v}; f = [{n}, 1",
    "{n} = {v}; f = {n} + qq{v_int}",
    "{n} = {v}; f = sigmod({n})",
    "{n} = {v}; f = eval('{n}')",
    "{n} = {v}; f = exec('{n} = 2')",
    "{n} = {v}; f = open('/etc/passwd')",
    "{n} = {v}; f = sigmoid(x={n})",
    "{n} = {v}; f = sigmoid({n}, {n})",
    "{n} = {v}; del {n}",
    "{n} = {v}\nif {n}:\n    f = 1",
    "{n} = {v}; f = {n} if {n} else 1",
    "{n} = {v}; f = {n} < 1",
    "{n} = {v}; f = {n} and 1",
    "{n} = {v}; f, g = {n}, {n}",
    "{n} = {v}; {n} += 1",
    "{n} = {v}; f = g = {n}",
    "{n} = {v}; {n}",
    "{n} = {v}; f = +{n}",
    "{n} = {v}; f = {n} % 2",
    "{n} = {v}; f = [[1, 2], [3]]",
    "{n} = {v}; f = {n}[0]",
    "{n} = {v}; output = {n} + 1",
    "{n} = {v}; output = nope",
    "{n} = {v}; lambda = 2",
    "{n} = const('{n}')",
    "{n} = param({n})",
    "{n} = {v}; f = copy({n}, 99)",
    "{n} = {v}; f = {n} @ {n}",
    "{n} = [1, 2]; g = [1, 2, 3]; f = {n} + g",
    "{n} = {v}; f = log({n}) @ [[1]]",
    "{n} = {v}; f = {n}; output",
    "",
    "   ",
    "# only a comment",
    "{n} = {v}; f = sum()",
    "{n} = {v}; f = {n}(1)",
    "{n} = {v}; f = {n} ; ; g = 1",
    "class {n}: pass",
    "def {n}(): return 1",
    "while True: pass",
    "with open('x') as {n}: pass",
    "{n} = {v}; f = await {n}",
    "{n} = {v}; f = yield {n}",
    "{n} = {v}; f = {n} := 1",
    "{n} = {v}; f = *{n}",
    "{n} = {v}; f = {n}...",
    "{n} = {v}; f = ...",
    "{n} = {v}; f = None",
    "{n} = {v}; f = True",
    "{n} = {v}; f = 1j",
]


def _program(rng: random.Random, i: int) -> str:
    if i % 4 == 0:  # token soup
        return " ".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 12)))
    shape = SHAPES[i % len(SHAPES)]
    depth = rng.choice([150, 300, 1000, 5000])
    return shape.format(
        n=rng.choice(["x", "y", "w1", "q", "tmp", "zeta"]),
        v=rng.choice(["1", "-2", "0.5", "3e2"]),
        v_int=rng.randint(0, 99),
        d=depth,
        zeros="0" * rng.choice([5000, 20000]),
        open="(" * depth,
        close=")" * depth,
        minus="-" * rng.choice([200, 3000, 100000]),
    )


@pytest.fixture
def nothing_runs(monkeypatch):
    """eval/exec of a program's text fail the test; compile() of it may only parse.

    Returns a one-item list to put the program being built in (imports that happen
    meanwhile still compile and run their own modules).
    """
    current = [""]
    real_compile, real_eval, real_exec = builtins.compile, builtins.eval, builtins.exec

    def mine(source: object) -> bool:
        text = source.decode(errors="replace") if isinstance(source, bytes) else source
        return isinstance(text, str) and bool(current[0]) and current[0] in text

    def parse_only(source, filename, mode, flags=0, *args, **kwargs):
        if mine(source):
            assert flags & ast.PyCF_ONLY_AST, "a program was compiled to bytecode"
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    def no_eval(source, *args, **kwargs):
        assert not mine(source), "a program was evaluated"
        return real_eval(source, *args, **kwargs)

    def no_exec(source, *args, **kwargs):
        assert not mine(source), "a program was executed"
        return real_exec(source, *args, **kwargs)

    monkeypatch.setattr(builtins, "eval", no_eval)
    monkeypatch.setattr(builtins, "exec", no_exec)
    monkeypatch.setattr(builtins, "compile", parse_only)
    return current


def _token_soup_is_malformed(text: str) -> bool:
    """A random token soup may by chance be a valid program; those are not counted."""
    try:
        build(text)
    except ExpressionError:
        return True
    return False


def test_a_thousand_malformed_programs_each_give_one_located_error(nothing_runs, tmp_path):
    rng = random.Random(12)
    made = 0
    i = 0
    while made < N_PROGRAMS:
        text = _program(rng, i)
        i += 1
        if i % 4 == 1 and not _token_soup_is_malformed(text):
            continue
        nothing_runs[0] = text.strip()
        with pytest.raises(ExpressionError) as err:
            build(text)
        error = err.value
        assert error.line >= 1
        assert error.col >= 1
        assert str(error).startswith(f"line {error.line}, col {error.col}: ")
        assert "\n" not in str(error)
        assert error.caret().count("\n") == 2
        made += 1
    assert not (tmp_path / "gradflow-pwned").exists()
    assert not __import__("os").path.exists("/tmp/gradflow-pwned")


def test_the_error_says_what_was_expected():
    cases = {
        "x = 1; f = x.real": "attribute access (.) is not part of the language",
        "import os": "expected name = expression, not a import statement",
        "x = 1; f = [x for x in [1]]": "this kind of expression is not part of the language",
        "x = 1; f = x ** y": 'unknown name "y"',
        "x = 1; f = x ** x": "expected a ** c (c: a number written in the program)",
        "x = 1e999": "value must be finite",
        "x = 1; f = sigmoid(x": "syntax error: '(' was never closed",
        "__x = 1": '"__x" cannot be used as a name',
        "x = 1; output = nope": "expected a name defined above after output =",
        "x = 1; f = (" + "(" * 300 + "x" + ")" * 301: "syntax error: too many nested parentheses",
        "x = 1; f = " + "-" * 200 + "x": "nested too deeply",
    }
    for text, expected in cases.items():
        with pytest.raises(ExpressionError) as err:
            build(text)
        assert expected in str(err.value), (text, str(err.value))
