"""The system administrator's page of the association's profile (Ctrl+Shift+P): the version in
force (association, number, when and by whom it was imported, its sha256) and every earlier
one; «Export…» writes it to a file to edit, «Check a file…» says everything wrong with an
edited one (its line and key, in the user's language), «Import…» puts it in force at head
office after a confirmation.  A branch shows the version head office sent, and no import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...i18n import N_, _
from ...services.profile import profiles
from ...services.profile.versions import VersionView
from ...services.store.context import AppContext
from ...services.store.events import PROFILE_CHANGED
from ...services.sync import sync_node
from ..backups.backups_view import path_text
from ..common import dialogs, files, fmt
from ..common.fit_columns import fit_columns
from ..common.table_model import Column, RowsModel, record_table, select_row
from ..common.widgets import Banner, ErrorLabel, Texts, named_button, titled
from ..shell.operations import Operation

SOURCES = {
    "bundled": N_("The program's file"),
    "imported": N_("Imported from a file"),
    "head_office": N_("From head office"),
}
FILES = N_("Profiles (*.toml)")


def by_text(v: VersionView) -> str:
    return v.imported_by or "—"


class ProfileView(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.at_branch = sync_node.hub(ctx.store) is not None
        self.texts = t = Texts()
        self.title = titled(t, N_("The association's profile"), size=18)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.export_button = named_button(t, N_("Export…"), "exportProfile")
        self.check_button = named_button(t, N_("Check a file…"), "checkProfile")
        self.import_button = named_button(t, N_("Import…"), "importProfile")
        self.import_button.setVisible(not self.at_branch)
        self.error = ErrorLabel()
        self.error.setWordWrap(True)
        self.result = Banner("success")
        self.model = RowsModel([
            Column(N_("Version"), lambda v: fmt.number(ctx.profile, v.number)),
            Column(N_("Source"), lambda v: _(SOURCES.get(v.source, v.source))),
            Column(N_("Imported on"), lambda v: fmt.timestamp(ctx.profile, v.imported_at.astimezone())),
            Column(N_("By"), by_text),
            Column(N_("sha256"), lambda v: fmt.ltr_code(v.sha256[:16] + "…")),
        ], self)
        self.table = record_table(self.model, "profileVersions")
        fit_columns(self.table, stretch=1)
        t.add(self.table.setAccessibleName, N_("Versions of the profile"))
        buttons = QHBoxLayout()
        for button in (self.export_button, self.check_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.summary, self.note):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(self.table, 1)
        self.export_button.clicked.connect(self.export_chosen)
        self.check_button.clicked.connect(self.check_chosen)
        self.import_button.clicked.connect(self.import_chosen)
        self.retranslate()

    # -- what is in force ------------------------------------------------------------------
    def reload(self) -> None:
        rows = Operation(self, lambda: profiles.history(self.ctx)).run()
        rows = rows if isinstance(rows, list) else []
        self.model.set_rows(rows)
        if rows:
            select_row(self.table, 0)
            self.summary.setText(self.summary_text(rows[0]))

    def on_change(self, topic: str, payload: object) -> None:
        """Head office's version adopted by an exchange, or one imported elsewhere: shown."""
        if topic == PROFILE_CHANGED:
            self.reload()

    def summary_text(self, v: VersionView) -> str:
        p = self.ctx.profile
        lines = [
            _("Association: {name} ({id})").format(name=p.name(), id=fmt.ltr_code(p.id)),
            (_("Version in force: {number} ({source}), since {when}, by {who}") if v.imported_by
             else _("Version in force: {number} ({source}), since {when}")).format(
                number=fmt.number(p, v.number), source=_(SOURCES.get(v.source, v.source)),
                when=fmt.timestamp(p, v.imported_at.astimezone()), who=v.imported_by),
            _("sha256:") + " " + fmt.ltr_code(v.sha256),
        ]
        return "\n".join(lines)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        self.note.setText(
            _("Head office's version reaches this branch with each exchange; only head office "
              "imports a revised profile.") if self.at_branch else
            _("To revise the policy: export the profile, edit the file, check it, then import "
              "it. Every version is kept; the branches take it with their next exchange."))
        self.reload()

    def _start(self) -> None:
        self.error.clear_message()
        self.result.hide()

    # -- export, check, import -------------------------------------------------------------
    def export_chosen(self) -> None:
        chosen = files.save_file_name(self, _("Export the profile"), f"{self.ctx.profile.id}.toml",
                                      _(FILES), "toml")
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        self._start()
        written = Operation(self, lambda: profiles.export(self.ctx, path)).run()
        if isinstance(written, list):
            self.result.show_message("\n".join(
                [_("The profile was written to:")] + [path_text(p) for p in written]))

    def check_chosen(self) -> None:
        chosen = self._open(_("Check a profile file"))
        if chosen:
            self.check_file(chosen)

    def check_file(self, path: Path) -> bool:
        self._start()
        found = Operation(self, lambda: profiles.check(self.ctx, path, for_window=True)).run()
        if not isinstance(found, list):
            return False
        if found:
            self.error.show_message(self._errors_text(path, found))
            return False
        self.result.show_message(_("The file is correct: it can be imported.") + "\n" + path_text(path))
        return True

    def _errors_text(self, path: Path, errors: list[str]) -> str:
        return "\n".join([_("The file cannot be put in force:"), path_text(path), *errors])

    def import_chosen(self) -> None:
        chosen = self._open(_("Import a profile"))
        if chosen and self.check_file(chosen) and dialogs.ask(
                self, _("Import this profile?"),
                _("It becomes the association's profile in force, here and at the branches after "
                  "their next exchange. The version in force now is kept."), default_yes=False):
            self.import_from(chosen)

    def import_from(self, path: Path) -> None:
        self._start()
        Operation(self, lambda: profiles.import_file(self.ctx, path)) \
            .failure(lambda exc: self.error.show_message(
                self._errors_text(path, exc.message.split("\n")))) \
            .success(self._imported).run()

    def _imported(self, version: VersionView) -> None:
        self.reload()
        self.result.show_message(_("Version {number} of the profile is in force.").format(
            number=fmt.number(self.ctx.profile, version.number)))

    def _open(self, title: str) -> Path | None:
        chosen = files.open_file_name(self, title, _(FILES))
        return Path(chosen) if chosen else None
