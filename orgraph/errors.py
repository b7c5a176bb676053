"""Exceptions raised by orgraph.

Every error orgraph raises on purpose derives from :class:`OrgraphError`, and each
subclass also inherits the builtin that fits it, so ``except LookupError`` keeps
working for callers who do not know orgraph::

    OrgraphError
    │   content: what was given is not valid (exit code 1)
    ├── FileError                 (ValueError)    a file's content is not a valid document
    ├── InvalidOrgError           (ValueError)    a structure breaks an invariant
    ├── OperationError            (ValueError)    an operation is not valid for this org
    │   └── ScenarioError                         operation k of a scenario is not valid
    ├── UnknownIdError            (LookupError)   no unit, post or person with that id
    │   access and usage (exit code 2)
    ├── FileAccessError           (OSError)       a file cannot be read or written: missing,
    │                                             unreadable, not text, not JSON/YAML, no
    │                                             folder to write to (``UnreadableFileError``
    │                                             is its former name)
    ├── UsageError                (ValueError)    bad options or arguments (a value out of range,
    │                                             an output that is an input, a wrong format)
    ├── DependencyError           (RuntimeError)  an optional extra is not installed
    │   rendering
    └── RenderError               (RuntimeError)  Graphviz failed or is missing
        └── GraphvizNotFoundError                 the ``dot`` binary is not on PATH

Each error carries structured keyword-only fields and an ``exit_code``: 1 for invalid
content, 2 for a file that cannot be read or written, or a usage problem. ``str(exc)``
is a single line fit for a terminal. Every ``__init__`` passes that line to
``super().__init__``, so ``exc.args`` is ``(message,)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

__all__ = [
    "DependencyError",
    "FileAccessError",
    "FileError",
    "GraphvizNotFoundError",
    "InvalidOrgError",
    "OperationError",
    "OrgraphError",
    "RenderError",
    "ScenarioError",
    "UnknownIdError",
    "UnreadableFileError",
    "UsageError",
    "Violation",
]


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: a stable ``code``, a one-line ``message`` and the ``ids`` involved.

    ``item`` names where the problem is (``units[3]``, ``operation 2``) when known.
    """

    code: str
    message: str
    ids: tuple[str, ...] = ()
    item: str | None = field(default=None)

    def __str__(self) -> str:
        return f"{self.item}: {self.message}" if self.item else self.message


class OrgraphError(Exception):
    """Base class of every error orgraph raises on purpose."""

    exit_code: int = 1


class _FileProblem(OrgraphError):
    """What is wrong with a file: ``path`` is the file, ``item`` the element at fault
    (``units[2] (id=ubkt).quota``) and ``problem`` what is wrong. ``violations`` lists
    every problem found; when there are several, the message counts them and adds
    ``hint`` (how to see them all).
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | Path | None = None,
        item: str | None = None,
        violations: Sequence[Violation] = (),
        hint: str | None = "run 'orgraph validate'",
    ) -> None:
        self.path = str(path) if path is not None else None
        self.item = item
        self.problem = problem
        self.violations = tuple(violations)
        parts = [p for p in (self.path, item) if p]
        text = ": ".join([*parts, problem])
        if len(self.violations) > 1:
            more = f"and {len(self.violations) - 1} more problem(s)"
            text += f" ({more}; {hint})" if hint else f" ({more})"
        super().__init__(text)

    @classmethod
    def of(
        cls,
        problems: Sequence[Violation],
        *,
        path: str | Path | None,
        item: str | None = None,
        hint: str | None = "run 'orgraph validate'",
    ) -> Self:
        """The error for a non-empty list of problems: the first one, counting the rest."""
        first = problems[0]
        return cls(
            first.message, path=path, item=item or first.item, violations=problems, hint=hint
        )


class FileError(_FileProblem, ValueError):
    """A file's content is not a valid orgraph document (see the fields of the base)."""


class FileAccessError(_FileProblem, OSError):
    """A file cannot be read or written: missing, unreadable, binary, not parseable as
    JSON or YAML, or its folder cannot be written to."""

    exit_code = 2


UnreadableFileError = FileAccessError
"""The former name of :class:`FileAccessError` (it covers writing too)."""


class InvalidOrgError(OrgraphError, ValueError):
    """A structure breaks one or more invariants; ``violations`` lists them all."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        self.violations = tuple(violations)
        first = str(self.violations[0]) if self.violations else "invalid structure"
        more = len(self.violations) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))


class UnknownIdError(OrgraphError, LookupError):
    """No node of the expected type has this id."""

    def __init__(self, id: str, *, expected: str = "unit") -> None:
        self.id = id
        self.expected = expected
        super().__init__(f"no {expected} with id {id!r}")

    def __str__(self) -> str:  # LookupError would repr() the args
        return str(self.args[0])


class OperationError(OrgraphError, ValueError):
    """An operation is not valid for the org it is applied to."""

    def __init__(
        self, violations: Sequence[Violation], *, op: str | None = None, where: str | None = None
    ) -> None:
        self.violations = tuple(violations)
        self.op = op
        head = f"{where if where is not None else op}: " if (where or op) else ""
        problems = "; ".join(v.message for v in self.violations) or "invalid operation"
        super().__init__(head + problems)


class ScenarioError(OperationError):
    """Operation number ``index`` (1-based) of a scenario is not valid.

    ``operation`` is the offending operation and ``violations`` every problem with it.
    Nothing was applied.
    """

    def __init__(
        self,
        violations: Sequence[Violation],
        *,
        index: int,
        operation: Any,
        scenario: str | None = None,
    ) -> None:
        self.index = index
        self.operation = operation
        self.scenario = scenario
        op = getattr(operation, "op", None)
        if isinstance(operation, Mapping):
            op = operation.get("op")
        op = op if isinstance(op, str) else None
        prefix = f"{scenario}: " if scenario else ""
        tag = f" ({op})" if op else ""
        super().__init__(violations, op=op, where=f"{prefix}operation {index}{tag}")


class UsageError(OrgraphError, ValueError):
    """Bad options: a value out of range, an output that is an input, a wrong format."""

    exit_code = 2


class DependencyError(OrgraphError, RuntimeError):
    """An optional dependency is missing; the message says how to install it."""

    exit_code = 2


class RenderError(OrgraphError, RuntimeError):
    """Graphviz could not render a chart."""


class GraphvizNotFoundError(RenderError):
    """The Graphviz ``dot`` binary is not installed or not on PATH."""

    exit_code = 2
