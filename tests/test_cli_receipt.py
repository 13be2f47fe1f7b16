"""``ajfar-desk print receipt REF`` end to end, in-process: issue, reprint as a copy, another
language, verify; a draft has no receipt."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from ajfar_desk.cli import main as cli
from ajfar_desk.i18n import set_language
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from printing.scenario import submitted_request


@pytest.fixture
def store_dir(tmp_path):
    """A store with one submitted request and one draft, closed again: the CLI opens it."""
    data = tmp_path / "data"
    store = Store.open(data)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    _a, submitted = submitted_request(ctx)
    _b, draft = submitted_request(ctx, first="فهد", nid_body="07654321", submit=False)
    store.close()
    yield data, submitted.reference, draft.reference
    set_language("ar")  # the CLI switched the process's language


def run(capsys, data, *args: str, lang: str = "en") -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data), "--lang", lang, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def printed_original(capsys, data, paper: str, reference: str, number: str, path) -> tuple[PdfReader, str]:
    """``print <paper>`` of ``reference`` (typed in lower case) as the original ``number``: one
    page whose subject is the digest the command printed last."""
    code, out, err = run(capsys, data, "print", paper, reference.lower(), "--out", str(path))
    assert code == 0, err
    assert number in out and "original" in out
    digest = out.strip().splitlines()[-1].split()[-1]
    reader = PdfReader(path)
    assert reader.metadata["/Subject"] == digest and len(reader.pages) == 1
    return reader, digest


def test_print_receipt_reprint_other_language_and_verify(store_dir, tmp_path, capsys):
    data, reference, _draft = store_dir
    first = tmp_path / "receipt.pdf"
    number = f"{reference}-A1"
    reader, digest = printed_original(capsys, data, "receipt", reference, number, first)
    assert "Receipt" in reader.metadata["/Title"] and "Receipt of a Request" in reader.pages[0].extract_text()

    again = tmp_path / "again.pdf"
    code, out, _err = run(capsys, data, "print", "receipt", reference, "--out", str(again))
    assert code == 0 and number in out and "copy" in out
    assert PdfReader(again).metadata["/Subject"] == digest  # the same receipt, marked as a copy
    assert "COPY" in PdfReader(again).metadata["/Title"]

    arabic = tmp_path / "ar.pdf"
    code, out, _err = run(
        capsys, data, "print", "receipt", reference, "--out", str(arabic), "--paper-lang", "ar"
    )
    assert code == 0 and f"{reference}-A2" in out and "original" in out
    assert "إيصال استلام طلب" in PdfReader(arabic).metadata["/Title"]

    code, out, _err = run(capsys, data, "verify", number, digest, "--json")
    assert code == 0
    verdict = json.loads(out)
    assert verdict["status"] == "genuine" and verdict["request"] == reference
    code, out, _err = run(capsys, data, "verify", number, digest[::-1])
    assert code == 3 and "ALTERED" in out


def test_a_draft_has_no_receipt(store_dir, tmp_path, capsys):
    data, _reference, draft = store_dir
    code, _out, err = run(capsys, data, "print", "receipt", draft, "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "Submit the request" in err
    assert len(err.strip().splitlines()) == 1  # one line, no traceback
    assert not (tmp_path / "x.pdf").exists()
