"""The records a structure is made of: units, posts, people, appointments and links.

All are small frozen pydantic models that refuse unknown fields. Text is normalised to
Unicode NFC on the way in, so the same name typed on two keyboards compares equal.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    StringConstraints,
    field_validator,
    model_serializer,
    model_validator,
)

__all__ = [
    "LEADERSHIP_ROLES",
    "MAX_QUOTA",
    "QUOTA_FIELDS",
    "Appointment",
    "Attrs",
    "Code",
    "CodeSet",
    "DatePrecision",
    "Effects",
    "FrozenDict",
    "Funding",
    "Id",
    "LineageEdge",
    "Link",
    "Move",
    "Person",
    "Post",
    "Quota",
    "QuotaCount",
    "Text",
    "Unit",
    "UnitCode",
    "date_text",
    "dates_written",
    "escaped",
    "freeze",
    "nfc",
    "reduced_dates",
    "thaw",
]


class FrozenDict(dict[str, Any]):
    """A dict that refuses every change: what records hold for free-form ``attrs``.

    A frozen record holding a plain dict would still change through it (and so would
    every copy sharing the record). Nested lists are tuples and nested dicts are frozen
    too (see :func:`freeze`). It compares, serialises, pickles and copies like a dict;
    ``dict(frozen)`` or ``frozen.copy()`` gives a plain, changeable one.
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("this mapping belongs to a frozen record and cannot change")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, Any]]]:
        return (type(self), (dict(self),))


def freeze(value: Any) -> Any:
    """``value`` with every dict a :class:`FrozenDict` and every list a tuple, all the way
    down (JSON values: what ``attrs`` hold)."""
    if isinstance(value, dict):
        if isinstance(value, FrozenDict):
            return value
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any, _path: frozenset[int] = frozenset()) -> Any:
    """The plain JSON value of a frozen one (dicts and lists), for writing out.

    A value that contains itself (a YAML anchor can) is left as it is, for validation
    to refuse.
    """
    if isinstance(value, dict | list | tuple):
        if id(value) in _path:
            return value
        path = _path | {id(value)}
        if isinstance(value, dict):
            return {k: thaw(v, path) for k, v in value.items()}
        return [thaw(v, path) for v in value]
    return value


Attrs = Annotated[
    dict[str, JsonValue],
    BeforeValidator(thaw),  # a frozen value given again (tuples are not JSON lists)
    AfterValidator(freeze),
    PlainSerializer(thaw, return_type=dict[str, JsonValue]),
]
"""Free-form attributes: any JSON object, held frozen (:class:`FrozenDict`)."""


def nfc(value: str) -> str:
    """``value`` in Unicode NFC, as records hold their ids and text (look-ups use it, so
    an id typed decomposed, as some keyboards and file systems do, finds its record)."""
    return value if value.isascii() else unicodedata.normalize("NFC", value)


_nfc = nfc


def escaped(value: str) -> str:
    """``value`` with every character that prints nothing or moves the text (control,
    format, separator) written as an escape such as ``\\u200b``, for error messages."""
    if value.isprintable():
        return value
    return "".join(
        c if c.isprintable() else (f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
        for c in value
    )


def _no_invisible(what: str) -> Any:
    def check(value: str) -> str:
        # Format characters (zero widths, bidi controls, the byte-order mark, the soft
        # hyphen) and control characters print nothing: two ids differing only by them
        # look the same, and one of them would be a trap.
        if value.isascii():
            return value
        bad = next((c for c in value if unicodedata.category(c) in ("Cf", "Cc")), None)
        if bad is not None:
            name = unicodedata.name(bad, "a control character")
            raise ValueError(
                f"{what} cannot contain invisible characters: '{escaped(value)}' has "
                f"U+{ord(bad):04X} ({name.lower()})"
            )
        return value

    return AfterValidator(check)


ID_PATTERN = r"^[^\s\x00-\x1f\x7f]+$"
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$"
PATTERN_MEANINGS = {
    ID_PATTERN: "an id cannot contain spaces or control characters",
    CODE_PATTERN: "a code is ASCII letters, digits and _ . - (starting with a letter or digit)",
    TEXT_PATTERN: (
        "text cannot contain control characters other than tab and line breaks, nor bidi "
        "embedding, override or isolate controls (U+202A-U+202E, U+2066-U+2069)"
    ),
}
"""What each pattern means, for error messages."""

# Constraints come before the NFC step so that pydantic-core checks them natively.
Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=ID_PATTERN),
    _no_invisible("an id"),
    AfterValidator(_nfc),
]
"""An identifier: 1-200 characters, no white space, control or format characters.

Format characters (Unicode category Cf: zero-width space and joiners, bidi controls, the
byte-order mark, the soft hyphen) are refused as control characters (Cc) are: they print
nothing, so two ids differing only by them would look the same.
"""

Code = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100, pattern=CODE_PATTERN),
]
"""A machine code such as ``party_board`` or ``district``: ASCII letters, digits, ``_.-``."""

CodeSet = Annotated[frozenset[Code], PlainSerializer(sorted, return_type=list[str])]
"""A set of codes, written sorted so that files and dumps are stable."""

Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000, pattern=TEXT_PATTERN),
    AfterValidator(_nfc),
]
"""Human text such as a name or a title, normalised to NFC.

Tabs and line breaks are allowed; other control characters are refused, since they have
no printed form and break XML, spreadsheets and terminals. So are the bidi embedding,
override and isolate controls (U+202A-U+202E, U+2066-U+2069), which reorder how the text
around them is shown (a name could display as another). Other format characters stay:
the zero-width joiner and non-joiner spell words in Persian and Indic scripts and emoji,
and the left-to-right and right-to-left marks are how mixed Arabic or Hebrew names are
written correctly.
"""

UnitCode = Annotated[str, StringConstraints(min_length=1, max_length=100), _no_invisible("a code")]
"""A unit's official code (such as a statistics office's code): 1-100 characters, no
control or format characters (as for :data:`Id`)."""

Funding = Literal["state", "partial", "self"]
"""Funding regime of a unit: fully state-funded, partly or fully self-financed."""

LEADERSHIP_ROLES: frozenset[str] = frozenset(
    {
        "head",
        "deputy",
        "party_secretary",
        "deputy_party_secretary",
        "committee_chair",
        "deputy_committee_chair",
        "council_chair",
        "deputy_council_chair",
        "front_chair",
        "deputy_front_chair",
        "director",
        "deputy_director",
        "chief",
        "deputy_chief",
        "principal",
        "vice_principal",
        "cell_secretary",
        "village_head",
    }
)
"""Role codes whose posts count as leadership when a post does not say otherwise."""


DatePrecision = Literal["year", "month", "day"]
"""How much of a date is known: a date known to the year or the month stands for its
first day (1 January, or the 1st of the month), which comparisons and ``as_of`` use."""

_REDUCED = re.compile(r"(\d{4})(?:-(\d{2}))?")


def date_text(value: date | None, precision: DatePrecision = "day") -> str | None:
    """``value`` as written: ``1996`` or ``1996-05`` when known only to the year or month."""
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def reduced_dates(data: Any, fields: tuple[str, ...]) -> Any:
    """``data`` with each of ``fields`` given as ``1996`` or ``1996-05`` made its first day,
    and its ``<field>_precision`` set to ``year`` or ``month``.

    Only text: a bare integer (YAML reads an unquoted ``1996`` as one) is left for the
    date field to refuse (a file's error message says to quote it).
    """
    if not isinstance(data, dict):
        return data
    changed: dict[str, Any] | None = None
    for name in fields:
        value = data.get(name)
        if not isinstance(value, str) or len(value) not in (4, 7):
            continue
        match = _REDUCED.fullmatch(value)
        if match is None:
            continue
        year, month = int(match[1]), int(match[2] or 1)
        if not 1 <= month <= 12:
            raise ValueError(f"{name} {value!r}: no month {month}")
        precision = "month" if match[2] else "year"
        key = f"{name}_precision"
        given = data.get(key)
        if given is not None and given != precision:
            raise ValueError(f"{name} {value!r} is known to the {precision}, not the {given}")
        changed = changed if changed is not None else dict(data)
        changed[name] = date(year, month, 1)
        changed[key] = precision
    return data if changed is None else changed


def _check_precisions(record: BaseModel, fields: tuple[str, ...]) -> None:
    """Refuse a precision without its date, or a reduced one on a day that is not the first."""
    for name in fields:
        precision = getattr(record, f"{name}_precision")
        if precision == "day":
            continue
        value = getattr(record, name)
        if value is None:
            raise ValueError(f"{name}_precision {precision} with no {name}")
        if value.day != 1 or (precision == "year" and value.month != 1):
            first = "1 January" if precision == "year" else "the 1st of the month"
            raise ValueError(f"{name} {value} is known to the {precision}: give {first}")


def _not_a_number(value: Any) -> Any:
    # Pydantic reads a number given for a date as a Unix timestamp (0 is 1970-01-01) and
    # true as nothing a user meant: a date is text (or a date value), never a number.
    if isinstance(value, int | float):
        word = str(value).lower() if isinstance(value, bool) else repr(value)
        year = isinstance(value, int) and 1000 <= value <= 9999
        example = f"'{value}-01-01', or '{value}' for the year alone" if year else None
        hint = f" ({example})" if example and not isinstance(value, bool) else ""
        raise ValueError(f"write the date as YYYY-MM-DD, quoted{hint}, not {word}")
    return value


def dates_written(*fields: str) -> Any:
    """A before-validator for the date ``fields`` of a model: numbers and booleans are
    refused ("write the date as YYYY-MM-DD, quoted"), rather than read as timestamps.

    Give it a distinct attribute name in each class (a subclass reusing the name would
    replace its base's): ``_dates = dates_written("founded", "ended")``.
    """
    return field_validator(*fields, mode="before")(staticmethod(_not_a_number))


class _Record(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", coerce_numbers_to_str=True, validate_default=False
    )


MAX_QUOTA = 10_000_000
"""The largest count a quota part may hold.

Ten million is far above any one body's staff (a whole country's civil service is
counted in hundreds of thousands to a few million; the largest employers on earth have
about three million staff), yet small enough that a typing slip (``1e23``, a pasted
phone number) is caught, and that any sum of quotas stays exact in a spreadsheet (whose
numbers are doubles) and in JSON readers that read numbers as doubles.
"""


_PADDED = re.compile(r"[-+]?[0-9]{1,20}")


def _whole_count(value: Any) -> Any:
    # A count is an integer as written: lax mode would read true as 1, "5" as 5 and
    # 5.0 as 5, and a boolean or a string there is a slip, not a number. The one text
    # taken is a number the file reader kept as text because it does not print back the
    # same (a plain YAML ``010`` or ``+5``): it is the decimal number it spells.
    if isinstance(value, str) and _PADDED.fullmatch(value) and str(int(value)) != value:
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        word = str(value).lower() if isinstance(value, bool) else repr(value)
        raise ValueError(f"a quota is a whole number from 0 to {MAX_QUOTA:,}, not {word}")
    return value


QuotaCount = Annotated[int, Field(ge=0, le=MAX_QUOTA), BeforeValidator(_whole_count)]
"""A staff count: a whole number from 0 to :data:`MAX_QUOTA`, written as a number.

Booleans, strings (``"5"``) and floats (``5.0``) are refused rather than converted. The
one text read as a count is a signed or zero-padded decimal that a file reader keeps as
text because it does not print back the same (a plain YAML ``010`` is 10, never the octal
8). Importers of spreadsheets and frames turn their number cells into integers first.
"""


class Quota(_Record):
    """Staff quota of a unit (biên chế). ``None`` means not known or not set.

    Each part is a whole number from 0 to 10,000,000 (:data:`MAX_QUOTA`).
    """

    civil_servants: QuotaCount | None = None
    public_employees: QuotaCount | None = None
    contracts: QuotaCount | None = None

    @property
    def total(self) -> int:
        """Sum of the known parts."""
        return sum(v for v in (self.civil_servants, self.public_employees, self.contracts) if v)

    def is_empty(self) -> bool:
        """True when no part is known."""
        return (
            self.civil_servants is None
            and self.public_employees is None
            and (self.contracts is None)
        )

    def __add__(self, other: Quota) -> Quota:
        if other.is_empty():
            return self
        if self.is_empty():
            return other

        def add(a: int | None, b: int | None) -> int | None:
            return None if a is None and b is None else (a or 0) + (b or 0)

        return Quota(
            civil_servants=add(self.civil_servants, other.civil_servants),
            public_employees=add(self.public_employees, other.public_employees),
            contracts=add(self.contracts, other.contracts),
        )


QUOTA_FIELDS: tuple[str, ...] = ("civil_servants", "public_employees", "contracts")

_NO_QUOTA = Quota()
"""The default quota of a unit without one (test ``quota.is_empty()``, not identity)."""


class Unit(_Record):
    """A body: an agency, office, board, service unit, school, commune or village."""

    id: Id
    name: Text
    kind: Code
    level: Code
    bloc: Code | None = None
    parent: Id | None = None
    code: UnitCode | None = None
    functions: CodeSet = frozenset()
    quota: Quota = _NO_QUOTA
    funding: Funding | None = None
    founded: date | None = None
    ended: date | None = None
    attrs: Attrs = Field(default_factory=FrozenDict, json_schema_extra={"default": {}})
    #: How much of ``founded`` / ``ended`` is known (``1996`` and ``1996-05`` are read as
    #: their first day with precision ``year`` / ``month``); left out of files when ``day``.
    founded_precision: DatePrecision = "day"
    ended_precision: DatePrecision = "day"

    @model_validator(mode="before")
    @classmethod
    def _reduced_precision(cls, data: Any) -> Any:
        return reduced_dates(data, _UNIT_DATES)

    _unit_dates = dates_written("founded", "ended")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Unit:
        if self.founded and self.ended and self.ended < self.founded:
            raise ValueError(f"ended {self.ended} is before founded {self.founded}")
        if self.parent == self.id:
            raise ValueError("a unit cannot be its own parent")
        _check_precisions(self, _UNIT_DATES)
        return self

    @property
    def active(self) -> bool:
        """True while the unit has not ended."""
        return self.ended is None


_UNIT_DATES = ("founded", "ended")
_APPOINTMENT_DATES = ("start", "end")


class Post(_Record):
    """A position inside a unit, such as its head or a commune civil-servant post.

    ``leadership`` defaults to true for the roles in :data:`LEADERSHIP_ROLES`; ``attrs``
    holds free facts such as a rank or a portfolio group.
    """

    id: Id
    unit: Id
    title: Text
    role: Code
    leadership: bool = False
    ended: date | None = None
    attrs: Attrs = Field(default_factory=FrozenDict, json_schema_extra={"default": {}})

    _post_dates = dates_written("ended")

    @model_serializer(mode="wrap")
    def _always_leadership(self, handler: SerializerFunctionWrapHandler) -> Any:
        # Written even when false: a reader would otherwise derive it from the role.
        data = handler(self)
        if isinstance(data, dict) and "leadership" not in data:
            data["leadership"] = self.leadership
        return data

    @property
    def active(self) -> bool:
        """True while the post has not been abolished."""
        return self.ended is None

    @model_validator(mode="before")
    @classmethod
    def _default_leadership(cls, data: Any) -> Any:
        if isinstance(data, dict) and "leadership" not in data and "role" in data:
            return {**data, "leadership": str(data["role"]) in LEADERSHIP_ROLES}
        return data


class Person(_Record):
    """A person who can hold posts."""

    id: Id
    name: Text
    attrs: Attrs = Field(default_factory=FrozenDict, json_schema_extra={"default": {}})


class Appointment(_Record):
    """A person holding a post from ``start`` to ``end`` (open-ended while ``end`` is None)."""

    person: Id
    post: Id
    start: date | None = None
    end: date | None = None
    acting: bool = False
    #: How much of ``start`` / ``end`` is known (see :class:`Unit`).
    start_precision: DatePrecision = "day"
    end_precision: DatePrecision = "day"

    @model_validator(mode="before")
    @classmethod
    def _reduced_precision(cls, data: Any) -> Any:
        return reduced_dates(data, _APPOINTMENT_DATES)

    _appointment_dates = dates_written("start", "end")

    @model_validator(mode="after")
    def _end_after_start(self) -> Appointment:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        _check_precisions(self, _APPOINTMENT_DATES)
        return self

    @property
    def active(self) -> bool:
        """True while the appointment has not ended."""
        return self.end is None

    def overlaps(self, other: Appointment) -> bool:
        """True when both are held on some day (whoever holds them, whatever the post).

        An appointment is held on day D when ``start <= D`` (or it has no start) and
        ``D < end`` (or it has no end): one ending the day the other starts does not
        overlap it, and one ending the day it starts is never held.
        """
        if self.start is not None and self.end is not None and self.end <= self.start:
            return False
        if other.start is not None and other.end is not None and other.end <= other.start:
            return False
        return (self.start is None or other.end is None or self.start < other.end) and (
            other.start is None or self.end is None or other.start < self.end
        )


class Link(_Record):
    """A typed relation between two units besides the administrative parent.

    ``kind`` is a code such as ``dotted_line``, ``guidance`` or ``coordination``.
    """

    source: Id
    target: Id
    kind: Code
    note: Text | None = None

    @model_validator(mode="after")
    def _not_a_loop(self) -> Link:
        if self.source == self.target:
            raise ValueError("a link cannot join a unit to itself")
        return self


# ------------------------------------------------------------------ history records
class _HistoryRecord(BaseModel):
    # Written by orgraph itself: every default is valid, so defaults are not validated.
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


class LineageEdge(_HistoryRecord):
    """``predecessor`` became (part of) ``successor`` through ``change`` in event ``event``."""

    predecessor: Id
    successor: Id
    change: Code
    event: str
    effective: date | None = None
    effective_precision: DatePrecision = "day"
    """How much of ``effective`` is known: that of the operation's date."""

    @model_validator(mode="before")
    @classmethod
    def _reduced_precision(cls, data: Any) -> Any:
        return reduced_dates(data, ("effective",))

    _lineage_dates = dates_written("effective")


class Move(_HistoryRecord):
    """Something that went from one unit to another (``target`` None: it was dropped)."""

    what: Literal["unit", "post", "function", "link", "quota"]
    id: str
    source: Id | None = None
    target: Id | None = None


class Effects(_HistoryRecord):
    """What one operation established, ended, moved, released and cut."""

    established: tuple[Id, ...] = ()
    ended: tuple[Id, ...] = ()
    moved: tuple[Move, ...] = ()
    changed: tuple[Id, ...] = ()
    created_posts: tuple[Id, ...] = ()
    abolished_posts: tuple[Id, ...] = ()
    appointed: tuple[Appointment, ...] = ()
    released: tuple[Appointment, ...] = ()
    links_dropped: tuple[Link, ...] = ()
    quota_cut: Quota = Quota()
