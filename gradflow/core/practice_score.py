"""core: a practice session's score - right first tries per gate type, and the weakest gate.

Each asked step counts once: right if its first check was right and the answer was not
shown. The summary lists add, mul, copy, max, activation, matmul (then any other gate)
with k of n, so a student sees which gate to work on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gradflow.core.i18n import _
from gradflow.core.practice import GATE_TYPES

ORDER = tuple(dict.fromkeys(GATE_TYPES.values()))


@dataclass
class PracticeScore:
    """Step number -> (gate type, right first time), in the order steps were answered."""

    results: dict[int, tuple[str, bool]] = field(default_factory=dict)

    def record(self, step: int, gate: str, right_first: bool) -> None:
        """Count step `step` once: later tries at it change nothing."""
        self.results.setdefault(step, (gate, right_first))

    @property
    def score(self) -> int:
        """Steps right at the first try."""
        return sum(ok for _g, ok in self.results.values())

    @property
    def total(self) -> int:
        """Steps answered."""
        return len(self.results)

    def per_gate(self) -> dict[str, tuple[int, int]]:
        """gate type -> (right first time, asked), add, mul, copy, max, ... first."""
        counts: dict[str, list[int]] = {}
        for gate, ok in self.results.values():
            c = counts.setdefault(gate, [0, 0])
            c[0] += ok
            c[1] += 1
        gates = [g for g in ORDER if g in counts] + sorted(g for g in counts if g not in ORDER)
        return {g: (counts[g][0], counts[g][1]) for g in gates}

    def weakest(self) -> str | None:
        """The gate type with the lowest share right (most misses on a tie); None if all right."""
        missed = [
            (right / n, right - n, g) for g, (right, n) in self.per_gate().items() if right < n
        ]
        return min(missed)[2] if missed else None

    def summary(self) -> str:
        """'7 of 9 right at the first try · add 2/2 · max 0/1 · weakest: max'."""
        parts = [_("{k} of {n} right at the first try").format(k=self.score, n=self.total)]
        parts += [f"{g} {k}/{n}" for g, (k, n) in self.per_gate().items()]
        weak = self.weakest()
        if weak is not None:
            parts.append(_("weakest: {gate}").format(gate=weak))
        return " · ".join(parts)
