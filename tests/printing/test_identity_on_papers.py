"""Papers name the identity as it is: its type, its country, its number; a paper stored before
the types reprints as it was printed (told by the number's first digit)."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.profile import get_profile
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.printing.formatter import Formatter
from ajfar_desk.printing.values import identity_placeholders


@pytest.mark.parametrize(("applicant", "lang", "kind", "holder", "number"), [
    ({"national_id": "A1234567", "id_type": "passport", "id_country": "ID"}, "ar",
     "جواز سفر (إندونيسيا)", "حامل جواز السفر الصادر من إندونيسيا", "A1234567"),
    ({"national_id": "A1234567", "id_type": "passport", "id_country": "ID"}, "en",
     "Passport (Indonesia)", "holder of the passport issued by Indonesia", "A1234567"),
    ({"national_id": "287010101234", "id_type": "gcc_id", "id_country": "KW"}, "ar",
     "هوية وطنية خليجية (الكويت)", "حامل الهوية الوطنية الصادرة من الكويت", "287010101234"),
    ({"national_id": "3012345678", "id_type": "border_number", "id_country": ""}, "ar",
     "رقم الحدود", "حامل رقم الحدود", "3012345678"),
    ({"national_id": "", "id_type": "none", "id_country": ""}, "en",
     "Identity document", "without an identity document,", "—"),
    ({"national_id": "2000000006"}, "ar", "رقم الإقامة", "حامل هوية مقيم", "2000000006"),  # stored before
])
def test_the_identity_as_printed(applicant, lang, kind, holder, number):
    f = Formatter(get_profile("alhuda"), lang)
    values = {k: strip_bidi_controls(v) for k, v in identity_placeholders(applicant, f).items()}
    assert (values["id_kind"], values["id_holder"]) == (kind, holder)
    assert values["national_id"].replace("\u00a0", "") in (number, number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")))


@pytest.mark.parametrize(("applicant", "lang", "shown"), [
    ({"full_name": "عيسى محمد الحربي", "latin_name": "Eisa Mohammed Alharbi"}, "en",
     "Eisa Mohammed Alharbi (عيسى محمد الحربي)"),
    ({"full_name": "عيسى محمد الحربي", "latin_name": "Eisa Mohammed Alharbi"}, "ar",
     "عيسى محمد الحربي"),
    ({"full_name": "عيسى محمد الحربي"}, "en", "عيسى محمد الحربي"),  # no Latin name, or before it
])
def test_an_english_paper_names_the_passport_holder_in_latin_letters_first(applicant, lang, shown):
    from ajfar_desk.printing.values import applicant_name

    assert strip_bidi_controls(applicant_name(applicant, lang)) == shown
