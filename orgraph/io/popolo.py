"""Popolo JSON (https://www.popoloproject.com): organizations, posts, persons, memberships.

========================= ==================================================================
orgraph                   Popolo
========================= ==================================================================
unit                      organization: ``id``, ``name``, ``classification`` (the kind),
                          ``parent_id``, ``founding_date``, ``dissolution_date``,
                          ``identifiers`` (the code, scheme ``code``)
post                      post: ``id``, ``label`` (the title), ``role``,
                          ``organization_id``, ``end_date`` (when abolished)
person                    person: ``id``, ``name``
appointment               membership: ``id``, ``person_id``, ``post_id``,
                          ``organization_id``, ``role``, ``start_date``, ``end_date``
========================= ==================================================================

What Popolo has no field for travels in an ``orgraph`` object on the record (level,
bloc, functions, quota, funding and attributes of a unit; ``leadership`` of a post;
``acting`` of a membership; attributes of a person) and, at the top of the document,
the structure's name and date, the links between units, the history and the lineage.
Popolo readers ignore these, and a round trip through orgraph is exact.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from orgraph.errors import FileError, UnreadableFileError
from orgraph.history import Event, LineageEdge
from orgraph.io._files import atomic_write, plain_message
from orgraph.io.interchange import (
    finish_org,
    given_name,
    parse_date,
    parse_reduced_date,
    read_text,
)
from orgraph.model import Appointment, Link, Person, Post, Unit, date_text
from orgraph.org import Org

__all__ = ["export_popolo", "import_popolo", "to_popolo"]

_M = TypeVar("_M", bound=BaseModel)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_LINKS = TypeAdapter(list[Link])
_HISTORY = TypeAdapter(list[Event])
_LINEAGE = TypeAdapter(list[LineageEdge])


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, {}, [])}


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def to_popolo(org: Org) -> dict[str, Any]:
    """The structure as a Popolo JSON document (a mapping).

    Examples
    --------
    >>> import orgraph
    >>> doc = to_popolo(orgraph.load("examples/dam_ha/org.yaml"))
    >>> sorted(doc)
    ['memberships', 'organizations', 'orgraph', 'persons', 'posts']
    >>> doc["posts"][0]["organization_id"]
    'huyen-uy'
    """
    organizations = []
    for u in org.units(include_ended=True):
        quota = u.quota.model_dump(exclude_none=True)
        extra: dict[str, Any] = {"level": u.level, "bloc": u.bloc}
        extra["functions"] = sorted(u.functions)
        extra |= {"quota": quota, "funding": u.funding, "attrs": u.attrs}
        organizations.append(
            _clean(
                {
                    "id": u.id,
                    "name": u.name,
                    "classification": u.kind,
                    "parent_id": u.parent,
                    "founding_date": date_text(u.founded, u.founded_precision),
                    "dissolution_date": date_text(u.ended, u.ended_precision),
                    "identifiers": [{"identifier": u.code, "scheme": "code"}] if u.code else [],
                    "orgraph": _clean(extra),
                }
            )
        )
    posts = {p.id: p for p in org.posts(include_ended=True)}
    post_records = [
        _clean(
            {
                "id": p.id,
                "label": p.title,
                "role": p.role,
                "organization_id": p.unit,
                "end_date": _iso(p.ended),
                "orgraph": _clean({"leadership": p.leadership, "attrs": p.attrs}),
            }
        )
        for p in posts.values()
    ]
    persons = [
        _clean({"id": p.id, "name": p.name, "orgraph": _clean({"attrs": p.attrs})})
        for p in org.people()
    ]
    memberships = []
    for a in org.appointments(include_ended=True):
        post = posts[a.post]
        memberships.append(
            _clean(
                {
                    "id": f"{a.person}/{a.post}/{_iso(a.start) or '-'}",
                    "person_id": a.person,
                    "post_id": a.post,
                    "organization_id": post.unit,
                    "role": post.role,
                    "start_date": date_text(a.start, a.start_precision),
                    "end_date": date_text(a.end, a.end_precision),
                    "orgraph": {"acting": True} if a.acting else None,
                }
            )
        )
    about: dict[str, Any] = {"format_version": 1, "name": org.name, "as_of": _iso(org.date)}
    about["links"] = _LINKS.dump_python(list(org.links()), mode="json", exclude_none=True)
    if org.history:
        about["history"] = _HISTORY.dump_python(
            list(org.history), mode="json", exclude_defaults=True
        )
    if org.lineage:
        about["lineage"] = _LINEAGE.dump_python(list(org.lineage), mode="json", exclude_none=True)
    return {
        "persons": persons,
        "organizations": organizations,
        "posts": post_records,
        "memberships": memberships,
        "orgraph": _clean(about),
    }


def export_popolo(org: Org, path: str | Path) -> None:
    """Write the structure as Popolo JSON (UTF-8, not escaped), atomically.

    Parameters
    ----------
    org : Org
        The structure.
    path : str or Path
        The file to write, by convention ``*.popolo.json``.
    """
    atomic_write(path, json.dumps(to_popolo(org), ensure_ascii=False, indent=2) + "\n")


def _code(value: Any, default: str) -> str:
    """A code from free text such as ``"Member of Parliament"`` -> ``member_of_parliament``."""
    if value is None or str(value).strip() == "":
        return default
    text = str(value).strip()
    if _CODE.match(text) and len(text) <= 100:
        return text
    ascii_text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:100]
    return slug or default


def _date(value: Any) -> Any:
    # Popolo allows reduced precision (2019 or 2019-05): take the first day of the period.
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2})?", value.strip()):
        value = (value.strip() + "-01-01")[:10]
    return parse_date(value)


def _reduced(value: Any) -> Any:
    # A unit's or a membership's date of reduced precision: the record keeps it.
    return parse_reduced_date(value)


def _validate(model: type[_M], record: dict[str, Any]) -> _M:
    # A missing value should read "missing field", not "should be a valid string".
    return model.model_validate({k: v for k, v in record.items() if v is not None})


def _identifier(record: dict[str, Any], scheme: str) -> str | None:
    for entry in record.get("identifiers") or []:
        if isinstance(entry, dict) and entry.get("scheme") == scheme and entry.get("identifier"):
            return str(entry["identifier"])
    return None


def _list(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = document.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"'{key}' must be a list of objects")
    return value


def import_popolo(path: str | Path, *, name: str | None = None) -> Org:
    """Read a structure from Popolo JSON.

    Reads what :func:`export_popolo` writes, and plain Popolo: an organization without
    ``orgraph`` data gets level ``unknown`` and its ``classification`` (made a code) as
    kind; a post's role is made a code (``"Chủ tịch"`` -> ``chu_tich``); a membership
    without ``post_id`` is held in a post ``<organization_id>#<role>`` made for it.

    Parameters
    ----------
    path : str or Path
        The Popolo JSON file.
    name : str, optional
        The structure's name (default: the document's ``orgraph.name``, else the file
        name).
    """
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise UnreadableFileError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=path
        ) from None
    if not isinstance(document, dict):
        raise FileError("the top level must be an object with 'organizations'", path=path)
    where = "organizations"
    try:
        units, posts, people, appointments = [], {}, [], []
        for i, record in enumerate(_list(document, "organizations")):
            where = f"organizations[{i}]"
            extra = record.get("orgraph") or {}
            units.append(
                _validate(
                    Unit,
                    {
                        "id": record.get("id"),
                        "name": record.get("name"),
                        "kind": _code(record.get("classification"), "organization"),
                        "level": extra.get("level", "unknown"),
                        "bloc": extra.get("bloc"),
                        "parent": record.get("parent_id"),
                        "code": _identifier(record, "code"),
                        "functions": extra.get("functions", []),
                        "quota": extra.get("quota", {}),
                        "funding": extra.get("funding"),
                        "founded": _reduced(record.get("founding_date")),
                        "ended": _reduced(record.get("dissolution_date")),
                        "attrs": extra.get("attrs", {}),
                    },
                )
            )
        for i, record in enumerate(_list(document, "posts")):
            where = f"posts[{i}]"
            extra = record.get("orgraph") or {}
            post = {
                "id": record.get("id"),
                "unit": record.get("organization_id"),
                "title": record.get("label") or record.get("role"),
                "role": _code(record.get("role"), "member"),
                "ended": _date(record.get("end_date")),
            }
            if "leadership" in extra:
                post["leadership"] = extra["leadership"]
            if extra.get("attrs"):
                post["attrs"] = extra["attrs"]
            posts[str(post["id"])] = _validate(Post, post)
        for i, record in enumerate(_list(document, "persons")):
            where = f"persons[{i}]"
            extra = record.get("orgraph") or {}
            people.append(
                _validate(
                    Person,
                    {"id": record.get("id"), "name": record.get("name")}
                    | {"attrs": extra.get("attrs", {})},
                )
            )
        for i, record in enumerate(_list(document, "memberships")):
            where = f"memberships[{i}]"
            post_id = record.get("post_id")
            if post_id is None and record.get("organization_id") is not None:
                role = _code(record.get("role"), "member")
                post_id = f"{record['organization_id']}#{role}"
                if post_id not in posts:
                    posts[post_id] = Post(
                        id=post_id,
                        unit=record["organization_id"],
                        title=record.get("label") or record.get("role") or role,
                        role=role,
                    )
            appointments.append(
                _validate(
                    Appointment,
                    {
                        "person": record.get("person_id"),
                        "post": post_id,
                        "start": _reduced(record.get("start_date")),
                        "end": _reduced(record.get("end_date")),
                        "acting": (record.get("orgraph") or {}).get("acting", False),
                    },
                )
            )
        where = "orgraph"
        about = document.get("orgraph") or {}
        links = _LINKS.validate_python(about.get("links", []))
        history = _HISTORY.validate_python(about.get("history", []))
        lineage = _LINEAGE.validate_python(about.get("lineage", []))
        as_of = parse_date(about.get("as_of"))
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in error["loc"])
        message = plain_message(error)
        raise FileError(message, path=path, item=f"{where}.{loc}" if loc else where) from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise FileError(str(exc), path=path, item=where) from None
    return finish_org(
        path,
        name=given_name(name) or about.get("name") or Path(path).name.split(".")[0],
        as_of=as_of,
        units=units,
        posts=posts.values(),
        people=people,
        appointments=appointments,
        links=links,
        history=history,
        lineage=lineage,
    )
