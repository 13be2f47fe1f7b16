"""A document's validity on the papers is Hijri beside Gregorian (trial 12: the declaration
gave the ID card's expiry in Gregorian only, though the desk typed it in Hijri)."""

import datetime as dt

from ajfar_desk.domain.dates import format_date, format_hijri
from ajfar_desk.domain.profile import get_profile
from ajfar_desk.printing.values import document_rows


def test_the_validity_is_hijri_beside_gregorian_in_both_languages():
    profile = get_profile("ajfar")
    expiry = dt.date(2028, 11, 2)
    for lang in ("ar", "en"):
        content = {"lang": lang, "documents": [
            {"kind": "national_id", "number": "1098765439", "valid_until": expiry.isoformat(), "state": "valid"}]}
        (row,) = document_rows(content, profile)
        digits = profile.digits if lang == "ar" else "western"
        assert format_hijri(expiry, lang, digits) in row["valid_until"], row
        assert format_date(expiry, lang, digits) in row["valid_until"], row
