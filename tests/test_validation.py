"""orgraph._validation: the one way a pydantic error becomes one line."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError, field_validator

from orgraph import Org
from orgraph._validation import first_error, first_error_line
from orgraph.errors import InvalidOrgError


class _Inner(BaseModel):
    n: int


class _Outer(BaseModel):
    items: list[_Inner]
    name: str

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


def _error(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        _Outer.model_validate(data)
    return info.value


def test_location_is_dotted_and_value_error_prefix_dropped() -> None:
    error = first_error(_error({"items": [{"n": 1}, {"n": "x"}], "name": "a"}))
    assert (error.loc, error.path, error.type) == ("items.1.n", ("items", 1, "n"), "int_parsing")
    assert first_error_line(_error({"items": [], "name": " "})) == "name: must not be blank"


def test_top_level_error_has_no_location() -> None:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(int).validate_python("x")
    line = first_error_line(info.value)
    assert not line.startswith(":") and line.startswith("Input should be a valid integer")


def test_missing_field_type() -> None:
    error = first_error(_error({"items": []}))
    assert (error.loc, error.type, error.message) == ("name", "missing", "Field required")


def test_org_name_error_is_one_line() -> None:
    with pytest.raises(InvalidOrgError) as info:
        Org.create(name="", units=[])
    assert "\n" not in str(info.value)
    assert "name:" in str(info.value)
