"""``print KIND REF --paper-lang L`` prints the paper in L: the revision issued in L, else a new
revision in L (it used to reprint the latest revision in whatever language it was issued)."""

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
def store_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("AJFAR_USER", raising=False)
    data = tmp_path / "data"
    store = Store.open(data)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Sara Al-Otaibi")
    _a, submitted = submitted_request(ctx)  # its declaration D1 was issued in Arabic
    store.close()
    yield data, submitted.reference
    set_language("ar")


def run(capsys, data, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data), "--lang", "ar", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_print_in_another_language_issues_its_revision(store_dir, tmp_path, capsys):
    data, reference = store_dir
    pdf = tmp_path / "en.pdf"
    code, out, err = run(capsys, data, "print", "declaration", reference, "--paper-lang", "en",
                         "--out", str(pdf))
    assert code == 0, err
    assert f"{reference}-D2" in out
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Declaration of Accuracy of Data" in text and "Sara Al-Otaibi" in text

    code, out, _err = run(capsys, data, "print", "declaration", reference, "--paper-lang", "en",
                          "--out", str(tmp_path / "again.pdf"))
    assert code == 0 and f"{reference}-D2" in out and "نسخة" in out  # the same one, a copy
    # back to Arabic: D1 was signed before the request was submitted (it has no answer date),
    # so the Arabic of what D2 states is a new revision; asked again, that one, a copy
    code, out, _err = run(capsys, data, "print", "declaration", reference, "--paper-lang", "ar",
                          "--out", str(tmp_path / "ar.pdf"))
    assert code == 0 and f"{reference}-D3" in out and "أصل" in out
    code, out, _err = run(capsys, data, "print", "declaration", reference, "--paper-lang", "ar",
                          "--out", str(tmp_path / "ar2.pdf"))
    assert code == 0 and f"{reference}-D3" in out and "نسخة" in out
    code, out, _err = run(capsys, data, "audit", "list", "--json", "--action", "issue")
    issued = [e["entity_id"] for e in json.loads(out)]
    assert issued.count(f"{reference}-D2") == 1 and issued.count(f"{reference}-D3") == 1
    assert f"{reference}-D4" not in issued
