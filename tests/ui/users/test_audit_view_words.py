"""The audit page in Arabic: actions, records and details in Arabic words, numbers in the
profile's Arabic-Indic digits, a refused sign-in under an unknown name as «مستخدم غير معروف»."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.users import setup, users
from ajfar_desk.ui.users.audit_view import AuditView

from ..conftest import type_text


def _texts(view: AuditView) -> list[tuple[str, ...]]:
    m = view.model
    return [tuple(strip_bidi_controls(m.data(m.index(r, c)) or "") for c in range(m.columnCount()))
            for r in range(m.rowCount())]


def test_the_audit_page_reads_in_arabic(qtbot, window, ctx):
    assert ctx.profile.digits == "arabic"
    users.create_user(ctx, "clerk", "هند", "front_desk", "password123")
    admin = ctx.user
    for typed in ("my-password-1", "clerk"):  # a password typed as the user name; a wrong one
        with pytest.raises(ValidationError):
            setup.sign_in(ctx, typed, "nope-nope")
    ctx.user = admin
    with ctx.uow() as s:  # what recording a survey writes
        ctx.audit(s, "record", "survey_response", "", mode="desk", index=92.0)
    window.audit_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, AuditView)
    rows = _texts(view)
    action, what, details = rows[0][3:]
    assert (action, what, details) == ("تسجيل", "استبانة رضا", "طريقة الاستبانة: في مكتب الاستقبال، مؤشر الرضا: ٩٢")
    refused = [r for r in rows if r[3] == "محاولة دخول مرفوضة"]
    assert [r[4] for r in refused][-1] == "حساب مستخدم: مستخدم غير معروف"
    assert refused[0][4].startswith("حساب مستخدم …")  # the known account, by its id
    assert not any("my-password-1" in cell for row in rows for cell in row)
    assert not any(code in cell for row in rows for cell in row[3:]
                   for code in ("sign_in_failed", "survey_response", "mode", "index", "92.0", "role"))
    assert ("إضافة", "الدور: موظف علاقات المستفيدين، الجنس: ذكر") in {(r[3], r[5]) for r in rows}

    type_text(qtbot, view.filter, "محاولة دخول")  # the filter reads the Arabic words too
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert {r.action for r in view.model.rows} == {"sign_in_failed"}
