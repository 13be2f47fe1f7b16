"""What the About dialog tells a front-desk employee about where the work is kept, and the
technical details a support person asks for (versions, paths), as lines that can be copied."""

from __future__ import annotations

import platform
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from ...i18n import _
from ..store.backup import backups_dir
from ..store.context import AppContext
from . import about


@dataclass(frozen=True)
class DataPlace:
    """Where the store is: a file in a folder of this computer (and its backups), or a server."""

    folder: Path
    file: Path | None  # None: a database server
    backups: Path
    server: str  # "host/database" of a server store, "" for a file
    encrypted: bool


def data_place(ctx: AppContext) -> DataPlace:
    store = ctx.store
    server = ""
    if store.file is None:
        url = make_url(store.url)
        server = f"{url.host or 'localhost'}/{url.database or ''}"
    return DataPlace(store.data_dir, store.file, backups_dir(store), server, store.encrypted)


def safe_url(url: str) -> str:
    """The store's URL without its password (it is copied into a message to support)."""
    return make_url(url).render_as_string(hide_password=True)


def versions(qt_version: str) -> list[tuple[str, str]]:
    """(name, version) of the program, Python, Qt (as the loaded libraries say), PySide6,
    SQLAlchemy, ReportLab and SQLite."""
    rows = about.component_versions()
    rows.insert(2, ("Qt", qt_version))
    rows.append(("SQLite", sqlite3.sqlite_version))
    return rows


def technical_details(ctx: AppContext | None, qt_version: str) -> list[tuple[str, str]]:
    """(what, value): the ``versions``, the system, and the store's paths; names and paths stay
    as they are (Latin)."""
    rows = versions(qt_version)
    rows.append((_("System"), f"{platform.system()} {platform.release()} ({platform.machine()})"))
    if ctx is not None:
        place = data_place(ctx)
        rows += [(_("Data folder"), str(place.folder)),
                 (_("Database"), safe_url(ctx.store.url)),
                 (_("Backups folder"), str(place.backups)),
                 (_("Association profile"), ctx.profile.id),
                 (_("Branch"), ctx.branch.code)]
    return rows


def details_text(rows: list[tuple[str, str]]) -> str:
    """The details as plain lines, for the clipboard."""
    return "\n".join(f"{name}: {value}" for name, value in rows)
