"""Health check of a store: where it lives, its schema, SQLite's own integrity checks, the search
index, the association it serves.  Reads only: it never creates, migrates or repairs anything."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from ...db import import_runs, migrate
from ...db.engine import make_engine, sqlite_path, sqlite_url
from ...domain.errors import ValidationError
from ...domain.profile import ProfileError, get_profile
from ...i18n import _, ngettext
from ...paths import default_data_dir
from ..profile import versions


@dataclass(frozen=True)
class Check:
    name: str  # already translated
    ok: bool
    detail: str


@dataclass
class Report:
    data_dir: Path
    store_url: str
    backups_dir: Path
    checks: list[Check] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    association: str = ""
    branch: str = ""

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok


def diagnose(data_dir: Path | str | None = None, db_url: str | None = None) -> Report:
    data = Path(data_dir) if data_dir else default_data_dir()
    url = db_url or sqlite_url(data)
    report = Report(data, make_url(url).render_as_string(hide_password=True), data / "backups")
    writable = data.is_dir() and os.access(data, os.W_OK)
    report.add(
        _("Data folder"),
        writable,
        str(data)
        if writable
        else (_("not writable: {path}") if data.is_dir() else _("missing: {path}")).format(
            path=data
        ),
    )
    engine = make_engine(url)
    try:
        _check(engine, report)
    except Exception as exc:  # a broken file or server must be reported, not crash the doctor
        report.add(
            _("Store"), False, _("cannot read the store: {error}").format(error=_one_line(exc))
        )
    finally:
        engine.dispose()
    return report


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


def _check(engine: Engine, report: Report) -> None:
    path = sqlite_path(engine)
    if path is not None and not path.is_file():
        report.add(
            _("Store"), False, _("no store at {path}; run: ajfar-desk init").format(path=path)
        )
        return
    current, head = migrate.current_revision(engine), migrate.head_revision()
    if current is None:
        report.add(_("Schema version"), False, _("empty store (no schema); run: ajfar-desk init"))
        return
    report.add(
        _("Schema version"),
        current == head,
        _("{current} (latest {head})").format(current=current, head=head)
        if current == head
        else _(
            "{current}, but this program expects {head}: start the program once to upgrade "
            "(a backup is made first)"
        ).format(current=current, head=head),
    )
    if current == head:  # as any opening of the store: a killed import leaves nothing
        import_runs.recover(engine, report.data_dir)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            report.add(_("Integrity check"), result == ["ok"], "; ".join(map(str, result[:5])))
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            report.add(
                _("Foreign keys"),
                not broken,
                _("ok")
                if not broken
                else ngettext("{n} row points at a missing row", "{n} rows point at missing rows",
                           len(broken)).format(n=len(broken)),
            )
        if current != head:
            return
        applicants = conn.scalar(text("SELECT count(*) FROM applicant"))
        report.counts["applicants"] = applicants
        for status, n in conn.execute(
            text("SELECT status, count(*) FROM support_request GROUP BY status")
        ):
            report.counts[f"requests_{status}"] = n
        report.counts["requests"] = sum(
            v for k, v in report.counts.items() if k.startswith("requests_")
        )
        if engine.dialect.name == "sqlite":
            unindexed = conn.scalar(text("SELECT count(*) FROM applicant WHERE search_key IS NULL"))
            indexed = conn.scalar(text("SELECT count(*) FROM applicant_fts"))
            report.add(
                _("Search index"),
                unindexed == 0 and indexed == applicants,
                ngettext(
                    "{n} name indexed {for_applicants}", "{n} names indexed {for_applicants}", indexed
                ).format(
                    n=indexed,
                    for_applicants=ngettext(
                        "for {n} applicant", "for {n} applicants", applicants
                    ).format(n=applicants),
                ),
            )
        meta: dict[str, str] = dict(conn.execute(text("SELECT key, value FROM store_meta")).all())
        admins = conn.scalar(text("SELECT count(*) FROM app_user WHERE role = 'admin' AND active"))
        stored = conn.execute(text(
            "SELECT number, sha256, association, text, policy_text, logo FROM profile_version "
            "ORDER BY seq DESC LIMIT 1")).first() if inspect(conn).has_table("profile_version") else None
    _check_association(report, meta, stored)
    report.add(_("Administrator"), bool(admins), ngettext("{n} active", "{n} active", admins or 0).format(n=admins or 0))


def _check_association(report: Report, meta: dict[str, str], stored=None) -> None:
    """The association and branch, read from the store's profile in force (``stored``: its
    last ``profile_version`` row), or the program's file for a store that has none yet."""
    if "association" not in meta:
        report.add(_("Association"), False, _("the store is not set up yet; run: ajfar-desk init"))
        return
    report.association, report.branch = meta["association"], meta.get("branch", "")
    try:
        if stored is not None:
            profile = versions.load_files(report.data_dir, versions.files_of(stored))
            report.add(_("Profile"), True, _("version {number}, sha256 {sha}").format(
                number=stored.number, sha=stored.sha256))
        else:
            profile = get_profile(meta["association"])
        branch = profile.branch(report.branch)
    except (ProfileError, ValidationError) as exc:
        report.add(_("Association"), False, getattr(exc, "message", str(exc)))
        return
    report.add(_("Association"), True, f"{profile.name()} ({profile.id})")
    report.add(_("Branch"), True, f"{branch.name()} ({branch.code}, {branch.ref_prefix})")
