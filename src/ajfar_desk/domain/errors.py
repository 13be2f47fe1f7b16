"""The one error type that crosses layers when input is wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ValidationError(ValueError):
    """Bad input: ``field`` names the form field, ``message`` is already in the user's language.

    ``errors`` may carry several (field, message) pairs when a whole form is checked at once.
    """

    def __init__(self, field: str, message: str, *, errors: list[tuple[str, str]] | None = None):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.errors = errors if errors is not None else [(field, message)]

    @classmethod
    def many(cls, errors: list[tuple[str, str]]) -> ValidationError:
        field, message = errors[0]
        return cls(field, message, errors=errors)


class FieldErrors:
    """Check a whole form at once: run each field's parser, keep every error, raise them together.

    errs = FieldErrors()
    birth = errs.check("birth_date", lambda: parse_date(text))      # None when it failed
    errs.add("consent", message)
    errs.raise_if_any()
    """

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def check(self, field: str, parse: Callable[[], T], when: bool = True) -> T | None:
        if not when:
            return None
        try:
            return parse()
        except ValidationError as exc:
            self.errors.extend((field, message) for _f, message in exc.errors)
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.append((field, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError.many(self.errors)
