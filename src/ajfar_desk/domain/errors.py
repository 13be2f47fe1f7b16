"""The one error type that crosses layers when input is wrong."""

from __future__ import annotations


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
