"""Vietnam's administrative units before and after 1 July 2025, and the reform between them.

The data come from the MIT-licensed package ``vietnamadminunits`` (the ``vn`` extra):
the 63-province list in force until 30 June 2025 (provinces, districts, communes), the
34-province list in force from 1 July 2025 (provinces and communes; the district tier is
gone) and its old-to-new mapping, in which a few hundred old communes are divided among
several new ones.

Ids are ASCII and built from the official codes, so they are stable between releases:

========================== ======================== ==========================
unit                       2024 list                2025 list
========================== ======================== ==========================
the country                ``vn``                   ``vn``
province or central city   ``p-22``                 ``p25-22``
district                   ``d-205``                (none)
commune, ward, township    ``c-06700``              ``c25-06895``
========================== ======================== ==========================

Kinds follow the official name: ``province`` and ``city`` (Tỉnh, Thành phố) for
provinces; ``district``, ``urban_district``, ``town`` and ``city`` (Huyện, Quận, Thị xã,
Thành phố) for districts; ``commune``, ``ward``, ``township`` and ``special_zone`` (Xã,
Phường, Thị trấn, Đặc khu) for communes. The name is preferred over the package's type
column, which disagrees with the name for a handful of units (``Phường 5`` of Phú Nhuận
is typed ``Xã`` there).

What the data of ``vietnamadminunits`` 1.0.4 hold:

* 2024: 63 provinces, 696 districts and 10,035 communes (7,692 communes, 1,726 wards,
  617 townships) in 10,040 rows: five island districts (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa,
  Lý Sơn, Côn Đảo) have no communes and fill a row each. Each becomes a special zone.
* 2025: 34 provinces and 3,321 communes (2,621 communes, 687 wards, 13 special zones).
* Mapping: 9,564 old communes and the five island districts go whole into one new
  commune; 471 old communes are divided among 2 to 5 new ones (1,033 parts). Every new
  province keeps the name of one of the provinces it is made of; seven take another
  one's code (An Giang takes 91, Kiên Giang's).
"""

from __future__ import annotations

from orgraph.datasets.vietnam._reform import reform_2025
from orgraph.datasets.vietnam._units import admin_units_2024, admin_units_2025

__all__ = ["admin_units_2024", "admin_units_2025", "reform_2025"]
