"""``ajfar-desk print`` and ``ajfar-desk verify``, end to end, as a user runs them."""

from __future__ import annotations

import json

from pypdf import PdfReader

from test_cli import init, one_line_error, run


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
