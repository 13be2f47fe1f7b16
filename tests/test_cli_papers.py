"""``ajfar-desk print`` and ``ajfar-desk verify``, end to end, as a user runs them."""

from __future__ import annotations

import json

from pypdf import PdfReader

from test_cli import STORE_FILE, init, one_line_error, run


def submitted_reference(data_dir) -> str:
    result = run(data_dir, "demo", "--applicants", "12", "--seed", "5")
    assert result.returncode == 0, result.stderr
    listed = run(data_dir, "requests", "list", "--status", "submitted", "--json")
    return json.loads(listed.stdout)[0]["reference"]


def test_print_reprint_and_verify(tmp_path):
    data = tmp_path / "d"
    init(data)
    reference = submitted_reference(data)
    first = run(data, "print", "declaration", reference.lower(), "--out", str(tmp_path / "a.pdf"))
    assert first.returncode == 0, first.stderr
    number = f"{reference}-D1"
    assert number in first.stdout and "original" in first.stdout
    digest = first.stdout.strip().splitlines()[-1].split()[-1]
    assert len(digest) == 64
    reader = PdfReader(tmp_path / "a.pdf")
    assert reader.metadata["/Subject"] == digest and len(reader.pages) >= 1

    again = run(data, "print", "declaration", reference, "--out", str(tmp_path / "b.pdf"))
    assert again.returncode == 0 and "copy" in again.stdout and number in again.stdout
    assert PdfReader(tmp_path / "b.pdf").metadata["/Subject"] == digest

    referral = run(
        data, "print", "referral", reference, "--out", str(tmp_path / "r.pdf"),
        "--paper-lang", "ar", "--note", "زيارة منزلية",
    )
    assert referral.returncode == 0, referral.stderr
    assert f"{reference}-R1" in referral.stdout

    ok = run(data, "verify", number, digest)
    assert ok.returncode == 0 and "genuine" in ok.stdout
    altered = run(data, "verify", number, digest[::-1])
    assert altered.returncode == 3 and "ALTERED" in altered.stdout
    unknown = run(data, "verify", "AJF-1400-000009-D1", digest, "--json")
    assert unknown.returncode == 3 and json.loads(unknown.stdout)["status"] == "unknown"
    arabic = run(data, "verify", number, digest, lang="ar")
    assert "سليم" in arabic.stdout


def test_print_errors_are_one_line(tmp_path):
    data = tmp_path / "d"
    init(data)
    missing = run(data, "print", "declaration", "AJF-1400-000001", "--out", str(tmp_path / "x.pdf"))
    assert missing.returncode == 2 and "AJF-1400-000001" in one_line_error(missing)
    reference = submitted_reference(data)
    folder = run(data, "print", "referral", reference, "--out", str(tmp_path))
    assert folder.returncode == 2 and "folder" in one_line_error(folder)
    bad_hash = run(data, "verify", f"{reference}-D1", "xyz")
    assert bad_hash.returncode == 2 and "64" in one_line_error(bad_hash)


def test_verify_the_qr_text_checks_its_signature_and_the_audit_entry(tmp_path):
    import sqlite3

    from ajfar_desk.domain import documents as paper

    data = tmp_path / "d"
    init(data)
    reference = submitted_reference(data)
    printed = run(data, "print", "declaration", reference, "--out", str(tmp_path / "a.pdf"))
    assert printed.returncode == 0, printed.stderr
    qr = PdfReader(tmp_path / "a.pdf").metadata["/Keywords"]
    assert paper.qr_signature(qr)
    ok = run(data, "verify", qr)
    assert ok.returncode == 0 and "Signature: valid" in ok.stdout, ok.stdout
    number, digest = paper.parse_qr_payload(qr)
    typed = run(data, "verify", number, digest)
    assert typed.returncode == 0 and "Signature: none" in typed.stdout

    with sqlite3.connect(data / STORE_FILE) as db:  # content and hash changed together
        content = json.loads(db.execute("SELECT content FROM issued_document WHERE number = ?",
                                        (number,)).fetchone()[0])
        content["applicant"]["full_name"] = "اسم آخر"
        db.execute("UPDATE issued_document SET content = ?, sha256 = ? WHERE number = ?",
                   (paper.canonical_json(content), paper.content_hash(content), number))
    db.close()
    forged = run(data, "verify", number, paper.content_hash(content), "--json")
    report = json.loads(forged.stdout)
    assert forged.returncode == 3 and report["status"] == "altered"
    assert any("audit entry" in r for r in report["reasons"]), report
    assert run(data, "verify", qr).returncode == 3  # the paper in hand: altered too
    arabic = run(data, "verify", qr, lang="ar")
    assert arabic.returncode == 3 and arabic.stdout.strip()
