"""The administrator's profile page (Ctrl+Shift+P): the version in force and its sha256; an
edited file with a mistake is refused with its line and key in Arabic and nothing changes; a
correct one is imported after a confirmation whose default is «No», and is in force."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.profile import profiles
from ajfar_desk.ui.common import files
from ajfar_desk.ui.profile.profile_view import ProfileView

from ..conftest import page_by_keys, press_button


def _page(qtbot, window) -> ProfileView:
    page = page_by_keys(qtbot, window, Qt.Key.Key_P)
    assert isinstance(page, ProfileView)
    return page


def _press(qtbot, button) -> None:
    press_button(qtbot, button)


def test_export_check_and_import_by_keyboard(qtbot, window, ctx, tmp_path, monkeypatch, answers):
    page = _page(qtbot, window)
    first = profiles.current(ctx)
    assert first.sha256 in page.summary.text() and "الإصدار" in page.summary.text()
    assert page.model.rowCount() == 1

    out = tmp_path / "edit" / "ajfar.toml"
    monkeypatch.setattr(files, "save_file_name", lambda *a, **k: str(out))
    _press(qtbot, page.export_button)
    assert out.is_file() and str(out) in page.result.message.text()

    text = out.read_text(encoding="utf-8")
    bad = out.with_name("bad.toml")
    bad.write_text(text.replace('digits = "', 'digits = "roman', 1), encoding="utf-8")
    monkeypatch.setattr(files, "open_file_name", lambda *a, **k: str(bad))
    _press(qtbot, page.import_button)
    said = page.error.text()
    assert "السطر" in said and "digits" in said and "arabic, western" in said
    assert answers.asked == [] and profiles.current(ctx).number == 1

    good = out.with_name("good.toml")
    good.write_text(text.replace(f'name_ar = "{ctx.profile.name_ar}"',
                                 'name_ar = "جمعية الأجفر (مراجعة ٢٠٢٧)"', 1), encoding="utf-8")
    monkeypatch.setattr(files, "open_file_name", lambda *a, **k: str(good))
    answers.replies.append(True)
    _press(qtbot, page.import_button)
    assert answers.defaults == [False]
    assert profiles.current(ctx).number == 2 and ctx.profile.name_ar == "جمعية الأجفر (مراجعة ٢٠٢٧)"
    assert page.model.rowCount() == 2 and "٢" in page.result.message.text()
    assert "مراجعة" in page.summary.text()
    assert not page.error.isVisible()
