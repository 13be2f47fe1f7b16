"""Every file dialog of the application: Qt's own dialog (so it speaks the interface's language
and direction, with Qt's Arabic translations loaded by ``language``), opening in the user's
Documents folder the first time and then in the folder used last with the same store (remembered
in QSettings under the store's data folder: one machine's session of one store once opened in a
folder another store's session had used, a trial's USB stick; ``use_store``).  A folder that no
longer exists (the stick taken out) gives Documents again.

Callers give translated titles and filters, e.g. ``_("PDF files (*.pdf)")``; the functions
return the chosen path, or "" when the person cancelled."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QWidget

from ...domain.text import strip_bidi_controls
from ...i18n import _

LAST_FOLDER_GROUP = "files/last_folder_of_store"  # a key per store: a digest of its data folder
NO_STORE = "none"  # before a store is open (joining a consortium at the first run)
_store = {"key": NO_STORE}  # the store the window has open (one per program: ``use_store``)
# what no file system takes in a name (Windows' list, the strictest), and control characters
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def settings() -> QSettings:
    """Where the last folder is kept (the application's settings; tests use a file of theirs)."""
    return QSettings()


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def use_store(data_dir: str | Path | None) -> None:
    """The file dialogs open where they were used last with the store of this data folder (the
    main window calls it for the store it opens; None: no store yet)."""
    if data_dir is None:
        _store["key"] = NO_STORE
        return
    folder = os.path.normcase(os.path.abspath(os.fspath(data_dir)))
    _store["key"] = hashlib.sha256(folder.encode("utf-8")).hexdigest()[:20]


def last_folder_key() -> str:
    return f"{LAST_FOLDER_GROUP}/{_store['key']}"


def start_folder() -> Path:
    """The folder used last with this store, if it still exists; else the user's Documents folder."""
    last = settings().value(last_folder_key(), "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return documents_folder()


def remember(path: str | Path) -> None:
    """The folder of ``path`` becomes where the next file dialog of this store opens."""
    folder = Path(path).parent if not Path(path).is_dir() else Path(path)
    kept = settings()
    kept.setValue(last_folder_key(), str(folder))
    kept.sync()


def file_name(title: str, code: str = "", suffix: str = "pdf") -> str:
    """A proposed file's name, «{title}-{code}.{suffix}» («التقرير الشهري-2026-11.pdf»): what a
    person recognises in a folder, nothing in it a file system refuses."""
    parts = (_NOT_IN_NAMES.sub("-", strip_bidi_controls(part)).strip(" .-") for part in (title, code))
    return f"{'-'.join(part for part in parts if part) or 'document'}.{suffix}"


def _dialog(parent: QWidget | None, title: str, filters: str, mode: QFileDialog.AcceptMode) -> QFileDialog:
    box = QFileDialog(parent, title, str(start_folder()), filters)
    box.setObjectName("fileDialog")
    # Qt's own dialog: the platform's follows the system's language, not the one chosen here.
    box.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    box.setAcceptMode(mode)
    # the program's «إلغاء», as in every dialog of its own (Qt's is «ألغِ»)
    box.setLabelText(QFileDialog.DialogLabel.Reject, _("Cancel"))
    # «Spreadsheets (*.csv *.xlsx)» in a right-to-left line jumbles its patterns: the names only
    box.setOption(QFileDialog.Option.HideNameFilterDetails, True)
    # paths read left to right, whatever the interface's direction
    for kind, name in ((QComboBox, "lookInCombo"), (QLineEdit, "fileNameEdit")):
        widget = box.findChild(kind, name)
        if widget is not None:
            widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return box


def _chosen(box: QFileDialog) -> str:
    try:
        if box.exec() != QFileDialog.DialogCode.Accepted or not box.selectedFiles():
            return ""
        path = box.selectedFiles()[0]
    finally:
        box.deleteLater()
    remember(path)
    return path


def save_file_name(parent: QWidget | None, title: str, suggested: str = "", filters: str = "",
                   suffix: str = "") -> str:
    """Where to save: ``suggested`` is a file name (put in the start folder) or a full path;
    ``suffix`` is added when the person types a name without one."""
    box = _dialog(parent, title, filters, QFileDialog.AcceptMode.AcceptSave)
    box.setFileMode(QFileDialog.FileMode.AnyFile)
    if suffix:
        box.setDefaultSuffix(suffix.lstrip("."))
    if suggested:
        box.selectFile(suggested if Path(suggested).is_absolute() else str(start_folder() / suggested))
    return _chosen(box)


def open_file_name(parent: QWidget | None, title: str, filters: str = "", start: str = "") -> str:
    """An existing file to read (``start``: a file or folder to begin with instead)."""
    box = _dialog(parent, title, filters, QFileDialog.AcceptMode.AcceptOpen)
    box.setFileMode(QFileDialog.FileMode.ExistingFile)
    if start:
        where = Path(start)
        if where.is_dir():
            box.setDirectory(str(where))
        elif where.parent.is_dir():
            box.setDirectory(str(where.parent))
            box.selectFile(str(where))
    return _chosen(box)


def folder_name(parent: QWidget | None, title: str) -> str:
    """An existing folder (where to write a backup), beginning where this store's last was."""
    box = _dialog(parent, title, "", QFileDialog.AcceptMode.AcceptOpen)
    box.setFileMode(QFileDialog.FileMode.Directory)
    box.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _chosen(box)
