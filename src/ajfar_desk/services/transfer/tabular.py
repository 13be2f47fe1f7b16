"""Applicant spreadsheets: the columns (English or Arabic headers), the words people write in
them (ذكر / أنثى, متزوجة, سعودي ...), and writing CSV (UTF-8 with BOM, RFC 4180) and XLSX files
with formulas neutralised (``cell_safety``).  Reading is in ``table_reader``.  No database here:
see ``importer`` and ``exporter``."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ...domain.errors import ValidationError
from ...domain.id_types import ID_TYPES
from ...domain.people import MARITAL_STATUSES, NATIONALITIES
from ...domain.profile import AssociationProfile
from ...domain.text import normalize_name, strip_bidi_controls
from ...i18n import _
from .cell_safety import needs_text_cell, neutralise
from .table_reader import Table, TableError, cell_text, file_kind, read_table


@dataclass(frozen=True)
class Column:
    field: str
    header_en: str
    header_ar: str
    required: bool
    aliases: tuple[str, ...] = ()

    def header(self, lang: str) -> str:
        return self.header_ar if lang == "ar" else self.header_en


COLUMNS: tuple[Column, ...] = (
    Column(
        "national_id",
        "national_id",
        "رقم الهوية",
        True,
        (
            "national id",
            "id number",
            "iqama",
            "رقم الهوية/الإقامة",
            "رقم الهوية او الإقامة",
            "رقم الإقامة",
            "الهوية",
            "السجل المدني",
            "رقم السجل المدني",
        ),
    ),
    Column("full_name", "full_name", "الاسم", True, ("name", "الاسم الكامل", "الاسم الرباعي")),
    Column(
        "phone",
        "phone",
        "الجوال",
        True,
        ("mobile", "phone number", "رقم الجوال", "الهاتف", "رقم الهاتف", "الجوال"),
    ),
    Column("birth_date", "birth_date", "تاريخ الميلاد", True, ("date of birth", "dob")),
    Column("gender", "gender", "الجنس", True, ("sex",)),
    Column("city", "city", "المدينة", True, ()),
    Column("nationality", "nationality", "الجنسية", False, ()),
    Column("marital_status", "marital_status", "الحالة الاجتماعية", False, ("marital",)),
    Column("category", "category", "الفئة", False, ("فئة المستفيد",)),
    Column("district", "district", "الحي", False, ()),
    Column("monthly_income", "monthly_income", "الدخل الشهري", False, ("income", "الدخل")),
    # absent or empty: a Saudi national ID or iqama, told by the number's first digit
    Column("id_type", "id_type", "نوع الهوية", False, ("id type", "document type", "نوع الوثيقة")),
    Column("id_country", "id_country", "بلد الإصدار", False,
           ("issuing country", "country", "جهة الإصدار", "دولة الإصدار")),
    # optional: the name as the passport writes it
    Column("latin_name", "latin_name", "الاسم بالحروف اللاتينية", False,
           ("latin name", "name in latin letters", "english name", "passport name",
            "الاسم بالإنجليزية", "الاسم بالانجليزية", "الاسم باللاتينية")),
)
BY_FIELD = {c.field: c for c in COLUMNS}


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    """Header / word comparison key: case, hamza/ta-marbuta variants, "_" and spaces folded."""
    return normalize_name(strip_bidi_controls(str(text or ""))).replace(" ", "")


word_key = _key  # for callers that build their own word tables (the importer's categories)

_HEADER_KEYS = {
    _key(name): col.field
    for col in COLUMNS
    for name in (col.field, col.header_en, col.header_ar, *col.aliases)
}

ID_TYPE_WORDS = {  # last: the label written in Arabic
    "national_id": ("national id", "هوية", "هوية وطنية"),
    "iqama": ("resident id", "إقامة"),
    "passport": ("جواز", "جواز سفر"),
    "gcc_id": ("gcc", "gcc id", "هوية خليجية"),
    "border_number": ("border", "border no", "حدود", "رقم حدود", "رقم الحدود"),
    "visa": ("visa number", "رقم تأشيرة", "تأشيرة"),
    "none": ("no document", "بلا هوية", "بدون هوية"),
}
GENDER_WORDS = {"male": ("m", "ذكر"), "female": ("f", "انثى", "أنثى")}  # last: the label written
MARITAL_WORDS = {
    "single": ("أعزب", "عزباء"),
    "married": ("متزوج", "متزوجة"),
    "divorced": ("مطلق", "مطلقة"),
    "widowed": ("أرمل", "أرملة"),
}
NATIONALITY_WORDS = {
    "SA": ("سعودي", "سعودية", "السعودية"),
    "YE": ("يمني", "يمنية", "اليمن"),
    "EG": ("مصري", "مصرية", "مصر"),
    "SD": ("سوداني", "سودانية", "السودان"),
    "SY": ("سوري", "سورية", "سوريا"),
    "JO": ("أردني", "أردنية", "الأردن"),
    "PK": ("باكستاني", "باكستانية", "باكستان"),
    "IN": ("هندي", "هندية", "الهند"),
    "BD": ("بنغلاديشي", "بنغلاديشية", "بنغلاديش"),
    "OT": ("أخرى", "اخرى", "غير ذلك"),
}


def _word_map(
    words: Mapping[str, Iterable[str]], labels: dict[str, str] | None = None
) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, names in words.items():
        for name in (code, *(names or ()), *((labels or {}).get(code, ""),)):
            if name:
                table[_key(name)] = code
    return table


_GENDERS = _word_map(GENDER_WORDS)
_ID_TYPES = _word_map(ID_TYPE_WORDS, ID_TYPES)
_MARITAL = _word_map({k: MARITAL_WORDS.get(k, ()) for k in MARITAL_STATUSES}, MARITAL_STATUSES)
_NATIONALITY = _word_map({k: NATIONALITY_WORDS.get(k, ()) for k in NATIONALITIES}, NATIONALITIES)


def id_type_code(text: str) -> str:
    """ "جواز سفر" / "Passport" / "passport" -> "passport"; "" stays "" (a Saudi ID or iqama)."""
    return _ID_TYPES.get(_key(text), text.strip())


def id_type_label(code: str, lang: str) -> str:
    return ID_TYPE_WORDS[code][-1] if lang == "ar" and code in ID_TYPE_WORDS else code


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    from babel import Locale

    out: dict[str, str] = {}
    for lang in ("en", "ar"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                out[_key(name)] = code
    out.update({_key(name): code for name, code in _COUNTRY_SHORT.items()})
    return out


_COUNTRY_SHORT = {  # what people say for the long official names
    "السعودية": "SA", "الإمارات": "AE", "امارات": "AE", "UAE": "AE", "عمان": "OM",
    "امريكا": "US", "USA": "US", "بريطانيا": "GB", "UK": "GB",
}


def country_code(text: str) -> str:
    """ "EG" / "Egypt" / "مصر" -> "EG"; anything else as typed (validation names it)."""
    return _country_words().get(_key(text), text.strip())


def gender_code(text: str) -> str:
    """ "ذكر" / "Male" / "m" -> "male"; unknown words are returned as typed (validation names them)."""
    return _GENDERS.get(_key(text), text.strip())


def marital_code(text: str) -> str:
    return _MARITAL.get(_key(text), text.strip())


def nationality_code(text: str) -> str:
    return _NATIONALITY.get(_key(text), text.strip())


def category_words(profile: AssociationProfile) -> dict[str, str]:
    """Word key -> category code, for every way a category is written (code, Arabic, English).
    Build it once per file: a profile is large to hash, so never look it up per row."""
    return {
        _key(name): cat.code
        for cat in profile.categories
        for name in (cat.code, cat.name_ar, cat.name_en)
    }


def gender_label(code: str, lang: str) -> str:
    return GENDER_WORDS[code][-1] if lang == "ar" and code in GENDER_WORDS else code


def marital_label(code: str, gender: str, lang: str) -> str:
    if lang != "ar" or code not in MARITAL_WORDS:
        return code
    return MARITAL_WORDS[code][1 if gender == "female" else 0]


def category_label(code: str, profile: AssociationProfile, lang: str) -> str:
    if lang != "ar":
        return code
    try:
        return profile.category(code).name_ar
    except ValidationError:
        return code


def map_headers(headers: list[str]) -> tuple[dict[int, str], list[tuple[str, str]], list[str]]:
    """(cell index -> field, errors as (column, message), ignored header names)."""
    mapping: dict[int, str] = {}
    seen: dict[str, str] = {}
    errors: list[tuple[str, str]] = []
    ignored: list[str] = []
    for index, raw in enumerate(headers):
        name = str(raw or "").strip()
        if not name:
            continue
        field = _HEADER_KEYS.get(_key(name))
        if field is None:
            ignored.append(name)
        elif field in seen:
            errors.append(
                (name, _("the column appears twice (also as {other})").format(other=seen[field]))
            )
        else:
            seen[field] = name
            mapping[index] = field
    for col in COLUMNS:
        if col.required and col.field not in seen:
            errors.append((col.header(_lang_of(headers)), _("required column is missing")))
    return mapping, errors, ignored


def _lang_of(headers: list[str]) -> str:
    """Name missing columns in the language the file's headers are written in."""
    return (
        "ar"
        if any(any("\u0600" <= ch <= "\u06ff" for ch in str(h or "")) for h in headers)
        else "en"
    )


def write_table(
    path: Path | str, headers: list[str], rows: Iterable[list], rtl: bool = False
) -> None:
    """CSV (UTF-8 with BOM, so spreadsheet programs see Arabic correctly) or XLSX, by extension.

    Text cells that look like formulas are neutralised (``cell_safety``); numbers (int, Decimal)
    are written as numbers.
    """
    path = Path(path)
    kind = file_kind(path)
    if kind == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([neutralise(h) for h in headers])
            writer.writerows([_csv_cell(v) for v in row] for row in rows)
        return
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.sheet_view.rightToLeft = rtl

    def cell(value):
        if not isinstance(value, str) or not needs_text_cell(value):
            return value
        text = WriteOnlyCell(sheet, value=value)
        text.data_type = "s"  # openpyxl makes "=..." a formula; this is text, shown as typed
        text.quotePrefix = True
        return text

    sheet.append([cell(h) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    book.save(path)


def _csv_cell(value) -> object:
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else value  # numbers as numbers: "-150.00" is not a formula


__all__ = ["COLUMNS", "Table", "TableError", "cell_text", "file_kind", "map_headers",
           "read_table", "write_table"]
