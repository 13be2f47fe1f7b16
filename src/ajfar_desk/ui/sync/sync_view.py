"""The exchange page: this node and its peers (last exchange both ways, what waits to be sent),
bundles exported and imported off the GUI thread, and what a person reviews afterwards:
conflicts and files registered twice (``sync_dialogs``).

A refused bundle (damaged, altered, foreign, already imported) is said in a red banner; the
store is left exactly as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import permissions as perm
from ...domain.digits import said
from ...domain.errors import AppError
from ...domain.text import ltr_code
from ...i18n import N_, _
from ...services.store.context import AppContext
from ...services.store.output_files import safe_output, write_atomic
from ...services.sync import sync, sync_enrol
from ...services.sync.sync import ImportResult, PeerView
from ...services.sync.sync_words import import_summary
from ..common import files, fmt
from ..common.fit_columns import fit_columns
from ..common.table_model import Column, RowsModel, record_table, select_row
from ..common.widgets import Banner, Texts, named_button, note_label, titled
from ..shell.operations import Operation
from .enrol_dialog import EnrolDialog
from .exchange_keys import bind_keys, bind_tab_keys
from .sync_dialogs import ConflictsPanel, DuplicatesPanel, branch_name, selected

SUFFIX = ".ajfar"
PEERS_SHOWN = 5  # rows of peers shown before the table scrolls
SHORT_ID = 8  # hex digits of a node id shown (enough to tell nodes apart on screen)


def short_id(node_id: str) -> str:
    return ltr_code(node_id[:SHORT_ID])


def file_size(profile, size: int) -> str:
    if size < 1024:
        return _("{n} bytes").format(n=fmt.number(profile, size))
    return _("{n} KB").format(n=fmt.decimal(profile, size / 1024, 1))


class SyncView(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.me = sync.node(ctx)
        self.job: Operation | None = None
        self.focus_back: QWidget | None = None  # where the keyboard was when an exchange started
        self.dirty = False
        self.last_result: ImportResult | None = None
        p = ctx.profile
        self.texts = t = Texts()
        self.title = titled(t, N_("Exchange with head office and the branches"), size=18)
        self.node_label = QLabel()
        self.node_label.setObjectName("syncNode")
        self.note = note_label(t, N_("Export a bundle for a peer onto a USB stick or a shared folder, and "
                                    "import the bundles it sends back. A bundle is signed and encrypted: "
                                    "it is refused if damaged, altered or meant for someone else."))
        self.refresh_button = QPushButton()
        t.add(self.refresh_button.setText, N_("Refresh"))

        self.peers_model = RowsModel([
            Column(N_("Peer"), lambda v: branch_name(ctx, v.branch)),
            Column(N_("Node"), lambda v: short_id(v.node)),
            Column(N_("Last sent"), lambda v: fmt.timestamp(p, v.last_export_at) or _("never")),
            Column(N_("Last received"), lambda v: fmt.timestamp(p, v.last_import_at) or _("never")),
            Column(N_("Changes not yet confirmed"), lambda v: fmt.number(p, v.pending)),
            Column(N_("Bundles sent"), lambda v: fmt.number(p, v.sent)),
            Column(N_("Bundles received"), lambda v: fmt.number(p, v.received)),
        ], self)
        self.peers = record_table(self.peers_model, "syncPeers")
        fit_columns(self.peers, stretch=0)  # the peer's name takes the width left
        t.add(self.peers.setAccessibleName, N_("Peers"))

        self.export_button = named_button(t, N_("Export a bundle for the selected peer…"), "syncExport")
        self.enrol_button = named_button(t, N_("Enrol a branch laptop…"), "syncEnrol")
        # head office's administrator: only head office enrols a laptop
        enrols = ctx.may(perm.MANAGE_USERS) and sync_enrol.may_enrol(ctx)
        self.enrol_button.setVisible(enrols)
        self.enrol_dialog: EnrolDialog | None = None
        self.import_button = named_button(t, N_("Import a bundle…"), "syncImport")
        offered = {"export_button": self.export_button, "import_button": self.import_button}
        offered |= {"enrol_button": self.enrol_button} if enrols else {}
        # no peer yet: what to do first, rather than an empty table (trial: a new head office)
        self.no_peer = note_label(t, N_("No branch laptop is enrolled yet: «Enrol a branch laptop…» "
                                        "(Alt+N) writes the invitation a laptop joins with.")
                                  if sync_enrol.may_enrol(ctx) else
                                  N_("This laptop has no peer to exchange with yet: it joins head "
                                     "office with an invitation on its first run."))
        self.no_peer.setObjectName("syncNoPeer")
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.result = Banner("success")
        self.banner = Banner("error")
        # whose clock was wrong at the last import, for as long as it is (trial b: said once, on
        # the terminal of a command-line import, never in the open window)
        self.clock_banner = Banner("warning")
        self.clock_banner.setObjectName("syncClock")

        self.conflicts = ConflictsPanel(ctx)
        self.duplicates = DuplicatesPanel(ctx)
        if self.duplicates.may_merge:
            offered["merge_button"] = self.duplicates.merge_button
        self.keys = bind_keys(self, t, offered)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncReview")
        self.tab_keys = bind_tab_keys(self, t, self.tabs)
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.duplicates, "")
        self.coordination = None  # the consortium of associations: by file too, for a manager
        if ctx.may(perm.COORDINATE):
            from ..coordination.coordination_view import CoordinationView

            self.coordination = CoordinationView(ctx, embedded=True)
            area = QScrollArea()  # its texts wrap: it scrolls inside the tab on a small screen
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(self.coordination)
            self.tabs.addTab(area, "")

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.enrol_button)
        actions.addWidget(self.progress)
        actions.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.node_label)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(self.clock_banner)
        layout.addWidget(self.result)
        layout.addWidget(self.peers)
        layout.addWidget(self.no_peer)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)

        self.refresh_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.export_selected)
        self.import_button.clicked.connect(self.choose_import)
        self.enrol_button.clicked.connect(self.enrol)
        self.peers.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.conflicts.acted.connect(self.reload)
        self.duplicates.acted.connect(self.reload)
        self.retranslate()
        self.reload()

    # -- showing -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Peers, conflicts and duplicates as they are now (quick reads, on the GUI thread)."""
        self.dirty = False
        current = self.selected_peer()
        rows = sync.peers(self.ctx)
        self.peers_model.set_rows(rows)
        if rows:
            select_row(self.peers, next((i for i, r in enumerate(rows) if current and r.node == current.node), 0))
        self._fit_peers()
        clocks = "\n".join(r.clock_warning for r in rows if r.clock_warning)
        if clocks:
            self.clock_banner.show_message(clocks)
        else:
            self.clock_banner.hide()
        self.no_peer.setVisible(not rows)  # in the empty table's place (the page fits 1280×720)
        self.peers.setVisible(bool(rows))
        self.conflicts.reload()
        self.duplicates.reload()
        self._tab_titles()
        self._update_buttons()

    def _fit_peers(self) -> None:
        """The peers table as tall as its rows (a few peers: no scrolling), the rest of the page
        for the review tabs."""
        table = self.peers
        rows = min(max(len(self.peers_model.rows), 1), PEERS_SHOWN)
        table.resizeRowsToContents()
        row_height = table.rowHeight(0) if self.peers_model.rows else table.verticalHeader().defaultSectionSize()
        scroll = table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows * row_height
                             + 2 * table.frameWidth() + scroll)

    def _tab_titles(self) -> None:
        p = self.ctx.profile
        self.tabs.setTabText(0, _("Conflicts to review ({n})").format(
            n=fmt.number(p, len(self.conflicts.model.rows))))
        self.tabs.setTabText(1, _("Files registered twice ({n})").format(
            n=fmt.number(p, len(self.duplicates.model.rows))))
        if self.coordination is not None:
            self.tabs.setTabText(2, _("Coordination between associations"))

    def _node_text(self) -> str:
        return _("This node: {branch} — node {node}").format(
            branch=branch_name(self.ctx, self.me.branch or self.ctx.branch.code), node=short_id(self.me.id))

    def selected_peer(self) -> PeerView | None:
        return selected(self.peers, self.peers_model)

    def _update_buttons(self) -> None:
        idle = self.job is None
        self.export_button.setEnabled(idle and self.selected_peer() is not None)
        self.import_button.setEnabled(idle)
        self.refresh_button.setEnabled(idle)

    def on_change(self, _topic: str, _payload: object) -> None:
        if self.coordination is not None:
            self.coordination.on_change(_topic, _payload)
        if self.isVisible() and self.job is None:
            self.reload()
        else:
            self.dirty = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Shown again: as the store is now, also after an import at the command line, which the
        window hears nothing of (trial b: the page still said «24 changes waiting»)."""
        super().showEvent(event)
        if self.job is None:
            self.reload()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.node_label.setText(self._node_text())
        self.peers_model.retranslate()
        self.conflicts.retranslate()
        self.duplicates.retranslate()
        if self.coordination is not None:
            self.coordination.retranslate()
        self._tab_titles()
        if self.last_result is not None and self.result.isVisible():
            self.result.show_message(self._result_text(self.last_result))

    # -- exchanging --------------------------------------------------------------------------
    def suggested_name(self, peer: PeerView) -> str:
        """e.g. ``NJR-SHR-to-HQ-2026-11-22.ajfar``."""
        me = self.me.branch or self.ctx.branch.code
        return f"{self.ctx.profile.code}-{me}-to-{peer.branch}-{dt.date.today().isoformat()}{SUFFIX}"

    def export_selected(self) -> None:
        peer = self.selected_peer()
        if peer is None or self.job is not None:
            return
        path = files.save_file_name(
            self, _("Export a bundle for {peer}").format(peer=branch_name(self.ctx, peer.branch)),
            self.suggested_name(peer), self._filter(), SUFFIX)
        if path:
            self.export_to(peer.node, path)

    def choose_import(self) -> None:
        if self.job is not None:
            return
        path = files.open_file_name(self, _("Import a bundle"), self._filter())
        if path:
            self.import_from(path)

    def enrol(self) -> EnrolDialog:
        """The invitation for a branch laptop, written off the GUI thread by the dialog."""
        self.enrol_dialog = dialog = EnrolDialog(self.ctx, self)
        dialog.enrolled.connect(self._enrolled)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _enrolled(self, code: str) -> None:
        self.reload()
        self.banner.hide()
        self.result.show_message(_("Branch {branch} is enrolled: its laptop joins with the invitation "
                                   "file and its passphrase.").format(branch=branch_name(self.ctx, code)))

    def _filter(self) -> str:
        return _("Ajfar bundles (*.ajfar)") + ";;" + _("All files (*)")

    def export_to(self, node_id: str, path: str | Path) -> None:
        """Write the bundle for ``node_id`` to ``path`` on a worker thread (no dialog: tests)."""
        ctx, target = self.ctx, Path(path)
        peer = next((v for v in self.peers_model.rows if v.node == node_id), None)
        where = branch_name(ctx, peer.branch) if peer else short_id(node_id)

        def work(progress):
            safe_output(target, ctx.store)  # never the store's own files; checked first
            data = sync.export_bundle(ctx, node_id, progress=progress)
            write_atomic(target, data)
            return len(data)

        def done(size: int) -> None:
            self.result.show_message(_("Bundle for {peer} written to {path} ({size}).").format(
                peer=where, path=ltr_code(str(target)), size=file_size(ctx.profile, size)))
            self.last_result = None

        self._start(work, done, _("Preparing the bundle for {peer}…").format(peer=where))

    def import_from(self, path: str | Path) -> None:
        """Check and apply the bundle at ``path`` on a worker thread (no dialog: tests)."""
        ctx, source = self.ctx, Path(path)

        def work(progress):
            return sync.import_bundle(ctx, source.read_bytes(), progress=progress)

        def done(result: ImportResult) -> None:
            self.last_result = result
            self.result.show_message(self._result_text(result))

        self._start(work, done, _("Checking and importing {name}…").format(name=ltr_code(source.name)))

    def _result_text(self, r: ImportResult) -> str:
        """What the import did; whose clock is wrong stays in its own banner (``reload``)."""
        summary = import_summary(r, branch_name(self.ctx, r.branch), lambda v: fmt.number(self.ctx.profile, v))
        return "\n".join(line for line in (summary, r.profile_note) if line)

    def _start(self, work, done, busy_text: str) -> None:
        focused = QApplication.focusWidget()
        # the button disabled meanwhile hands the keyboard on: it comes back when the work ends
        self.focus_back = focused if focused is not None and self.isAncestorOf(focused) else None
        self.banner.hide()
        self.result.hide()
        self.status.setText(busy_text)
        self.progress.setRange(0, 0)  # busy until the first figure arrives
        self.progress.show()
        self.job = Operation(self, work, with_progress=True).progress(self._progressed).always(self._end) \
            .success(done).failure(self._refused).on(OSError, self._refused)
        self._update_buttons()
        self.job.run_in_background()

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _end(self) -> None:
        self.job = None
        self.progress.hide()
        self.status.setText("")
        self.reload()
        back, self.focus_back = self.focus_back, None
        if back is not None and back.isEnabled() and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refused(self, exc: AppError | OSError) -> None:
        """A refused bundle (damaged, altered, foreign, already imported) or an unusable file;
        anything else is unexpected (the runner says so)."""
        if isinstance(exc, OSError):
            message = _("The file cannot be used: {reason}").format(reason=exc.strerror or exc)
        else:  # an AppError (BundleError among them): the reason, for the person importing
            message = said(exc.message)
        self.banner.show_message(_("Nothing was changed. {reason}").format(reason=message))

    def focus_list(self) -> None:
        self.peers.setFocus(Qt.FocusReason.OtherFocusReason)
