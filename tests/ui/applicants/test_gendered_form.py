"""Words said of the applicant agree with her gender once it is chosen: the marital statuses,
the categories and the consent's words in the registration form («مطلقة», «يتيمة», «موافقة»),
the category in her file; before a gender is chosen the form keeps the neutral «مطلق/مطلقة»."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.i18n import _

from ..conftest import pick_code, register


def _texts(combo) -> dict[str, str]:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_the_form_agrees_with_the_gender_once_it_is_chosen(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    marital, category = f.combos["marital_status"], f.combos["category"]
    assert _texts(marital)["divorced"] == "مطلق/مطلقة"  # no gender yet: the neutral word
    assert _texts(category)["orphan"] == "يتيم"
    pick_code(qtbot, f.combos["gender"], "female")
    assert _texts(marital)["divorced"] == "مطلقة"
    assert _texts(marital)["widowed"] == "أرملة"
    assert _texts(category)["orphan"] == "يتيمة"
    assert _texts(category)["volunteer"] == "متطوعة"
    assert _texts(category)["disability"] == "ذات إعاقة"
    assert f.messages_consent.text() == "موافقة"
    assert f.consent.text() == "موافقة المستفيدة"
    assert f.boxes["messages_consent"].label.text() == "الرسائل إلى المستفيدة"
    # the choice made stays chosen, shown in the agreeing word
    pick_code(qtbot, marital, "divorced")
    assert marital.currentText() == "مطلقة"
    pick_code(qtbot, f.combos["gender"], "male")
    assert marital.code() == "divorced" and marital.currentText() == "مطلق"
    assert _texts(category)["widow"] == "أرمل"
    assert f.messages_consent.text() == "موافق"
    form.dirty = False


def test_an_edited_womans_form_opens_in_her_words(qtbot, window, ctx):
    view = register(ctx, 5101, first_name="نورة", gender="female", marital_status="divorced",
                    category="orphan")
    window.open_applicant(view.id)
    qtbot.keyClick(window.page, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    f = window.page.fields
    assert f.combos["marital_status"].currentText() == "مطلقة"
    assert f.combos["category"].currentText() == "يتيمة"
    assert f.messages_consent.text() == "موافقة"


def test_her_file_names_her_category_in_the_feminine(qtbot, window, ctx):
    view = register(ctx, 5102, first_name="نورة", gender="female", marital_status="widowed",
                    category="volunteer")
    window.open_applicant(view.id)
    page = window.page
    shown = {name.text(): value.text() for name, value in page.detail_labels}
    assert "متطوعة" in shown[_("Category")]
    assert "أرملة" in shown[_("Marital status")]
