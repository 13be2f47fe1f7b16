"""The file dialogs remember their folder per store (its data folder): a session of one store never
opens in the folder a session of another store used on the same machine (a trial's «/tmp/trial-usb»);
a store's own folder comes back, Documents when it no longer exists; the profile page's export,
check and import dialogs open there too, not in the program's working folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from ajfar_desk.ui.common import files
from ajfar_desk.ui.profile.profile_view import ProfileView

from ..conftest import page_by_keys, press_button
from .test_files_language import answer_file_dialog, documents, settings  # noqa: F401 - fixtures


def test_each_store_has_its_own_last_folder(tmp_path, settings, documents):  # noqa: F811
    usb, other = tmp_path / "trial-usb", tmp_path / "hq-share"
    usb.mkdir()
    other.mkdir()
    files.use_store(tmp_path / "store-a")
    files.remember(usb / "bundle.ajfar")
    assert files.start_folder() == usb
    files.use_store(tmp_path / "store-b")  # another store on the same machine
    assert files.start_folder() == documents
    files.remember(other / "report.pdf")
    files.use_store(tmp_path / "store-a" / ".." / "store-a")  # the same folder, written otherwise
    assert files.start_folder() == usb
    usb.rmdir()  # the stick was taken out
    assert files.start_folder() == documents
    files.use_store(tmp_path / "store-b")
    assert files.start_folder() == other
    files.use_store(None)  # no store open yet: nobody's folder
    assert files.start_folder() == documents


def test_the_profile_pages_dialogs_open_in_this_stores_folder(qtbot, app, window, ctx, tmp_path,
                                                               settings, documents, monkeypatch):  # noqa: F811
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the program's working folder: never where a dialog opens
    page = page_by_keys(qtbot, window, Qt.Key.Key_P)
    assert isinstance(page, ProfileView)
    seen: dict = {}
    answer_file_dialog(qtbot, seen, "profile")
    press_button(qtbot, page.export_button)
    assert seen["directory"] == documents and "left_open" not in seen
    written = documents / "profile.toml"
    assert written.is_file()  # «.toml» added to the bare name

    # the next dialog of this store opens where the last one was used
    kept = tmp_path / "profiles"
    kept.mkdir()
    files.remember(kept / "ajfar.toml")
    answer_file_dialog(qtbot, seen, None)
    press_button(qtbot, page.check_button)
    assert seen["directory"] == kept

    # a second store's window on the same machine does not open there
    second = Store.open(tmp_path / "second")
    try:
        other_ctx = setup.init_store(second, "baraa", None, "admin", "password123")
        from ajfar_desk.ui.shell.app import build_main_window

        other = build_main_window(other_ctx)
        qtbot.addWidget(other)
        assert files.start_folder() == documents
        other.close()
    finally:
        second.close()
    files.use_store(ctx.store.data_dir)
    assert files.start_folder() == kept
    assert Path.cwd() == elsewhere


def test_the_backup_folder_is_chosen_from_this_stores_last_folder(qtbot, app, settings, documents, tmp_path):  # noqa: F811
    from PySide6.QtWidgets import QWidget

    files.use_store(tmp_path / "store")
    stick = tmp_path / "stick"
    stick.mkdir()
    files.remember(stick)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    answer_file_dialog(qtbot, seen, "")  # Enter: the folder it opened in
    assert files.folder_name(parent, "نسخ احتياطي إلى مجلد") == str(stick)
    assert seen["directory"] == stick
