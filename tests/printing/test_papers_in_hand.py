"""What the applicant reads on the paper in her hand: a document she did not bring has no
validity date («—», not «بلا تاريخ انتهاء»), and the footer says in the paper's language how the
association checks the paper, not a command for the desk's terminal; the fingerprint and the QR
code stay as the verify command reads them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ajfar_desk.domain import documents as paper
from ajfar_desk.domain.requests import MISSING, OK
from ajfar_desk.printing.papers import render
from ajfar_desk.printing.values import document_rows
from ajfar_desk.services.papers import documents
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

from .pdfcheck import read, text
from .scenario import submitted_request
from .test_receipt import flat, right_to_left


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("papers") / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    _a, request = submitted_request(ctx)
    docs = {lang: documents.issue(ctx, request.id, paper.DECLARATION, lang=lang)
            for lang in ("ar", "en")}
    yield ctx, docs
    store.close()


def _one_missing(doc):
    """The paper as if the first required document had not been brought."""
    rows = [dict(d) for d in doc.content["documents"]]
    rows[0].update(state=MISSING, number="", valid_until="")
    return replace(doc, content={**doc.content, "documents": rows})


@pytest.mark.parametrize(("lang", "missing", "no_expiry"), [
    ("ar", "غير مقدَّم", "بلا تاريخ انتهاء"), ("en", "Missing", "No expiry"),
])
def test_a_missing_document_has_no_validity(issued, lang, missing, no_expiry):
    ctx, docs = issued
    doc = _one_missing(docs[lang])
    rows = document_rows(doc.content, ctx.profile)
    assert rows[0]["valid_until"] == "—"
    assert rows[0]["document_number"] == "—"
    assert rows[0]["state"] == missing
    # a document brought that never expires still says so
    kept = {**doc.content["documents"][1], "state": OK, "valid_until": ""}
    content = {**doc.content, "documents": [doc.content["documents"][0], kept]}
    assert document_rows(content, ctx.profile)[1]["valid_until"] == no_expiry


def test_the_declaration_prints_a_dash_for_a_missing_document(issued):
    ctx, docs = issued
    doc = _one_missing(docs["ar"])
    words = flat(right_to_left(read(render(doc, ctx.profile))))
    assert flat("غير مقدَّم") in words
    # «بلا تاريخ انتهاء» only beside a document brought that never expires
    undated = [d for d in doc.content["documents"] if d["state"] != MISSING and not d["valid_until"]]
    assert words.count(flat("بلا تاريخ انتهاء")) == len(undated)


@pytest.mark.parametrize(("lang", "line"), [
    ("ar", "للتحقق من صحة هذه الورقة: رمز QR أو رقمها أعلاه لدى الجمعية"),
    ("en", "To verify this paper: its QR code or the number above, with the association"),
])
def test_the_footer_says_how_the_association_checks_the_paper(issued, lang, line):
    ctx, docs = issued
    doc = docs[lang]
    reader = read(render(doc, ctx.profile))
    words = flat(text(reader)) + "|" + flat(right_to_left(reader))
    assert "ajfar-desk" not in words
    if lang == "ar":
        assert flat("للتحقق من صحة هذه الورقة") in words and flat("لدى الجمعية") in words
    else:
        assert flat(line) in words
    # the fingerprint is printed as before, and the paper still verifies by it
    assert doc.sha256[:32] in words and doc.sha256[32:] in words
    assert documents.verify(ctx, doc.number, doc.sha256).status == paper.GENUINE
