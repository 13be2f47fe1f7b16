"""Every value the audit screen shows is in words: a channel, a program, a document's kind, a
recommendation… never its code (``services/users/audit_text``)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ajfar_desk import i18n
from ajfar_desk.domain import audit as words
from ajfar_desk.domain import messages
from ajfar_desk.domain.id_types import ID_TYPES
from ajfar_desk.domain.programs import ELIGIBILITY_CONDITIONS
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.applicants.applicant_input import APPLICANT_LABELS
from ajfar_desk.services.committee.study import RECOMMENDATIONS
from ajfar_desk.services.demo.demo import fill_demo
from ajfar_desk.services.guides.library import KINDS as LIBRARY_KINDS
from ajfar_desk.services.users import audit, audit_text, setup

LATIN = re.compile(r"[A-Za-z]{2}")
ID_KEYS = {"applicant", "removed", "sha256", "reference", "request", "number", "file", "meeting"}  # codes


def _every_code(profile) -> list[tuple[str, str]]:
    """(detail key, code) for every code the program writes in a detail."""
    codes = [("channel", c.code) for c in profile.channels]
    codes += [("program", p.code) for p in profile.programs]
    codes += [("branch", b.code) for b in profile.branches]
    codes += [("kind", k.code) for k in profile.document_kinds]
    codes += [("failed", c.code) for p in profile.programs for c in p.eligibility.confirmations]
    codes += [("channel", c) for c in messages.CHANNELS] + [("kind", k) for k in messages.KINDS]
    codes += [("kind", k) for k in LIBRARY_KINDS] + [("recommendation", r) for r in RECOMMENDATIONS]
    codes += [("failed", c) for c in ELIGIBILITY_CONDITIONS] + [("id_type", t) for t in ID_TYPES]
    codes += [("fields", f) for f in APPLICANT_LABELS] + [("field", f) for f in APPLICANT_LABELS]
    codes += [(key, code) for key, vocabulary in words.VALUES.items() for code in vocabulary]
    return codes


@pytest.mark.parametrize("association", ["ajfar", "alhuda", "aman", "baraa", "najran"])
def test_every_code_a_detail_can_hold_is_named_in_arabic(association, arabic_by_default):
    from ajfar_desk.domain.profile import get_profile

    profile = get_profile(association)
    i18n.set_language("ar")
    for key, code in _every_code(profile):
        shown = strip_bidi_controls(audit_text.details_text(profile, {key: code}, "arabic"))
        assert not LATIN.search(shown), (key, code, shown)
    for key in words.DETAIL_KEYS:  # every key in Arabic words
        assert not LATIN.search(words.detail_label(key)) or key == "sha256", key


@pytest.mark.parametrize("association", ["ajfar", "alhuda"])
def test_every_entry_the_demo_writes_reads_in_arabic_words(tmp_path, association, arabic_by_default):
    from ajfar_desk.services.store.store import Store

    store = Store.open(tmp_path / association)
    try:
        ctx = setup.init_store(store, association, None, "admin", "password123", "مدير النظام")
        fill_demo(ctx, 40, seed=3, today=dt.date.today())
        i18n.set_language("ar")
        entries = audit.entries(ctx, limit=100_000)
        kinds = {(e.action, e.entity) for e in entries}
        assert {("record", "enquiry"), ("record", "complaint"), ("demo", "store"),
                ("create", "document")} <= kinds
        for e in entries:
            shown = {key: strip_bidi_controls(words.detail_value(
                key, value, "arabic", audit_text.namer(ctx.profile)))
                for key, value in e.details.items() if key not in ID_KEYS}
            raw = {k: v for k, v in shown.items() if LATIN.search(v)}
            assert raw == {}, (e.action, e.entity, raw)
            assert all(not LATIN.search(words.detail_label(k)) for k in e.details if k != "sha256"), e.details
    finally:
        store.close()
