"""The 2024 and 2025 lists of administrative units as structures."""

from __future__ import annotations

from functools import lru_cache

from orgraph.datasets.vietnam._source import BEFORE, EFFECTIVE, _data
from orgraph.model import Unit
from orgraph.org import Org

__all__ = ["admin_units_2024", "admin_units_2025"]


def _country() -> Unit:
    return Unit(id="vn", name="Việt Nam", kind="country", level="country", code="VN")


@lru_cache(maxsize=1)
def _units_2024() -> tuple[Unit, ...]:
    data = _data()
    units = [_country()]
    units += [
        Unit(
            id=f"p-{a.code}",
            name=a.name,
            kind=a.kind,
            level="province",
            parent="vn",
            code=a.code,
        )
        for a in data.provinces_2024
    ]
    units += [
        Unit(
            id=f"d-{a.code}",
            name=a.name,
            kind=a.kind,
            level="district",
            parent=f"p-{a.parent}",
            code=a.code,
        )
        for a in data.districts_2024
    ]
    units += [
        Unit(
            id=f"c-{a.code}",
            name=a.name,
            kind=a.kind,
            level="commune",
            parent=f"d-{a.parent}",
            code=a.code,
        )
        for a in data.communes_2024
    ]
    return tuple(units)


@lru_cache(maxsize=1)
def _units_2025() -> tuple[Unit, ...]:
    data = _data()
    units = [_country()]
    units += [
        Unit(
            id=f"p25-{a.code}",
            name=a.name,
            kind=a.kind,
            level="province",
            parent="vn",
            code=a.code,
        )
        for a in data.provinces_2025
    ]
    units += [
        Unit(
            id=f"c25-{a.code}",
            name=a.name,
            kind=a.kind,
            level="commune",
            parent=f"p25-{a.parent}",
            code=a.code,
        )
        for a in data.communes_2025
    ]
    return tuple(units)


def admin_units_2024() -> Org:
    """Vietnam's administrative units on 30 June 2025: 63 provinces, districts, communes.

    Returns
    -------
    Org
        The country ``vn``; its provinces and centrally-run cities (``p-<code>``, level
        ``province``); their districts (``d-<code>``, level ``district``); and the
        communes, wards and townships (``c-<code>``, level ``commune``), each with its
        official name and code.

    Raises
    ------
    DependencyError
        If the ``vn`` extra (the ``vietnamadminunits`` package) is not installed.

    Examples
    --------
    >>> org = admin_units_2024()
    >>> org.unit("p-22").name
    'Tỉnh Quảng Ninh'
    >>> [u.name for u in org.children("d-200")][:2]
    ['Thị trấn Đầm Hà', 'Xã Quảng Lâm']
    """
    return Org.create(
        name="Việt Nam: đơn vị hành chính đến 30/6/2025",
        date=BEFORE,
        units=_units_2024(),
    )


def admin_units_2025() -> Org:
    """Vietnam's administrative units from 1 July 2025: 34 provinces and their communes.

    There is no district tier: communes, wards and special zones (``c25-<code>``, level
    ``commune``) hang directly under their province (``p25-<code>``).

    Returns
    -------
    Org
        The country ``vn``, its provinces and their communes with official names and codes.

    Raises
    ------
    DependencyError
        If the ``vn`` extra (the ``vietnamadminunits`` package) is not installed.

    Examples
    --------
    >>> org = admin_units_2025()
    >>> sorted(u.name for u in org.children("p25-22") if "Đầm Hà" in u.name)
    ['Xã Đầm Hà']
    """
    return Org.create(
        name="Việt Nam: đơn vị hành chính từ 1/7/2025",
        date=EFFECTIVE,
        units=_units_2025(),
    )
