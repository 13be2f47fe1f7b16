"""The audit log in words: every action, entity and detail the code writes has a label; a
refused sign-in never stores what was typed as the user name."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from ajfar_desk import i18n
from ajfar_desk.db.models import AuditEntry
from ajfar_desk.domain import audit as words
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.demo.demo import fill_demo
from ajfar_desk.services.transfer.importer import CONSENT_NOTE
from ajfar_desk.services.users import audit, setup, users

SRC = Path(__file__).resolve().parents[3] / "src" / "ajfar_desk"


def _audit_calls():
    """Every ``<ctx>.audit(session, action, entity, id, **details)`` call in the sources, with
    the function it is in (to read the keys of a ``**details`` dict built there)."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef):
                continue
            for node in ast.walk(func):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "audit" and len(node.args) >= 3):
                    yield path.relative_to(SRC), func, node


def _constants(node: ast.expr) -> list[str] | None:
    """The codes an argument can take: a string, either branch of ``a if c else b``; None when
    it is computed (a variable, an attribute)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _constants(node.body), _constants(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _dict_keys(func: ast.FunctionDef, name: str) -> set[str]:
    """The string keys a function puts in the dict ``name``: ``{"k": ...}`` and ``name["k"] =``."""
    keys: set[str] = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets) and isinstance(node.value, ast.Dict):
                keys |= {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
            for target in targets:
                for t in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if (isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name
                            and isinstance(t.slice, ast.Constant)):
                        keys.add(t.slice.value)
    return keys


def test_every_audited_action_entity_and_detail_in_the_sources_has_a_label():
    calls = list(_audit_calls())
    assert len(calls) >= 50, "the search for ctx.audit(...) calls found too few: is it broken?"
    missing, computed = [], []
    for path, func, call in calls:
        where = f"{path}:{call.lineno}"
        for node, vocabulary in ((call.args[1], words.ACTIONS), (call.args[2], words.ENTITIES)):
            codes = _constants(node)
            if codes is None:
                computed.append(ast.unparse(node))
            missing += [f"{where} {code}" for code in codes or () if code not in vocabulary]
        for keyword in call.keywords:
            keys = {keyword.arg} if keyword.arg else _dict_keys(func, ast.unparse(keyword.value))
            missing += [f"{where} detail {key}" for key in keys if key not in words.DETAIL_KEYS]
    assert missing == []
    # the computed ones: a workflow step (its action) on a request, a paper (its kind)
    assert set(computed) <= {"action", "event.action", "kind", "doc.kind", "paper.MINUTES"}, computed
    assert [a for a in wf.ACTION_LABELS if a not in words.ACTIONS] == []
    papers = (paper.DECLARATION, paper.REFERRAL, paper.DECISION, paper.MINUTES, paper.RECEIPT)
    assert [k for k in papers if k not in words.ENTITIES] == []


def test_every_entry_a_demo_store_writes_is_in_words(ctx, arabic_by_default):
    fill_demo(ctx, 30, seed=5, today=dt.date(2026, 11, 20))
    with ctx.reading() as s:
        rows = list(s.scalars(select(AuditEntry)))
    seen = {(e.action, e.entity) for e in audit.entries(ctx, limit=len(rows))}
    assert len(seen) >= 4
    for e in audit.entries(ctx, limit=len(rows)):
        assert e.action in words.ACTIONS and e.entity in words.ENTITIES, (e.action, e.entity)
        for key in e.details:
            assert words.detail_label(key) != key, key  # in Arabic words (a status by its name)


def test_a_refused_sign_in_never_stores_the_typed_name(ctx):
    clerk = users.create_user(ctx, "clerk", "هند", "front_desk", "password123")
    typed = "MySecret-Pass9"  # a password typed in the user name box
    with pytest.raises(ValidationError):
        setup.sign_in(ctx, typed, "")
    with pytest.raises(ValidationError):
        setup.sign_in(ctx, "Clerk", "wrong-password")
    with ctx.reading() as s:
        refused = list(s.scalars(
            select(AuditEntry).where(AuditEntry.action == "sign_in_failed").order_by(AuditEntry.seq)))
        everything = [(e.entity_id, e.details) for e in s.scalars(select(AuditEntry))]
    assert [e.entity_id for e in refused] == [words.UNKNOWN_USER, str(clerk.id)]
    assert not any(typed.lower() in f"{i} {d}".lower() for i, d in everything)
    assert audit.verify(ctx) == []


def test_details_are_translated_in_the_profiles_digits(arabic_by_default):
    i18n.set_language("ar")
    text = words.details_text({"mode": "desk", "index": 92.0, "amount": "1250.5"}, "arabic")
    assert text == "طريقة الاستبانة: في مكتب الاستقبال، مؤشر الرضا: ٩٢، المبلغ: ١٬٢٥٠٫٥٠"
    assert words.action_label("sign_out") == "تسجيل خروج"
    assert words.entity_label("survey_response") == "استبانة رضا"
    assert words.what_text("user", words.UNKNOWN_USER) == "حساب مستخدم: مستخدم غير معروف"
    assert words.details_text({"to": "approved", "role": "manager"}, "arabic") == "إلى: مقبول، الدور: المدير"
    # codes keep Western digits; unknown codes are shown as they are, never a crash
    shown = words.details_text({"reference": "AJF-1448-000123"}, "arabic")
    assert strip_bidi_controls(shown) == "رقم الطلب: AJF-1448-000123"
    assert words.action_label("teleport") == "teleport" and words.entity_label("spaceship") == "spaceship"
    assert words.details_text({"weird": 3, "mode": "drone"}, "arabic") == "weird: ٣، طريقة الاستبانة: drone"
    assert words.details_text({"consent": CONSENT_NOTE}, "arabic").startswith("الموافقة: استوردها مسؤول النظام")
    i18n.set_language("en")
    assert words.details_text({"mode": "desk", "index": 92.5}, "western") == "how taken: At the desk; satisfaction index: 92.5"


def test_an_old_entry_with_the_typed_name_is_shown_as_unknown_and_still_verifies(ctx):
    with ctx.uow() as s:  # what sign_in wrote before: the typed text as the record's id
        ctx.audit(s, "sign_in_failed", "user", "typed-Secret-1")
    shown = audit.entries(ctx, action="sign_in_failed")
    assert [e.entity_id for e in shown] == [words.UNKNOWN_USER]
    with ctx.reading() as s:  # stored as written: the chain is not touched
        assert s.scalar(select(AuditEntry.entity_id).where(AuditEntry.action == "sign_in_failed")) == "typed-Secret-1"
    assert audit.verify(ctx) == []
