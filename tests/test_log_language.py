"""The log is English, like every line the program writes there (``logs``: literal English lines,
never through the catalog): a refusal is logged by its kind and codes, never as the sentence the
user read (the log read «refresh after applicants skipped: permission: لا يحق لصاحب دور «Not
signed in» أن …»: Arabic, with an English phrase the catalog had missed inside it).  And the
sentence the user reads is whole in her language."""

from __future__ import annotations

import logging
import re

from ajfar_desk import i18n
from ajfar_desk.domain import permissions as perm
from ajfar_desk.domain.errors import ValidationError, for_log

ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")


def test_a_refusal_with_nobody_signed_in_reads_whole_in_arabic():
    i18n.set_language("ar")
    message = perm.PermissionDenied(None, perm.VIEW_APPLICANT).message
    assert not LATIN.search(message), message
    assert "تسجيل الدخول" in message


def test_a_refusal_is_logged_in_english(caplog):
    i18n.set_language("ar")
    refusal = perm.PermissionDenied(None, perm.VIEW_APPLICANT)
    with caplog.at_level(logging.INFO):
        logging.getLogger("ajfar_desk.ui.shell.main_window").info(
            "refresh after %s skipped: %s", "applicants", for_log(refusal))
    line = caplog.records[-1].getMessage()
    assert not ARABIC.search(line), line
    assert perm.VIEW_APPLICANT in line and "nobody signed in" in line
    assert for_log(perm.PermissionDenied(perm.FRONT_DESK, perm.DECIDE)) == \
        f"PermissionDenied: {perm.FRONT_DESK} may not {perm.DECIDE}"
    assert for_log(ValidationError("national_id", "رقم الهوية غير صحيح")) == "ValidationError (national_id)"
    assert for_log(OSError("disk full")) == "OSError: disk full"
