"""The first error of a pydantic ``ValidationError``, as one line.

Every place that turns a validation failure into a one-line message (structure names,
operations in a scenario, interchange readers) goes through :func:`first_error`, so the
wording is the same everywhere. Imports nothing of orgraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

__all__ = ["FirstError", "first_error", "first_error_line"]


@dataclass(frozen=True, slots=True)
class FirstError:
    """Where the first error happened and what it says.

    ``loc`` is its location, dotted (``""`` at the top level), ``path`` the same as a
    tuple, ``type`` pydantic's error type and ``message`` its text without pydantic's
    ``"Value error, "`` prefix.
    """

    loc: str
    path: tuple[int | str, ...]
    type: str
    message: str

    def line(self) -> str:
        """``loc: message``, or the message alone at the top level."""
        return f"{self.loc}: {self.message}" if self.loc else self.message


def first_error(exc: ValidationError) -> FirstError:
    """The first error of ``exc``.

    Examples
    --------
    >>> from pydantic import BaseModel
    >>> class M(BaseModel):
    ...     n: int
    >>> try:
    ...     M(n="x")
    ... except ValidationError as exc:
    ...     first_error(exc).line()
    'n: Input should be a valid integer, unable to parse string as an integer'
    """
    error = exc.errors(include_url=False)[0]
    path = tuple(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return FirstError(".".join(str(p) for p in path), path, str(error["type"]), message)


def first_error_line(exc: ValidationError) -> str:
    """``loc: message`` for the first error of ``exc`` (see :func:`first_error`)."""
    return first_error(exc).line()
