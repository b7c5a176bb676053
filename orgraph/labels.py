"""Words for any country: the labels of tables and reports, in neutral English or Vietnamese.

Metrics and reports speak neutral English by default ("units", "staff quota"); pass
``lang="vi"`` (``--lang vi`` on the command line) for the words Vietnamese planners use
(đầu mối, biên chế, công chức, viên chức).

Examples
--------
>>> label("units", "en"), label("units", "vi")
('active units', 'đầu mối')
"""

from __future__ import annotations

from typing import Literal

__all__ = ["LABELS", "LANGUAGES", "Lang", "label"]

Lang = Literal["en", "vi"]
"""A language code for labels."""

LANGUAGES: tuple[str, ...] = ("en", "vi")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "measure": "measure",
        "value": "value",
        "count": "count",
        "units": "active units",
        "units_by_level": "active units by level",
        "units_by_kind": "active units by kind",
        "units_by_bloc": "active units by bloc",
        "units_by_depth": "active units by depth",
        "posts": "posts",
        "leadership_posts": "leadership posts",
        "vacant_posts": "vacant posts",
        "people": "people",
        "people_holding": "people holding a post",
        "people_concurrent": "people holding 2+ posts",
        "depth": "depth (levels below the top)",
        "span_max": "span of control: max",
        "span_mean": "span of control: mean",
        "quota": "staff quota",
        "level": "level",
        "civil_servants": "civil servants",
        "public_employees": "public employees",
        "contracts": "contracts",
        "total": "total",
        "all": "all",
        "funding": "funding regime",
        "concurrent_posts": "concurrent posts",
        "concurrency_by_roles": "concurrency by roles",
        "person": "person",
        "quota_cut": "quota cut",
        "units_change": "active units",
    },
    "vi": {
        "measure": "chỉ tiêu",
        "value": "giá trị",
        "count": "số lượng",
        "units": "đầu mối",
        "units_by_level": "đầu mối theo cấp",
        "units_by_kind": "đầu mối theo loại",
        "units_by_bloc": "đầu mối theo khối",
        "units_by_depth": "đầu mối theo tầng",
        "posts": "vị trí",
        "leadership_posts": "vị trí lãnh đạo",
        "vacant_posts": "vị trí trống",
        "people": "cán bộ",
        "people_holding": "cán bộ đang giữ chức vụ",
        "people_concurrent": "cán bộ kiêm nhiệm 2+ chức vụ",
        "depth": "số tầng dưới cấp trên cùng",
        "span_max": "tầm kiểm soát: lớn nhất",
        "span_mean": "tầm kiểm soát: trung bình",
        "quota": "biên chế",
        "level": "cấp",
        "civil_servants": "công chức",
        "public_employees": "viên chức",
        "contracts": "hợp đồng",
        "total": "tổng",
        "all": "tất cả",
        "funding": "cơ chế tài chính",
        "concurrent_posts": "kiêm nhiệm",
        "concurrency_by_roles": "kiêm nhiệm theo chức danh",
        "person": "cán bộ",
        "quota_cut": "biên chế cắt giảm",
        "units_change": "đầu mối",
    },
}
"""Every label, by language; both sets have the same keys."""


def label(key: str, lang: str = "en") -> str:
    """The label ``key`` in ``lang`` (``en`` or ``vi``); ValueError for another language."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return LABELS[lang][key]
