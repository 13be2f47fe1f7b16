"""Exporting applicants to a spreadsheet that ``importer`` reads back (a round trip)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import select

from ...db.models import Applicant
from ...domain import birth, permissions
from ...domain.id_types import shown_number
from ..store.context import AppContext
from ..store.output_files import atomic_output, safe_output, spreadsheet_temps
from .tabular import (
    COLUMNS,
    category_label,
    file_kind,
    gender_label,
    id_type_label,
    marital_label,
    write_table,
)

Progress = Callable[[str, int, int], None]


def local_phone(e164: str | None) -> str:
    """ "+966501234567" -> "0501234567" (what people write); other countries stay in E.164."""
    if not e164:
        return ""
    return "0" + e164[4:] if e164.startswith("+966") else e164


def export_applicants(
    ctx: AppContext, path: Path | str, lang: str = "ar", progress: Progress | None = None
) -> int:
    """Write every applicant to ``path`` (.csv or .xlsx) with headers in ``lang``; the row count."""
    ctx.require(permissions.BULK_DATA)
    path = safe_output(path, ctx.store, option="FILE", field="file")
    file_kind(path)  # refuse an unknown extension before reading anything
    profile = ctx.profile
    count = 0

    def rows() -> Iterator[list]:
        nonlocal count
        with ctx.reading() as s:
            stmt = (
                select(Applicant)
                .order_by(Applicant.created_at, Applicant.id)
                .execution_options(yield_per=1000)
            )
            for a in s.scalars(stmt):
                count += 1
                if progress and count % 1000 == 0:
                    progress("write", count, 0)
                yield [
                    shown_number(a.id_type, a.national_id),
                    a.full_name,
                    local_phone(a.phone),
                    birth.cell_text(a.birth_date, a.birth_approx),  # «about 1980»: 1980
                    gender_label(a.gender, lang),
                    a.city,
                    a.nationality,
                    marital_label(a.marital_status, a.gender, lang),
                    category_label(a.category, profile, lang),
                    a.district,
                    # a number cell (XLSX); "-150.00" is never neutralised; not said: an empty
                    # cell (never 0), which the import reads back as not said
                    a.monthly_income if a.income_given else None,
                    id_type_label(a.id_type, lang),
                    a.id_country,
                    a.latin_name or "",
                ]

    with atomic_output(path, ctx.store.data_dir) as tmp, spreadsheet_temps(path):  # no names left in /tmp
        write_table(tmp, [c.header(lang) for c in COLUMNS], rows(), rtl=lang == "ar")
    with ctx.uow() as s:
        ctx.audit(s, "export", "applicant", "", file=path.name, rows=count)
    return count
