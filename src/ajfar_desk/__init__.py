"""Ajfar Desk: the front office of a Saudi non-profit association, offline and Arabic first."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``ajfar_desk.__version__``: pyproject's version (``identity.version``), read when asked."""
    if name == "__version__":
        from .identity import version

        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
