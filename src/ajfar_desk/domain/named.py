"""Things a profile names in both languages: a code, an Arabic and an English name."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import current_language


def pick(lang: str | None, ar: str, en: str) -> str:
    """The Arabic or English text for ``lang`` (the interface's language when None)."""
    return ar if (lang or current_language()) == "ar" else en


@dataclass(frozen=True)
class Named:
    code: str
    name_ar: str
    name_en: str

    def name(self, lang: str | None = None) -> str:
        return pick(lang, self.name_ar, self.name_en)
