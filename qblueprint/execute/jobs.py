"""A job: one solution, its tests and the limits it runs under -- what a back end is handed."""
from dataclasses import dataclass

LANGUAGES = ("q", "python")


class DeadlineExceeded(BaseException):
    """Raised inside a worker when a solution's time is up; a BaseException so that the
    interpreter's own error handlers let it pass."""


@dataclass(frozen=True)
class Limits:
    """Per-solution limits.

    `timeout`: wall-clock seconds for loading the solution and running all of its tests;
    `memory`: bytes of address space the solution may add to its process;
    `output`: bytes the solution may print in all.
    """
    timeout: float = 5.0
    memory: int = 1 << 30
    output: int = 1 << 20

    def __post_init__(self):
        for name in ("timeout", "memory", "output"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"limit {name} must be a positive number, got {value!r}")


@dataclass(frozen=True)
class Job:
    solution: str
    tests: tuple
    language: str = "q"
    limits: Limits = Limits()

    def __post_init__(self):
        if not isinstance(self.solution, str):
            raise TypeError(f"solution must be source text, got {type(self.solution).__name__}")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, got {self.language!r}")
