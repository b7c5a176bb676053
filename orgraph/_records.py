"""Copying and building records that are already valid, without validating them again.

Applying a large reform makes tens of thousands of records: every moved child, ended unit,
history event and lineage edge. Their values come from records and operations that
pydantic has already validated, so validating them again only costs time. These helpers
do what :meth:`pydantic.BaseModel.model_copy` and ``model_construct`` do, about five
times faster, and are only for values known to be valid.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["EMPTY", "replace", "trusted"]

_R = TypeVar("_R", bound=BaseModel)
_new = object.__new__
# pydantic keeps these in slots; writing through the slot descriptors skips the frozen
# model's __setattr__ and the attribute lookup.
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def replace(record: _R, changes: dict[str, Any], *, exact: bool = False) -> _R:
    """A copy of ``record`` with ``changes``, like ``model_copy(update=changes)``.

    The copy counts every field as set (the set shared as in :func:`trusted`): a record
    orgraph has changed is no longer what someone typed. With ``exact`` its fields-set is
    the record's plus the changed names, as with ``model_copy``; operations need that,
    since what was given decides what they do and how they are written.
    """
    cls = type(record)
    new = _new(cls)
    _set_dict(new, {**record.__dict__, **changes})
    if exact:
        _set_fields(new, record.__pydantic_fields_set__.union(changes))
    else:
        _set_fields(new, _ALL_FIELDS[cls])
    _set_extra(new, record.__pydantic_extra__)
    _set_private(new, record.__pydantic_private__)
    return new


def trusted(cls: type[_R], values: dict[str, Any], given: set[str] | None = None) -> _R:
    """A ``cls`` record from ``values``, which must hold every field, valid and in order.

    ``given`` is the set of fields counted as explicitly set. By default it is all of
    them (a record orgraph builds itself was not typed by anyone), as one set shared by
    every record of ``cls`` built this way: building a set per record costs more than
    the rest of this function, and pydantic never changes a frozen record's set in
    place (``model_copy`` copies it first).
    """
    new = _new(cls)
    _set_dict(new, values)
    _set_fields(new, _ALL_FIELDS[cls] if given is None else given)
    _set_extra(new, None)
    _set_private(new, None)
    return new


class _FieldSets(dict[type[BaseModel], set[str]]):
    """Every field of a record class, as one set that the records built here share."""

    def __missing__(self, cls: type[BaseModel]) -> set[str]:
        fields = self[cls] = set(cls.model_fields)
        return fields


_ALL_FIELDS = _FieldSets()


class _EmptyList(list[Any]):
    """A list that stays empty: the one that records orgraph builds share for empty fields.

    The history of a large reform has tens of thousands of empty effect and undo lists;
    sharing one saves their memory and the garbage collector's time. It refuses to
    change, since one change would show in every record that shares it.
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("this empty list belongs to frozen records and cannot change")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


EMPTY: list[Any] = _EmptyList()
"""The shared, unchangeable empty list (see :class:`_EmptyList`)."""
