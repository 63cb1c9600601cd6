"""Domain errors: raised by services and selectors, mapped once to API JSON (api/v1/errors.py) and
once to form errors (ui/errors.py). Each carries the API error code and HTTP status of api-v1.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    code = "error"
    status = 400

    def __init__(self, detail: str, *, fields: Mapping[str, Sequence[str]] | None = None):
        super().__init__(str(detail))
        self.detail = str(detail)
        self.fields = {name: [str(m) for m in messages] for name, messages in (fields or {}).items()}


class InvalidInput(DomainError):
    code = "validation_error"
    status = 400


class Unauthenticated(DomainError):
    code = "unauthenticated"
    status = 401


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404


class InvalidTransition(DomainError):
    code = "invalid_transition"
    status = 409


class Conflict(DomainError):
    code = "conflict"
    status = 409


class TooLarge(DomainError):
    code = "too_large"
    status = 413


def field_error(field: str, message: str) -> InvalidInput:
    """The common case: one field, one message; the detail repeats it so a client without field
    support still shows something useful."""
    return InvalidInput(f"{field}: {message}", fields={field: [message]})
