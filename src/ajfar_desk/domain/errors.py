"""The one error root that crosses layers: ``AppError``, and ``ValidationError`` for bad input.

Every error whose message is meant for people derives from ``AppError`` (a refusal, a file that
cannot be used, a bundle refused, a paper that cannot be signed…).  The screens' operation runner
(``ui/operations``) and the command line (``cli/main``) each handle it in one place: a new kind
needs no new ``except`` anywhere, only its message (and, for the command line, its exit code).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..i18n import _

T = TypeVar("T")


class AppError(Exception):
    """An error the user can read: ``message`` is already in the user's language.

    ``errors`` lists (field, message) pairs ("" when no form field is concerned);
    ``exit_code`` is the command line's (2: the input or a file to fix, 1: other, 3: refused
    as not genuine); ``summary()`` is the one line the command line prints.
    """

    exit_code = 2

    def __init__(self, message: str = "", *args: object):
        super().__init__(message, *args)
        self.message = message

    @property
    def field(self) -> str:
        return ""

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(self.field, self.message)]

    def summary(self) -> str:
        return self.message

    def log_text(self) -> str:
        """The error as the log writes it (``for_log``): its kind and field, in English."""
        return type(self).__name__ + (f" ({self.field})" if self.field else "")


def for_log(exc: BaseException) -> str:
    """An error as the log writes it.  The log is English, like every line the program writes
    there (``logs``: literal English lines, never through the catalog; whoever supports the
    program reads it, whatever the desk's language): a refusal gives its kind, field and codes
    (``AppError.log_text``), never the sentence the user read in her language."""
    if isinstance(exc, AppError):
        return exc.log_text()
    return f"{type(exc).__name__}: {exc}"


class ValidationError(AppError, ValueError):
    """Bad input: ``field`` names the form field, ``message`` is already in the user's language.

    ``errors`` may carry several (field, message) pairs when a whole form is checked at once.
    """

    def __init__(self, field: str, message: str, *, errors: list[tuple[str, str]] | None = None):
        Exception.__init__(self, f"{field}: {message}")
        self.message = message
        self._field = field
        self._errors = errors if errors is not None else [(field, message)]

    @property
    def field(self) -> str:
        return self._field

    @property
    def errors(self) -> list[tuple[str, str]]:
        return self._errors

    def summary(self) -> str:
        return _("; ").join(message for _field, message in self.errors)

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
