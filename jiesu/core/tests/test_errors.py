"""Domain errors carry the API's code and HTTP status (api-v1.md "Errors") and per-field messages."""

import pytest

from jiesu.core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    InvalidTransition,
    NotFound,
    TooLarge,
    Unauthenticated,
    field_error,
)


@pytest.mark.parametrize(("error", "code", "status"), [
    (InvalidInput, "validation_error", 400),
    (Unauthenticated, "unauthenticated", 401),
    (Forbidden, "forbidden", 403),
    (NotFound, "not_found", 404),
    (InvalidTransition, "invalid_transition", 409),
    (Conflict, "conflict", 409),
    (TooLarge, "too_large", 413),
])
def test_each_error_has_the_api_code_and_status(error, code, status):
    exc = error("说明")
    assert isinstance(exc, DomainError)
    assert (exc.code, exc.status, exc.detail, str(exc), exc.fields) == (code, status, "说明", "说明", {})


def test_field_messages_become_lists_of_strings():
    from django.utils.translation import gettext_lazy

    exc = InvalidInput("bad", fields={"a": [gettext_lazy("必填")], "b": ("x", "y")})
    assert exc.fields == {"a": ["必填"], "b": ["x", "y"]}


def test_field_error_names_the_field_in_the_detail_too():
    exc = field_error("complainant.phone", "格式不正确")
    assert isinstance(exc, InvalidInput)
    assert exc.detail == "complainant.phone: 格式不正确"
    assert exc.fields == {"complainant.phone": ["格式不正确"]}
