"""Importing applicants in the window, by keyboard: Excel's Arabic CSV (Windows-1256) is read
off the GUI thread, the dialog names the encoding it recognised, lists each refused row with its
column and reason (nothing saved), then imports the corrected file and says how many."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.i18n import _
from ajfar_desk.services.applicants import applicants
from ajfar_desk.ui.transfer.import_dialog import ImportDialog

HEADER = ["رقم الهوية", "الاسم", "الجوال", "تاريخ الميلاد", "الجنس", "المدينة", "الحي"]


def nid(i: int) -> str:
    return make_national_id(1, f"{i:08d}")


def cp1256_file(path, rows: list[list[str]]):
    out = io.StringIO(newline="")
    csv.writer(out).writerows([HEADER, *rows])
    path.write_bytes(out.getvalue().encode("cp1256"))  # as Excel saves "CSV" on Arabic Windows
    return path


def good(i: int, **over) -> list[str]:
    values = dict(nid=nid(i), name="سعد بن فهد عبد الله العتيبي", phone=f"0501{i:06d}",
                  birth="1990-01-01", gender="ذكر", city="الرياض", district='حي "النزهة"، شمال')
    values.update(over)
    return list(values.values())


def open_with_keyboard(qtbot, window) -> ImportDialog:
    assert window.home.import_button.isVisible()  # an administrator imports
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.import_dialog
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.path  # opens on its first field
    return dialog


def start(qtbot, dialog: ImportDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.operation is not None and dialog.operation.running  # off the GUI thread
    assert not dialog.ok.isEnabled()
    qtbot.waitUntil(lambda: not dialog.operation.running, timeout=20_000)


def errors(dialog) -> dict[str, str]:
    return {field: box.error.text() for field, box in dialog.boxes.items()
            if box.error.isVisibleTo(dialog)}


def problems(dialog) -> list[tuple[str, ...]]:
    model = dialog.problems_model
    return [tuple(strip_bidi_controls(model.index(r, c).data()) for c in range(3))
            for r in range(model.rowCount())]


def test_a_windows_1256_file_refused_by_row_then_imported(qtbot, window, ctx, tmp_path):
    path = cp1256_file(tmp_path / "applicants.csv", [
        good(1), good(2, phone="12345"), good(3, name="سعد العتيبي")])
    dialog = open_with_keyboard(qtbot, window)

    qtbot.keyClicks(dialog.path, str(path))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Tab)  # to «Choose…», then the consent box
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.consent
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
    assert dialog.consent.isChecked()
    start(qtbot, dialog)

    assert "Windows-1256" in dialog.encoding.text() and dialog.encoding.isVisible()
    assert dialog.problems.isVisible()
    found = problems(dialog)
    assert [(r, c) for r, c, _m in found] == [("٣", "الجوال"), ("٤", "الاسم")]
    assert found[0][2] == "هذا ليس رقم جوال صحيحًا، مثال: 05XXXXXXXX"  # the form's own reason
    assert "رباعي" in found[1][2]
    assert dialog.summary.text() == "لم يُستورد شيء: مشكلتان في ٣ صفوف"
    assert applicants.by_national_id(ctx, nid(1)) is None  # all or none
    assert dialog.focusWidget() is dialog.problems  # the keyboard is on the refused rows

    cp1256_file(path, [good(1), good(2), good(3)])  # corrected in the spreadsheet
    dialog.path.setFocus()
    start(qtbot, dialog)
    assert not dialog.problems.isVisible()
    assert "٣" in dialog.summary.text() and "Windows-1256" in dialog.encoding.text()
    assert applicants.by_national_id(ctx, nid(3)).district == 'حي "النزهة"، شمال'
    assert dialog.focusWidget() is dialog.close_button
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Escape)  # nothing typed since: no question
    assert not dialog.isVisible()


def test_enter_on_the_empty_path_chooses_a_file_never_refuses(qtbot, window, tmp_path, monkeypatch, answers):
    """Import waits for a file: on the empty path it is neither enabled nor the default; Enter
    opens the file chooser, and once a file is chosen Import is the default again."""
    from ajfar_desk.ui.common import files

    path = cp1256_file(tmp_path / "a.csv", [good(1)])
    asked = []
    monkeypatch.setattr(files, "open_file_name", lambda *args: asked.append(args) or str(path))
    dialog = open_with_keyboard(qtbot, window)
    assert not dialog.ok.isEnabled() and not dialog.ok.isDefault()
    assert dialog.choose.isDefault()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert len(asked) == 1  # the chooser, not a refusal
    assert not errors(dialog) and not dialog.error.isVisible() and answers.shown == []
    assert dialog.path.text() == str(path) and dialog.focusWidget() is dialog.path
    assert dialog.ok.isEnabled() and dialog.ok.isDefault() and not dialog.choose.isDefault()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Import: the consent is still missing
    assert set(errors(dialog)) == {"consent"}
    assert len(asked) == 1
    dialog.path.selectAll()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Backspace)  # emptied again: Import waits again
    assert not dialog.ok.isEnabled() and dialog.choose.isDefault()
    dialog.path.setText(str(path))
    dialog.mark_clean()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_check_only_needs_no_consent_and_imports_nothing(qtbot, window, ctx, tmp_path, answers):
    path = cp1256_file(tmp_path / "a.csv", [good(1), good(2)])
    dialog = open_with_keyboard(qtbot, window)
    qtbot.keyClicks(dialog.path, str(path))
    dialog.check_only.setFocus()
    qtbot.keyClick(dialog.check_only, Qt.Key.Key_Space)
    assert dialog.ok.text() == _("Check")
    start(qtbot, dialog)
    assert not errors(dialog)
    assert dialog.summary.text() == "دُقِّق صفان وكلاهما صحيح؛ ولم يُستورد شيء."
    assert "Windows-1256" in dialog.encoding.text()
    assert applicants.by_national_id(ctx, nid(1)) is None
    assert answers.shown == []


def test_only_those_who_may_import_see_it(qtbot, window, ctx):
    as_ = staff_accounts(ctx, {"desk": ("front_desk", "نورة موظفة الاستقبال"),
                               "boss": ("manager", "سعاد المديرة")})
    for who, sees in (("desk", False), ("boss", True), ("admin", True)):
        as_(who)
        window.retranslate()
        assert window.home.import_button.isVisible() is sees, who
        assert window.import_action.isVisible() is sees, who
