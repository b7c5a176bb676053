"""Fixtures for chart tests; tests marked ``dot`` are skipped only when dot is missing."""

from __future__ import annotations

import shutil

import pytest

from tests.render.orgs import small_chart_org


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which("dot") is not None:
        return
    skip = pytest.mark.skip(reason="needs the Graphviz dot binary (apt-get install graphviz)")
    for item in items:
        if "dot" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def org():
    return small_chart_org()
