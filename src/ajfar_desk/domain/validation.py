"""Small checks shared by the services.  ``label`` is the field's already-translated name."""

from __future__ import annotations

from ..i18n import _, ngettext
from .errors import ValidationError


def optional_text(value: str | None) -> str | None:
    """Stripped text, or None when nothing was typed."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def required_text(value: str | None, field: str, label: str) -> str:
    """Stripped text; ValidationError "<label> is required" when empty."""
    text = optional_text(value)
    if text is None:
        raise ValidationError(field, _("{label} is required").format(label=label))
    return text


def max_length(value: str | None, field: str, label: str, limit: int) -> str | None:
    """``value`` unchanged; ValidationError when longer than ``limit`` characters."""
    if value is not None and len(value) > limit:
        raise ValidationError(
            field,
            ngettext(
                "{label} must be at most {limit} character (now {count})",
                "{label} must be at most {limit} characters (now {count})",
                limit,
            ).format(
                label=label, limit=limit, count=len(value)
            ),
        )
    return value
