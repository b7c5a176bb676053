"""Words for the kinds of change and the operations, shared by charts, tables and reports.

English keeps orgraph's own codes (``merge``, ``absorb``...); Vietnamese uses the terms of
the docs' glossary (hợp nhất, sáp nhập, giải thể, chia tách...). A code with no entry
prints as itself.
"""

from __future__ import annotations

__all__ = ["CHANGES_VI", "LEVELS_VI", "OPERATIONS_VI"]

CHANGES_VI: dict[str, str] = {
    "merge": "hợp nhất",
    "absorb": "sáp nhập",
    "dissolve": "giải thể",
    "split": "chia tách",
    "transfer": "chuyển giao",
    "spin_off": "tách một phần",
    "replace": "thay thế",
    "rename": "đổi tên",
    "establish": "thành lập mới",
    "reestablish": "tái lập",
    "devolve": "chuyển giao cho cấp khác",
    "devolved": "chuyển giao cho cấp khác",
    "left_scope": "ra khỏi phạm vi quản lý",
}
"""Lineage change kinds (``LineageEdge.change``) in Vietnamese."""

OPERATIONS_VI: dict[str, str] = {
    **CHANGES_VI,
    "reparent": "điều chỉnh trực thuộc",
    "transfer_function": "chuyển chức năng",
    "add_function": "bổ sung chức năng",
    "remove_function": "bãi bỏ chức năng",
    "change_funding": "chuyển đổi cơ chế tự chủ",
    "set_quota": "điều chỉnh biên chế",
    "concurrent_role": "nhất thể hóa chức danh",
    "create_post": "tạo chức vụ",
    "abolish_post": "bãi bỏ chức vụ",
    "move_post": "chuyển chức vụ",
    "appoint": "bổ nhiệm",
    "release": "miễn nhiệm",
    "rotate": "luân chuyển",
    "add_person": "bổ sung cán bộ",
    "rename_person": "đổi tên cán bộ",
    "add_link": "thêm quan hệ",
    "remove_link": "bỏ quan hệ",
    "set_attrs": "cập nhật thuộc tính",
    "restore": "khôi phục",
    "leave_scope": "ra khỏi phạm vi quản lý",
    "split_onto": "chia tách vào đơn vị hiện có",
    "continue_post": "chức vụ kế tục",
}
"""Operation names (``op``) in Vietnamese."""

LEVELS_VI: dict[str, str] = {
    "national": "trung ương",
    "country": "quốc gia",
    "province": "tỉnh",
    "district": "huyện",
    "commune": "xã",
    "ward": "phường",
    "town": "thị trấn",
    "village": "thôn",
}
"""The level codes of Vietnam's administrative tiers, as Vietnamese planners say them.

Other level codes are data, and print as they are written.
"""
