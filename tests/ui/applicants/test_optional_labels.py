"""A new employee's trial: the form says which fields may be left empty («(اختياري)»), as the
service's rules let them be, so the grandfather's name and the marital status are known to be
required before Save; examples read as examples, in the profile's digits; a document's number
follows the profile's digits and a kind with no expiry says its expiry is optional."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.applicants.applicant_input import OPTIONAL, VISITOR_BLANK
from ajfar_desk.ui.applicants.record_dialogs import DocumentDialog

from ..conftest import register, type_text

OPTIONAL_WORD = "اختياري)"  # «(اختياري)», «(كما في الجواز، اختياري)»


def test_optional_fields_say_so_and_required_ones_do_not(qtbot, window, ctx):
    f = window.new_applicant().fields
    labels = {name: box.label.text() for name, box in f.boxes.items()}
    for name in OPTIONAL:
        assert OPTIONAL_WORD in labels[name], (name, labels[name])
    for name in ("grandfather_name", "father_name", "family_name", "marital_status", "phone",
                 "city", "category", "first_name", "birth_date"):
        assert "اختياري" not in labels[name], (name, labels[name])
    # a passport's number typed: the type follows, and the visitor's own optional fields say so
    f.inputs["national_id"].setFocus()
    type_text(qtbot, f.inputs["national_id"], "P7654321")
    assert f.id_type.code() == "passport"
    for name in VISITOR_BLANK:
        assert OPTIONAL_WORD in f.boxes[name].label.text(), name
    assert "اختياري" not in f.boxes["family_name"].label.text()


def test_the_optional_fields_left_empty_are_saved(qtbot, window, ctx):
    """What the form labels optional, the service lets be empty: no "{label} is required"."""
    saved = register(ctx, 41, **{name: "" for name in OPTIONAL})
    assert saved.district == "" and saved.email is None and saved.latin_name is None


def test_examples_read_as_examples_in_the_profiles_digits(qtbot, window, ctx):
    f = window.new_applicant().fields
    phone = f.inputs["phone"].placeholderText()
    assert "X" not in phone and not any("0" <= ch <= "9" for ch in phone), phone
    assert "٠٥" in phone
    assert f.inputs["latin_name"].placeholderText().startswith("مثال")


def _document_dialog(qtbot, window, ctx) -> DocumentDialog:
    saved = register(ctx, 42)
    dialog = DocumentDialog(ctx, saved.id, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_document_number_and_date_hint_follow_the_profiles_digits(qtbot, window, ctx):
    dialog = _document_dialog(qtbot, window, ctx)
    dialog.number.setFocus()
    qtbot.keyClicks(dialog.number, "1012345678")
    assert dialog.number.text() == "١٠١٢٣٤٥٦٧٨"
    dialog.number.clear()
    qtbot.keyClicks(dialog.number, "A123")  # a number with a Latin letter keeps its digits
    assert dialog.number.text() == "A123"
    hint = dialog.expiry_date.placeholderText()
    assert not any("0" <= ch <= "9" for ch in hint), hint
    assert hint.index("١٤٤٦") < hint.index("٢٠٢٤")  # Hijri first
    qtbot.keyClicks(dialog.expiry_date, "13-2024")  # a bad date: its reason's example, too
    problem = dialog.expiry_readout.text()
    assert problem and not any("0" <= ch <= "9" for ch in problem), problem


def test_a_kind_with_no_expiry_says_its_expiry_is_optional(qtbot, window, ctx):
    dialog = _document_dialog(qtbot, window, ctx)
    kinds = ctx.profile.document_kinds
    lasting = next(k for k in kinds if not k.has_expiry)
    expiring = next(k for k in kinds if k.has_expiry)
    dialog.kind.setFocus()
    for kind in (expiring, lasting):
        while dialog.kind.code() != kind.code:
            qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
        label = dialog.boxes["expiry_date"].label.text()
        assert (OPTIONAL_WORD in label) is (not kind.has_expiry), (kind.code, label)
