"""``ajfar-desk print missing-documents REF``: the paper a draft's applicant takes home, with the
options of the other papers (``--out``, ``--new``, ``--paper-lang``); exit 2 with one line when
nothing is missing (print the declaration) or the request is submitted."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from ajfar_desk.cli import main as cli
from ajfar_desk.db.models import Document
from ajfar_desk.i18n import set_language
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from printing.scenario import submitted_request


@pytest.fixture
def store_dir(tmp_path):
    """A submitted request, a draft lacking one document and a complete draft."""
    data = tmp_path / "data"
    store = Store.open(data)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    _a, submitted = submitted_request(ctx)
    lacking_applicant, lacking = submitted_request(ctx, first="فهد", nid_body="07654321", submit=False)
    _c, complete = submitted_request(ctx, first="سعد", nid_body="07654399", submit=False)
    kind = ctx.profile.program(lacking.program).required_documents[-1]
    with ctx.uow() as s:
        for doc in s.scalars(select(Document).where(Document.applicant_id == lacking_applicant.id,
                                                    Document.kind == kind)):
            s.delete(doc)
    name = ctx.profile.document_kind(kind).name("en")
    store.close()
    yield data, submitted.reference, lacking.reference, complete.reference, name
    set_language("ar")  # the CLI switched the process's language


def run(capsys, data, *args: str, lang: str = "en") -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data), "--lang", lang, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_print_reprint_other_language_and_verify(store_dir, tmp_path, capsys):
    data, _submitted, lacking, _complete, name = store_dir
    first = tmp_path / "needed.pdf"
    code, out, err = run(capsys, data, "print", "missing-documents", lacking.lower(), "--out", str(first))
    assert code == 0, err
    number = f"{lacking}-N1"
    assert number in out and "original" in out
    digest = out.strip().splitlines()[-1].split()[-1]
    reader = PdfReader(first)
    assert reader.metadata["/Subject"] == digest and len(reader.pages) == 1
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


@pytest.mark.parametrize("which, said", [(3, "Nothing is missing: print the declaration"),
                                         (1, "already submitted")])
def test_nothing_missing_exits_2_in_one_line(store_dir, tmp_path, capsys, which, said):
    reference = store_dir[which]
    out_file = tmp_path / "x.pdf"
    code, _out, err = run(capsys, store_dir[0], "print", "missing-documents", reference,
                          "--out", str(out_file))
    assert code == 2 and said in err, err
    assert len(err.strip().splitlines()) == 1  # one line, no traceback
    assert not out_file.exists()
