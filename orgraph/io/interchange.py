"""Export and import a structure in another tool's format, chosen by the file's suffix.

=============== ======================== ===================================================
format          path                     module
=============== ======================== ===================================================
``xlsx``        ``*.xlsx``               :mod:`orgraph.io.spreadsheet` (needs ``openpyxl``)
``csv``         a folder, or ``*.csv``   :mod:`orgraph.io.spreadsheet`
``graphml``     ``*.graphml``            :mod:`orgraph.io.graphml`
``turtle``      ``*.ttl``                :mod:`orgraph.io.rdf` (needs ``rdflib``)
``json-ld``     ``*.jsonld``             :mod:`orgraph.io.rdf` (needs ``rdflib``)
``popolo``      ``*.popolo.json``        :mod:`orgraph.io.popolo`
``json``/``yaml`` ``*.json``, ``*.yaml`` the native format (:func:`orgraph.io.load`)
=============== ======================== ===================================================
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from orgraph.errors import DependencyError, FileError, UnreadableFileError, Violation
from orgraph.io._files import atomic_write, read_bytes
from orgraph.org import Org

if TYPE_CHECKING:
    from orgraph.history import Event, LineageEdge
    from orgraph.model import Appointment, Link, Person, Post, Unit

__all__ = ["FORMATS", "export", "guess_format", "import_", "normal_format"]

FORMATS: tuple[str, ...] = (
    "csv",
    "xlsx",
    "graphml",
    "turtle",
    "json-ld",
    "popolo",
    "json",
    "yaml",
    "history",
    "govuk",
)
"""Format names :func:`export` and :func:`import_` accept."""

_ALIASES = {"ttl": "turtle", "jsonld": "json-ld", "yml": "yaml", "excel": "xlsx"}
_SUFFIXES = {
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".graphml": "graphml",
    ".ttl": "turtle",
    ".jsonld": "json-ld",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def normal_format(format: str) -> str:
    """The canonical name of a format (``ttl`` -> ``turtle``); ValueError if unknown."""
    name = _ALIASES.get(format.lower(), format.lower())
    if name not in FORMATS:
        raise ValueError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    return name


def guess_format(path: str | Path) -> str:
    """The format a path names by its suffix (a folder is CSV).

    Raises :class:`~orgraph.UnreadableFileError` when the suffix says nothing.

    Examples
    --------
    >>> guess_format("org.popolo.json"), guess_format("org.ttl"), guess_format("book.xlsx")
    ('popolo', 'turtle', 'xlsx')
    """
    target = Path(path)
    if target.name.lower().endswith(".popolo.json"):
        return "popolo"
    suffix = target.suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if target.is_dir() or not suffix:
        return "csv"
    raise UnreadableFileError(
        f"cannot tell the format from {suffix!r}: give a format ({', '.join(FORMATS)})",
        path=path,
    )


def export(org: Org, path: str | Path, *, format: str | None = None, **options: Any) -> None:
    """Write ``org`` to ``path`` in another tool's format (by default chosen by the suffix).

    ``options`` go to the format's exporter (``mapping=`` for spreadsheets, ``base=`` for
    RDF). The output is written atomically.

    Examples
    --------
    >>> import orgraph, tempfile, pathlib
    >>> org = orgraph.load("examples/dam_ha/org.yaml")
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> export(org, folder / "org.graphml")
    >>> import_(folder / "org.graphml").equivalent(org)
    True
    """
    kind = normal_format(format) if format else guess_format(path)
    if kind in ("json", "yaml"):
        from orgraph.io.document import dumps

        _no_options(kind, options)
        atomic_write(path, dumps(org, format=kind))
        return
    if kind in ("history", "govuk"):
        raise ValueError(f"the {kind} format can be imported, not exported")
    module, name = _module(kind)
    if kind in ("turtle", "json-ld"):
        options["format"] = kind
    getattr(module, f"export_{name}")(org, path, **options)


def import_(path: str | Path, *, format: str | None = None, **options: Any) -> Org:
    """Read a structure from another tool's file (by default chosen by the suffix).

    ``options`` go to the format's importer (``mapping=`` for spreadsheets, ``name=``).
    Invalid content raises :class:`~orgraph.FileError` naming the place at fault.
    """
    kind = normal_format(format) if format else guess_format(path)
    if kind in ("json", "yaml"):
        from orgraph.io.document import load

        name = options.pop("name", None)
        _no_options(kind, options)
        org = load(path)
        if name is not None:
            org.name = name
        return org
    module, name = _module(kind)
    if kind in ("turtle", "json-ld"):
        options["format"] = kind
    return getattr(module, f"import_{name}")(path, **options)  # type: ignore[no-any-return]


def _no_options(kind: str, options: Mapping[str, Any]) -> None:
    if options:
        raise TypeError(f"the {kind} format takes no options ({', '.join(options)} given)")


def _module(kind: str) -> tuple[ModuleType, str]:
    module, name = {
        "csv": ("spreadsheet", "csv"),
        "xlsx": ("spreadsheet", "xlsx"),
        "graphml": ("graphml", "graphml"),
        "turtle": ("rdf", "rdf"),
        "json-ld": ("rdf", "rdf"),
        "popolo": ("popolo", "popolo"),
        "history": ("history_tables", "history"),
        "govuk": ("govuk", "govuk"),
    }[kind]
    return importlib.import_module(f"orgraph.io.{module}"), name


# ---------------------------------------------------------------------------- shared helpers
def require(module: str, *, extra: str, what: str) -> ModuleType:
    """Import an optional dependency or raise :class:`~orgraph.DependencyError`."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise DependencyError(
            f"{what} needs the {module.split('.')[0]} package: pip install 'orgraph[{extra}]'"
        ) from None


def read_text(path: str | Path) -> str:
    """A UTF-8 text file (a byte-order mark is dropped), with one-line errors."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(f"not UTF-8 text (byte {exc.start})", path=path) from None


def parse_date(value: Any) -> date | None:
    """An ISO date (the first ten characters of a date-time) or None; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    return date.fromisoformat(str(value).strip()[:10])


_REDUCED = re.compile(r"\d{4}(-\d{2})?")


def parse_reduced_date(value: Any) -> date | str | None:
    """:func:`parse_date`, but a date known only to the year or the month (``1996``,
    ``1996-05``) is given back as that text, for the record to read with its precision."""
    if isinstance(value, str) and _REDUCED.fullmatch(value.strip()):
        return value.strip()
    return parse_date(value)


def given_name(name: str | None) -> str | None:
    """The ``name=`` given to an importer, checked as :attr:`orgraph.Org.name` checks a
    name (:class:`~orgraph.InvalidOrgError` when it is empty or not valid text), rather
    than an empty one silently replaced by the file's; None when none was given."""
    return None if name is None else Org.create(name=name).name


def finish_org(
    path: str | Path,
    *,
    name: str,
    as_of: date | None = None,
    units: Iterable[Unit] = (),
    posts: Iterable[Post] = (),
    people: Iterable[Person] = (),
    appointments: Iterable[Appointment] = (),
    links: Iterable[Link] = (),
    history: Iterable[Event] = (),
    lineage: Iterable[LineageEdge] = (),
    locate: Callable[[Violation], str | None] | None = None,
) -> Org:
    """Build an imported structure; raise :class:`FileError` naming the first problem.

    ``locate`` turns a problem into the place in the file it comes from (a sheet and row).
    """
    org, problems = Org._build(
        name=name,
        date=as_of,
        units=units,
        posts=posts,
        people=people,
        appointments=appointments,
        links=links,
        history=history,
        lineage=lineage,
    )
    problems += org.check()
    if problems:
        raise file_error(path, problems, item=locate(problems[0]) if locate else None)
    return org


def file_error(path: str | Path, problems: list[Violation], *, item: str | None) -> FileError:
    """A :class:`FileError` for the first of ``problems`` that counts the others.

    No hint to run ``orgraph validate``: it reads only the native format.
    """
    return FileError.of(problems, path=path, item=item, hint=None)
