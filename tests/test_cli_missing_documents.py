"""``ajfar-desk print missing-documents REF``: the paper a draft's applicant takes home, with the
options of the other papers (``--out``, ``--new``, ``--paper-lang``); exit 2 with one line when
nothing is missing (print the declaration) or the request is submitted."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, select

import test_cli_receipt
from ajfar_desk.db.models import Document, SupportRequest
from ajfar_desk.domain.profile import get_profile
from ajfar_desk.services.store.store import Store
from test_cli_receipt import printed_original, run

store_dir = test_cli_receipt.store_dir  # its store: a submitted request and a complete draft


@pytest.fixture
def lacking_dir(store_dir):
    """The receipt's store (a submitted request, a complete draft), its draft's applicant then
    without the program's last required document: a walk-in without all her papers."""
    data, _submitted, draft = store_dir
    store = Store.open(data)
    try:
        with store.engine.begin() as db:
            request = db.execute(select(SupportRequest).where(SupportRequest.reference == draft)).one()
            kind = get_profile("ajfar").program(request.program).required_documents[-1]
            db.execute(delete(Document).where(Document.applicant_id == request.applicant_id,
                                              Document.kind == kind))
    finally:
        store.close()
    return data, draft, get_profile("ajfar").document_kind(kind).name("en")


def test_print_reprint_other_language_and_verify(lacking_dir, tmp_path, capsys):
    data, lacking, name = lacking_dir
    first = tmp_path / "needed.pdf"
    number = f"{lacking}-N1"
    reader, digest = printed_original(capsys, data, "missing-documents", lacking, number, first)
    page = " ".join(reader.pages[0].extract_text().split())
    assert "Documents needed to complete your request" in page and name in page
    assert "Not submitted yet" in page

    again = tmp_path / "again.pdf"
    code, out, _err = run(capsys, data, "print", "missing-documents", lacking, "--out", str(again))
    assert code == 0 and number in out and "copy" in out  # the same paper, marked as a copy
    assert "COPY" in PdfReader(again).metadata["/Title"]
    code, out, _err = run(capsys, data, "print", "missing-documents", lacking, "--out", str(again),
                          "--new")
    assert code == 0 and f"{lacking}-N2" in out and "original" in out

    arabic = tmp_path / "ar.pdf"
    code, out, _err = run(capsys, data, "print", "missing-documents", lacking, "--out", str(arabic),
                          "--paper-lang", "ar")
    assert code == 0 and f"{lacking}-N3" in out
    assert "المستندات المطلوبة لاستكمال طلبك" in PdfReader(arabic).metadata["/Title"]

    code, out, _err = run(capsys, data, "verify", number, digest, "--json")
    assert code == 0 and json.loads(out)["request"] == lacking


@pytest.mark.parametrize("which, said", [(2, "Nothing is missing: print the declaration"),
                                         (1, "already submitted")])
def test_nothing_missing_exits_2_in_one_line(store_dir, tmp_path, capsys, which, said):
    reference = store_dir[which]
    out_file = tmp_path / "x.pdf"
    code, _out, err = run(capsys, store_dir[0], "print", "missing-documents", reference,
                          "--out", str(out_file))
    assert code == 2 and said in err, err
    assert len(err.strip().splitlines()) == 1  # one line, no traceback
    assert not out_file.exists()
