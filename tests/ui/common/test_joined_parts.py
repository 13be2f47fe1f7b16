"""Short parts side by side: a middle dot beside Arabic-Indic digits read as a zero to a new
employee («هوية وطنية سعودية · ١٠٩٨…» as «…١٠٩٨…٠»; trial 12), so Arabic joins with its comma."""

from ajfar_desk.domain.profile import get_profile
from ajfar_desk.i18n import set_language
from ajfar_desk.ui.applicants.file_details import identity_text
from ajfar_desk.ui.common import fmt


class _File:  # what identity_text reads of a file
    id_type, id_country, id_number, gender = "national_id", None, "1098765439", "female"


def test_arabic_joins_with_its_comma_and_english_with_a_dot():
    assert fmt.joined(("مدير النظام", "", "المقر الرئيسي")) == "مدير النظام، المقر الرئيسي"
    set_language("en")
    try:
        assert fmt.joined(("Manager", "Head office")) == "Manager · Head office"
    finally:
        set_language("ar")


def test_an_identity_has_no_dot_beside_its_digits():
    said = identity_text(get_profile("ajfar"), _File())
    assert "·" not in said and "، " in said and "١٠٩٨٧٦٥٤٣٩" in said, said
