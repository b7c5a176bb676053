"""The United Kingdom's public bodies as GOV.UK lists them, with their closures as history.

The data are a snapshot of the GOV.UK organisations API of 22 August 2026 (1,262
organisations), shipped compressed inside orgraph (``data/``, with its notice).
Contains public sector information licensed under the Open Government Licence v3.0.
Source: GOV.UK organisations API, snapshot of 22 August 2026.

:func:`organisations` reads it with :func:`orgraph.govuk.build_govuk`, whose module
documentation states every rule (administrative parent, closures as typed operations,
dates).

Examples
--------
>>> from orgraph.datasets import uk_govuk
>>> org = uk_govuk.organisations()
>>> org.unit("cabinet-office").kind
'ministerial_department'
>>> sum(1 for e in org.history if e.operation.op == "split_onto")
14
"""

from __future__ import annotations

import json
import lzma
from functools import lru_cache
from importlib import resources
from typing import Any

from orgraph.govuk import SNAPSHOT, build_govuk
from orgraph.org import Org

__all__ = ["ATTRIBUTION", "SNAPSHOT", "organisations", "raw"]

ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Source: GOV.UK organisations API, snapshot of 22 August 2026."
)
"""The attribution the Open Government Licence asks for; repeat it wherever you publish."""

_FILE = "govuk-organisations-2026-08-22.json.xz"


@lru_cache(maxsize=1)
def _text() -> str:
    data = resources.files("orgraph.datasets").joinpath("data", _FILE).read_bytes()
    return lzma.decompress(data).decode("utf-8")


def raw() -> list[Any]:
    """The snapshot as GOV.UK gives it: a list of organisation objects (a fresh copy)."""
    data: list[Any] = json.loads(_text())
    return data


def organisations() -> Org:
    """The structure of GOV.UK's organisations on 22 August 2026, with its closures as history.

    ``as_of`` gives earlier structures (for closures GOV.UK dates; see
    :mod:`orgraph.io.govuk` for undated ones).
    """
    org, _ = build_govuk(raw(), name="GOV.UK organisations")
    return org
